"""When the regular reports are due, and which of them have been exported.

The weekly complaint report (《客户投诉周报表》) covers last week and is due on Monday before
12:00 (on the first working day of the week when Monday is a holiday); the monthly ones
cover last month and are due by the 3rd. Every export is recorded, so the home screen can
say whether the report now due has been written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import peewee as pw

from gendan_tui.core.context import Actor
from gendan_tui.core.periods import Period, month_of, week_of
from gendan_tui.core.workcalendar import WorkCalendar
from gendan_tui.store.db import storage_errors, transaction
from gendan_tui.store.models import ReportExport, User

DueRule = Callable[[date, WorkCalendar], tuple[Period, datetime]]
"""For a day, the period whose report is due now and the moment it is due."""

EXPORTED = "exported"
DUE = "due"
OVERDUE = "overdue"

WEEKLY_DUE_TIME = time(12, 0)
MONTHLY_DUE_DAY = 3


def weekly_due(today: date, calendar: WorkCalendar) -> tuple[Period, datetime]:
    """Last week's report, due at 12:00 on this week's first working day (Monday as a rule)."""
    this_week = week_of(today)
    due_day = calendar.on_or_after(this_week.start)
    return this_week.previous(), datetime.combine(due_day, WEEKLY_DUE_TIME)


def monthly_due(today: date, calendar: WorkCalendar) -> tuple[Period, datetime]:
    """Last month's report, due by the end of the 3rd of this month."""
    this_month = month_of(today)
    due_day = this_month.start.replace(day=MONTHLY_DUE_DAY)
    return this_month.previous(), datetime.combine(due_day, time(23, 59, 59))


@dataclass(frozen=True)
class ExportRecord:
    """One report written to a file."""

    code: str
    period: str
    path: str
    at: datetime
    user: str
    rows: int


@dataclass(frozen=True)
class ReportDue:
    """The report a period is due for, when, and whether (and when) it was exported."""

    code: str
    period: Period
    due_at: datetime
    state: str
    export: ExportRecord | None

    @property
    def exported(self) -> bool:
        """Whether the report for ``period`` has been written."""
        return self.export is not None


def record_export(
    code: str, period: Period, path: Path, rows: int, actor: Actor | None, at: datetime
) -> ExportRecord:
    """Remember that the report ``code`` for ``period`` was written to ``path``."""
    with transaction():
        ReportExport.create(
            code=code,
            period=period.label,
            path=str(path),
            at=at,
            user=actor.id if actor else None,
            rows=rows,
        )
    return ExportRecord(code, period.label, str(path), at, actor.name if actor else "", rows)


def last_export(code: str, period: Period) -> ExportRecord | None:
    """The latest export of report ``code`` for ``period``, if any."""
    with storage_errors():
        row = (
            ReportExport.select(
                ReportExport.code,
                ReportExport.period,
                ReportExport.path,
                ReportExport.at,
                pw.fn.COALESCE(User.name, ""),
                ReportExport.rows,
            )
            .join(User, pw.JOIN.LEFT_OUTER, on=ReportExport.user == User.id)
            .where((ReportExport.code == code) & (ReportExport.period == period.label))
            .order_by(ReportExport.at.desc(), ReportExport.id.desc())
            .tuples()
            .first()
        )
    return ExportRecord(*row) if row else None


def report_due(code: str, rule: DueRule, now: datetime, calendar: WorkCalendar) -> ReportDue:
    """The state of report ``code`` at ``now``: exported, due (not yet late) or overdue."""
    period, due_at = rule(now.date(), calendar)
    export = last_export(code, period)
    late = OVERDUE if now >= due_at else DUE
    state = EXPORTED if export is not None else late
    return ReportDue(code=code, period=period, due_at=due_at, state=state, export=export)
