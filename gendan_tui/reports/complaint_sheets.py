"""The sheets the weekly and monthly complaint reports share: the detail table (one row
per complaint, every field) and the summary table with its chart."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from openpyxl.chart import BarChart, Reference

from gendan_tui.core.complaint_report_rows import ReportRow
from gendan_tui.core.complaint_terms import (
    STATUSES,
    category_name,
    load_categories,
)
from gendan_tui.core.periods import Period
from gendan_tui.definitions import ComplaintVocabulary
from gendan_tui.i18n import t
from gendan_tui.reports.complaint_summary import ComplaintSummary, Tally
from gendan_tui.reports.excel import (
    DATE,
    DATETIME,
    DECIMAL,
    INTEGER,
    PERCENT,
    Column,
    ProgressCounter,
    ReportBook,
    TableSheet,
)
from gendan_tui.reports.spec import ReportRequest


class _Lookup(dict[str | None, str]):
    """Names of codes, each translated the first time it is asked for; no code, no name."""

    def __init__(self, name_of: Callable[[str], str]) -> None:
        super().__init__()
        self.name_of = name_of

    def __missing__(self, code: str | None) -> str:
        name = self.name_of(code) if code else ""
        self[code] = name
        return name


class Names:
    """Translated names of the codes a report writes, looked up once each per report."""

    def __init__(self) -> None:
        def group(prefix: str) -> _Lookup:
            return _Lookup(lambda code: t(f"{prefix}.{code}"))

        self.category = _Lookup(category_name)
        self.channel = group("complaint_channel")
        self.severity = group("severity")
        self.status = group("status")
        self.department = group("complaint_dept")
        self.role = group("role")
        self.reply_method = group("complaint_reply_method")
        self.yes = t("report.yes")
        self.no = t("report.no")

    def flag(self, value: bool) -> str:
        """是 or 否."""
        return self.yes if value else self.no


def title_lines(request: ReportRequest, name: str, count: int) -> list[str]:
    """The rows above every table of a report: name, period and count, who and when."""
    period = request.period
    return [
        name,
        t(
            f"report.period_{period.kind}",
            label=period.label,
            start=period.start.isoformat(),
            end=period.end.isoformat(),
            count=count,
        ),
        t(
            "report.prepared",
            who=request.prepared_by or "-",
            at=stamp(request.now),
        ),
    ]


def detail_columns() -> list[Column]:
    """The columns of the detail table."""
    c = "report_col."
    return [
        Column(t(c + "id"), INTEGER),
        Column(t(c + "received_at"), DATETIME),
        Column(t(c + "customer"), max_width=30),
        Column(t(c + "contact")),
        Column(t(c + "phone")),
        Column(t(c + "channel")),
        Column(t(c + "category")),
        Column(t(c + "severity")),
        Column(t(c + "content"), max_width=60),
        Column(t(c + "taken_by")),
        Column(t(c + "status")),
        Column(t(c + "on_spot")),
        Column(t(c + "department")),
        Column(t(c + "responsible")),
        Column(t(c + "forwarded_at"), DATETIME),
        Column(t(c + "due_on"), DATE),
        Column(t(c + "late")),
        Column(t(c + "resolution"), max_width=60),
        Column(t(c + "resolved_at"), DATETIME),
        Column(t(c + "replied_at"), DATETIME),
        Column(t(c + "reply_method")),
        Column(t(c + "replied_by")),
        Column(t(c + "reply_note"), max_width=40),
        Column(t(c + "reply_workdays"), INTEGER),
        Column(t(c + "closed_at"), DATETIME),
        Column(t(c + "follow_ups"), INTEGER),
        Column(t(c + "reopened"), INTEGER),
    ]


def detail_values(
    row: ReportRow,
    reply_days: int | None,
    names: Names,
    today: date,
    vocabulary: ComplaintVocabulary,
) -> list[object]:
    """One complaint as a detail-table row."""
    resolved_on = row.resolved_at.date() if row.resolved_at else today
    late = names.flag(row.due_on < resolved_on) if row.due_on else ""
    return [
        row.id,
        row.received_at,
        row.customer_name,
        row.contact_name,
        row.phone,
        names.channel[row.channel],
        names.category[row.category],
        names.severity[row.severity],
        row.content,
        row.taken_by,
        names.status[row.status],
        names.yes if row.solved_on_spot else names.no,
        names.department[vocabulary.department_of(row.assignee_role)],
        row.assignee or names.role[row.assignee_role],
        row.forwarded_at,
        row.due_on,
        late,
        row.resolution,
        row.resolved_at,
        row.replied_at,
        names.reply_method[row.reply_method],
        row.replied_by,
        row.reply_note,
        reply_days,
        row.closed_at,
        row.follow_ups,
        row.reopened_count,
    ]


def write_detail(
    book: ReportBook,
    request: ReportRequest,
    lines: list[str],
    rows: Iterable[ReportRow],
    summary: ComplaintSummary,
    counter: ProgressCounter,
) -> TableSheet:
    """Stream every complaint into the detail sheet, counting each into ``summary``."""
    sheet = book.table(t("report.sheet_detail"), lines, detail_columns())
    names = Names()
    today = request.now.date()
    for row in rows:
        sheet.add(detail_values(row, summary.add(row), names, today, request.vocabulary))
        counter.tick()
    if not sheet.rows:
        sheet.note(none_text(request.period))
    return sheet


def none_text(period: Period) -> str:
    """What an empty report says."""
    return t(f"report.none_{period.kind}")


def summary_columns() -> list[Column]:
    """The columns of the summary table."""
    c = "report_col."
    return [
        Column(t(c + "dimension")),
        Column(t(c + "item"), max_width=30),
        Column(t(c + "count"), INTEGER),
        Column(t(c + "share"), PERCENT),
        Column(t(c + "on_spot_count"), INTEGER),
        Column(t(c + "on_spot_share"), PERCENT),
        Column(t(c + "replied_count"), INTEGER),
        Column(t(c + "avg_reply_workdays"), DECIMAL),
        Column(t(c + "still_open"), INTEGER),
    ]


def tally_values(dimension: str, item: str, tally: Tally, total: int) -> list[object]:
    """One summary row."""
    return [
        dimension,
        item,
        tally.count,
        tally.count / total if total else None,
        tally.on_spot,
        tally.on_spot_share,
        tally.replied,
        tally.average_reply_workdays,
        tally.still_open,
    ]


def write_summary(
    book: ReportBook, request: ReportRequest, lines: list[str], summary: ComplaintSummary
) -> TableSheet:
    """The summary by category (most complaints first), status and responsible department,
    after a total row, with a chart of the categories."""
    sheet = book.table(t("report.sheet_summary"), lines, summary_columns())
    names = Names()
    total = summary.total.count
    sheet.add(tally_values(t("report.dim_total"), t("report.all"), summary.total, total))
    first_category = sheet.last_row + 1
    order = [category.code for category in load_categories(request.vocabulary.category_codes)]
    for code, tally in summary.categories_ranked(order):
        sheet.add(tally_values(t("report.dim_category"), names.category[code], tally, total))
    last_category = sheet.last_row
    statuses = list(dict.fromkeys([*STATUSES, *summary.by_status]))
    for status in statuses:
        tally = summary.by_status[status]
        sheet.add(tally_values(t("report.dim_status"), names.status[status], tally, total))
    for dept in list(dict.fromkeys([*request.vocabulary.all_departments, *summary.by_department])):
        tally = summary.by_department[dept]
        item = names.department[dept]
        sheet.add(tally_values(t("report.dim_department"), item, tally, total))
    if total == 0:
        sheet.note(none_text(request.period))
        return sheet
    chart = column_chart(t("report.chart_by_category"), t("report_col.count"))
    chart.add_data(Reference(sheet.ws, min_col=3, min_row=first_category, max_row=last_category))
    chart.set_categories(
        Reference(sheet.ws, min_col=2, min_row=first_category, max_row=last_category)
    )
    chart.legend = None
    sheet.ws.add_chart(chart, f"K{sheet.header_row}")
    return sheet


def column_chart(title: str, y_title: str) -> BarChart:
    """A column chart in the house style."""
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.y_axis.title = y_title
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width = 20
    chart.height = 10
    return chart


def stamp(at: datetime) -> str:
    """A moment as the title rows write it."""
    return at.strftime("%Y-%m-%d %H:%M")
