"""The complaints the weekly and monthly reports are written from, read as plain rows.

Rows are read in keyset-paged batches, so a month of 100,000 complaints is never held in
memory at once, whichever database is behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

import peewee as pw

from gendan_tui.core.complaint_lists import complaint_phone
from gendan_tui.core.complaint_terms import CLOSED
from gendan_tui.store.db import storage_errors
from gendan_tui.store.models import Complaint, ComplaintEvent, Customer, Phone, User

REPORT_BATCH = 2000
REPEAT_BATCH = 500


class ReportRow(NamedTuple):
    """One complaint as the reports write it: every field, names instead of ids."""

    id: int
    received_at: datetime
    customer_id: int
    customer_name: str
    contact_name: str
    phone: str
    channel: str
    category: str
    severity: str
    content: str
    taken_by: str
    status: str
    solved_on_spot: bool
    assignee: str
    assignee_role: str | None
    forwarded_at: datetime | None
    due_on: date | None
    resolution: str
    resolved_at: datetime | None
    replied_at: datetime | None
    reply_method: str | None
    replied_by: str
    reply_note: str
    closed_at: datetime | None
    reopened_count: int
    follow_ups: int


class SummaryRow(NamedTuple):
    """The few fields of a complaint that the summary figures need."""

    id: int
    received_at: datetime
    customer_id: int
    category: str
    status: str
    solved_on_spot: bool
    assignee_role: str | None
    replied_at: datetime | None


def count_between(start: datetime, end: datetime) -> int:
    """Complaints received from ``start`` up to (not including) ``end``."""
    with storage_errors():
        return int(
            Complaint.select()
            .where((Complaint.received_at >= start) & (Complaint.received_at < end))
            .count()
        )


def _paged(query: pw.SelectQuery, start: datetime, end: datetime) -> Iterator[dict[str, Any]]:
    """Rows of ``query`` (which selects ``id`` and ``received_at``) received in [start,
    end), oldest first, by column name, fetched a batch at a time."""
    after: tuple[datetime, int] | None = None
    while True:
        condition = (Complaint.received_at >= start) & (Complaint.received_at < end)
        if after is not None:
            condition &= (Complaint.received_at > after[0]) | (
                (Complaint.received_at == after[0]) & (Complaint.id > after[1])
            )
        with storage_errors():
            batch = list(
                query.where(condition)
                .order_by(Complaint.received_at, Complaint.id)
                .limit(REPORT_BATCH)
                .dicts()
            )
        yield from batch
        if len(batch) < REPORT_BATCH:
            return
        after = (batch[-1]["received_at"], batch[-1]["id"])


def report_rows(start: datetime, end: datetime) -> Iterator[ReportRow]:
    """Every complaint received in [start, end), oldest first, with every field."""
    taker, assignee, replier = User.alias(), User.alias(), User.alias()
    follow_ups = ComplaintEvent.select(pw.fn.COUNT(ComplaintEvent.id)).where(
        (ComplaintEvent.complaint == Complaint.id) & (ComplaintEvent.kind == "follow_up")
    )
    query = (
        Complaint.select(
            Complaint.id,
            Complaint.received_at,
            Complaint.customer.alias("customer_id"),
            Customer.name.alias("customer_name"),
            Complaint.contact_name,
            complaint_phone().alias("phone"),
            Complaint.channel,
            Complaint.category,
            Complaint.severity,
            Complaint.content,
            taker.name.alias("taken_by"),
            Complaint.status,
            Complaint.solved_on_spot,
            pw.fn.COALESCE(assignee.name, "").alias("assignee"),
            Complaint.assignee_role,
            Complaint.forwarded_at,
            Complaint.due_on,
            Complaint.resolution,
            Complaint.resolved_at,
            Complaint.replied_at,
            Complaint.reply_method,
            pw.fn.COALESCE(replier.name, "").alias("replied_by"),
            Complaint.reply_note,
            Complaint.closed_at,
            Complaint.reopened_count,
            follow_ups.alias("follow_ups"),
        )
        .join(Customer, on=Complaint.customer == Customer.id)
        .switch(Complaint)
        .join(taker, on=Complaint.taken_by == taker.id)
        .switch(Complaint)
        .join(assignee, pw.JOIN.LEFT_OUTER, on=Complaint.assignee == assignee.id)
        .switch(Complaint)
        .join(replier, pw.JOIN.LEFT_OUTER, on=Complaint.replied_by == replier.id)
    )
    return (ReportRow(**row) for row in _paged(query, start, end))


def summary_rows(start: datetime, end: datetime) -> Iterator[SummaryRow]:
    """The summary fields of every complaint received in [start, end)."""
    query = Complaint.select(
        Complaint.id,
        Complaint.received_at,
        Complaint.customer.alias("customer_id"),
        Complaint.category,
        Complaint.status,
        Complaint.solved_on_spot,
        Complaint.assignee_role,
        Complaint.replied_at,
    )
    return (SummaryRow(**row) for row in _paged(query, start, end))


@dataclass(frozen=True)
class RepeatCustomer:
    """A customer who complained more than once in a period."""

    customer_id: int
    name: str
    phone: str
    count: int
    still_open: int
    first_at: datetime
    last_at: datetime
    categories: tuple[tuple[str, int], ...]


def _in_period(start: datetime, end: datetime) -> pw.Expression:
    return (Complaint.received_at >= start) & (Complaint.received_at < end)


def _moment(value: datetime | str) -> datetime:
    """A datetime computed by SQL (SQLite returns it as text)."""
    converted: datetime = Complaint.received_at.python_value(value)
    return converted


def repeat_customers(start: datetime, end: datetime) -> Iterator[RepeatCustomer]:
    """Customers with more than one complaint received in [start, end), most complaints
    first, each with their categories (most frequent first).

    Streamed: the per-customer figures come from one grouped query, the categories from a
    small query per batch of customers, so neither Python nor the database holds a sort
    of the whole month.
    """
    in_period = _in_period(start, end)
    totals = (
        Complaint.select(
            Complaint.customer.alias("customer_id"),
            pw.fn.COUNT(Complaint.id).alias("n"),
            pw.fn.SUM(pw.Case(None, [(Complaint.status != CLOSED, 1)], 0)).alias("still_open"),
            pw.fn.MIN(Complaint.received_at).alias("first_at"),
            pw.fn.MAX(Complaint.received_at).alias("last_at"),
        )
        .where(in_period)
        .group_by(Complaint.customer)
        .having(pw.fn.COUNT(Complaint.id) > 1)
        .cte("repeat_totals")
    )
    phone = (
        Phone.select(Phone.number)
        .where(Phone.customer == totals.c.customer_id)
        .order_by(Phone.id)
        .limit(1)
    )
    query = (
        Customer.select(
            totals.c.customer_id,
            Customer.name,
            phone.alias("phone"),
            totals.c.n,
            totals.c.still_open,
            totals.c.first_at,
            totals.c.last_at,
        )
        .join(totals, on=Customer.id == totals.c.customer_id)
        .order_by(totals.c.n.desc(), Customer.name, totals.c.customer_id)
        .with_cte(totals)
        .dicts()
    )
    batch: list[dict[str, Any]] = []
    with storage_errors():
        for row in query.iterator():
            batch.append(row)
            if len(batch) == REPEAT_BATCH:
                yield from _with_categories(batch, in_period)
                batch = []
        yield from _with_categories(batch, in_period)


def _with_categories(batch: list[dict[str, Any]], in_period: pw.Expression) -> list[RepeatCustomer]:
    """The customers of ``batch`` with the categories of their complaints in the period."""
    if not batch:
        return []
    categories: dict[int, list[tuple[str, int]]] = {}
    count = pw.fn.COUNT(Complaint.id)
    query = (
        Complaint.select(Complaint.customer, Complaint.category, count)
        .where(in_period & Complaint.customer.in_([row["customer_id"] for row in batch]))
        .group_by(Complaint.customer, Complaint.category)
        .order_by(Complaint.customer, count.desc(), Complaint.category)
        .tuples()
    )
    for customer_id, category, n in query:
        categories.setdefault(customer_id, []).append((category, n))
    return [
        RepeatCustomer(
            customer_id=row["customer_id"],
            name=row["name"],
            phone=row["phone"] or "",
            count=row["n"],
            still_open=int(row["still_open"] or 0),
            first_at=_moment(row["first_at"]),
            last_at=_moment(row["last_at"]),
            categories=tuple(categories.get(row["customer_id"], ())),
        )
        for row in batch
    ]


def repeat_customer_count(start: datetime, end: datetime) -> int:
    """How many customers complained more than once in [start, end)."""
    repeat_ids = (
        Complaint.select(Complaint.customer)
        .where(_in_period(start, end))
        .group_by(Complaint.customer)
        .having(pw.fn.COUNT(Complaint.id) > 1)
    )
    with storage_errors():
        return int(repeat_ids.count())
