"""Report periods (ISO weeks, months), when the regular reports are due, and whether the
report now due has been exported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from gendan_tui.core.clock import Clock
from gendan_tui.core.periods import month_of, parse_month, parse_week, week_of
from gendan_tui.core.report_exports import due_for
from gendan_tui.core.services import Services
from gendan_tui.core.workcalendar import WorkCalendar
from gendan_tui.definitions import load_definitions
from gendan_tui.errors import UserError, ValidationError
from gendan_tui.reports import REPORTS
from gendan_tui.reports.service import ReportService

SHIPPED = load_definitions(reports=REPORTS)


@dataclass
class StoppedClock(Clock):
    """A clock stopped at one moment."""

    at: datetime

    def now(self) -> datetime:
        return self.at


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026-W48", date(2026, 11, 23), date(2026, 11, 29), "2026-W48"),
        ("2026w1", date(2025, 12, 29), date(2026, 1, 4), "2026-W01"),
        ("2026-W53", date(2026, 12, 28), date(2027, 1, 3), "2026-W53"),
        (" 2025-W41 ", date(2025, 10, 6), date(2025, 10, 12), "2025-W41"),
    ],
)
def test_weeks_are_iso_weeks_monday_to_sunday(
    text: str, start: date, end: date, label: str
) -> None:
    week = parse_week(text)
    assert (week.start, week.end, week.label) == (start, end, label)
    assert week.start.weekday() == 0


@pytest.mark.parametrize("text", ["2025-W53", "2026-W00", "2026-48", "W48", "", "2026-W4a"])
def test_malformed_weeks_are_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_week(text)
    assert refused.value.field == "week"
    assert "2026-W48" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-11", date(2026, 11, 1), date(2026, 11, 30)),
        ("2024/02", date(2024, 2, 1), date(2024, 2, 29)),
        ("202612", date(2026, 12, 1), date(2026, 12, 31)),
        ("2026年1月", date(2026, 1, 1), date(2026, 1, 31)),
    ],
)
def test_months(text: str, start: date, end: date) -> None:
    month = parse_month(text)
    assert (month.start, month.end) == (start, end)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-11", "november", "2026-11-01"])
def test_malformed_months_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_month(text)
    assert refused.value.field == "month" and "2026-11" in str(refused.value)


def test_periods_know_their_neighbours_and_bounds() -> None:
    week = week_of(date(2026, 1, 1))
    assert week.label == "2026-W01" and week.previous().label == "2025-W52"
    assert month_of(date(2026, 3, 15)).previous().label == "2026-02"
    assert week.start_at == datetime(2025, 12, 29) and week.end_at == datetime(2026, 1, 5)
    assert datetime(2026, 1, 4, 23, 59) in week and date(2026, 1, 5) not in week


def test_the_weekly_report_is_due_monday_noon_for_last_week() -> None:
    calendar = WorkCalendar()
    weekly = SHIPPED.obligations["complaints-weekly"]
    period, due = due_for(weekly, date(2025, 10, 15), calendar)
    assert (period.label, due) == ("2025-W41", datetime(2025, 10, 13, 12, 0))
    # In the National Day week Monday 10-06 is a holiday: due on the first working day.
    period, due = due_for(weekly, date(2025, 10, 8), calendar)
    assert (period.label, due) == ("2025-W40", datetime(2025, 10, 9, 12, 0))


def test_the_monthly_report_is_due_by_the_third() -> None:
    monthly = SHIPPED.obligations["complaints-monthly"]
    period, due = due_for(monthly, date(2025, 11, 2), WorkCalendar())
    assert (period.label, due) == ("2025-10", datetime(2025, 11, 3, 23, 59, 59))


def test_status_moves_from_due_to_overdue_to_exported(services: Services, tmp_path: Path) -> None:
    clock = StoppedClock(datetime(2025, 10, 13, 9, 30))
    services.ctx.clock = clock
    reports = ReportService(services.ctx)

    status = reports.status("complaints-weekly")
    assert (status.state, status.period.label, status.due_at) == (
        "due",
        "2025-W41",
        datetime(2025, 10, 13, 12, 0),
    )
    assert not status.exported

    clock.at = datetime(2025, 10, 13, 12, 0)
    assert reports.status("complaints-weekly").state == "overdue"

    other_week = reports.parse_period("complaints-weekly", "2025-W40")
    reports.export("complaints-weekly", other_week, tmp_path / "w40.xlsx")
    assert reports.status("complaints-weekly").state == "overdue"

    clock.at = datetime(2025, 10, 13, 14, 5)
    due = reports.due_period("complaints-weekly")
    result = reports.export("complaints-weekly", due, tmp_path / "w41.xlsx")
    status = reports.status("complaints-weekly")
    assert status.state == "exported" and status.export is not None
    assert (status.export.path, status.export.user, status.export.at) == (
        str(result.path),
        "张丽",
        datetime(2025, 10, 13, 14, 5),
    )


def test_the_catalog_lists_every_report(services: Services) -> None:
    catalog = ReportService(services.ctx).catalog()
    assert [(r.code, r.name, r.period_kind) for r in catalog] == [
        ("complaints-weekly", "客户投诉周报表", "week"),
        ("complaints-monthly", "每月客户投诉汇总表", "month"),
    ]
    assert catalog[0].due_text.startswith("每周一 12:00")


def test_a_report_is_refused_a_period_of_the_wrong_kind(services: Services, tmp_path: Path) -> None:
    reports = ReportService(services.ctx)
    with pytest.raises(UserError) as refused:
        reports.export("complaints-weekly", parse_month("2025-10"), tmp_path / "w.xlsx")
    assert str(refused.value) == "报表“客户投诉周报表”需要的统计周期是周，而不是 2025-10。"
    with pytest.raises(UserError) as unknown:
        reports.status("complaints-daily")
    assert "complaints-weekly, complaints-monthly" in str(unknown.value)
    assert not (tmp_path / "w.xlsx").exists()
