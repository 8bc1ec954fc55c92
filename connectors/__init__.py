"""Platforms and their connectors, registered by name; a connector is imported only when used (tweepy
loads only for X). Adding a platform is its module and one entry in PLATFORMS (README.md, "Adding a
connector"): everything else asks here."""
from __future__ import annotations

import importlib
from enum import StrEnum
from typing import Any

from connectors.base import (
    ACTIONS,
    ActionTarget,
    Connector,
    ConnectorError,
    Effect,
    FetchResult,
    PlatformInfo,
    RawComment,
    Rejected,
    UnsupportedAction,
    blocked_until,
    restore_blocked,
)

# The platforms the service watches, one entry each (connectors/base.py, PlatformInfo, says what each
# field is for). The value is what is stored with each comment and written in the config.
PLATFORMS: dict[str, PlatformInfo] = {
    "facebook": PlatformInfo("Facebook", connector="connectors.facebook:FacebookConnector",
                             domains=("facebook.com", "fb.com"), loggers=("facebook",)),
    # X (reference §2.4–2.5): hide and unhide replies in conversations the account started; it
    # cannot delete others' posts, blocking left the API in 2023, and replies are restricted.
    "x": PlatformInfo("X", connector="connectors.x:XConnector", actions=frozenset({"hide", "unhide"}),
                      domains=("x.com", "twitter.com"), loggers=("tweepy", "oauthlib", "requests_oauthlib")),
}

# name -> "module:factory": each platform's own connector under the platform's name, and connectors
# that serve any platform. The factory is called as factory(platform=..., handle=..., **options) and
# returns a Connector.
CONNECTORS: dict[str, str] = {
    "replay": "connectors.replay:ReplayConnector",
    **{platform: info.connector for platform, info in PLATFORMS.items()},
}

# Derived from PLATFORMS, for those who ask one question of every platform.
Platform = StrEnum("Platform", {value.upper(): value for value in PLATFORMS})
PLATFORM_ACTIONS: dict[str, frozenset[str]] = {p: info.actions for p, info in PLATFORMS.items()}
PLATFORM_NAMES: dict[str, str] = {p: info.name for p, info in PLATFORMS.items()}
PLATFORM_DOMAINS: tuple[str, ...] = tuple(d for info in PLATFORMS.values() for d in info.domains)
PLATFORM_LOGGERS: tuple[str, ...] = tuple(name for info in PLATFORMS.values() for name in info.loggers)


def connector_class(name: str) -> type:
    """The connector's class, imported but not instantiated (e.g. to read what it ``supports``)."""
    module_name, _, attr = CONNECTORS[name].partition(":")
    return getattr(importlib.import_module(module_name), attr)


def supported_actions(connector: str, platform: str) -> frozenset[str]:
    """What an account on ``platform`` through ``connector`` can do: what the connector implements,
    within what the platform allows (its PlatformInfo.actions). Empty for an unknown connector."""
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
    "ACTIONS", "CONNECTORS", "PLATFORMS", "PLATFORM_ACTIONS", "PLATFORM_DOMAINS", "PLATFORM_LOGGERS", "PLATFORM_NAMES",
    "Platform", "PlatformInfo", "ActionTarget", "Connector", "ConnectorError", "Effect", "FetchResult",
    "RawComment", "Rejected", "UnsupportedAction", "blocked_until", "build_connector", "connector_class", "restore_blocked",
    "supported_actions",
]
