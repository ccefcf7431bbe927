"""Demo website orders (网站单) at every stage, with the events of the stages they reached.

Every new customer has a website order, in progress or completed within the last year;
about half of the old customers have a completed one from when they joined, and a few a
redesign in progress. Mailbox/B2B openings and website completions of the last weeks owe
callbacks (:class:`MilestoneTask`), which the call planner turns into tasks and calls.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from gendan_tui.definitions.pipelines import CALLBACK, parse_template
from gendan_tui.definitions.source import read, shipped_dir
from gendan_tui.demo.bulk import BulkWriter, Row
from gendan_tui.demo.companies import CustomerPlan
from gendan_tui.demo.days import DayTable
from gendan_tui.demo.phrases import ORDER_TITLES
from gendan_tui.store.models import Order, OrderEvent

WEBSITE = parse_template(read(shipped_dir() / "pipelines" / "website.toml"))
"""The shipped website order template (data/pipelines/website.toml) the demo follows."""
TEMPLATE = WEBSITE.code
STAGES = tuple(stage.code for stage in WEBSITE.stages)
STEP_WORKDAYS = (
    (0, 0),
    (1, 2),
    (1, 3),
    (1, 2),
    (2, 6),
    (3, 5),
    (1, 5),
    (5, 15),
    (2, 8),
    (1, 3),
    (1, 3),
)
"""Working days from the previous stage to each stage (the first has none)."""
COMPLETED = len(STAGES) - 1
COMPLETED_SHARE = 0.85
"""New customers whose website is done; the others' orders are in progress (a clerk
follows a few dozen at a time)."""
ENTERED = STAGES.index("entered")
COMPLETION_EVENT = "website_completed"
"""The milestone recorded with the last stage; it owes the "within a week" callback."""
REDESIGN_TITLE = "网站改版"
RECENT_WORKDAYS = 25
"""Milestones this recent still have their callback task (open or done)."""
STAGE_USERS = {"contract_check": "contract_supervisor", "mailbox_opened": "technician"}
MILESTONE_STAGES = {
    index: effect.value
    for index, stage in enumerate(WEBSITE.stages)
    for effect in stage.on_enter
    if effect.kind == CALLBACK
}
"""The stages whose entry owes a callback (mailbox, B2B, website completed), by position."""

_TITLES = tuple(title for title, _ in ORDER_TITLES)
_TITLE_WEIGHTS = tuple(weight for _, weight in ORDER_TITLES)


@dataclass(frozen=True)
class MilestoneTask:
    """A callback a recent milestone owes: mailbox/B2B opened or website completed."""

    customer: int
    clerk: int
    reason: str
    order: int
    event: int
    next_try: int
    due: int


@dataclass
class OrderBook:
    """Planned orders: their rows, and the working days on which each reached its stages."""

    rows: list[Row]
    timelines: list[tuple[int, int, int, list[int]]]
    """(order id, customer id, clerk id, working day of each stage reached)."""

    def milestones(self, days: DayTable) -> list[MilestoneTask]:
        """Callbacks owed for milestones of the last ``RECENT_WORKDAYS`` working days."""
        recent = days.past - RECENT_WORKDAYS
        owed = []
        for order_id, customer, clerk, timeline in self.timelines:
            if timeline[-1] < recent:
                continue
            for stage, reason in MILESTONE_STAGES.items():
                if stage < len(timeline) and timeline[stage] >= recent:
                    next_try, due = days.milestone(reason, timeline[stage])
                    owed.append(
                        MilestoneTask(
                            customer, clerk, reason, order_id, timeline[stage], next_try, due
                        )
                    )
        return owed


def _timeline(rng: random.Random, stage: int, reached: int) -> list[int]:
    """Working-day indexes on which stages 0..``stage`` were reached, ending on ``reached``."""
    timeline = [reached]
    for step in range(stage, 0, -1):
        low, high = STEP_WORKDAYS[step]
        timeline.append(timeline[-1] - rng.randint(low, high))
    timeline.reverse()
    return timeline


def _new_customer_stage(rng: random.Random, position: int) -> int:
    """The first new customers cover every stage; the rest are mostly completed."""
    if position < 2 * len(STAGES):
        return position % len(STAGES)
    return COMPLETED if rng.random() < COMPLETED_SHARE else rng.randrange(COMPLETED)


def plan_orders(
    rng: random.Random,
    plans: list[CustomerPlan],
    days: DayTable,
    window_customers: set[int],
    quiet_customers: set[int],
) -> OrderBook:
    """Plan every order; set new customers' creation days from their orders.

    ``window_customers`` completed their website in the last few working days, so their
    clerks have a "within a week" callback open today; ``quiet_customers`` get no order in
    progress (their callbacks are planned to be overdue or due today).
    """
    rows: list[Row] = []
    timelines: list[tuple[int, int, int, list[int]]] = []
    new_position = 0
    for plan in plans:
        if plan.kind == "new":
            if plan.id in window_customers:
                stage, reached = COMPLETED, days.past - rng.randint(1, 4)
            else:
                stage = _new_customer_stage(rng, new_position)
                back = rng.randint(1, 240) if stage == COMPLETED else rng.randint(1, 12)
                reached = days.past - back
            new_position += 1
            title = rng.choices(_TITLES, _TITLE_WEIGHTS)[0]
        elif rng.random() < 0.06 and plan.id not in quiet_customers:
            stage, reached = rng.randrange(COMPLETED), days.past - rng.randint(1, 15)
            title = REDESIGN_TITLE
        elif rng.random() < 0.45:
            stage, reached = COMPLETED, plan.created + rng.randint(50, 80)
            title = rng.choices(_TITLES, _TITLE_WEIGHTS)[0]
        else:
            continue
        timeline = _timeline(rng, stage, reached)
        if plan.kind == "new":
            plan.created = max(0, timeline[0] - rng.randint(0, 3))
        order_id = len(rows) + 1
        archive = (
            f"WZ{days.days[timeline[ENTERED]].year}{order_id:06d}" if stage >= ENTERED else None
        )
        done = stage == COMPLETED
        rows.append(
            (
                order_id,
                plan.id,
                TEMPLATE,
                title,
                archive,
                STAGES[stage],
                "closed" if done else "open",
                plan.owner,
                days.iso[timeline[0]],
                days.iso[reached] if done else None,
                1,
            )
        )
        timelines.append((order_id, plan.id, plan.owner, timeline))
    return OrderBook(rows, timelines)


def write_orders(
    writer: BulkWriter, book: OrderBook, days: DayTable, staff_roles: dict[str, int]
) -> int:
    """Insert the planned orders and their events; returns the number of orders."""
    writer.insert(
        Order,
        (
            "id",
            "customer",
            "template",
            "title",
            "archive_no",
            "stage",
            "status",
            "clerk",
            "opened_on",
            "closed_on",
            "version",
        ),
        book.rows,
    )
    writer.insert(
        OrderEvent,
        ("id", "order", "code", "occurred_on", "user", "note"),
        _event_rows(book.timelines, days, staff_roles),
    )
    return len(book.rows)


def _event_rows(
    timelines: list[tuple[int, int, int, list[int]]], days: DayTable, staff_roles: dict[str, int]
) -> Iterator[Row]:
    next_id = 1
    stage_users = {stage: staff_roles[role] for stage, role in STAGE_USERS.items()}
    for order_id, _, clerk, timeline in timelines:
        for stage, day in enumerate(timeline):
            code = STAGES[stage]
            yield (next_id, order_id, code, days.iso[day], stage_users.get(code, clerk), "")
            next_id += 1
            if stage == COMPLETED:
                yield (next_id, order_id, COMPLETION_EVENT, days.iso[day], clerk, "")
                next_id += 1
