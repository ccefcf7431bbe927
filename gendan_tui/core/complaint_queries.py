"""Reading complaints as plain records: the lists of the complaints screen, one complaint with
its timeline, and the rows the weekly and monthly reports are written from.

Report rows are read in keyset-paged batches, so a month of 100,000 complaints is never
held in memory at once, whichever database is behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple, cast

import peewee as pw

from gendan_tui import i18n
from gendan_tui.core.callback_rules import CallbackPolicy
from gendan_tui.core.complaint_terms import (
    CLOSED,
    REPLIED,
    allowed_steps,
    category_name,
    department_of,
)
from gendan_tui.core.context import Actor
from gendan_tui.core.customers import first_phone
from gendan_tui.core.frequent import window_start
from gendan_tui.core.periods import week_of
from gendan_tui.core.roles import Role
from gendan_tui.core.workcalendar import WorkCalendar
from gendan_tui.errors import NotFoundError, ValidationError
from gendan_tui.store.db import storage_errors
from gendan_tui.store.models import Complaint, ComplaintEvent, Customer, Phone, User, UserRole

OPEN_VIEW = "open"
OVERDUE_VIEW = "overdue"
MINE_VIEW = "mine"
WEEK_VIEW = "week"
VIEWS = (OPEN_VIEW, OVERDUE_VIEW, MINE_VIEW, WEEK_VIEW)
REPORT_BATCH = 2000
REPEAT_BATCH = 500


@dataclass(frozen=True)
class ComplaintListItem:
    """One row of a complaint list."""

    id: int
    version: int
    received_at: datetime
    customer_id: int
    customer_name: str
    phone: str
    category: str
    category_name: str
    severity: str
    status: str
    content: str
    taken_by: str
    assignee: str
    assignee_role: str | None
    due_on: date | None
    overdue: bool
    workdays_overdue: int
    frequent: bool


@dataclass(frozen=True)
class ComplaintList:
    """The rows of one list (at most the limit asked for) and how many there are in all."""

    view: str
    day: date
    items: tuple[ComplaintListItem, ...]
    total: int


@dataclass(frozen=True)
class TimelineEntry:
    """One step of a complaint's history."""

    at: datetime
    user: str
    kind: str
    note: str
    status_before: str | None
    status_after: str
    assignee: str
    assignee_role: str | None
    due_on: date | None
    reply_method: str | None


@dataclass(frozen=True)
class ComplaintDetail:
    """Everything the complaint detail view shows, and the steps it can take now."""

    id: int
    version: int
    customer_id: int
    customer_name: str
    customer_phone: str
    contact_name: str
    phone: str
    received_at: datetime
    taken_by: str
    channel: str
    category: str
    category_name: str
    severity: str
    content: str
    status: str
    solved_on_spot: bool
    assignee_id: int | None
    assignee: str
    assignee_role: str | None
    department: str
    forwarded_at: datetime | None
    due_on: date | None
    overdue: bool
    workdays_overdue: int
    resolution: str
    resolved_at: datetime | None
    resolved_by: str
    replied_at: datetime | None
    reply_method: str | None
    replied_by: str
    reply_note: str
    closed_at: datetime | None
    reopened_count: int
    callback_record_id: int | None
    frequent: bool
    timeline: tuple[TimelineEntry, ...]
    steps: frozenset[str]


@dataclass(frozen=True)
class ForwardTarget:
    """Someone (or a role) a complaint can be forwarded to, as the picker lists it."""

    user_id: int | None
    role: str | None
    label: str


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


ANSWERED = (REPLIED, CLOSED)
"""Statuses in which the customer has had the department's reply: no longer overdue."""


def is_overdue(due_on: date | None, status: str, day: date) -> bool:
    """Past its due date on ``day`` and the customer not yet replied to (a complaint
    waiting only to be closed is not late for anyone)."""
    return due_on is not None and due_on < day and status not in ANSWERED


def _recent_count(day: date, policy: CallbackPolicy) -> pw.SelectQuery:
    other = Complaint.alias()
    return other.select(pw.fn.COUNT(other.id)).where(
        (other.customer == Complaint.customer) & (other.received_at >= window_start(day, policy))
    )


