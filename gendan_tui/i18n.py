"""The one translation layer: every string a user sees is looked up here by key.

Catalogs live in ``locale/<lang>.toml`` as flat ``key = "text"`` tables; Simplified
Chinese is the default and the fallback, English is selectable.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_current = DEFAULT_LANGUAGE
_names: dict[str, dict[str, str]] = {}
"""Texts the department's definitions give (stage and category names), by language."""


@cache
def _catalog(lang: str) -> dict[str, str]:
    text = (LOCALE_DIR / f"{lang}.toml").read_text("utf-8")
    return _flatten(tomllib.loads(text))


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


def set_language(lang: str) -> None:
    """Choose the language for all later lookups; unknown codes are refused."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def language() -> str:
    """The language in force (names from definitions are picked in it)."""
    return _current


def t(key: str, **params: Any) -> str:
    """The text for ``key`` in the current language, formatted with ``params``."""
    text = _lookup(_current, key) or _lookup(DEFAULT_LANGUAGE, key) or key
    return text.format(**params) if params else text


def _lookup(lang: str, key: str) -> str | None:
    return _catalog(lang).get(key) or _names.get(lang, {}).get(key)


def weekday_name(day: date) -> str:
    """The name of ``day``'s weekday in the current language (周一, Mon), as date lines show it."""
    return t(f"ui.weekday.{WEEKDAYS[day.weekday()]}")


def has_key(key: str, lang: str) -> bool:
    """Whether ``lang`` defines ``key`` (used by tests that keep the catalogs in step)."""
    return _lookup(lang, key) is not None


def keys(lang: str) -> set[str]:
    """Every key the catalog of ``lang`` defines."""
    return set(_catalog(lang)) | set(_names.get(lang, {}))


def add_names(prefix: str, names: Mapping[str, Mapping[str, str]]) -> None:
    """Make ``names`` (code → language → text, from the department's definitions) the texts
    of the keys ``<prefix>.<code>``; a language a name lacks falls back to the default.
    They are kept beside the catalogs, so no catalog is read before it is needed."""
    for code, by_language in names.items():
        for lang in LANGUAGES:
            text = by_language.get(lang) or by_language.get(DEFAULT_LANGUAGE) or code
            _names.setdefault(lang, {})[f"{prefix}.{code}"] = text
