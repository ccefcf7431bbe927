"""Reading definition files: where they are, parsing their TOML, and naming the line a
problem is on.

The shipped files sit in ``data/`` beside the package (in a source checkout) or inside it
(``gendan_tui/data`` in an installed wheel); a department's own files sit in ``data/``
of the user config directory, laid out the same way.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gendan_tui

_PACKAGE = Path(gendan_tui.__file__).parent
_AT_LINE = re.compile(r"at line (\d+)")
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-\"]+)\s*\]\]?")
_KEY = re.compile(r"^\s*\"?([A-Za-z0-9_\-]+)\"?\s*=")

PathPart = str | int
"""One step into a document: a table key or an index into an array of tables."""


def shipped_dir() -> Path:
    """The directory of the definitions that ship with the app."""
    inside = _PACKAGE / "data"
    return inside if inside.is_dir() else _PACKAGE.parent / "data"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a definition file: where, and what (a translation key)."""

    path: Path
    line: int
    what: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        from gendan_tui.i18n import t

        return t(
            "definitions.problem",
            path=str(self.path),
            line=self.line,
            what=t(self.what, **self.params),
        )


class Invalid(Exception):
    """Raised while reading one definition: it is left out and ``problem`` reported."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.what)
        self.problem = problem


@dataclass(frozen=True)
class Document:
    """One parsed definition file, able to say on which line a value stands."""

    path: Path
    text: str
    data: dict[str, Any]

    def line_of(self, where: Sequence[PathPart]) -> int:
        """The line of the value at ``where`` (e.g. ``("stages", 2, "role")``): the key's
        line inside the right table, else the table's header line, else 1."""
        lines = self.text.splitlines()
        start, end = 0, len(lines)
        parts = list(where)
        table = ""
        best = 1
        while parts and isinstance(parts[0], str):
            name = str(parts.pop(0))
            index = int(parts.pop(0)) if parts and isinstance(parts[0], int) else None
            table = f"{table}.{name}" if table else name
            header = self._header(lines, start, end, table, index)
            if header is None:
                key_line = self._key(lines, start, end, name)
                return key_line + 1 if key_line is not None else best
            best = header + 1
            start, end = header + 1, self._block_end(lines, header + 1, end)
        return best

    @staticmethod
    def _header(
        lines: list[str], start: int, end: int, table: str, index: int | None
    ) -> int | None:
        seen = -1
        for number in range(start, end):
            match = _HEADER.match(lines[number])
            if match and match.group(1).replace('"', "") == table:
                seen += 1
                if index is None or seen == index:
                    return number
        return None

    @staticmethod
    def _key(lines: list[str], start: int, end: int, name: str) -> int | None:
        for number in range(start, end):
            if _HEADER.match(lines[number]):
                return None
            match = _KEY.match(lines[number])
            if match and match.group(1) == name:
                return number
        return None

    @staticmethod
    def _block_end(lines: list[str], start: int, end: int) -> int:
        for number in range(start, end):
            if _HEADER.match(lines[number]):
                return number
        return end

    def problem(self, where: Sequence[PathPart], what: str, **params: Any) -> Invalid:
        """An :class:`Invalid` naming this file, the line of ``where`` and what is wrong
        (the translation key ``what`` with ``params``)."""
        return Invalid(Problem(self.path, self.line_of(where), what, params))


def read(path: Path) -> Document:
    """Parse ``path``; unreadable or malformed TOML raises :class:`Invalid` with its line."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Invalid(Problem(path, 1, "definitions.unreadable", {"reason": str(exc)})) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _AT_LINE.search(str(exc))
        line = int(match.group(1)) if match else 1
        reason = _AT_LINE.sub("", str(exc)).replace("()", "").strip(" ()")
        raise Invalid(Problem(path, line, "definitions.bad_toml", {"reason": reason})) from exc
    return Document(path, text, data)


def files(directories: Sequence[Path], pattern: str) -> Iterator[Path]:
    """The files matching ``pattern`` in each directory in turn (shipped first, so a
    department's file of the same name comes later and overrides it)."""
    for directory in directories:
        if directory.is_dir():
            yield from sorted(directory.glob(pattern))
