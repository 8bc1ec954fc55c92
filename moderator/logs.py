"""Structured logs. Comment text and secrets are never passed to log calls above DEBUG; as a
second line of defence, values of keys that look secret are masked."""
from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone

from connectors import PLATFORM_LOGGERS

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}
_SECRET_HINTS = ("token", "secret", "password", "authorization", "cookie", "api_key")


def _extras(record: logging.LogRecord) -> dict:
    out = {}
    for key, value in vars(record).items():
        if key in _STANDARD or key.startswith("_"):
            continue
        if any(h in key.lower() for h in _SECRET_HINTS):
            value = "***"
        out[key] = value
    return out


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "at": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            **_extras(record),
        }
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        extras = " ".join(f"{k}={v}" for k, v in _extras(record).items())
        line = f"{record.levelname.lower():7} {record.name}: {record.getMessage()}" + (f" {extras}" if extras else "")
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is now (test runners and daemons swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):  # noqa: ANN201
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:  # noqa: ANN001
        pass


def configure(level: str = "INFO", fmt: str = "json") -> None:
    handler = _StderrHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("urllib3", "alembic", "transformers", "httpx"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    # These log request headers and OAuth tokens at DEBUG: never let them, whatever the level. Each
    # platform names its client library's loggers in its entry in connectors.PLATFORMS.
    for leaky in ("urllib3.connectionpool", *PLATFORM_LOGGERS):
        logging.getLogger(leaky).setLevel(max(logging.INFO, root.level))
