"""《每月客户投诉汇总表》 with its analysis: every complaint of the month, the summary by
category, status and responsible department, the change against the previous month, the
categories ranked, and the customers who complained more than once. Due by the 3rd."""

from __future__ import annotations

from openpyxl.chart import Reference

from gendan_tui.core.complaint_report_rows import (
    count_between,
    repeat_customer_count,
    repeat_customers,
    report_rows,
    summary_rows,
)
from gendan_tui.core.complaint_terms import category_name, load_categories
from gendan_tui.core.periods import Period
from gendan_tui.i18n import t
from gendan_tui.reports.complaint_sheets import (
    Names,
    column_chart,
    title_lines,
    write_detail,
    write_summary,
)
from gendan_tui.reports.complaint_summary import ComplaintSummary, Tally
from gendan_tui.reports.excel import (
    DATETIME,
    DECIMAL_FORMAT,
    INTEGER,
    NUMBER,
    PERCENT,
    PERCENT_FORMAT,
    Column,
    ProgressCounter,
    ReportBook,
    TableSheet,
)
from gendan_tui.reports.spec import ReportRequest

CODE = "complaints-monthly"


def write(request: ReportRequest) -> int:
    """Write the monthly report for ``request.period``; returns the number of complaints."""
    period = request.period
    previous = period.previous()
    total = count_between(period.start_at, period.end_at)
    lines = title_lines(request, t(f"report_name.{CODE}"), total)
    last_month = ComplaintSummary(request.calendar, request.vocabulary)
    for row in summary_rows(previous.start_at, previous.end_at):
        last_month.add(row)
    summary = ComplaintSummary(request.calendar, request.vocabulary)
    counter = ProgressCounter(request.progress, total)
    with ReportBook(request.out) as book:
        rows = report_rows(period.start_at, period.end_at)
        write_detail(book, request, lines, rows, summary, counter)
        write_summary(book, request, lines, summary)
        compared = [*lines, t("report.compared_with", label=previous.label)]
        _write_comparison(book, compared, period, previous, summary, last_month)
        _write_ranking(book, compared, summary, last_month)
        _write_repeat_customers(book, lines, period)
        book.save()
    counter.finish()
    return counter.done


def _change(now: float | None, before: float | None) -> tuple[float | None, float | None]:
    """The difference and the relative change (None where it cannot be told)."""
    if now is None or before is None:
        return None, None
    return now - before, (now - before) / before if before else None


def _write_comparison(
    book: ReportBook,
    lines: list[str],
    period: Period,
    previous: Period,
    summary: ComplaintSummary,
    last_month: ComplaintSummary,
) -> TableSheet:
    """The month's headline figures beside last month's (环比)."""
    c = "report_col."
    sheet = book.table(
        t("report.sheet_comparison"),
        lines,
        [
            Column(t(c + "measure"), max_width=30),
            Column(t(c + "this_month"), NUMBER),
            Column(t(c + "last_month"), NUMBER),
            Column(t(c + "difference"), NUMBER),
            Column(t(c + "change"), PERCENT),
        ],
    )
    now, before = summary.total, last_month.total
    repeat_now = repeat_customer_count(period.start_at, period.end_at)
    repeat_before = repeat_customer_count(previous.start_at, previous.end_at)
    counts: list[tuple[str, int, int]] = [
        ("total", now.count, before.count),
        ("on_spot_count", now.on_spot, before.on_spot),
        ("replied_count", now.replied, before.replied),
        ("still_open", now.still_open, before.still_open),
        ("repeat_customers", repeat_now, repeat_before),
    ]
    for key, this, last in counts:
        difference, change = _change(this, last)
        sheet.add([t(f"report_measure.{key}"), this, last, difference, change])
    shares = (
        ("on_spot_share", now.on_spot_share, before.on_spot_share, PERCENT_FORMAT),
        (
            "avg_reply_workdays",
            now.average_reply_workdays,
            before.average_reply_workdays,
            DECIMAL_FORMAT,
        ),
    )
    for key, this_value, last_value, number_format in shares:
        difference, _ = _change(this_value, last_value)
        sheet.add(
            [
                t(f"report_measure.{key}"),
                sheet.formatted(this_value, number_format),
                sheet.formatted(last_value, number_format),
                sheet.formatted(difference, number_format),
                None,
            ]
        )
    return sheet


def _ranks(counts: list[int]) -> list[int]:
    """Competition ranks (1, 2, 2, 4) of counts already sorted from most to fewest."""
    ranks: list[int] = []
    for index, count in enumerate(counts):
        ranks.append(ranks[-1] if index and counts[index - 1] == count else index + 1)
    return ranks


def _write_ranking(
    book: ReportBook, lines: list[str], summary: ComplaintSummary, last_month: ComplaintSummary
) -> TableSheet:
    """The categories from most to fewest complaints, each against last month, charted."""
    c = "report_col."
    sheet = book.table(
        t("report.sheet_ranking"),
        lines,
        [
            Column(t(c + "rank"), INTEGER),
            Column(t(c + "category")),
            Column(t(c + "this_month"), INTEGER),
            Column(t(c + "share"), PERCENT),
            Column(t(c + "last_month"), INTEGER),
            Column(t(c + "difference"), INTEGER),
            Column(t(c + "change"), PERCENT),
        ],
    )
    order = [category.code for category in load_categories(summary.vocabulary.category_codes)]
    ranked = summary.categories_ranked(order)
    total = summary.total.count
    for rank, (code, tally) in zip(
        _ranks([tally.count for _, tally in ranked]), ranked, strict=True
    ):
        before = last_month.by_category.get(code, Tally()).count
        difference, change = _change(tally.count, before)
        share = tally.count / total if total else None
        sheet.add([rank, category_name(code), tally.count, share, before, difference, change])
    if ranked:
        chart = column_chart(t("report.chart_month_by_category"), t("report_col.count"))
        chart.grouping = "clustered"
        for column in (3, 5):
            chart.add_data(
                Reference(
                    sheet.ws, min_col=column, min_row=sheet.header_row, max_row=sheet.last_row
                ),
                titles_from_data=True,
            )
        chart.set_categories(
            Reference(sheet.ws, min_col=2, min_row=sheet.first_data_row, max_row=sheet.last_row)
        )
        sheet.ws.add_chart(chart, f"I{sheet.header_row}")
    return sheet


def _write_repeat_customers(book: ReportBook, lines: list[str], period: Period) -> TableSheet:
    """Customers with more than one complaint this month, most complaints first."""
    c = "report_col."
    sheet = book.table(
        t("report.sheet_repeat"),
        lines,
        [
            Column(t(c + "number"), INTEGER),
            Column(t(c + "customer"), max_width=30),
            Column(t(c + "phone")),
            Column(t(c + "count"), INTEGER),
            Column(t(c + "still_open"), INTEGER),
            Column(t(c + "categories"), max_width=40),
            Column(t(c + "first_at"), DATETIME),
            Column(t(c + "last_at"), DATETIME),
        ],
    )
    names = Names()
    separator, each = t("report.list_separator"), t("report.category_count")
    for number, customer in enumerate(repeat_customers(period.start_at, period.end_at), start=1):
        categories = separator.join(
            each.format(name=names.category[code], count=count)
            for code, count in customer.categories
        )
        sheet.add(
            [
                number,
                customer.name,
                customer.phone,
                customer.count,
                customer.still_open,
                categories,
                customer.first_at,
                customer.last_at,
            ]
        )
    if not sheet.rows:
        sheet.note(t("report.no_repeat_customers"))
    return sheet
