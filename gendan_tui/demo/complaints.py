"""Demo complaints (客服部投诉跟踪表) over the 18 months of history.

Older complaints are mostly closed; recent ones are still forwarded, resolved or waiting
for the reply. Each clerk's "frequent problems" customer has three or four complaints in
the last weeks (before the last callback, whose schedule already counts them); nobody
else has more than one within the frequency window, so nobody else counts as frequent.
A handful are taken this week, one or two of them today.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta

from gendan_tui.core.complaints import CATEGORIES
from gendan_tui.demo import phrases
from gendan_tui.demo.bulk import BulkWriter, Row
from gendan_tui.demo.companies import CustomerPlan
from gendan_tui.demo.days import DayTable
from gendan_tui.demo.focus import Focus
from gendan_tui.store.models import Complaint

PER_CUSTOMER = 0.3
"""Complaints over the whole history, per customer."""
WINDOW_WORKDAYS = 62
"""Working days that certainly fall inside the 90-day frequency window."""
CATEGORY_WEIGHTS = (30, 25, 12, 10, 8, 5, 10)
SEVERITIES = (("low", 25), ("normal", 60), ("high", 15))
ASSIGNEES = {
    "mailbox": "technician",
    "website": "production_manager",
    "domain": "technician",
    "b2b": "technician",
    "attitude": "cs_manager",
    "delivery": "production_manager",
    "other": "sales_rep",
}
REPLY_WORKDAYS = 3
STATUS_BY_AGE = (
    (30, (("closed", 90), ("replied", 5), ("resolved", 3), ("forwarded", 2))),
    (7, (("closed", 60), ("replied", 15), ("resolved", 10), ("forwarded", 10), ("open", 5))),
    (0, (("closed", 30), ("replied", 10), ("resolved", 10), ("forwarded", 30), ("open", 20))),
)
"""Status weights by age in working days: older complaints have been seen through."""
PROGRESS = ("open", "forwarded", "resolved", "replied", "closed")


class ComplaintPlanner:
    """Plans complaints as (customer, working day, time) and writes them in date order."""

    def __init__(
        self,
        rng: random.Random,
        plans: list[CustomerPlan],
        days: DayTable,
        focus: Focus,
        roles: dict[str, int],
    ) -> None:
        self.rng = rng
        self.plans = plans
        self.days = days
        self.focus = focus
        self.roles = roles
        self.planned: list[tuple[int, str, int]] = []

    def _time(self, first_hour: int = 9, last_hour: int = 17) -> str:
        return f"{self.rng.randint(first_hour, last_hour):02d}:{self.rng.randint(0, 59):02d}:00"

    def plan(self) -> None:
        """Spread complaints over the history, then add the frequent ones and this week's."""
        days, rng = self.days, self.rng
        window = days.past - WINDOW_WORKDAYS
        recent: set[int] = set(self.focus.frequent)
        for _ in range(int(len(self.plans) * PER_CUSTOMER)):
            plan = self.plans[int(rng.random() * len(self.plans))]
            day = days.past_index(rng, max(plan.created, days.history_start), days.past)
            if day >= window:
                if plan.id in recent:
                    day -= WINDOW_WORKDAYS
                    if day < max(plan.created, days.history_start):
                        continue
                else:
                    recent.add(plan.id)
            self.planned.append((day, self._time(), plan.id))
        for customer in sorted(self.focus.frequent):
            plan = self.plans[customer - 1]
            for _ in range(rng.randint(3, 4)):
                day = rng.randint(max(window + 2, plan.basis - 30), plan.basis)
                self.planned.append((day, self._time(), customer))
        self._this_week(recent)

    def _this_week(self, recent: set[int]) -> None:
        """A handful of complaints this week and today, from customers without another
        complaint in the window."""
        days, rng = self.days, self.rng
        today = days.today
        monday = days.at_or_after(today - timedelta(days=today.weekday()))
        calm = [p.id for p in self.plans if p.id not in recent]
        count = min(len(calm), rng.randint(3, 6))
        for position, customer in enumerate(rng.sample(calm, count)):
            if position < 2 and days.today_is_workday:
                self.planned.append((days.past, self._time(8, 9), customer))
            elif monday < days.past:
                self.planned.append((rng.randrange(monday, days.past), self._time(), customer))

    def write(self, writer: BulkWriter) -> int:
        """Insert the planned complaints, oldest first."""
        self.planned.sort()
        return writer.insert(
            Complaint,
            (
                "id",
                "customer",
                "received_at",
                "taken_by",
                "channel",
                "category",
                "content",
                "severity",
                "status",
                "solved_on_spot",
                "resolution",
                "assignee",
                "assignee_role",
                "due_on",
                "replied_at",
                "reply_method",
                "replied_by",
                "closed_at",
                "version",
            ),
            self._rows(),
        )

    def _status(self, day: int) -> str:
        age = self.days.past - day
        for min_age, weights in STATUS_BY_AGE:
            if age >= min_age:
                return self.rng.choices([s for s, _ in weights], [w for _, w in weights])[0]
        return "open"

    def _reply_day(self, received: int) -> int:
        """A few working days after ``received``, but never after today."""
        if received >= self.days.past:
            return received
        return min(received + self.rng.randint(1, REPLY_WORKDAYS + 2), self.days.past - 1)

    def _rows(self) -> Iterator[Row]:
        rng, days = self.rng, self.days
        severities = [s for s, _ in SEVERITIES]
        severity_weights = [w for _, w in SEVERITIES]
        for complaint_id, (day, time, customer) in enumerate(self.planned, start=1):
            plan = self.plans[customer - 1]
            category = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
            received = f"{days.iso[day]} {time}"
            status = self._status(day)
            on_spot = status == "closed" and rng.random() < 0.4
            reached = PROGRESS.index(status)
            role = None if on_spot or reached < 1 else ASSIGNEES[category]
            replied = (
                received
                if on_spot
                else f"{days.iso[self._reply_day(day)]} {self._time()}"
                if reached >= 3
                else None
            )
            yield (
                complaint_id,
                customer,
                received,
                plan.owner,
                "phone" if rng.random() < 0.85 else "email",
                category,
                rng.choice(phrases.COMPLAINTS[category]),
                rng.choices(severities, severity_weights)[0],
                status,
                on_spot,
                rng.choice(phrases.RESOLUTIONS[category]) if on_spot or reached >= 2 else "",
                self.roles[role] if role else None,
                role,
                days.iso[day + REPLY_WORKDAYS] if role else None,
                replied,
                ("phone" if rng.random() < 0.8 else "email") if replied else None,
                plan.owner if replied else None,
                replied if status == "closed" else None,
                1 + reached,
            )
