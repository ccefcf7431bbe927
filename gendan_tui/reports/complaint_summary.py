"""Summary figures of a set of complaints, gathered in one pass while the rows stream by:
counts, share solved on the spot, average working days to reply and still open, by
category, by status and by responsible department."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from gendan_tui.core.complaint_queries import ReportRow, SummaryRow
from gendan_tui.core.complaint_terms import CLOSED, DEPARTMENTS, STATUSES, department_of
from gendan_tui.core.workcalendar import WorkCalendar


@dataclass
class Tally:
    """The figures of one group of complaints."""

    count: int = 0
    on_spot: int = 0
    replied: int = 0
    reply_workdays: int = 0
    still_open: int = 0

    def add(self, on_spot: bool, reply_days: int | None, closed: bool) -> None:
        """Count one complaint."""
        self.count += 1
        self.on_spot += on_spot
        if reply_days is not None:
            self.replied += 1
            self.reply_workdays += reply_days
        self.still_open += not closed

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


class ComplaintSummary:
    """The figures of one period, fed one complaint at a time."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.reply_days = ReplyDays(calendar)
        self.total = Tally()
        self.by_category: dict[str, Tally] = {}
        self.by_status: dict[str, Tally] = {status: Tally() for status in STATUSES}
        self.by_department: dict[str, Tally] = {dept: Tally() for dept in DEPARTMENTS}

    def add(self, row: ReportRow | SummaryRow) -> int | None:
        """Count ``row``; returns its working days from intake to reply (None if not replied)."""
        reply_days = self.reply_days(row.received_at, row.replied_at)
        closed = row.status == CLOSED
        figures = (row.solved_on_spot, reply_days, closed)
        self.total.add(*figures)
        self.by_category.setdefault(row.category, Tally()).add(*figures)
        self.by_status.setdefault(row.status, Tally()).add(*figures)
        self.by_department.setdefault(department_of(row.assignee_role), Tally()).add(*figures)
        return reply_days

    def categories_ranked(self, order: list[str]) -> list[tuple[str, Tally]]:
        """Categories by count, most first; ties (and empty ones) in the department's order."""
        codes = list(dict.fromkeys([*order, *self.by_category]))
        position = {code: index for index, code in enumerate(codes)}
        return sorted(
            ((code, self.by_category.get(code, Tally())) for code in codes),
            key=lambda pair: (-pair[1].count, position[pair[0]]),
        )