def _view_condition(view: str, actor: Actor, day: date) -> pw.Expression:
    not_closed = Complaint.status != CLOSED
    if view == OPEN_VIEW:
        return not_closed
    if view == OVERDUE_VIEW:
        unanswered = Complaint.status.not_in(ANSWERED)
        return unanswered & Complaint.due_on.is_null(False) & (Complaint.due_on < day)
    if view == MINE_VIEW:
        mine = (Complaint.taken_by == actor.id) | (Complaint.assignee == actor.id)
        if actor.roles:
            mine |= Complaint.assignee.is_null() & Complaint.assignee_role.in_(sorted(actor.roles))
        return not_closed & mine
    if view == WEEK_VIEW:
        week = week_of(day)
        return (Complaint.received_at >= week.start_at) & (Complaint.received_at < week.end_at)
    raise ValidationError("complaint_error.view_unknown", field="view", value=view)


def complaint_list(
    view: str,
    *,
    actor: Actor,
    day: date,
    calendar: WorkCalendar,
    policy: CallbackPolicy,
    limit: int = 200,
) -> ComplaintList:
    """The complaints of ``view`` on ``day``: overdue ones by due date, others newest first.

    ``open``: not closed; ``overdue``: due before ``day`` and not replied to; ``mine``: not
    closed and taken by, forwarded to, or waiting for a role of ``actor``; ``week``: every
    complaint received in the ISO week of ``day``.
    """
    condition = _view_condition(view, actor, day)
    taker, assignee = User.alias(), User.alias()
    order = (
        (Complaint.due_on, Complaint.id)
        if view == OVERDUE_VIEW
        else (Complaint.received_at.desc(), Complaint.id.desc())
    )
    with storage_errors():
        rows = (
            Complaint.select(
                Complaint.id,
                Complaint.version,
                Complaint.received_at,
                Complaint.customer,
                Customer.name,
                pw.fn.COALESCE(pw.fn.NULLIF(Complaint.phone, ""), first_phone()),
                Complaint.category,
                Complaint.severity,
                Complaint.status,
                Complaint.content,
                taker.name,
                assignee.name,
                Complaint.assignee_role,
                Complaint.due_on,
                _recent_count(day, policy),
            )
            .join(Customer, on=Complaint.customer == Customer.id)
            .switch(Complaint)
            .join(taker, on=Complaint.taken_by == taker.id)
            .switch(Complaint)
            .join(assignee, pw.JOIN.LEFT_OUTER, on=Complaint.assignee == assignee.id)
            .where(condition)
            .order_by(*order)
            .limit(limit)
            .tuples()
        )
        items = tuple(
            ComplaintListItem(
                id=r[0],
                version=r[1],
                received_at=r[2],
                customer_id=r[3],
                customer_name=r[4],
                phone=r[5] or "",
                category=r[6],
                category_name=category_name(r[6]),
                severity=r[7],
                status=r[8],
                content=r[9],
                taken_by=r[10],
                assignee=r[11] or "",
                assignee_role=r[12],
                due_on=r[13],
                overdue=is_overdue(r[13], r[8], day),
                workdays_overdue=_workdays_overdue(r[13], r[8], day, calendar),
                frequent=r[14] > policy.frequent_more_than,
            )
            for r in rows
        )
        total = (
            len(items)
            if len(items) < limit
            else Complaint.select().join(Customer).where(condition).count()
        )
    return ComplaintList(view=view, day=day, items=items, total=total)


def _workdays_overdue(due_on: date | None, status: str, day: date, calendar: WorkCalendar) -> int:
    if not is_overdue(due_on, status, day):
        return 0
    assert due_on is not None
    return calendar.workdays_between(due_on, day)


def _user_name(user_id: int | None) -> str:
    if user_id is None:
        return ""
    user = User.get_or_none(User.id == user_id)
    return user.name if user else ""


def timeline(complaint_id: int) -> tuple[TimelineEntry, ...]:
    """The complaint's events, oldest first."""
    actor, assignee = User.alias(), User.alias()
    with storage_errors():
        rows = (
            ComplaintEvent.select(
                ComplaintEvent.at,
                pw.fn.COALESCE(actor.name, ""),
                ComplaintEvent.kind,
                ComplaintEvent.note,
                ComplaintEvent.status_before,
                ComplaintEvent.status_after,
                pw.fn.COALESCE(assignee.name, ""),
                ComplaintEvent.assignee_role,
                ComplaintEvent.due_on,
                ComplaintEvent.reply_method,
            )
            .join(actor, pw.JOIN.LEFT_OUTER, on=ComplaintEvent.user == actor.id)
            .switch(ComplaintEvent)
            .join(assignee, pw.JOIN.LEFT_OUTER, on=ComplaintEvent.assignee == assignee.id)
            .where(ComplaintEvent.complaint == complaint_id)
            .order_by(ComplaintEvent.at, ComplaintEvent.id)
            .tuples()
        )
        return tuple(TimelineEntry(*r) for r in rows)


