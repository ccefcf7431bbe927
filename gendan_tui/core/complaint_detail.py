"""One complaint as the detail view shows it: every field, names for ids, its timeline, and
the steps it can take now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import peewee as pw

from gendan_tui import i18n
from gendan_tui.core.callback_rules import CallbackPolicy
from gendan_tui.core.complaint_lists import is_overdue, workdays_overdue
from gendan_tui.core.complaint_terms import category_name
from gendan_tui.core.complaint_workflow import WORKFLOW
from gendan_tui.core.customers import first_phone
from gendan_tui.core.frequent import is_frequent, recent_complaints
from gendan_tui.core.workcalendar import WorkCalendar
from gendan_tui.definitions import ComplaintVocabulary
from gendan_tui.errors import NotFoundError
from gendan_tui.store.db import storage_errors
from gendan_tui.store.models import Complaint, ComplaintEvent, Customer, User


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
                pw.fn.COALESCE(actor.name, "").alias("user"),
                ComplaintEvent.kind,
                ComplaintEvent.note,
                ComplaintEvent.status_before,
                ComplaintEvent.status_after,
                pw.fn.COALESCE(assignee.name, "").alias("assignee"),
                ComplaintEvent.assignee_role,
                ComplaintEvent.due_on,
                ComplaintEvent.reply_method,
            )
            .join(actor, pw.JOIN.LEFT_OUTER, on=ComplaintEvent.user == actor.id)
            .switch(ComplaintEvent)
            .join(assignee, pw.JOIN.LEFT_OUTER, on=ComplaintEvent.assignee == assignee.id)
            .where(ComplaintEvent.complaint == complaint_id)
            .order_by(ComplaintEvent.at, ComplaintEvent.id)
            .dicts()
        )
        return tuple(TimelineEntry(**row) for row in rows)


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
    complaint_id: int,
    *,
    day: date,
    calendar: WorkCalendar,
    policy: CallbackPolicy,
    vocabulary: ComplaintVocabulary,
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
        recent = recent_complaints(customer.id, day, policy)
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
        department=vocabulary.department_of(row.assignee_role),
        overdue=is_overdue(row.due_on, row.status, day),
        workdays_overdue=workdays_overdue(row.due_on, row.status, day, calendar),
        frequent=is_frequent(recent, policy),
        timeline=timeline(complaint_id),
        steps=WORKFLOW.allowed(row.status),
    )


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
