"""Demo callbacks: the tasks behind today's queues, and 18 months of call records.

The schedule follows ``core.callback_rules``: recent milestones owe a callback (made on
time, mostly); every customer has one open periodic callback, due by the rules after
their last successful call. That last call is planned first, so today's queues come out
as intended (see ``focus``); the rest of the history fills the months before it.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterator
from itertools import accumulate
from operator import itemgetter

from gendan_tui.core import callback_rules as rules
from gendan_tui.demo import phrases
from gendan_tui.demo.bulk import BulkWriter, Row
from gendan_tui.demo.companies import CustomerPlan
from gendan_tui.demo.days import DayTable
from gendan_tui.demo.focus import Focus
from gendan_tui.demo.orders import MilestoneTask
from gendan_tui.store.models import CallbackRecord, CallbackTask

SUCCESS = "success"
SUCCESS_SHARE = 0.82
FAILURE_WEIGHTS = (
    ("no_answer", 10),
    ("busy", 4),
    ("not_person", 3),
    ("wrong_number", 1),
    ("other", 2),
)
MILESTONE_DONE_SHARE = 0.94
OVERDUE_WORKDAYS = 8
"""Planned overdue callbacks fell due within this many working days before today."""
MILESTONE_DISCUSSED = {
    rules.MAILBOX: "确认邮箱开通通知已收到，账号可正常登录",
    rules.B2B: "确认B2B账号已开通，指导发布第一批产品",
    rules.WEBSITE: "回访网站完工情况，客户已验收",
}

TIMES = tuple(
    f"{hour:02d}:{minute:02d}:{second:02d}"
    for hour in (9, 10, 11, 13, 14, 15, 16, 17)
    for minute in range(0, 60, 7)
    for second in (5, 31, 48)
    if not (hour == 13 and minute < 30) and not (hour == 17 and minute > 30)
)
"""Times of day calls are made (office hours, lunch break left out)."""

_FAILURES = tuple(code for code, weight in FAILURE_WEIGHTS for _ in range(weight))


Call = tuple[int, int | None, bool, str]
"""A planned call: working day, task id (or None), whether it reached the customer, and
what was discussed when that is known in advance."""


class CallPlanner:
    """Plans the tasks and pinned calls, then writes tasks and all call records."""

    def __init__(
        self, rng: random.Random, plans: list[CustomerPlan], days: DayTable, focus: Focus
    ) -> None:
        self.rng = rng
        self.plans = plans
        self.days = days
        self.focus = focus
        self.tasks: list[Row] = []
        self.pinned: list[list[Call]] = [[] for _ in plans]
        self._first_basis: dict[tuple[int | None, bool, int], int] = {}

    def _time(self) -> str:
        return TIMES[int(self.rng.random() * len(TIMES))]

    def _failures(self, first: int, count: int) -> list[int]:
        """``count`` distinct working days from ``first`` up to yesterday."""
        span = range(first, self.days.past)
        return sorted(self.rng.sample(span, min(count, len(span))))

    def _task(self, *values: object) -> int:
        task_id = len(self.tasks) + 1
        self.tasks.append((task_id, *values))
        return task_id

    def plan_milestones(self, milestones: list[MilestoneTask]) -> list[int]:
        """Tasks for recent milestones; returns each customer's latest success (or -1)."""
        iso, today = self.days.iso, self.days.past
        latest = [-1] * len(self.plans)
        for m in milestones:
            due_over = m.due < today
            if due_over and self.rng.random() < MILESTONE_DONE_SHARE:
                day = self.rng.randint(m.next_try, min(m.due + 2, today - 1))
                closed = f"{iso[day]} {self._time()}"
                task = self._task(
                    m.customer, m.clerk, m.reason, m.order, iso[m.event], iso[m.due],
                    iso[m.next_try], 0, "done", closed, 2,
                )  # fmt: skip
                self.pinned[m.customer - 1].append((day, task, True, MILESTONE_DISCUSSED[m.reason]))
                latest[m.customer - 1] = max(latest[m.customer - 1], day)
                continue
            tried = self._failures(m.next_try, self.rng.randint(0, 2)) if due_over else []
            next_try = tried[-1] + 1 if tried else m.next_try
            task = self._task(
                m.customer, m.clerk, m.reason, m.order, iso[m.event], iso[m.due],
                iso[next_try], len(tried), "open", None, 1 + len(tried),
            )  # fmt: skip
            self.pinned[m.customer - 1].extend((day, task, False, "") for day in tried)
        return latest

    def first_basis(self, interval: int | None, frequent: bool, target: int) -> int:
        """The earliest last-success day whose periodic callback falls due on or after
        ``days[target]`` (due dates never decrease as the success day moves later)."""
        key = (interval, frequent, target)
        if key not in self._first_basis:
            low, high = 0, self.days.past
            while low < high:
                middle = (low + high) // 2
                if self.days.periodic_due(middle, interval, frequent) >= target:
                    high = middle
                else:
                    low = middle + 1
            self._first_basis[key] = low
        return self._first_basis[key]

    def _basis_between(self, low: int, high: int) -> int | None:
        if low >= high:
            return None
        return low + int(self.rng.random() * (high - low))

    def _steady_basis(self, interval: int | None, frequent: bool, created: int) -> int:
        """A last-success day for a customer called on schedule: the next callback falls
        due on a working day drawn evenly from the coming interval, so each working day
        has its share of due callbacks (no pile-up after a long holiday). A day no success
        leads to (its date two months back was a day off) passes its share to the next."""
        today = self.days.past
        last_due = self.days.periodic_due(today - 1, interval, frequent)
        target = today + int(self.rng.random() * (last_due - today + 1))
        low = max(self.first_basis(interval, frequent, target), created)
        high = min(self.first_basis(interval, frequent, target + 1), today)
        basis = self._basis_between(low, high)
        return min(low, today - 1) if basis is None else basis

    def plan_periodic(self, latest: list[int]) -> None:
        """One open periodic task per customer, due by the rules after the last success."""
        days, focus, today = self.days, self.focus, self.days.past
        iso = days.iso
        for plan in self.plans:
            index = plan.id - 1
            interval = plan.interval
            frequent = plan.id in focus.frequent
            basis: int | None = None
            attempts = 0
            if plan.id in focus.due_today:
                basis = self._basis_between(
                    self.first_basis(interval, False, today),
                    self.first_basis(interval, False, today + 1),
                )
            elif plan.id in focus.overdue:
                basis = self._basis_between(
                    self.first_basis(interval, False, today - OVERDUE_WORKDAYS),
                    self.first_basis(interval, False, today),
                )
                attempts = focus.overdue[plan.id]
            if basis is None and latest[index] >= 0:
                basis = latest[index]
            if basis is None:
                basis = self._steady_basis(interval, frequent, plan.created)
            plan.basis = basis
            if basis != latest[index]:
                self.pinned[index].append((basis, None, True, ""))
            due = days.periodic_due(basis, interval, frequent)
            tried = self._failures(due, attempts) if attempts else []
            next_try = tried[-1] + 1 if tried else due
            task = self._task(
                plan.id, plan.owner, rules.PERIODIC, None, iso[basis], iso[due], iso[next_try],
                len(tried), "open", None, 1 + len(tried),
            )  # fmt: skip
            self.pinned[index].extend((day, task, False, "") for day in tried)

    def write(self, writer: BulkWriter, total: int) -> int:
        """Insert the tasks and ``total`` call records; returns the number of records."""
        writer.insert(
            CallbackTask,
            (
                "id",
                "customer",
                "clerk",
                "reason",
                "order",
                "basis_on",
                "due_on",
                "next_try_on",
                "attempts",
                "state",
                "closed_at",
                "version",
            ),
            self.tasks,
        )
        return writer.insert(
            CallbackRecord,
            (
                "id",
                "task",
                "customer",
                "clerk",
                "called_at",
                "call_date",
                "outcome",
                "contact_name",
                "phone",
                "discussed",
                "problems",
                "help_needed",
                "invited_training",
                "notes",
            ),
            self._records(self._history_counts(total)),
        )

    def _history_span(self, plan: CustomerPlan) -> tuple[int, int]:
        return max(plan.created, self.days.history_start), plan.basis

    def _history_counts(self, total: int) -> list[int]:
        """How many calls each customer had before its last success, ``total`` in all,
        in proportion to how long it has been a customer within the history window."""
        remaining = total - sum(len(p) for p in self.pinned)
        if remaining < 0:
            raise ValueError(f"{total} call records cannot hold the {total - remaining} planned")
        weights = [max(0, high - low) for low, high in map(self._history_span, self.plans)]
        whole = sum(weights)
        if not whole:
            weights = [1] * len(self.plans)
            whole = len(self.plans)
        counts = [remaining * weight // whole for weight in weights]
        extra = remaining - sum(counts)
        cumulative = list(accumulate(weights))
        for _ in range(extra):
            counts[bisect.bisect_right(cumulative, self.rng.random() * whole)] += 1
        return counts

    def _records(self, counts: list[int]) -> Iterator[Row]:
        rng = self.rng
        random_ = rng.random
        iso = self.days.iso
        times, n_times = TIMES, len(TIMES)
        discussed, n_discussed = phrases.DISCUSSED, len(phrases.DISCUSSED)
        problems, n_problems = phrases.PROBLEMS, len(phrases.PROBLEMS)
        helps, n_helps = phrases.HELP_NEEDED, len(phrases.HELP_NEEDED)
        failures, n_failures = _FAILURES, len(_FAILURES)
        notes = phrases.FAILURE_NOTES
        record_id = 0
        for plan, count, pinned in zip(self.plans, counts, self.pinned, strict=True):
            low, high = self._history_span(plan)
            if high <= low:
                low, high = plan.basis, plan.basis + 1
            span = high - low
            calls: list[Call] = [
                (low + int(random_() * span), None, random_() < SUCCESS_SHARE, "")
                for _ in range(count)
            ]
            calls.sort(key=_day)
            callers = plan.callers
            for day_index, task, success, said in (*calls, *sorted(pinned, key=_day)):
                record_id += 1
                day = iso[day_index]
                at = f"{day} {times[int(random_() * n_times)]}"
                if success:
                    name, phone = callers[0] if random_() < 0.8 else rng.choice(callers)
                    yield (
                        record_id, task, plan.id, plan.owner, at, day, SUCCESS, name, phone,
                        said or discussed[int(random_() * n_discussed)],
                        "" if random_() < 0.7 else problems[int(random_() * n_problems)],
                        "" if random_() < 0.85 else helps[int(random_() * n_helps)],
                        plan.is_member and random_() < 0.15,
                        "",
                    )  # fmt: skip
                else:
                    outcome = failures[int(random_() * n_failures)]
                    yield (
                        record_id, task, plan.id, plan.owner, at, day, outcome, "", "",
                        "", "", "", False, rng.choice(notes[outcome]),
                    )  # fmt: skip


_day = itemgetter(0)