def last_change(complaint_id: int) -> TimelineEntry | None:
    """The latest step taken on the complaint (for "changed by …" messages)."""
    entries = timeline(complaint_id)
    return entries[-1] if entries else None


STORED_DETAIL_FIELDS = (
    "id",
    "version",
    "contact_name",
    "phone",
    "received_at",
    "channel",
    "category",
    "severity",
    "content",
    "status",
    "solved_on_spot",
    "assignee_id",
    "assignee_role",
    "forwarded_at",
    "due_on",
    "resolution",
    "resolved_at",
    "replied_at",
    "reply_method",
    "reply_note",
    "closed_at",
    "reopened_count",
    "callback_record_id",
)
"""The fields of ``ComplaintDetail`` shown just as the complaint's row stores them."""


def _stored_fields(row: Complaint) -> dict[str, Any]:
    """The values of ``STORED_DETAIL_FIELDS`` from the complaint's row."""
    return {name: getattr(row, name) for name in STORED_DETAIL_FIELDS}


def complaint_detail(
    complaint_id: int, *, day: date, calendar: WorkCalendar, policy: CallbackPolicy
) -> ComplaintDetail:
    """One complaint with its timeline, as of ``day``."""
    with storage_errors():
        row = Complaint.get_or_none(Complaint.id == complaint_id)
        if row is None:
            raise NotFoundError("complaint_error.unknown", no=complaint_id)
        customer = Customer.get_by_id(row.customer_id)
        customer_phone = (
            Customer.select(first_phone()).where(Customer.id == customer.id).scalar() or ""
        )
        recent = (
            Complaint.select()
            .where(
                (Complaint.customer == customer.id)
                & (Complaint.received_at >= window_start(day, policy))
            )
            .count()
        )
        names = {
            "taken_by": _user_name(row.taken_by_id),
            "assignee": _user_name(row.assignee_id),
            "resolved_by": _user_name(row.resolved_by_id),
            "replied_by": _user_name(row.replied_by_id),
        }
    return ComplaintDetail(
        **_stored_fields(row) | names,
        customer_id=customer.id,
        customer_name=customer.name,
        customer_phone=customer_phone,
        category_name=category_name(row.category),
        department=department_of(row.assignee_role),
        overdue=is_overdue(row.due_on, row.status, day),
        workdays_overdue=_workdays_overdue(row.due_on, row.status, day, calendar),
        frequent=recent > policy.frequent_more_than,
        timeline=timeline(complaint_id),
        steps=allowed_steps(row.status),
    )


def forward_targets() -> list[ForwardTarget]:
    """The roles that take complaints, then every active person with their roles."""
    roles = [
        Role.TECHNICIAN,
        Role.PRODUCTION_MANAGER,
        Role.SALES_MANAGER,
        Role.SALES_REP,
        Role.CONTRACT_ADMIN,
        Role.DEPARTMENT_MANAGER,
        Role.CS_MANAGER,
        Role.FOLLOW_UP_SUPERVISOR,
    ]
    targets = [ForwardTarget(None, role.value, i18n.t(f"role.{role.value}")) for role in roles]
    with storage_errors():
        held: dict[int, list[str]] = {}
        for user_id, role in UserRole.select(UserRole.user, UserRole.role).tuples():
            held.setdefault(user_id, []).append(role)
        for user in User.select().where(User.active).order_by(User.name):
            titles = "、".join(i18n.t(f"role.{r}") for r in sorted(held.get(user.id, [])))
            label = i18n.t("complaint.target_person", name=user.name, roles=titles)
            targets.append(ForwardTarget(user.id, None, label))
    return targets


def describe_event(entry: TimelineEntry) -> str:
    """One line for a timeline entry, in the current language."""
    params = {
        "user": entry.user,
        "note": entry.note,
        "assignee": entry.assignee or i18n.t(f"role.{entry.assignee_role}"),
        "role": i18n.t(f"role.{entry.assignee_role}") if entry.assignee_role else "",
        "due": entry.due_on.isoformat() if entry.due_on else "",
        "method": i18n.t(f"complaint_reply_method.{entry.reply_method}")
        if entry.reply_method
        else "",
    }
    return i18n.t(f"complaint_event.{entry.kind}", **params)


