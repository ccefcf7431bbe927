"""Settings: where the database is, who is working, which language; from flags, env and config.

Precedence is command-line flag, then environment (``GENDAN_DATABASE_URL``, ``GENDAN_CLERK``,
``GENDAN_LANG``), then ``config.toml`` in the user config directory, then defaults.
``GENDAN_HOME`` moves both the data and the config directory (tests and demos use it).
The ``[keys]`` table of ``config.toml`` rebinds keys by binding id; an entry that is not a
key string is set aside with a problem to tell the user, and the others still apply.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

import platformdirs

from gendan_tui.core.validation import readable
from gendan_tui.errors import UserError, ValidationError
from gendan_tui.i18n import DEFAULT_LANGUAGE, LANGUAGES

APP_NAME = "gendan"


def data_dir() -> Path:
    """The per-user directory for the database files."""
    home = os.environ.get("GENDAN_HOME")
    return Path(home) / "data" if home else platformdirs.user_data_path(APP_NAME)


def config_dir() -> Path:
    """The per-user directory for ``config.toml``."""
    home = os.environ.get("GENDAN_HOME")
    return Path(home) / "config" if home else platformdirs.user_config_path(APP_NAME)


def definitions_dir() -> Path:
    """Where a department keeps its own definition files (``data/`` of the config
    directory), laid over the shipped ones."""
    return config_dir() / "data"


def default_database_url() -> str:
    """The SQLite file used when nothing else is configured."""
    return str(data_dir() / "gendan.sqlite3")


def demo_database_url() -> str:
    """The SQLite file the demo command opens, created and filled on first run."""
    return str(data_dir() / "demo.sqlite3")


def reports_dir() -> Path:
    """Where exported reports go unless the user says otherwise: the user's documents
    folder when there is one, else ``reports`` in the data directory (and under
    ``GENDAN_HOME`` when that is set)."""
    home = os.environ.get("GENDAN_HOME")
    if home:
        return Path(home) / "reports"
    documents = platformdirs.user_documents_path()
    return documents if documents.is_dir() else data_dir() / "reports"


@dataclass(frozen=True)
class Settings:
    """Everything the app needs to start; immutable so it can be shared across threads."""

    database_url: str
    clerk: str | None = None
    lang: str = DEFAULT_LANGUAGE
    today: date | None = None
    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Keys by binding id from the ``[keys]`` table, as the user wrote them."""
    key_problems: tuple[UserError, ...] = ()
    """Why ``[keys]`` entries left out of ``keymap`` were left out."""

    def with_overrides(
        self,
        *,
        database_url: str | None = None,
        clerk: str | None = None,
        lang: str | None = None,
        today: date | None = None,
    ) -> Settings:
        """A copy with the given values replaced where they are not None."""
        return replace(
            self,
            database_url=database_url or self.database_url,
            clerk=clerk or self.clerk,
            lang=check_language(lang) if lang else self.lang,
            today=today or self.today,
        )


def check_language(lang: str) -> str:
    """The language code if it is one the app speaks; otherwise a validation error."""
    if lang not in LANGUAGES:
        raise ValidationError("error.unknown_language", field="lang", lang=lang)
    return lang


def _read_config_file(path: Path) -> dict[str, object]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError("error.bad_config", path=str(path), reason=str(exc)) from exc


def read_keys(table: object) -> tuple[dict[str, str], list[UserError]]:
    """The ``[keys]`` table as binding id → keys, and a problem for each entry whose value
    is not a key string; an id written without quotes (``callback.success = "ctrl+r"``)
    is a nested table to TOML and is read as the dotted id it looks like."""
    if not isinstance(table, dict):
        return {}, [ValidationError("keys.not_table")]
    keymap: dict[str, str] = {}
    problems: list[UserError] = []
    for entry, keys in _dotted(table).items():
        if isinstance(keys, str) and keys.strip():
            keymap[entry] = keys
        else:
            problems.append(ValidationError("keys.not_text", entry=entry))
    return keymap, problems


def _dotted(table: dict[str, object], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_dotted(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def load_settings() -> Settings:
    """Settings from the environment and the config file, before command-line overrides."""
    file = _read_config_file(config_dir() / "config.toml")
    url = os.environ.get("GENDAN_DATABASE_URL") or str(file.get("database_url") or "")
    clerk = os.environ.get("GENDAN_CLERK") or file.get("clerk")
    readable(url, "database_url", "GENDAN_DATABASE_URL")
    readable(str(clerk or ""), "clerk", "GENDAN_CLERK")
    lang = os.environ.get("GENDAN_LANG") or str(file.get("lang") or DEFAULT_LANGUAGE)
    keymap, key_problems = read_keys(file["keys"]) if "keys" in file else ({}, [])
    return Settings(
        database_url=url or default_database_url(),
        clerk=str(clerk) if clerk else None,
        lang=check_language(lang),
        keymap=MappingProxyType(keymap),
        key_problems=tuple(key_problems),
    )
