"""Build the demo data set: a realistic, deterministic department as of a given day.

The same ``seed`` gives the same names; the same ``seed`` and ``today`` give the same
database. Rows are planned in memory as tuples and bulk-inserted in one transaction, so
100,000 customers with 1,000,000 call records take well under a minute on SQLite.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as clock_time

from gendan_tui.core import department
from gendan_tui.demo.bulk import BulkWriter, deferred_indexes, fast_build
from gendan_tui.demo.calls import CallPlanner
from gendan_tui.demo.companies import plan_customers, write_customers
from gendan_tui.demo.complaints import ComplaintPlanner
from gendan_tui.demo.days import DayTable
from gendan_tui.demo.focus import choose_focus
from gendan_tui.demo.orders import plan_orders, write_orders
from gendan_tui.demo.staff import DEMO_CLERK, DEMO_PASSWORD, write_staff
from gendan_tui.errors import UserError, ValidationError
from gendan_tui.store.db import describe, open_database, storage_errors
from gendan_tui.store.migrations import migrate
from gendan_tui.store.models import (
    CallbackRecord,
    CallbackTask,
    Complaint,
    Contact,
    Customer,
    Order,
    OrderEvent,
    Phone,
    Subscription,
    User,
)

__all__ = ["DEMO_CLERK", "DEMO_PASSWORD", "DemoSummary", "build_demo"]

MIN_CUSTOMERS = 50
MAX_CUSTOMERS = 1_000_000
MAX_CALLS_PER_CUSTOMER = 100
"""The largest demo: ten times the benchmark's desk, which builds in under a minute."""
BULK_MODELS = (
    Customer,
    Contact,
    Phone,
    Subscription,
    Order,
    OrderEvent,
    CallbackTask,
    CallbackRecord,
    Complaint,
)
"""The tables that get many rows; their indexes are built after they are filled."""
CALLS_PER_CUSTOMER = 10
MIN_CALLS_PER_CUSTOMER = 2

PHASES = ("staff", "customers", "orders", "calls", "complaints", "indexes")
"""The steps of a build, in order, as told to ``progress`` (``demo.phase.<name>``)."""
BuildProgress = Callable[[str, int, int], None]
"""Told ``(phase, done, total)`` as each step of a build begins, and ``("done", n, n)``."""


@dataclass(frozen=True)
class DemoSummary:
    """What was written, and how long it took."""

    customers: int
    callbacks: int
    orders: int
    complaints: int
    seconds: float


def _rng(seed: int, part: str) -> random.Random:
    """An independent random stream per part, so changing one part leaves the others."""
    return random.Random(f"{seed}:{part}")


def build_demo(
    url: str,
    *,
    today: date,
    seed: int = 2026,
    customers: int = 2000,
    callbacks: int | None = None,
    progress: BuildProgress | None = None,
) -> DemoSummary:
    """Create the database at ``url`` if needed and fill it with the demo data set.

    ``callbacks`` is the number of call records (default ten per customer). A database
    that already holds users or customers is refused, never mixed with demo data.
    ``progress`` hears of each step as it begins.
    """

    def step(phase: str) -> None:
        if progress is not None:
            done = PHASES.index(phase) if phase in PHASES else len(PHASES)
            progress(phase, done, len(PHASES))

    started = time.perf_counter()
    calls = CALLS_PER_CUSTOMER * customers if callbacks is None else callbacks
    if customers < MIN_CUSTOMERS:
        raise ValidationError("demo.too_few_customers", field="customers", minimum=MIN_CUSTOMERS)
    if customers > MAX_CUSTOMERS:
        raise ValidationError("demo.too_many_customers", field="customers", maximum=MAX_CUSTOMERS)
    if calls > MAX_CALLS_PER_CUSTOMER * customers:
        raise ValidationError(
            "demo.too_many_callbacks", field="callbacks", maximum=MAX_CALLS_PER_CUSTOMER * customers
        )
    if calls < MIN_CALLS_PER_CUSTOMER * customers:
        raise ValidationError(
            "demo.too_few_callbacks", field="callbacks", minimum=MIN_CALLS_PER_CUSTOMER * customers
        )
    db = open_database(url, create=True)
    migrate(db)
    with storage_errors(url):
        if User.select().exists() or Customer.select().exists():
            raise UserError("demo.not_empty", path=describe(url))
        days = DayTable(department.load_calendar(), department.load_policy(), today)
    writer = BulkWriter(db)
    joined = datetime.combine(days.days[days.history_start], clock_time(9))
    step("staff")
    with storage_errors(url), fast_build(db), db.atomic(), deferred_indexes(BULK_MODELS):
        staff = write_staff(writer, _rng(seed, "staff"), customers, joined)
        plans = plan_customers(_rng(seed, "customers"), customers, staff.clerk_ids, days)
        focus = choose_focus(_rng(seed, "focus"), plans, days)
        book = plan_orders(_rng(seed, "orders"), plans, days, set(focus.window), set(focus.quiet))
        step("customers")
        write_customers(writer, _rng(seed, "contacts"), plans, days)
        step("orders")
        orders = write_orders(writer, book, days, staff.role_ids)
        step("calls")
        planner = CallPlanner(_rng(seed, "calls"), plans, days, focus)
        planner.plan_periodic(planner.plan_milestones(book.milestones(days)))
        records = planner.write(writer, calls)
        step("complaints")
        complaints = ComplaintPlanner(_rng(seed, "complaints"), plans, days, focus, staff.role_ids)
        complaints.plan()
        complaint_count = complaints.write(writer)
        writer.reset_sequences()
        step("indexes")
    with storage_errors(url):
        writer.analyze()
    step("done")
    return DemoSummary(
        customers=customers,
        callbacks=records,
        orders=orders,
        complaints=complaint_count,
        seconds=round(time.perf_counter() - started, 1),
    )
