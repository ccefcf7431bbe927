"""The Chinese working-day calendar: public holidays off, make-up working weekends (调休) on.

The official days come from the ``chinesecalendar`` package, which covers each year once
the State Council publishes its notice (each December for the next year). A department can
add its own overrides, and can confirm a year the package does not cover yet after entering
that year's days by hand; until then dates in it fall back to plain weekdays.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import chinese_calendar

ONE_DAY = timedelta(days=1)


def official_years() -> range:
    """The years the installed holiday data covers."""
    days = list(chinese_calendar.holidays) + list(chinese_calendar.workdays)
    return range(min(days).year, max(days).year + 1)


class WorkCalendar:
    """Answers "is this a working day" and does working-day arithmetic."""

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        confirmed_years: Iterable[int] = (),
    ) -> None:
        self._overrides = dict(overrides or {})
        self._official = official_years()
        self._confirmed = set(confirmed_years)

    def is_year_known(self, year: int) -> bool:
        """Whether holidays and make-up days of ``year`` are known (officially or confirmed)."""
        return year in self._official or year in self._confirmed

    def is_workday(self, day: date) -> bool:
        """Whether people work on ``day``."""
        if day in self._overrides:
            return self._overrides[day]
        if day.year in self._official:
            return bool(chinese_calendar.is_workday(day))
        return day.weekday() < 5

    def on_or_after(self, day: date) -> date:
        """``day`` if it is a working day, else the next working day."""
        while not self.is_workday(day):
            day += ONE_DAY
        return day

    def next_workday(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.on_or_after(day + ONE_DAY)

    def add_workdays(self, day: date, count: int) -> date:
        """The date ``count`` working days after ``day`` (``day`` itself not counted)."""
        for _ in range(count):
            day = self.next_workday(day)
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 if ``end`` <= ``start``)."""
        count = 0
        day = start + ONE_DAY
        while day <= end:
            count += self.is_workday(day)
            day += ONE_DAY
        return count

    def unknown_year_ahead(self, today: date, horizon_days: int = 92) -> int | None:
        """The first year within ``horizon_days`` of ``today`` whose calendar is not known.

        The app warns about it: due dates in that year may land on an unannounced holiday.
        """
        for year in (today.year, (today + timedelta(days=horizon_days)).year):
            if not self.is_year_known(year):
                return year
        return None
