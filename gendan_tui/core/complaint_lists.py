"""The lists of the complaints screen (open, overdue, mine, this week), read as plain rows.

A complaint is overdue when its due date has passed and the customer has not yet been
replied to; one waiting only to be closed is not late for anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import peewee as pw

from gendan_tui.core.callback_rules import CallbackPolicy
from gendan_tui.core.complaint_terms import CLOSED, REPLIED, category_name
from gendan_tui.core.context import Actor
from gendan_tui.core.customers import first_phone
from gendan_tui.core.frequent import complaints_in_window, is_frequent
from gendan_tui.core.periods import week_of
from gendan_tui.core.workcalendar import WorkCalendar
from gendan_tui.errors import ValidationError
from gendan_tui.store.db import storage_errors
from gendan_tui.store.models import Complaint, Customer, User

OPEN_VIEW = "open"
OVERDUE_VIEW = "overdue"
MINE_VIEW = "mine"
WEEK_VIEW = "week"
VIEWS = (OPEN_VIEW, OVERDUE_VIEW, MINE_VIEW, WEEK_VIEW)

ANSWERED = (REPLIED, CLOSED)
"""Statuses in which the customer has had the department's reply: no longer overdue."""


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


def complaint_phone() -> pw.Expression:
    """The number a complaint was made from, else the customer's first number."""
    return pw.fn.COALESCE(pw.fn.NULLIF(Complaint.phone, ""), first_phone(), "")


def is_overdue(due_on: date | None, status: str, day: date) -> bool:
    """Past its due date on ``day`` and the customer not yet replied to."""
    return due_on is not None and due_on < day and status not in ANSWERED


def workdays_overdue(due_on: date | None, status: str, day: date, calendar: WorkCalendar) -> int:
    """Working days past the due date on ``day`` (0 when not overdue)."""
    if due_on is None or not is_overdue(due_on, status, day):
        return 0
    return calendar.workdays_between(due_on, day)


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
                Complaint.customer.alias("customer_id"),
                Customer.name.alias("customer_name"),
                complaint_phone().alias("phone"),
                Complaint.category,
                Complaint.severity,
                Complaint.status,
                Complaint.content,
                taker.name.alias("taken_by"),
                pw.fn.COALESCE(assignee.name, "").alias("assignee"),
                Complaint.assignee_role,
                Complaint.due_on,
                complaints_in_window(Complaint.customer, day, policy).alias("recent"),
            )
            .join(Customer, on=Complaint.customer == Customer.id)
            .switch(Complaint)
            .join(taker, on=Complaint.taken_by == taker.id)
            .switch(Complaint)
            .join(assignee, pw.JOIN.LEFT_OUTER, on=Complaint.assignee == assignee.id)
            .where(condition)
            .order_by(*order)
            .limit(limit)
            .dicts()
        )
        items = tuple(_item(row, day, calendar, policy) for row in rows)
        total = (
            len(items)
            if len(items) < limit
            else Complaint.select().join(Customer).where(condition).count()
        )
    return ComplaintList(view=view, day=day, items=items, total=total)


def _item(
    row: dict[str, Any], day: date, calendar: WorkCalendar, policy: CallbackPolicy
) -> ComplaintListItem:
    """A list row from the query's columns, by name, with what is worked out from them."""
    recent = int(row.pop("recent") or 0)
    due_on, status = row["due_on"], str(row["status"])
    return ComplaintListItem(
        **row,
        category_name=category_name(str(row["category"])),
        overdue=is_overdue(due_on, status, day),
        workdays_overdue=workdays_overdue(due_on, status, day, calendar),
        frequent=is_frequent(recent, policy),
    )
