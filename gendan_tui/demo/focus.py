"""The customers that make each clerk's queue for "today" worth opening the demo for.

Left to chance, a small data set could leave a clerk with nothing to do today. So each
clerk gets a few customers whose callback is overdue (some already tried), a few due
today, one or two whose website was completed days ago (the "within a week" callback),
and one with frequent complaints.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from gendan_tui.demo.companies import CustomerPlan
from gendan_tui.demo.days import DayTable

ATTEMPTS = ((0, 20), (1, 40), (2, 25), (3, 15))
"""Failed attempts already made on an overdue callback, and their weights. A clerk's
first overdue callback is never tried yet, so it is callable even on a day off (a failed
attempt moves the next try to the next working day)."""


@dataclass(frozen=True)
class Focus:
    """Customer ids per planned situation (overdue maps to the attempts already made)."""

    window: frozenset[int]
    due_today: frozenset[int]
    overdue: dict[int, int]
    frequent: frozenset[int]

    @property
    def quiet(self) -> frozenset[int]:
        """Customers whose callback is planned here, so no recent order may move it."""
        return self.due_today | self.overdue.keys() | self.frequent


def choose_focus(rng: random.Random, plans: list[CustomerPlan], days: DayTable) -> Focus:
    """Pick each clerk's focus customers."""
    by_clerk: dict[int, list[CustomerPlan]] = {}
    for plan in plans:
        by_clerk.setdefault(plan.owner, []).append(plan)
    window: set[int] = set()
    due_today: set[int] = set()
    overdue: dict[int, int] = {}
    frequent: set[int] = set()
    attempts = [count for count, _ in ATTEMPTS]
    weights = [weight for _, weight in ATTEMPTS]
    for clerk in sorted(by_clerk):
        mine = by_clerk[clerk]
        new = [p.id for p in mine if p.kind == "new"]
        window.update(rng.sample(new, min(len(new), rng.randint(1, 2))))
        steady = [p.id for p in mine if p.kind == "old" and p.interval is None]
        rng.shuffle(steady)
        if days.today_is_workday:
            due_today.update(steady[: rng.randint(2, 4)])
        rest = [c for c in steady if c not in due_today]
        for position, customer in enumerate(rest[: rng.randint(3, 5)]):
            overdue[customer] = rng.choices(attempts, weights)[0] if position else 0
        taken = due_today | overdue.keys()
        others = [p.id for p in mine if p.kind == "old" and p.id not in taken]
        frequent.update(rng.sample(others, min(1, len(others))))
    return Focus(frozenset(window), frozenset(due_today), overdue, frozenset(frequent))
