"""One typed settings object: environment first, then a TOML config file, then defaults.

Environment variables are prefixed ``MODERATOR_`` (nested with ``__``). Any secret may instead be
given as a file: ``MODERATOR_SECRET_KEY_FILE=/run/secrets/key``. The config file is named by
``MODERATOR_CONFIG`` (or ``moderator --config``).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import (BaseModel, ConfigDict, Field, PrivateAttr, SecretStr, ValidationError, field_validator,
                      model_validator)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource
from pydantic_settings import SettingsError as SourceError

from connectors import Platform

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_POLICY_FILE = PACKAGE_DIR / "judge" / "policies" / "default.toml"
DEMO_DIR = PACKAGE_DIR / "demo"

SLUG = r"^[a-z0-9][a-z0-9_-]{0,62}$"
# Not secrets themselves, but they may carry a password, so they can be given as files too.
FILE_SETTINGS = {"database_url"}
PLACEHOLDER_SECRETS = {"changeme", "change-me", "secret", "password", "xxx", "todo"}


class SettingsError(Exception):
    """A setting is wrong. The message names the setting and what is allowed."""


class AccountSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    handle: str = Field(pattern=SLUG, description="Unique name for this account inside the service.")
    platform: Platform
    connector: str = Field(default="", description="Connector name; defaults to the platform's own.")
    poll_interval_seconds: float | None = Field(default=None, gt=0, le=86400)
    # Connector-specific options (feed paths, page ids, *_env / *_file secret references).
    options: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _default_connector(self) -> "AccountSettings":
        from connectors import CONNECTORS

        if not self.connector:
            self.connector = self.platform
        if self.connector not in CONNECTORS:
            raise ValueError(f"connector {self.connector!r} is not available; allowed: {', '.join(sorted(CONNECTORS))}")
        return self


class SchoolSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: str = Field(pattern=SLUG)
    name: str = Field(min_length=1, max_length=200)
    policy_file: Path | None = None
    shadow_mode: bool | None = Field(default=None, description="Overrides the service-wide shadow_mode for this school.")
    headteacher: list[str] = Field(default_factory=list, description="Names the headteacher is known by.")
    staff: list[str] = Field(default_factory=list, description="Staff names, e.g. 'Mr Okafor'.")
    pupil_names: list[str] = Field(default_factory=list, description="Pupil names to protect.")
    pupil_names_file: Path | None = None
    pupil_nicknames: dict[str, list[str]] = Field(
        default_factory=dict, description="Other names pupils go by, e.g. {'Alfie Morgan' = ['Alf']}.")
    pupil_name_hashes: list[str] = Field(
        default_factory=list, description="Salted sha256 hashes of pupils' names (see README), where a trust shares its config.")
    pupil_name_salt: SecretStr | None = Field(
        default=None, description="The salt of pupil_name_hashes (secret: keep it out of the shared config).")
    accounts: list[AccountSettings] = Field(default_factory=list)
    # -- retention (moderator/record/retention.py): None keeps everything until someone decides otherwise
    retention_days: int | None = Field(
        default=None, ge=1, le=36500,
        description="Days a closed case (the comment and everything recorded about it) is kept; None keeps it.")
    author_retention_days: int | None = Field(
        default=None, ge=1, le=36500,
        description="Days an author's name and username are kept after their last case closed; None: as long as a case of theirs is kept.")

    @field_validator("pupil_name_hashes")
    @classmethod
    def _hex_hashes(cls, value: list[str]) -> list[str]:
        bad = [h for h in value if not re.fullmatch(r"[0-9a-fA-F]{64}", h)]
        if bad:
            raise ValueError(f"each must be 64 hex digits (sha256); got {bad[0][:20]!r}")
        return [h.lower() for h in value]

    @model_validator(mode="after")
    def _salted(self) -> "SchoolSettings":
        if self.pupil_name_hashes and not self.pupil_name_salt:
            raise ValueError("pupil_name_hashes need pupil_name_salt, the salt they were made with")
        return self

    def all_pupil_names(self) -> list[str]:
        names = list(self.pupil_names)
        if self.pupil_names_file:
            try:
                text = self.pupil_names_file.read_text(encoding="utf-8")
            except OSError as exc:
                raise SettingsError(
                    f"setting 'schools.{self.slug}.pupil_names_file': cannot read {self.pupil_names_file}: {exc.strerror}"
                ) from None
            names += [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
        return names


class SecretFileSource(PydanticBaseSettingsSource):
    """Reads ``MODERATOR_<NAME>_FILE`` for every secret field, so secrets never sit in the environment."""

    def get_field_value(self, field, field_name):  # pragma: no cover - unused, see __call__
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, field in self.settings_cls.model_fields.items():
            if field.annotation not in (SecretStr, SecretStr | None) and name not in FILE_SETTINGS:
                continue
            path = os.environ.get(f"MODERATOR_{name.upper()}_FILE")
            if path:
                try:
                    values[name] = Path(path).read_text(encoding="utf-8").strip()
                except OSError as exc:
                    raise SettingsError(f"setting '{name}': cannot read MODERATOR_{name.upper()}_FILE={path}: {exc.strerror}") from None
        return values


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MODERATOR_", env_nested_delimiter="__", extra="forbid")

    config_file: Path | None = Field(default=None, description="TOML config file (also MODERATOR_CONFIG).")
    data_dir: Path = Field(default=Path("moderator-data"), description="Where the SQLite database and demo state live.")
    database_url: str = Field(default="", description="SQLAlchemy URL; empty means SQLite in data_dir.")
    policy_file: Path = Field(default=DEFAULT_POLICY_FILE, description="Policy file used by schools without their own.")
    shadow_mode: bool = Field(default=False, description="Score and record everything, act on nothing.")
    thresholds: dict[str, float] = Field(default_factory=dict,
                                         description="Per-label thresholds that override every policy file's [thresholds].")
    classifier: str = Field(default="embedded-onnx", description="Classifier name (see models.CLASSIFIERS).")
    classifier_options: dict[str, Any] = Field(default_factory=dict)
    poll_interval_seconds: float = Field(default=60.0, gt=0, le=86400)
    idle_sleep_seconds: float = Field(default=1.0, gt=0, le=3600)
    batch_size: int = Field(default=32, ge=1, le=1000)
    max_comment_bytes: int = Field(default=1_048_576 * 2, ge=1024, le=16 * 1_048_576,
                                   description="Longer comments are stored truncated (with the sha256 of the whole).")
    action_max_attempts: int = Field(default=8, ge=1, le=100)
    action_lease_seconds: float = Field(default=60.0, gt=0, le=86400)
    retry_base_seconds: float = Field(default=2.0, gt=0, le=3600)
    account_lease_seconds: float = Field(default=60.0, gt=0, le=86400)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "text"] = "json"
    auto_migrate: bool = Field(default=True, description="Upgrade the database schema at start-up.")
    secret_key: SecretStr | None = Field(default=None, description="Signs console sessions (secret).")
    schools: list[SchoolSettings] = Field(default_factory=list)
    # -- console and alerts
    console_base_url: str = Field(default="http://127.0.0.1:8000",
                                  description="The console's public address, used in links in e-mails.")
    console_host: str = Field(default="127.0.0.1", description="Address `moderator serve` listens on.")
    console_port: int = Field(default=8000, ge=1, le=65535, description="Port `moderator serve` listens on.")
    console_insecure_cookies: bool = Field(
        default=False, description="Development only: send the session cookie over plain HTTP (no Secure flag).")
    session_max_age_minutes: int = Field(default=480, ge=5, le=60 * 24 * 30,
                                         description="A console session ends after this long.")
    console_session_idle_minutes: int = Field(default=60, ge=5, le=1440,
                                              description="A console session unused this long ends.")
    console_trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For the console believes.")
    login_max_failures: int = Field(default=10, ge=1, le=1000,
                                    description="Wrong passwords or codes in a row before the login is locked.")
    login_account_max_failures: int = Field(
        default=20, ge=1, le=10000,
        description="Wrong passwords for one person, from every address together, before that person's sign-in "
                    "is locked (except from addresses they signed in from lately).")
    login_lockout_minutes: float = Field(default=15.0, gt=0, le=60 * 24 * 7,
                                         description="How long a locked login stays locked.")
    smtp_host: str = Field(default="", description="SMTP server for alerts; empty sends no e-mail.")
    smtp_port: int = Field(default=25, ge=1, le=65535, description="SMTP server port.")
    smtp_starttls: bool = Field(default=False, description="Use STARTTLS on the SMTP connection.")
    smtp_user: str = Field(default="", description="SMTP login name; empty logs in as nobody.")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password (secret).")
    smtp_from: str = Field(default="moderator@localhost", description="From address of alert e-mails.")
    alert_reminder_minutes: float = Field(
        default=30.0, gt=0, le=60 * 24 * 7,
        description="Remind the route's deputies when an urgent item is not opened within this many minutes.")
    alert_deputies: dict[str, list[str]] = Field(
        default_factory=dict, description="Deputies' e-mail addresses per route, e.g. {dsl = ['deputy@school']}.")
    alert_digest_hour: int = Field(default=7, ge=0, le=23,
                                   description="UTC hour after which the daily digest of non-urgent items is sent.")
    alert_max_attempts: int = Field(default=8, ge=1, le=100,
                                    description="Tries to send one e-mail before giving up on it.")

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings):
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings, SecretFileSource(settings_cls)]
        config = os.environ.get("MODERATOR_CONFIG") or os.environ.get("MODERATOR_CONFIG_FILE")
        if config:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=Path(config)))
        return tuple(sources)

    @field_validator("classifier")
    @classmethod
    def _known_classifier(cls, value: str) -> str:
        from models import CLASSIFIERS

        if value not in CLASSIFIERS:
            raise ValueError(f"unknown classifier {value!r}; allowed: {', '.join(sorted(CLASSIFIERS))}")
        return value

    @field_validator("thresholds")
    @classmethod
    def _known_labels(cls, value: dict[str, float]) -> dict[str, float]:
        from models.base import MODEL_LABELS as DETOXIFY_LABELS

        for label, limit in value.items():
            if label not in DETOXIFY_LABELS:
                raise ValueError(f"unknown label {label!r}; allowed: {', '.join(DETOXIFY_LABELS)}")
            if not 0.0 < limit <= 1.0:
                raise ValueError(f"threshold for {label!r} must be in (0, 1]")
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if value and not re.match(r"^(sqlite|postgresql)(\+\w+)?://", value):
            raise ValueError("must start with sqlite:/// or postgresql:// (e.g. postgresql+psycopg://user@host/db)")
        return value

    @field_validator("secret_key")
    @classmethod
    def _no_placeholder(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            raw = value.get_secret_value()
            if raw.lower() in PLACEHOLDER_SECRETS or len(raw) < 32:
                raise ValueError("must be a real random secret of at least 32 characters (try: python -c 'import secrets; print(secrets.token_urlsafe(48))')")
        return value

    @model_validator(mode="after")
    def _unique_names(self) -> "Settings":
        slugs = [s.slug for s in self.schools]
        handles = [a.handle for s in self.schools for a in s.accounts]
        for kind, names in (("schools[].slug", slugs), ("schools[].accounts[].handle", handles)):
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                raise ValueError(f"setting '{kind}' must be unique; repeated: {', '.join(dupes)}")
        return self

    # Set by load_settings when no school is configured: the demo then keeps its own database in
    # data_dir/demo, so a trial config run from the demo's folder never writes into the demo's
    # records, and the demo never mixes into a school's.
    _demo_database: bool = PrivateAttr(default=False)

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        folder = self.data_dir / "demo" if self._demo_database else self.data_dir
        return f"sqlite:///{(folder / 'moderator.db').resolve()}"


def _format_error(exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(settings)"
        got = err.get("input")
        shown = "" if isinstance(got, (dict, list)) or got is None else f" (got {str(got)[:80]!r})"
        if "secret" in where or "token" in where or "password" in where:
            shown = ""
        lines.append(f"setting '{where}': {err['msg']}{shown}")
    return "invalid settings:\n  " + "\n  ".join(lines)


def _format_source_error(exc: SourceError) -> str:
    """Name the environment variable that could not be read, and what it must look like. Its value
    is never shown (it may be a secret)."""
    found = re.search(r'field "(\w+)" from source "(\w+)"', str(exc))
    if not found:
        return f"invalid settings: {exc}"
    name, source = found.groups()
    cause = f": {exc.__cause__}" if exc.__cause__ else ""
    if source == "EnvSettingsSource":
        return (f"setting '{name}' (MODERATOR_{name.upper()}): not valid JSON{cause}. Lists and tables in the "
                f"environment are JSON, e.g. MODERATOR_THRESHOLDS='{{\"toxicity\": 0.7}}'")
    return f"setting '{name}': cannot be read from {source}{cause}"


def load_settings(config_file: str | Path | None = None, **overrides: Any) -> Settings:
    """Build the settings, turning every problem into a SettingsError that names the setting."""
    if config_file is not None:
        os.environ["MODERATOR_CONFIG"] = str(config_file)
    path = os.environ.get("MODERATOR_CONFIG")
    if path and not Path(path).is_file():
        raise SettingsError(f"setting 'config_file': {path} does not exist or is not a file")
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        raise SettingsError(_format_error(exc)) from None
    except SourceError as exc:  # e.g. MODERATOR_THRESHOLDS='{toxicity = 0.7}': TOML where JSON is needed
        raise SettingsError(_format_source_error(exc)) from None
    except ValueError as exc:  # e.g. a TOML syntax error in the config file
        raise SettingsError(f"setting 'config_file': {path}: {exc}") from None
    if path:
        settings.config_file = Path(path)
    settings._demo_database = not settings.schools
    for school in settings.schools:
        school.all_pupil_names()  # fail now, not mid-run, on an unreadable names file
    return settings
