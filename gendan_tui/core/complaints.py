"""Complaints (投诉) in the 客服部投诉跟踪表: intake, forwarding, follow-up, resolution, the
reply to the customer, closing and reopening.

Every step is a step of the complaint workflow (:mod:`complaint_workflow`): one transaction
that changes the complaint only if nobody else changed it since the clerk looked (its
``version``), and writes one timeline event. A complaint closes only after the reply to
the customer is recorded; reopening keeps the whole timeline.
Taking a complaint may make the customer one with "frequent problems", which brings their
periodic callback forward.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from gendan_tui.core import audit, complaint_detail, complaint_lists, complaint_targets
from gendan_tui.core.callbacks import CallbackService
from gendan_tui.core.complaint_terms import (
    CHANNELS,
    OPEN,
    REPLY_METHODS,
    SEVERITIES,
    Category,
    add_category,
    load_categories,
    remove_category,
)
from gendan_tui.core.complaint_workflow import COMPLAINTS, WORKFLOW, snapshot
from gendan_tui.core.context import Actor, ServiceContext
from gendan_tui.core.frequent import has_frequent_problems
from gendan_tui.core.roles import Permission, Role, require
from gendan_tui.core.validation import readable, required
from gendan_tui.core.workflow import Attempt
from gendan_tui.errors import NotFoundError, ValidationError
from gendan_tui.store.db import storage_errors, transaction
from gendan_tui.store.models import (
    CallbackRecord,
    Complaint,
    ComplaintEvent,
    Customer,
    User,
    UserRole,
)

__all__ = [
    "SEVERITIES",
    "ComplaintForm",
    "ComplaintService",
    "Forward",
    "Reply",
]

Changes = dict[str, Any]
"""Fields to save, or details to record, by name."""

MAX_FORWARD_WORKDAYS = 60
DEFAULT_FORWARD_WORKDAYS = 3


@dataclass(frozen=True)
class Forward:
    """Where a complaint goes when it cannot be solved on the spot: a person, a role (any
    technician, the production manager …) or both, and how many working days they have."""

    user_id: int | None = None
    role: str | None = None
    workdays: int = DEFAULT_FORWARD_WORKDAYS
    note: str = ""


@dataclass(frozen=True)
class ComplaintForm:
    """What the clerk writes down when a customer complains.

    With ``solved_on_spot`` the ``resolution`` was given in the call itself, which is also
    the reply, so the complaint is closed at once. With ``forward`` it goes to the
    responsible person. With neither it stays open until it is forwarded or resolved.
    """

    customer_id: int
    category: str
    content: str
    severity: str = "normal"
    channel: str = "phone"
    callback_record_id: int | None = None
    contact_name: str = ""
    phone: str = ""
    solved_on_spot: bool = False
    resolution: str = ""
    forward: Forward | None = None


@dataclass(frozen=True)
class Reply:
    """The reply to the customer: how, what was said, when (default now) and by whom
    (default the acting clerk)."""

    method: str
    note: str = ""
    at: datetime | None = None
    by_user_id: int | None = None


def _limited(text: str, field: str, limit: int) -> str:
    value = (text or "").strip()
    if len(value) > limit:
        raise ValidationError("complaint_error.too_long", field=field, max=limit)
    return value


class ComplaintService:
    """The complaint workflow, and the lists and detail the complaints screen shows."""

    def __init__(self, ctx: ServiceContext, callbacks: CallbackService) -> None:
        self.ctx = ctx
        self.callbacks = callbacks
        self.vocabulary = ctx.definitions.complaints

    # Reading -------------------------------------------------------------------------

    def categories(self) -> list[Category]:
        """The categories offered at intake."""
        return load_categories(self.vocabulary.category_codes)

    def add_category(self, name: str) -> Category:
        """Offer a new category (supervisors and managers); its name is its code."""
        return add_category(
            name, by=self.ctx.require_actor(), defaults=self.vocabulary.category_codes
        )

    def remove_category(self, code: str) -> None:
        """Stop offering a category; complaints already filed under it keep it."""
        remove_category(code, by=self.ctx.require_actor(), defaults=self.vocabulary.category_codes)

    def listing(
        self, view: str = complaint_lists.OPEN_VIEW, *, day: date | None = None, limit: int = 200
    ) -> complaint_lists.ComplaintList:
        """One of the complaint lists (``open``, ``overdue``, ``mine``, ``week``)."""
        actor = self.ctx.require_actor()
        return complaint_lists.complaint_list(
            view,
            actor=actor,
            day=day or self.ctx.clock.today(),
            calendar=self.ctx.calendar,
            policy=self.ctx.policy,
            limit=limit,
        )

    def detail(self, complaint_id: int) -> complaint_detail.ComplaintDetail:
        """Everything about one complaint, with its timeline and the steps it can take."""
        return complaint_detail.complaint_detail(
            complaint_id,
            day=self.ctx.clock.today(),
            calendar=self.ctx.calendar,
            policy=self.ctx.policy,
            vocabulary=self.vocabulary,
        )

    def forward_targets(self) -> list[complaint_targets.ForwardTarget]:
        """The people and roles a complaint can be forwarded to."""
        return complaint_targets.forward_targets(self.vocabulary.forward_roles)

    def due_date(self, workdays: int, start: date | None = None) -> date:
        """The due date ``workdays`` working days after ``start`` (default today)."""
        return self.ctx.calendar.add_workdays(start or self.ctx.clock.today(), workdays)

    # Intake ----------------------------------------------------------------------------

    def take(self, form: ComplaintForm) -> int:
        """Record a new complaint (solved on the spot, forwarded, or open) and return its id."""
        actor = self.ctx.require_actor()
        require(actor, Permission.TAKE_COMPLAINTS)
        content = readable(required(form.content, "content"), "content")
        contact_name = readable(_limited(form.contact_name, "contact_name", 50), "contact_name")
        phone = readable(_limited(form.phone, "phone", 40), "phone")
        if form.severity not in SEVERITIES:
            raise ValidationError("error.severity_invalid", field="severity", value=form.severity)
        if form.channel not in CHANNELS:
            raise ValidationError(
                "complaint_error.channel_invalid", field="channel", value=form.channel
            )
        resolution = (
            readable(required(form.resolution, "resolution"), "resolution")
            if form.solved_on_spot
            else ""
        )
        if form.solved_on_spot and form.forward is not None:
            raise ValidationError("complaint_error.spot_and_forward", field="forward")
        now = self.ctx.clock.now()
        with transaction():
            if form.category not in {c.code for c in self.categories()}:
                raise ValidationError(
                    "error.category_invalid", field="category", value=form.category
                )
            customer = Customer.get_or_none(Customer.id == form.customer_id)
            if customer is None:
                raise NotFoundError("error.unknown_customer", customer=form.customer_id)
            if form.callback_record_id is not None and not CallbackRecord.get_or_none(
                CallbackRecord.id == form.callback_record_id
            ):
                raise NotFoundError("error.unknown_record", record=form.callback_record_id)
            complaint = Complaint.create(
                customer=customer.id,
                received_at=now,
                taken_by=actor.id,
                channel=form.channel,
                category=form.category,
                content=content,
                severity=form.severity,
                callback_record=form.callback_record_id,
                contact_name=contact_name,
                phone=phone,
                updated_at=now,
            )
            ComplaintEvent.create(
                complaint=complaint.id, at=now, user=actor.id, kind="taken", status_after=OPEN
            )
            audit.log(actor, "complaint", complaint.id, "taken", after=snapshot(complaint), at=now)
            if form.solved_on_spot:
                changes = self._spot_changes(actor, now, resolution, form.channel)
                inputs: Changes = {"resolution": resolution, "note": resolution}
                self._take("solve_on_spot", complaint.id, complaint.version, inputs, changes)
            elif form.forward is not None:
                changes, event = self._forward_changes(form.forward, now)
                inputs = {"note": form.forward.note, "event": event}
                self._take("forward_at_intake", complaint.id, complaint.version, inputs, changes)
            if has_frequent_problems(customer.id, now.date(), self.ctx.policy):
                self.callbacks.pull_in_periodic(customer.id, customer.owner_id or actor.id)
        return int(complaint.id)

    @staticmethod
    def _spot_changes(actor: Actor, now: datetime, resolution: str, channel: str) -> Changes:
        return {
            "solved_on_spot": True,
            "resolution": resolution,
            "resolved_at": now,
            "resolved_by": actor.id,
            "replied_at": now,
            "reply_method": channel if channel in REPLY_METHODS else "phone",
            "replied_by": actor.id,
            "closed_at": now,
        }

    # Steps -----------------------------------------------------------------------------

    def forward(
        self, complaint_id: int, version: int, target: Forward
    ) -> complaint_detail.ComplaintDetail:
        """Hand the complaint to the responsible person or role with a working-day deadline."""
        changes, event = self._forward_changes(target, self.ctx.clock.now())
        inputs = {"note": target.note, "event": event}
        return self._step("forward", complaint_id, version, inputs, changes)

    def follow_up(
        self, complaint_id: int, version: int, note: str
    ) -> complaint_detail.ComplaintDetail:
        """Add an entry to the follow-up log (跟进记录) without changing the status."""
        return self._step("follow_up", complaint_id, version, {"note": note})

    def resolve(
        self, complaint_id: int, version: int, resolution: str
    ) -> complaint_detail.ComplaintDetail:
        """Record how the problem was solved; the customer still has to be told."""
        changes = {
            "resolution": resolution.strip(),
            "resolved_at": self.ctx.clock.now(),
            "resolved_by": self.ctx.require_actor().id,
        }
        inputs = {"resolution": resolution, "note": resolution}
        return self._step("resolve", complaint_id, version, inputs, changes)

    def reply(
        self, complaint_id: int, version: int, reply: Reply
    ) -> complaint_detail.ComplaintDetail:
        """Record the reply to the customer: when, how and by whom."""
        actor = self.ctx.require_actor()
        at = reply.at or self.ctx.clock.now()
        by = actor.id
        if reply.by_user_id is not None and reply.by_user_id != actor.id:
            with storage_errors():
                if not User.get_or_none(User.id == reply.by_user_id):
                    raise NotFoundError("complaint_error.unknown_user", user=reply.by_user_id)
            by = reply.by_user_id
        changes = {
            "replied_at": at,
            "reply_method": reply.method,
            "replied_by": by,
            "reply_note": reply.note.strip(),
        }
        inputs = {
            "method": reply.method,
            "at": at,
            "note": reply.note,
            "event": {"reply_method": reply.method},
        }
        return self._step("reply", complaint_id, version, inputs, changes)

    def close(
        self, complaint_id: int, version: int, note: str = ""
    ) -> complaint_detail.ComplaintDetail:
        """Close the complaint; refused until the reply to the customer is recorded."""
        changes = {"closed_at": self.ctx.clock.now()}
        return self._step("close", complaint_id, version, {"note": note}, changes)

    def reopen(
        self, complaint_id: int, version: int, reason: str
    ) -> complaint_detail.ComplaintDetail:
        """Open a resolved, replied or closed complaint again; its timeline is kept, and it
        needs a new resolution and reply before it can be closed again."""
        changes = {
            "closed_at": None,
            "replied_at": None,
            "reply_method": None,
            "replied_by": None,
            "reply_note": "",
            "resolved_at": None,
            "resolved_by": None,
            "due_on": None,
            "reopened_count": Complaint.reopened_count + 1,
        }
        inputs = {"reason": reason, "note": reason}
        return self._step("reopen", complaint_id, version, inputs, changes)

    # Internals -------------------------------------------------------------------------

    def _forward_changes(self, target: Forward, now: datetime) -> tuple[Changes, Changes]:
        """The complaint's new fields and the event's details for a forward to ``target``."""
        if target.user_id is None and not target.role:
            raise ValidationError("complaint_error.forward_to_missing", field="forward")
        if not 1 <= target.workdays <= MAX_FORWARD_WORKDAYS:
            raise ValidationError(
                "complaint_error.workdays_invalid", field="workdays", max=MAX_FORWARD_WORKDAYS
            )
        role = target.role or None
        if role is not None and role not in {r.value for r in Role}:
            raise ValidationError("complaint_error.role_unknown", field="role", value=role)
        with storage_errors():
            if target.user_id is not None:
                user = User.get_or_none((User.id == target.user_id) & User.active)
                if user is None:
                    raise NotFoundError("complaint_error.unknown_user", user=target.user_id)
                if role is None:
                    held = UserRole.select(UserRole.role).where(UserRole.user == user.id)
                    role = self.vocabulary.role_for(frozenset(r.role for r in held))
        due_on = self.ctx.calendar.add_workdays(now.date(), target.workdays)
        changes = {
            "assignee": target.user_id,
            "assignee_role": role,
            "due_on": due_on,
            "forwarded_at": now,
        }
        event = {"assignee": target.user_id, "assignee_role": role, "due_on": due_on}
        return changes, event

    def _step(
        self,
        step: str,
        complaint_id: int,
        version: int,
        inputs: Changes,
        changes: Changes | None = None,
    ) -> complaint_detail.ComplaintDetail:
        """Take ``step`` in a transaction of its own and read the complaint as it left it."""
        with transaction():
            self._take(step, complaint_id, version, inputs, changes or {})
        return self.detail(complaint_id)

    def _take(
        self, step: str, complaint_id: int, version: int, inputs: Changes, changes: Changes
    ) -> None:
        actor = self.ctx.require_actor()
        now = self.ctx.clock.now()
        WORKFLOW.take(
            step,
            COMPLAINTS,
            complaint_id,
            version,
            attempt=lambda row: Attempt(row, actor, inputs, now, self.ctx),
            changes={**changes, "updated_at": now},
        )
