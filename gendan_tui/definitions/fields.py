"""Typed reading of one table of a definition file: each accessor returns the value or
raises :class:`Invalid` naming the file, the line and the key that is wrong."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from gendan_tui.definitions.source import Document, Invalid, PathPart
from gendan_tui.i18n import DEFAULT_LANGUAGE, LANGUAGES, language

_CODE = re.compile(r"^[a-z][a-z0-9_\-]*$")


@dataclass(frozen=True)
class Names:
    """A name in every language the app speaks, as a definition gives it."""

    by_language: tuple[tuple[str, str], ...]

    def get(self, lang: str) -> str:
        """The name in ``lang``, else in the default language."""
        names = dict(self.by_language)
        return names.get(lang) or names[DEFAULT_LANGUAGE]

    def __str__(self) -> str:
        return self.get(language())


class Table:
    """One table of a document, at ``where`` inside it."""

    def __init__(self, doc: Document, where: Sequence[PathPart], data: Any) -> None:
        self.doc = doc
        self.where = tuple(where)
        if not isinstance(data, dict):
            raise doc.problem(self.where, "definitions.not_a_table")
        self.data: dict[str, Any] = data

    def invalid(self, key: str | None, problem: str, **params: Any) -> Invalid:
        """A problem at ``key`` of this table (or the table itself)."""
        where = (*self.where, key) if key else self.where
        return self.doc.problem(where, problem, entry=key or "", **params)

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str) -> str:
        """A required, non-empty string."""
        value = self.data.get(key)
        if value is None:
            raise self.invalid(key, "definitions.missing")
        if not isinstance(value, str) or not value.strip():
            raise self.invalid(key, "definitions.not_text")
        return value.strip()

    def code(self, key: str) -> str:
        """A required code: lower-case letters, digits, ``_`` and ``-``."""
        value = self.text(key)
        if not _CODE.match(value):
            raise self.invalid(key, "definitions.bad_code", value=value)
        return value

    def choice(self, key: str, allowed: Collection[str], default: str | None = None) -> str:
        """One of ``allowed``; ``default`` when the key is absent (required without one)."""
        if default is not None and key not in self.data:
            return default
        value = self.text(key)
        if value not in allowed:
            raise self.invalid(
                key, "definitions.unknown_value", value=value, allowed=", ".join(allowed)
            )
        return value

    def integer(self, key: str, *, least: int, most: int, default: int | None = None) -> int:
        """A whole number in [least, most]; ``default`` when absent (required without one)."""
        value = self.data.get(key, default)
        if value is None:
            raise self.invalid(key, "definitions.missing")
        if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
            raise self.invalid(key, "definitions.bad_number", least=least, most=most)
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.invalid(key, "definitions.not_flag")
        return value

    def codes(self, key: str, allowed: Collection[str] | None = None) -> tuple[str, ...]:
        """A list of codes (empty when absent), each one of ``allowed`` when given."""
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.invalid(key, "definitions.not_list")
        for item in value:
            if allowed is not None and item not in allowed:
                raise self.invalid(
                    key, "definitions.unknown_value", value=item, allowed=", ".join(allowed)
                )
        return tuple(value)

    def names(self, key: str = "name") -> Names:
        """A name in each language: ``{ zh = "…", en = "…" }``; the default language is
        required, the others fall back to it."""
        inner = self.table(key)
        found = []
        for lang in LANGUAGES:
            if lang in inner.data:
                found.append((lang, inner.text(lang)))
            elif lang == DEFAULT_LANGUAGE:
                raise inner.invalid(lang, "definitions.missing")
        return Names(tuple(found))

    def table(self, key: str) -> Table:
        """A required sub-table."""
        if key not in self.data:
            raise self.invalid(key, "definitions.missing")
        return Table(self.doc, (*self.where, key), self.data[key])

    def tables(self, key: str) -> list[Table]:
        """The entries of an array of tables (``[[key]]``), empty when absent."""
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self.invalid(key, "definitions.not_list")
        return [
            Table(self.doc, (*self.where, key, index), item) for index, item in enumerate(value)
        ]

    def mapping(self, key: str) -> dict[str, Any]:
        """A plain sub-table of key/value pairs (empty when absent)."""
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            raise self.invalid(key, "definitions.not_a_table")
        return value
