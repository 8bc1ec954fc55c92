"""Connectors, registered by name and imported lazily (tweepy and facebook-sdk load only when used)."""
from __future__ import annotations

import importlib
from typing import Any

from connectors.base import (
    ACTIONS,
    PLATFORM_ACTIONS,
    PLATFORM_NAMES,
    ActionTarget,
    Connector,
    ConnectorError,
    Effect,
    FetchResult,
    RawComment,
    Rejected,
    UnsupportedAction,
    blocked_until,
    restore_blocked,
)

# name -> "module:factory". The factory is called as factory(platform=..., handle=..., **options)
# and returns a Connector.
CONNECTORS: dict[str, str] = {
    "replay": "connectors.replay:ReplayConnector",
    "x": "connectors.x:XConnector",
    "facebook": "connectors.facebook:FacebookConnector",
}


def connector_class(name: str) -> type:
    """The connector's class, imported but not instantiated (e.g. to read what it ``supports``)."""
    module_name, _, attr = CONNECTORS[name].partition(":")
    return getattr(importlib.import_module(module_name), attr)


def supported_actions(connector: str, platform: str) -> frozenset[str]:
    """What an account on ``platform`` through ``connector`` can do: what the connector implements,
    within what the platform allows (base.PLATFORM_ACTIONS). Empty for an unknown connector."""
    try:
        implemented = frozenset(connector_class(connector).supports)
    except (KeyError, ImportError, AttributeError):
        return frozenset()
    return implemented & PLATFORM_ACTIONS.get(platform, frozenset())


def build_connector(name: str, *, platform: str, handle: str, options: dict[str, Any]) -> Connector:
    try:
        target = CONNECTORS[name]
    except KeyError:
        allowed = ", ".join(sorted(CONNECTORS))
        raise ConnectorError(f"unknown connector {name!r}; allowed: {allowed}", permanent=True) from None
    module_name, _, attr = target.partition(":")
    factory = getattr(importlib.import_module(module_name), attr)
    return factory(platform=platform, handle=handle, **options)


__all__ = [
    "ACTIONS", "CONNECTORS", "PLATFORM_ACTIONS", "PLATFORM_NAMES", "ActionTarget", "Connector", "ConnectorError", "Effect", "FetchResult",
    "RawComment", "Rejected", "UnsupportedAction", "blocked_until", "build_connector", "connector_class", "restore_blocked",
    "supported_actions",
]
