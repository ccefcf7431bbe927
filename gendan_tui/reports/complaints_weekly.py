"""《客户投诉周报表》: every complaint of one ISO week (Monday to Sunday) with every field, and
a summary by category, status and responsible department with a chart. Due every Monday
before 12:00."""

from __future__ import annotations

from gendan_tui.core.complaint_report_rows import count_between, report_rows
from gendan_tui.i18n import t
from gendan_tui.reports.complaint_sheets import title_lines, write_detail, write_summary
from gendan_tui.reports.complaint_summary import ComplaintSummary
from gendan_tui.reports.excel import ProgressCounter, ReportBook
from gendan_tui.reports.spec import ReportRequest

CODE = "complaints-weekly"


def write(request: ReportRequest) -> int:
    """Write the weekly report for ``request.period``; returns the number of complaints."""
    period = request.period
    total = count_between(period.start_at, period.end_at)
    lines = title_lines(request, t(f"report_name.{CODE}"), total)
    summary = ComplaintSummary(request.calendar, request.vocabulary)
    counter = ProgressCounter(request.progress, total)
    with ReportBook(request.out) as book:
        rows = report_rows(period.start_at, period.end_at)
        write_detail(book, request, lines, rows, summary, counter)
        write_summary(book, request, lines, summary)
        book.save()
    counter.finish()
    return counter.done
