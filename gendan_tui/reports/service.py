"""Exporting reports, for the TUI and the command line alike: which reports there are, which
period is due, writing one (with progress) and recording that it was written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gendan_tui.core import report_exports
from gendan_tui.core.context import ServiceContext
from gendan_tui.core.periods import Period
from gendan_tui.core.report_exports import ReportDue
from gendan_tui.core.roles import Permission, require
from gendan_tui.definitions import Obligation
from gendan_tui.errors import Key, UserError
from gendan_tui.reports import REPORTS, report_spec
from gendan_tui.reports.spec import Progress, ReportRequest


@dataclass(frozen=True)
class ReportInfo:
    """One line of the report list."""

    code: str
    name: str
    due_text: str
    period_kind: str


@dataclass(frozen=True)
class ExportResult:
    """A report that has been written."""

    code: str
    name: str
    period: Period
    path: Path
    rows: int
    at: datetime


class ReportService:
    """Lists, writes and tracks the app's reports."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def catalog(self) -> list[ReportInfo]:
        """Every report, in the order of the registry."""
        return [
            ReportInfo(spec.code, spec.name, spec.due_text, spec.period_kind)
            for spec in REPORTS.values()
        ]

    def parse_period(self, code: str, text: str) -> Period:
        """The period ``text`` names for report ``code`` (2026-W48, 2026-11)."""
        return report_spec(code).parse_period(text)

    def obligation(self, code: str) -> Obligation:
        """When report ``code`` falls due, from the report calendar."""
        obligation = self.ctx.definitions.obligations.get(report_spec(code).code)
        if obligation is None:
            raise UserError("report_error.no_obligation", name=report_spec(code).name)
        return obligation

    def due(self, code: str) -> tuple[Period, datetime]:
        """The period whose report ``code`` is due now (last week, last month), and when."""
        return report_exports.due_for(
            self.obligation(code), self.ctx.clock.today(), self.ctx.calendar
        )

    def due_period(self, code: str) -> Period:
        """The period whose report ``code`` is due now (last week, last month)."""
        return self.due(code)[0]

    def status(self, code: str) -> ReportDue:
        """When report ``code`` is due and whether it has been exported (for the home screen)."""
        return report_exports.report_due(
            self.obligation(code), self.ctx.clock.now(), self.ctx.calendar
        )

    def default_path(self, code: str, period: Period, folder: Path | str | None = None) -> Path:
        """Where the report goes unless the user says otherwise: its usual file name in
        ``folder`` (the current directory by default)."""
        return Path(folder or ".") / report_spec(code).file_name(period)

    def export(
        self,
        code: str,
        period: Period,
        out: Path | str,
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write report ``code`` for ``period`` to ``out`` and record the export.

        ``progress`` is told ``(done, total)`` rows as they are written. The file appears
        only once complete; a path that cannot be written is refused before any work.
        """
        spec = report_spec(code)
        if period.kind != spec.period_kind:
            raise UserError(
                "report_error.wrong_period",
                name=spec.name,
                kind=Key(f"report_period_kind.{spec.period_kind}"),
                label=period.label,
            )
        actor = self.ctx.actor
        if actor is not None:
            require(actor, Permission.EXPORT_REPORTS)
        now = self.ctx.clock.now()
        request = ReportRequest(
            period=period,
            out=Path(out),
            now=now,
            calendar=self.ctx.calendar,
            vocabulary=self.ctx.definitions.complaints,
            prepared_by=actor.name if actor else "",
            progress=progress,
        )
        rows = spec.write(request)
        path = Path(out).expanduser().absolute()
        report_exports.record_export(code, period, path, rows, actor, now)
        return ExportResult(code, spec.name, period, path, rows, now)
