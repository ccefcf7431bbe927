"""When the regular reports are due, and which of them have been exported.

The report calendar (``data/reports.toml``) says when each report falls due: the weekly
complaint report (《客户投诉周报表》) covers last week and is due on Monday before 12:00 (on
the first working day of the week when Monday is a holiday); the monthly ones cover last
month and are due by the 3rd. Every export is recorded, so the home screen can say whether
the report now due has been written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import peewee as pw

from gendan_tui.core.context import Actor
from gendan_tui.core.periods import WEEK, Period, month_of, week_of
from gendan_tui.core.workcalendar import WorkCalendar
from gendan_tui.definitions.reports import Obligation
from gendan_tui.store.db import storage_errors, transaction
from gendan_tui.store.models import ReportExport, User

EXPORTED = "exported"
DUE = "due"
OVERDUE = "overdue"


def due_for(obligation: Obligation, today: date, calendar: WorkCalendar) -> tuple[Period, datetime]:
    """The period whose report ``obligation`` asks for as of ``today`` (the week or month
    before the current one) and the moment that report is due."""
    if obligation.covers == WEEK:
        current = week_of(today)
        day = current.start + timedelta(days=(obligation.due_weekday or 1) - 1)
    else:
        current = month_of(today)
        day = current.start.replace(day=obligation.due_day or 1)
    if obligation.on_workday:
        day = calendar.on_or_after(day)
    return current.previous(), datetime.combine(day, obligation.due_time)


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


def report_due(obligation: Obligation, now: datetime, calendar: WorkCalendar) -> ReportDue:
    """The state at ``now`` of the report ``obligation`` asks for: exported, due (not yet
    late) or overdue."""
    code = obligation.report
    period, due_at = due_for(obligation, now.date(), calendar)
    export = last_export(code, period)
    late = OVERDUE if now >= due_at else DUE
    state = EXPORTED if export is not None else late
    return ReportDue(code=code, period=period, due_at=due_at, state=state, export=export)
