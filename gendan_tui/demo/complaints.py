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
from datetime import datetime, timedelta
from datetime import time as clock_time

from gendan_tui.demo import phrases
from gendan_tui.demo.bulk import BulkWriter, Row
from gendan_tui.demo.companies import CustomerPlan
from gendan_tui.demo.days import DayTable
from gendan_tui.demo.focus import Focus
from gendan_tui.store.models import Complaint, ComplaintEvent

PER_CUSTOMER = 0.3
"""Complaints over the whole history, per customer."""
WINDOW_WORKDAYS = 62
"""Working days that certainly fall inside the 90-day frequency window."""
CATEGORIES = ("mailbox", "website", "domain", "b2b", "attitude", "delivery", "other")
"""The shipped complaint categories (data/complaints.toml) the demo files complaints under."""
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
    (1, (("closed", 30), ("replied", 10), ("resolved", 10), ("forwarded", 30), ("open", 20))),
    (0, (("forwarded", 50), ("open", 50))),
)
"""Status weights by age in working days: older complaints have been seen through; those
taken this morning are at most forwarded."""
OPEN, FORWARDED, RESOLVED, REPLIED, CLOSED = "open", "forwarded", "resolved", "replied", "closed"
PROGRESS = (OPEN, FORWARDED, RESOLVED, REPLIED, CLOSED)


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
        """Insert the planned complaints, oldest first, with their timelines."""
        self.planned.sort()
        events: list[Row] = []
        count = writer.insert(
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
                "contact_name",
                "phone",
                "forwarded_at",
                "resolved_at",
                "resolved_by",
                "reply_note",
                "updated_at",
                "version",
            ),
            self._rows(events),
        )
        writer.insert(
            ComplaintEvent,
            (
                "id",
                "complaint",
                "at",
                "user",
                "kind",
                "note",
                "status_before",
                "status_after",
                "assignee",
                "assignee_role",
                "due_on",
                "reply_method",
            ),
            events,
        )
        return count

    def _status(self, day: int) -> str:
        age = self.days.past - day
        for min_age, weights in STATUS_BY_AGE:
            if age >= min_age:
                return self.rng.choices([s for s, _ in weights], [w for _, w in weights])[0]
        return OPEN

    def _after(self, before: datetime, day: int, received: int) -> tuple[datetime, int]:
        """A moment on a working day up to ``day`` working days after ``before``'s day
        (never after today), later than ``before``; and that day."""
        last = received if received >= self.days.past else self.days.past - 1
        index = min(received + day, last)
        at = datetime.combine(self.days.days[index], clock_time(self.rng.randint(9, 17)))
        at += timedelta(minutes=self.rng.randint(0, 59))
        if at <= before:
            at = before + timedelta(minutes=self.rng.randint(10, 90))
        return at, index

    def _rows(self, events: list[Row]) -> Iterator[Row]:
        """Complaint rows; each step of their timelines is appended to ``events``."""
        rng, days = self.rng, self.days
        severities = [s for s, _ in SEVERITIES]
        severity_weights = [w for _, w in SEVERITIES]

        def event(complaint: int, at: datetime, *values: object) -> None:
            events.append((len(events) + 1, complaint, _stamp(at), *values))

        for complaint_id, (day, time, customer) in enumerate(self.planned, start=1):
            plan = self.plans[customer - 1]
            clerk = plan.owner
            category = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
            received = datetime.combine(days.days[day], clock_time.fromisoformat(time))
            channel = "phone" if rng.random() < 0.85 else "email"
            contact, phone = rng.choice(plan.callers)
            status = self._status(day)
            reached = PROGRESS.index(status)
            on_spot = status == CLOSED and rng.random() < 0.4
            resolution = rng.choice(phrases.RESOLUTIONS[category]) if reached >= 2 else ""
            event(complaint_id, received, clerk, "taken", "", None, OPEN, None, None, None, None)
            role = assignee = due_on = forwarded = resolved = replied = closed = None
            resolved_by = replied_by = method = None
            reply_note = ""
            if on_spot:
                resolved = replied = closed = received + timedelta(minutes=rng.randint(5, 40))
                resolved_by = replied_by = clerk
                method = channel
                event(complaint_id, closed, clerk, "solved_on_spot", resolution, OPEN, CLOSED,
                      None, None, None, None)  # fmt: skip
                version = 2
            else:
                at, step_day = received, day
                if reached >= 1:
                    role = ASSIGNEES[category]
                    assignee = self.roles[role]
                    due_on = days.iso[day + REPLY_WORKDAYS]
                    forwarded = at = received + timedelta(minutes=rng.randint(10, 90))
                    event(complaint_id, at, clerk, "forwarded", "", OPEN, FORWARDED, assignee,
                          role, due_on, None)  # fmt: skip
                if reached >= 2:
                    at, step_day = self._after(at, rng.randint(0, REPLY_WORKDAYS), day)
                    resolved = at
                    resolved_by = assignee
                    event(complaint_id, at, assignee, "resolved", resolution, FORWARDED,
                          RESOLVED, None, None, None, None)  # fmt: skip
                if reached >= 3:
                    at, step_day = self._after(at, step_day - day + rng.randint(0, 1), day)
                    replied = at
                    replied_by = clerk
                    method = "phone" if rng.random() < 0.8 else "email"
                    reply_note = rng.choice(phrases.REPLY_NOTES)
                    event(complaint_id, at, clerk, "replied", reply_note, RESOLVED, REPLIED,
                          None, None, None, method)  # fmt: skip
                if reached >= 4:
                    at, step_day = self._after(at, step_day - day + rng.randint(0, 2), day)
                    closed = at
                    event(complaint_id, at, clerk, "closed", "", REPLIED, CLOSED, None, None,
                          None, None)  # fmt: skip
                version = 1 + reached
            yield (
                complaint_id, customer, _stamp(received), clerk, channel, category,
                rng.choice(phrases.COMPLAINTS[category]),
                rng.choices(severities, severity_weights)[0],
                status, on_spot, resolution, assignee, role, due_on, _stamp(replied), method,
                replied_by, _stamp(closed), contact, phone, _stamp(forwarded), _stamp(resolved),
                resolved_by, reply_note,
                _stamp(closed or replied or resolved or forwarded or received), version,
            )  # fmt: skip


def _stamp(at: datetime | None) -> str | None:
    """A moment as both databases take it from a plain string."""
    return None if at is None else at.strftime("%Y-%m-%d %H:%M:%S")
