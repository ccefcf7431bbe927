"""The working-day calendar: official holidays, make-up days, overrides, unknown years."""

from __future__ import annotations

from datetime import date

import pytest

from gendan_tui.core.workcalendar import WorkCalendar, official_years

CAL = WorkCalendar()
CAL_YEARS = list(official_years())


@pytest.mark.parametrize(
    ("day", "is_work"),
    [
        (date(2025, 10, 1), False),  # National Day
        (date(2025, 10, 8), False),  # last day of the National Day break
        (date(2025, 10, 9), True),
        (date(2025, 9, 28), True),  # make-up working Sunday
        (date(2025, 10, 11), True),  # make-up working Saturday
        (date(2025, 2, 8), True),  # make-up working Saturday after Spring Festival
        (date(2025, 2, 9), False),  # ordinary Sunday
        (date(2025, 1, 29), False),  # Spring Festival
        (date(2025, 10, 10), True),  # ordinary Friday
    ],
)
def test_official_days(day: date, is_work: bool) -> None:
    assert CAL.is_workday(day) is is_work


def test_on_or_after_skips_the_national_day_break() -> None:
    assert CAL.on_or_after(date(2025, 10, 1)) == date(2025, 10, 9)
    assert CAL.on_or_after(date(2025, 10, 9)) == date(2025, 10, 9)


def test_on_or_after_keeps_a_make_up_saturday() -> None:
    assert CAL.on_or_after(date(2025, 2, 8)) == date(2025, 2, 8)


def test_next_workday_is_strictly_after() -> None:
    assert CAL.next_workday(date(2025, 9, 30)) == date(2025, 10, 9)
    assert CAL.next_workday(date(2025, 2, 7)) == date(2025, 2, 8)
    assert CAL.next_workday(date(2025, 10, 10)) == date(2025, 10, 11)


def test_add_workdays_counts_make_up_days_and_skips_holidays() -> None:
    # Mon 29 Sep 2025: Tue 30 Sep, then the break, then Thu 9 Oct and Fri 10 Oct.
    assert CAL.add_workdays(date(2025, 9, 29), 3) == date(2025, 10, 10)
    assert CAL.add_workdays(date(2025, 9, 29), 0) == date(2025, 9, 29)


def test_workdays_between() -> None:
    assert CAL.workdays_between(date(2025, 9, 30), date(2025, 10, 11)) == 3
    assert CAL.workdays_between(date(2025, 10, 11), date(2025, 10, 1)) == 0


def test_overrides_win_over_official_data() -> None:
    cal = WorkCalendar({date(2025, 10, 9): False, date(2025, 10, 5): True})
    assert not cal.is_workday(date(2025, 10, 9))
    assert cal.is_workday(date(2025, 10, 5))
    assert cal.on_or_after(date(2025, 10, 6)) == date(2025, 10, 10)


def test_unknown_year_falls_back_to_weekdays_and_is_reported() -> None:
    last_known = max(CAL_YEARS)
    unknown = last_known + 1
    assert not CAL.is_year_known(unknown)
    # 1 January of an unannounced year is only treated as a day off if it is a weekend.
    first = date(unknown, 1, 1)
    assert CAL.is_workday(first) is (first.weekday() < 5)
    assert CAL.unknown_year_ahead(date(last_known, 11, 28)) == unknown
    assert CAL.unknown_year_ahead(date(last_known, 6, 1)) is None


def test_confirmed_year_is_no_longer_reported() -> None:
    unknown = max(CAL_YEARS) + 1
    cal = WorkCalendar({date(unknown, 1, 1): False}, confirmed_years=[unknown])
    assert cal.is_year_known(unknown)
    assert cal.unknown_year_ahead(date(unknown - 1, 11, 28)) is None
    assert not cal.is_workday(date(unknown, 1, 1))
