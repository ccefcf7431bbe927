"""Working days around the demo's "today" as an indexed list, and cached callback rules.

The generator works with indexes into the list of working days (calls and stage changes
happen on working days), so "three working days earlier" is index arithmetic. Due dates
come from the real rules in ``core.callback_rules``, memoised because many customers share
the same dates.
"""

from __future__ import annotations

import bisect
import random
from datetime import date, timedelta

import pendulum

from gendan_tui.core import callback_rules as rules
from gendan_tui.core.callback_rules import CallbackPolicy, Schedule
from gendan_tui.core.workcalendar import WorkCalendar

HISTORY_MONTHS = 18
OLDEST_CUSTOMER_YEARS = 8
FUTURE_DAYS = 400


def months_before(day: date, months: int) -> date:
    """The same day of the month ``months`` earlier (clamped to the month's end)."""
    earlier = pendulum.date(day.year, day.month, day.day).subtract(months=months)
    return date(earlier.year, earlier.month, earlier.day)


class DayTable:
    """Working days from years before ``today`` to a year after it, with their ISO text."""

    def __init__(self, calendar: WorkCalendar, policy: CallbackPolicy, today: date) -> None:
        self.calendar = calendar
        self.policy = policy
        self.today = today
        first = date(today.year - OLDEST_CUSTOMER_YEARS - 1, 1, 1)
        last = today + timedelta(days=FUTURE_DAYS)
        days: list[date] = []
        day = first
        while day <= last:
            if calendar.is_workday(day):
                days.append(day)
            day += timedelta(days=1)
        self.days = days
        self.iso = [d.isoformat() for d in days]
        self.index = {d: i for i, d in enumerate(days)}
        self.past = bisect.bisect_left(days, today)
        """Working days strictly before today: ``days[past - 1]`` is the last of them."""
        self.history_start = bisect.bisect_left(days, months_before(today, HISTORY_MONTHS))
        self.today_is_workday = calendar.is_workday(today)
        self._periodic: dict[tuple[int, int | None, bool], int] = {}
        self._milestone: dict[tuple[str, int], tuple[int, int]] = {}

    def at_or_after(self, day: date) -> int:
        """Index of the first working day on or after ``day``."""
        return bisect.bisect_left(self.days, day)

    def past_index(self, rng: random.Random, low: int, high: int) -> int:
        """A random working day index in ``[low, high)``, clamped to the past."""
        high = min(high, self.past)
        low = min(max(low, 0), high - 1)
        return low + int(rng.random() * (high - low))

    def periodic_due(self, basis: int, interval: int | None, frequent: bool) -> int:
        """Index of the periodic callback's due day after a success on ``days[basis]``."""
        key = (basis, interval, frequent)
        found = self._periodic.get(key)
        if found is None:
            schedule = rules.periodic_schedule(
                self.days[basis],
                self.calendar,
                self.policy,
                interval_months=interval,
                frequent=frequent,
            )
            found = self.index[schedule.due_on]
            self._periodic[key] = found
        return found

    def milestone(self, reason: str, event: int) -> tuple[int, int]:
        """Indexes of (next try, due) of the callback a milestone on ``days[event]`` owes."""
        key = (reason, event)
        found = self._milestone.get(key)
        if found is None:
            schedule: Schedule = rules.milestone_schedule(
                reason, self.days[event], self.calendar, self.policy
            )
            found = (self.index[schedule.next_try_on], self.index[schedule.due_on])
            self._milestone[key] = found
        return found
