"""Summary figures of a set of complaints, gathered in one pass while the rows stream by:
counts, share solved on the spot, average working days to reply and still open, by
category, by status and by responsible department.

Each complaint costs one dictionary update (keyed by everything the groups need); the
groups are added up when the figures are asked for, so a month of 100,000 complaints adds
little to the time it takes to write them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from gendan_tui.core.complaint_report_rows import ReportRow, SummaryRow
from gendan_tui.core.complaint_terms import CLOSED, STATUSES
from gendan_tui.core.workcalendar import WorkCalendar
from gendan_tui.definitions import ComplaintVocabulary


@dataclass
class Tally:
    """The figures of one group of complaints."""

    count: int = 0
    on_spot: int = 0
    replied: int = 0
    reply_workdays: int = 0
    still_open: int = 0

    def add(self, other: Tally) -> None:
        """Add ``other``'s figures to these."""
        self.count += other.count
        self.on_spot += other.on_spot
        self.replied += other.replied
        self.reply_workdays += other.reply_workdays
        self.still_open += other.still_open

    @property
    def on_spot_share(self) -> float | None:
        """The share solved on the spot (None for an empty group)."""
        return self.on_spot / self.count if self.count else None

    @property
    def average_reply_workdays(self) -> float | None:
        """Average working days from intake to the reply (None when none was replied)."""
        return self.reply_workdays / self.replied if self.replied else None


class ReplyDays:
    """Working days from intake to reply, remembered per pair of dates."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self._known: dict[tuple[date, date], int] = {}

    def __call__(self, received_at: datetime, replied_at: datetime | None) -> int | None:
        if replied_at is None:
            return None
        key = (received_at.date(), replied_at.date())
        days = self._known.get(key)
        if days is None:
            days = self._known[key] = self.calendar.workdays_between(*key)
        return days


Group = tuple[str, str, str | None, bool]
"""Category, status, the role it was forwarded to, solved on the spot."""

Tallies = tuple[Tally, dict[str, Tally], dict[str, Tally], dict[str, Tally]]
"""The whole period, then per category, per status and per department."""


class ComplaintSummary:
    """The figures of one period, fed one complaint at a time."""

    def __init__(self, calendar: WorkCalendar, vocabulary: ComplaintVocabulary) -> None:
        self.reply_days = ReplyDays(calendar)
        self.vocabulary = vocabulary
        self._groups: dict[Group, list[int]] = {}
        self._tallies: Tallies | None = None

    def add(self, row: ReportRow | SummaryRow) -> int | None:
        """Count ``row``; returns its working days from intake to reply (None if not replied)."""
        days = self.reply_days(row.received_at, row.replied_at)
        key = (row.category, row.status, row.assignee_role, row.solved_on_spot)
        figures = self._groups.get(key)
        if figures is None:
            figures = self._groups[key] = [0, 0, 0]
        figures[0] += 1
        if days is not None:
            figures[1] += 1
            figures[2] += days
        self._tallies = None
        return days

    def _added_up(self) -> Tallies:
        if self._tallies is None:
            total = Tally()
            by_category: dict[str, Tally] = {}
            by_status = {status: Tally() for status in STATUSES}
            by_department = {dept: Tally() for dept in self.vocabulary.all_departments}
            for (category, status, role, on_spot), (count, replied, days) in self._groups.items():
                group = Tally(
                    count=count,
                    on_spot=count if on_spot else 0,
                    replied=replied,
                    reply_workdays=days,
                    still_open=0 if status == CLOSED else count,
                )
                total.add(group)
                by_category.setdefault(category, Tally()).add(group)
                by_status.setdefault(status, Tally()).add(group)
                by_department.setdefault(self.vocabulary.department_of(role), Tally()).add(group)
            self._tallies = (total, by_category, by_status, by_department)
        return self._tallies

    @property
    def total(self) -> Tally:
        """All complaints."""
        return self._added_up()[0]

    @property
    def by_category(self) -> dict[str, Tally]:
        """Per category code (only categories with complaints)."""
        return self._added_up()[1]

    @property
    def by_status(self) -> dict[str, Tally]:
        """Per status, every status listed."""
        return self._added_up()[2]

    @property
    def by_department(self) -> dict[str, Tally]:
        """Per responsible department, every department listed."""
        return self._added_up()[3]

    def categories_ranked(self, order: list[str]) -> list[tuple[str, Tally]]:
        """Categories by count, most first; ties (and empty ones) in the department's order."""
        by_category = self.by_category
        codes = list(dict.fromkeys([*order, *by_category]))
        position = {code: index for index, code in enumerate(codes)}
        return sorted(
            ((code, by_category.get(code, Tally())) for code in codes),
            key=lambda pair: (-pair[1].count, position[pair[0]]),
        )
