"""Complaints (投诉) in the 客服部投诉跟踪表: intake, forwarding, follow-up, resolution, the
reply to the customer, closing and reopening.

Every step is one transaction that changes the complaint only if nobody else changed it
since the clerk looked (its ``version``), and writes one timeline event. A complaint closes
only after the reply to the customer is recorded; reopening keeps the whole timeline.
Taking a complaint may make the customer one with "frequent problems", which brings their
periodic callback forward.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from gendan_tui.core import audit
from gendan_tui.core import complaint_queries as queries
from gendan_tui.core.callbacks import CallbackService
from gendan_tui.core.complaint_terms import (
    CATEGORIES,
    CHANNELS,
    CLOSED,
    FORWARDED,
    OPEN,
    REPLIED,
    REPLY_METHODS,
    RESOLVED,
    SEVERITIES,
    STEP_FROM,
    STEP_REFUSAL,
    Category,
    load_categories,
    role_for,
)
from gendan_tui.core.context import Actor, ServiceContext
from gendan_tui.core.frequent import has_frequent_problems
from gendan_tui.core.roles import Permission, Role, can, require
from gendan_tui.core.validation import required
from gendan_tui.errors import ConflictError, NotFoundError, UserError, ValidationError
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
    "CATEGORIES",
    "SEVERITIES",
    "ComplaintForm",
    "ComplaintService",
    "Forward",
    "Reply",
]

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


def _snapshot(row: Complaint) -> dict[str, Any]:
    """The fields the audit trail compares before and after a step."""
    return {
        "status": row.status,
        "assignee": row.assignee_id,
        "assignee_role": row.assignee_role,
        "due_on": row.due_on,
        "resolution": row.resolution,
        "replied_at": row.replied_at,
        "reply_method": row.reply_method,
        "replied_by": row.replied_by_id,
        "closed_at": row.closed_at,
        "reopened_count": row.reopened_count,
    }


class ComplaintService:
    """The complaint workflow, and the lists and detail the complaints screen shows."""

    def __init__(self, ctx: ServiceContext, callbacks: CallbackService) -> None:
        self.ctx = ctx
        self.callbacks = callbacks

    # Reading -------------------------------------------------------------------------

    def categories(self) -> list[Category]:
        """The categories offered at intake."""
        return load_categories()

    def listing(
        self, view: str = queries.OPEN_VIEW, *, day: date | None = None, limit: int = 200
    ) -> queries.ComplaintList:
        """One of the complaint lists (``open``, ``overdue``, ``mine``, ``week``)."""
        actor = self.ctx.require_actor()
        return queries.complaint_list(
            view,
            actor=actor,
            day=day or self.ctx.clock.today(),
            calendar=self.ctx.calendar,
            policy=self.ctx.policy,
            limit=limit,
        )

    def detail(self, complaint_id: int) -> queries.ComplaintDetail:
        """Everything about one complaint, with its timeline and the steps it can take."""
        return queries.complaint_detail(
            complaint_id,
            day=self.ctx.clock.today(),
            calendar=self.ctx.calendar,
            policy=self.ctx.policy,
        )

    def forward_targets(self) -> list[queries.ForwardTarget]:
        """The people and roles a complaint can be forwarded to."""
        return queries.forward_targets()

    def due_date(self, workdays: int, start: date | None = None) -> date:
        """The due date ``workdays`` working days after ``start`` (default today)."""
        return self.ctx.calendar.add_workdays(start or self.ctx.clock.today(), workdays)

    # Intake ----------------------------------------------------------------------------

    def take(self, form: ComplaintForm) -> int:
        """Record a new complaint (solved on the spot, forwarded, or open) and return its id."""
        actor = self.ctx.require_actor()
        require(actor, Permission.TAKE_COMPLAINTS)
        content = required(form.content, "content")
        contact_name = _limited(form.contact_name, "contact_name", 50)
        phone = _limited(form.phone, "phone", 40)
        if form.severity not in SEVERITIES:
            raise ValidationError("error.severity_invalid", field="severity", value=form.severity)
        if form.channel not in CHANNELS:
            raise ValidationError(
                "complaint_error.channel_invalid", field="channel", value=form.channel
            )
        resolution = required(form.resolution, "resolution") if form.solved_on_spot else ""
        if form.solved_on_spot and form.forward is not None:
            raise ValidationError("complaint_error.spot_and_forward", field="forward")
        now = self.ctx.clock.now()
        with transaction():
            if form.category not in {c.code for c in load_categories()}:
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
            self._event(complaint.id, actor, now, "taken", None, OPEN)
            audit.log(actor, "complaint", complaint.id, "taken", after=_snapshot(complaint), at=now)
            if form.solved_on_spot:
                self._apply(
                    complaint.id,
                    complaint.version,
                    actor,
                    now,
                    "solved_on_spot",
                    self._spot_changes(actor, now, resolution, form.channel),
                    note=resolution,
                )
            elif form.forward is not None:
                changes, extra = self._forward_changes(form.forward, now)
                self._apply(
                    complaint.id,
                    complaint.version,
                    actor,
                    now,
                    "forwarded",
                    changes,
                    note=form.forward.note.strip(),
                    **extra,
                )
            if has_frequent_problems(customer.id, now.date(), self.ctx.policy):
                self.callbacks.pull_in_periodic(customer.id, customer.owner_id or actor.id)
        return int(complaint.id)

    @staticmethod
    def _spot_changes(actor: Actor, now: datetime, resolution: str, channel: str) -> dict[str, Any]:
        return {
            "status": CLOSED,
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

    def forward(self, complaint_id: int, version: int, target: Forward) -> queries.ComplaintDetail:
        """Hand the complaint to the responsible person or role with a working-day deadline."""
        now = self.ctx.clock.now()
        changes, extra = self._forward_changes(target, now)
        return self._step(
            complaint_id, version, "forward", "forwarded", changes, target.note.strip(), extra
        )

    def follow_up(self, complaint_id: int, version: int, note: str) -> queries.ComplaintDetail:
        """Add an entry to the follow-up log (跟进记录) without changing the status."""
        text = required(note, "note")
        return self._step(complaint_id, version, "follow_up", "follow_up", {}, text)

    def resolve(self, complaint_id: int, version: int, resolution: str) -> queries.ComplaintDetail:
        """Record how the problem was solved; the customer still has to be told."""
        text = required(resolution, "resolution")
        actor = self.ctx.require_actor()
        changes = {
            "status": RESOLVED,
            "resolution": text,
            "resolved_at": self.ctx.clock.now(),
            "resolved_by": actor.id,
        }
        return self._step(complaint_id, version, "resolve", "resolved", changes, text)

    def reply(self, complaint_id: int, version: int, reply: Reply) -> queries.ComplaintDetail:
        """Record the reply to the customer: when, how and by whom."""
        if reply.method not in REPLY_METHODS:
            raise ValidationError(
                "complaint_error.reply_method_invalid", field="method", value=reply.method
            )
        actor = self.ctx.require_actor()
        now = self.ctx.clock.now()
        at = reply.at or now
        if at > now:
            raise ValidationError("complaint_error.reply_in_future", field="at")
        by = actor.id
        if reply.by_user_id is not None and reply.by_user_id != actor.id:
            if not User.get_or_none(User.id == reply.by_user_id):
                raise NotFoundError("complaint_error.unknown_user", user=reply.by_user_id)
            by = reply.by_user_id
        changes = {
            "status": REPLIED,
            "replied_at": at,
            "reply_method": reply.method,
            "replied_by": by,
            "reply_note": reply.note.strip(),
        }
        return self._step(
            complaint_id,
            version,
            "reply",
            "replied",
            changes,
            reply.note.strip(),
            {"reply_method": reply.method},
            earliest=at,
        )

    def close(self, complaint_id: int, version: int, note: str = "") -> queries.ComplaintDetail:
        """Close the complaint; refused until the reply to the customer is recorded."""
        changes = {"status": CLOSED, "closed_at": self.ctx.clock.now()}
        return self._step(complaint_id, version, "close", "closed", changes, note.strip())

    def reopen(self, complaint_id: int, version: int, reason: str) -> queries.ComplaintDetail:
        """Open a resolved, replied or closed complaint again; its timeline is kept, and it
        needs a new resolution and reply before it can be closed again."""
        text = required(reason, "reason")
        changes = {
            "status": OPEN,
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
        return self._step(complaint_id, version, "reopen", "reopened", changes, text)

    # Internals -------------------------------------------------------------------------

    def _forward_changes(
        self, target: Forward, now: datetime
    ) -> tuple[dict[str, Any], dict[str, Any]]:
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
                    role = role_for(frozenset(r.role for r in held))
        due_on = self.ctx.calendar.add_workdays(now.date(), target.workdays)
        changes = {
            "status": FORWARDED,
            "assignee": target.user_id,
            "assignee_role": role,
            "due_on": due_on,
            "forwarded_at": now,
        }
        extra = {"assignee": target.user_id, "assignee_role": role, "due_on": due_on}
        return changes, extra

    def _step(
        self,
        complaint_id: int,
        version: int,
        step: str,
        kind: str,
        changes: dict[str, Any],
        note: str,
        extra: dict[str, Any] | None = None,
        *,
        earliest: datetime | None = None,
    ) -> queries.ComplaintDetail:
        actor = self.ctx.require_actor()
        require(actor, Permission.HANDLE_COMPLAINTS)
        now = self.ctx.clock.now()
        with transaction():
            row = self._load(complaint_id, version)
            self._require_involved(actor, row)
            if row.status not in STEP_FROM[step]:
                key = "complaint_error.is_closed" if row.status == CLOSED else STEP_REFUSAL[step]
                raise UserError(key, no=complaint_id)
            if earliest is not None and earliest < row.received_at:
                raise ValidationError("complaint_error.reply_before_intake", field="at")
            self._apply(
                complaint_id, version, actor, now, kind, changes, note=note, **(extra or {})
            )
        return self.detail(complaint_id)

    def _load(self, complaint_id: int, version: int) -> Complaint:
        row: Complaint | None = Complaint.get_or_none(Complaint.id == complaint_id)
        if row is None:
            raise NotFoundError("complaint_error.unknown", no=complaint_id)
        if row.version != version:
            self._conflict(complaint_id)
        return row

    def _conflict(self, complaint_id: int) -> None:
        last = queries.last_change(complaint_id)
        raise ConflictError(
            "complaint_error.changed",
            no=complaint_id,
            who=last.user if last and last.user else "?",
            at=last.at.strftime("%H:%M") if last else "",
        )

    def _require_involved(self, actor: Actor, row: Complaint) -> None:
        """Who may work a complaint: whoever took it, the person or role it was forwarded
        to, and supervisors and managers (who see all work)."""
        involved = (
            actor.id in (row.taken_by_id, row.assignee_id)
            or (row.assignee_role is not None and row.assignee_role in actor.roles)
            or can(actor, Permission.SEE_ALL_WORK)
        )
        if not involved:
            raise UserError("complaint_error.not_involved", no=row.id, name=actor.name)

    def _apply(
        self,
        complaint_id: int,
        version: int,
        actor: Actor,
        now: datetime,
        kind: str,
        changes: dict[str, Any],
        *,
        note: str = "",
        **event: Any,
    ) -> None:
        """Change the complaint if it is still at ``version`` and write the timeline event
        and audit entry; called inside the caller's transaction."""
        before = Complaint.get_by_id(complaint_id)
        updated = (
            Complaint.update(version=Complaint.version + 1, updated_at=now, **changes)
            .where((Complaint.id == complaint_id) & (Complaint.version == version))
            .execute()
        )
        if not updated:
            self._conflict(complaint_id)
        after = Complaint.get_by_id(complaint_id)
        self._event(complaint_id, actor, now, kind, before.status, after.status, note, **event)
        audit.log(
            actor,
            "complaint",
            complaint_id,
            kind,
            before=_snapshot(before),
            after=_snapshot(after),
            at=now,
        )

    @staticmethod
    def _event(
        complaint_id: int,
        actor: Actor,
        at: datetime,
        kind: str,
        status_before: str | None,
        status_after: str,
        note: str = "",
        **extra: Any,
    ) -> None:
        ComplaintEvent.create(
            complaint=complaint_id,
            at=at,
            user=actor.id,
            kind=kind,
            note=note,
            status_before=status_before,
            status_after=status_after,
            **extra,
        )
