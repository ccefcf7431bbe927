"""Settings: where the database is, who is working, which language; from flags, env and config.

Precedence is command-line flag, then environment (``GENDAN_DATABASE_URL``, ``GENDAN_CLERK``,
``GENDAN_LANG``), then ``config.toml`` in the user config directory, then defaults.
``GENDAN_HOME`` moves both the data and the config directory (tests and demos use it).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import platformdirs

from gendan_tui.errors import ValidationError
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


def load_settings() -> Settings:
    """Settings from the environment and the config file, before command-line overrides."""
    file = _read_config_file(config_dir() / "config.toml")
    url = os.environ.get("GENDAN_DATABASE_URL") or str(file.get("database_url") or "")
    clerk = os.environ.get("GENDAN_CLERK") or file.get("clerk")
    lang = os.environ.get("GENDAN_LANG") or str(file.get("lang") or DEFAULT_LANGUAGE)
    return Settings(
        database_url=url or default_database_url(),
        clerk=str(clerk) if clerk else None,
        lang=check_language(lang),
    )
