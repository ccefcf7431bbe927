"""Report periods: ISO weeks (Monday to Sunday, written 2026-W48) and calendar months
(written 2026-11), parsed from what people type and turned into date ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from gendan_tui.core.clock import start_of
from gendan_tui.core.validation import check_year
from gendan_tui.errors import ValidationError

WEEK = "week"
MONTH = "month"

_WEEK = re.compile(r"^\s*(\d{4})\s*-?\s*[Ww]\s*(\d{1,2})\s*$")
_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*月?\s*$")


@dataclass(frozen=True)
class Period:
    """A span of whole days a report covers: ``start`` to ``end`` inclusive."""

    kind: str
    start: date
    end: date

    @property
    def label(self) -> str:
        """How the period is written: ``2026-W48`` or ``2026-11``."""
        if self.kind == WEEK:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def start_at(self) -> datetime:
        """The first moment inside the period."""
        return start_of(self.start)

    @property
    def end_at(self) -> datetime:
        """The first moment after the period (exclusive bound for queries)."""
        return start_of(self.end + timedelta(days=1))

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        day = self.start - timedelta(days=1)
        return week_of(day) if self.kind == WEEK else month_of(day)

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.start <= day <= self.end


def week_of(day: date) -> Period:
    """The ISO week (Monday to Sunday) holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return Period(WEEK, monday, monday + timedelta(days=6))


def month_of(day: date) -> Period:
    """The calendar month holding ``day``."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period(MONTH, first, following - timedelta(days=1))


def parse_week(text: str) -> Period:
    """An ISO week typed as ``2026-W48`` (also ``2026W48``, ``2026-w48``)."""
    match = _WEEK.match(text or "")
    if match:
        check_year(int(match[1]), "week", text)
        try:
            return week_of(date.fromisocalendar(int(match[1]), int(match[2]), 1))
        except ValueError:
            pass
    raise ValidationError("period_error.week_invalid", field="week", value=text)


def parse_month(text: str) -> Period:
    """A month typed as ``2026-11`` (also ``2026/11``, ``202611``, ``2026年11月``)."""
    match = _MONTH.match(text or "")
    if match:
        check_year(int(match[1]), "month", text)
    if match and 1 <= int(match[2]) <= 12:
        return month_of(date(int(match[1]), int(match[2]), 1))
    raise ValidationError("period_error.month_invalid", field="month", value=text)


def parse_period(kind: str, text: str) -> Period:
    """A week or a month, as ``kind`` says."""
    return parse_week(text) if kind == WEEK else parse_month(text)