# Report queries -------------------------------------------------------------------------


def count_between(start: datetime, end: datetime) -> int:
    """Complaints received from ``start`` up to (not including) ``end``."""
    with storage_errors():
        return cast(
            int,
            Complaint.select()
            .where((Complaint.received_at >= start) & (Complaint.received_at < end))
            .count(),
        )


def _paged(query: pw.SelectQuery, start: datetime, end: datetime) -> Iterator[tuple[Any, ...]]:
    """Rows of ``query`` (whose first two columns are id and received_at) received in
    [start, end), oldest first, fetched a batch at a time."""
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
                .tuples()
            )
        yield from batch
        if len(batch) < REPORT_BATCH:
            return
        after = (batch[-1][1], batch[-1][0])


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
            Complaint.customer,
            Customer.name,
            Complaint.contact_name,
            pw.fn.COALESCE(pw.fn.NULLIF(Complaint.phone, ""), first_phone(), ""),
            Complaint.channel,
            Complaint.category,
            Complaint.severity,
            Complaint.content,
            taker.name,
            Complaint.status,
            Complaint.solved_on_spot,
            pw.fn.COALESCE(assignee.name, ""),
            Complaint.assignee_role,
            Complaint.forwarded_at,
            Complaint.due_on,
            Complaint.resolution,
            Complaint.resolved_at,
            Complaint.replied_at,
            Complaint.reply_method,
            pw.fn.COALESCE(replier.name, ""),
            Complaint.reply_note,
            Complaint.closed_at,
            Complaint.reopened_count,
            follow_ups,
        )
        .join(Customer, on=Complaint.customer == Customer.id)
        .switch(Complaint)
        .join(taker, on=Complaint.taken_by == taker.id)
        .switch(Complaint)
        .join(assignee, pw.JOIN.LEFT_OUTER, on=Complaint.assignee == assignee.id)
        .switch(Complaint)
        .join(replier, pw.JOIN.LEFT_OUTER, on=Complaint.replied_by == replier.id)
    )
    return (ReportRow._make(r) for r in _paged(query, start, end))


def summary_rows(start: datetime, end: datetime) -> Iterator[SummaryRow]:
    """The summary fields of every complaint received in [start, end)."""
    query = Complaint.select(
        Complaint.id,
        Complaint.received_at,
        Complaint.customer,
        Complaint.category,
        Complaint.status,
        Complaint.solved_on_spot,
        Complaint.assignee_role,
        Complaint.replied_at,
    )
    return (SummaryRow._make(r) for r in _paged(query, start, end))


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
            phone,
            totals.c.n,
            totals.c.still_open,
            totals.c.first_at,
            totals.c.last_at,
        )
        .join(totals, on=Customer.id == totals.c.customer_id)
        .order_by(totals.c.n.desc(), Customer.name, totals.c.customer_id)
        .with_cte(totals)
        .tuples()
    )
    batch: list[tuple[Any, ...]] = []
    with storage_errors():
        for row in query.iterator():
            batch.append(row)
            if len(batch) == REPEAT_BATCH:
                yield from _with_categories(batch, in_period)
                batch = []
        yield from _with_categories(batch, in_period)


def _with_categories(
    batch: list[tuple[Any, ...]], in_period: pw.Expression
) -> list[RepeatCustomer]:
    """The customers of ``batch`` with the categories of their complaints in the period."""
    if not batch:
        return []
    categories: dict[int, list[tuple[str, int]]] = {}
    count = pw.fn.COUNT(Complaint.id)
    query = (
        Complaint.select(Complaint.customer, Complaint.category, count)
        .where(in_period & Complaint.customer.in_([row[0] for row in batch]))
        .group_by(Complaint.customer, Complaint.category)
        .order_by(Complaint.customer, count.desc(), Complaint.category)
        .tuples()
    )
    for customer_id, category, n in query:
        categories.setdefault(customer_id, []).append((category, n))
    return [
        RepeatCustomer(
            customer_id=row[0],
            name=row[1],
            phone=row[2] or "",
            count=row[3],
            still_open=int(row[4] or 0),
            first_at=_moment(row[5]),
            last_at=_moment(row[6]),
            categories=tuple(categories.get(row[0], ())),
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
