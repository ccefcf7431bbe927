"""The current date and time, injectable so rules and tests agree on what "today" is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time


class Clock:
    """The wall clock."""

    def now(self) -> datetime:
        """The local date and time."""
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        """The local date."""
        return self.now().date()


@dataclass
class FixedClock(Clock):
    """A clock stopped on one day (demos, ``--date``, tests); the time of day still moves."""

    day: date

    def now(self) -> datetime:
        return datetime.combine(self.day, datetime.now().time().replace(microsecond=0))

    def today(self) -> date:
        return self.day


def start_of(day: date) -> datetime:
    """Midnight at the start of ``day``."""
    return datetime.combine(day, time.min)
