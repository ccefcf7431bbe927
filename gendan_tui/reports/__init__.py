"""Every Excel report of the app. A new report is one writer module and one line in
``REPORTS``; the CLI's ``gendan report --list`` and the TUI's export list read it."""

from __future__ import annotations

from gendan_tui.core.periods import MONTH, WEEK
from gendan_tui.errors import UserError
from gendan_tui.reports.spec import ReportRequest, ReportSpec

REPORTS: dict[str, ReportSpec] = {
    spec.code: spec
    for spec in (
        ReportSpec("complaints-weekly", WEEK, "gendan_tui.reports.complaints_weekly"),
        ReportSpec("complaints-monthly", MONTH, "gendan_tui.reports.complaints_monthly"),
    )
}


def report_spec(code: str) -> ReportSpec:
    """The report named ``code``; an unknown code is refused with the list of known ones."""
    spec = REPORTS.get(code)
    if spec is None:
        raise UserError("report_error.unknown", code=code, codes=", ".join(REPORTS))
    return spec


__all__ = ["REPORTS", "ReportRequest", "ReportSpec", "report_spec"]
