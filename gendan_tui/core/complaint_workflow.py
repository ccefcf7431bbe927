"""The complaint workflow of the 客服部投诉跟踪表 as one table: each step, the statuses it
starts from and leads to, who may take it and what it needs; and how complaints are saved
(under optimistic locking, with the audit entry and the timeline event of every step).

A complaint closes only after the reply to the customer; reopening keeps its timeline.
"""

from __future__ import annotations

from typing import Any

from gendan_tui.core.complaint_terms import (
    CLOSED,
    FORWARDED,
    OPEN,
    REPLIED,
    REPLY_METHODS,
    RESOLVED,
    STATUSES,
)
from gendan_tui.core.context import Actor
from gendan_tui.core.roles import Permission, can
from gendan_tui.core.versioned import LastChange, Versioned
from gendan_tui.core.workflow import Attempt, Holds, OneOf, Step, Taken, TextGiven, Workflow
from gendan_tui.errors import ConflictError, NotFoundError, UserError, ValidationError
from gendan_tui.store.models import Complaint, ComplaintEvent


def snapshot(row: Complaint) -> dict[str, Any]:
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


def _changed(row: Complaint, last: LastChange) -> ConflictError:
    return ConflictError(
        "complaint_error.changed",
        no=row.id,
        who=last.who or "?",
        at=last.at.strftime("%H:%M") if last.at else "",
    )


COMPLAINTS: Versioned[Complaint] = Versioned(
    Complaint,
    "complaint",
    snapshot,
    missing=lambda no: NotFoundError("complaint_error.unknown", no=no),
    conflict=_changed,
)
"""How complaints are loaded and saved."""


def involved(actor: Actor, row: Complaint) -> None:
    """Who may work a complaint: whoever took it, the person or role it was forwarded to,
    and supervisors and managers (who see all work)."""
    if not (
        actor.id in (row.taken_by_id, row.assignee_id)
        or (row.assignee_role is not None and row.assignee_role in actor.roles)
        or can(actor, Permission.SEE_ALL_WORK)
    ):
        raise UserError("complaint_error.not_involved", no=row.id, name=actor.name)


def _refused(step: Step[Complaint], row: Complaint) -> UserError:
    key = "complaint_error.is_closed" if row.status == CLOSED else step.refusal
    return UserError(key, no=row.id)


def record_event(taken: Taken[Complaint]) -> None:
    """Write the step's line of the complaint's timeline: its note and details (to whom,
    by when, how the customer was replied to) from the attempt's ``note`` and ``event``."""
    inputs = taken.attempt.inputs
    ComplaintEvent.create(
        complaint=taken.after.id,
        at=taken.attempt.at,
        user=taken.attempt.actor.id,
        kind=taken.step.audit_action,
        note=str(inputs.get("note", "")).strip(),
        status_before=taken.before.status,
        status_after=taken.after.status,
        **inputs.get("event", {}),
    )


def _replied_after_intake(attempt: Attempt[Complaint]) -> bool:
    return bool(attempt.inputs["at"] >= attempt.record.received_at)


def _replied_in_past(attempt: Attempt[Complaint]) -> bool:
    return bool(attempt.inputs["at"] <= attempt.at)


HANDLE = Permission.HANDLE_COMPLAINTS
TAKE = Permission.TAKE_COMPLAINTS
UNFINISHED = frozenset({OPEN, FORWARDED})
NOT_CLOSED = frozenset({OPEN, FORWARDED, RESOLVED, REPLIED})
EVENT = (record_event,)

WORKFLOW: Workflow[Complaint] = Workflow(
    name="complaint",
    states=STATUSES,
    state_field="status",
    may_work=involved,
    refused=_refused,
    steps=(
        Step(
            "forward",
            UNFINISHED,
            FORWARDED,
            "complaint_error.already_resolved",
            HANDLE,
            triggers=EVENT,
            action="forwarded",
        ),
        Step(
            "follow_up",
            NOT_CLOSED,
            None,
            "complaint_error.is_closed",
            HANDLE,
            requires=(TextGiven("note"),),
            triggers=EVENT,
        ),
        Step(
            "resolve",
            UNFINISHED,
            RESOLVED,
            "complaint_error.already_resolved",
            HANDLE,
            requires=(TextGiven("resolution"),),
            triggers=EVENT,
            action="resolved",
        ),
        Step(
            "reply",
            frozenset({RESOLVED}),
            REPLIED,
            "complaint_error.reply_before_resolution",
            HANDLE,
            requires=(
                OneOf("method", REPLY_METHODS, "complaint_error.reply_method_invalid"),
                Holds(
                    _replied_in_past,
                    lambda _: ValidationError("complaint_error.reply_in_future", field="at"),
                ),
                Holds(
                    _replied_after_intake,
                    lambda _: ValidationError("complaint_error.reply_before_intake", field="at"),
                ),
            ),
            triggers=EVENT,
            action="replied",
        ),
        Step(
            "close",
            frozenset({REPLIED}),
            CLOSED,
            "complaint_error.close_before_reply",
            HANDLE,
            triggers=EVENT,
            action="closed",
        ),
        Step(
            "reopen",
            frozenset({RESOLVED, REPLIED, CLOSED}),
            OPEN,
            "complaint_error.not_finished",
            HANDLE,
            requires=(TextGiven("reason"),),
            triggers=EVENT,
            action="reopened",
        ),
        Step(
            "solve_on_spot",
            frozenset({OPEN}),
            CLOSED,
            "complaint_error.already_resolved",
            TAKE,
            requires=(TextGiven("resolution"),),
            triggers=EVENT,
            action="solved_on_spot",
            offered=False,
        ),
        Step(
            "forward_at_intake",
            frozenset({OPEN}),
            FORWARDED,
            "complaint_error.already_resolved",
            TAKE,
            triggers=EVENT,
            action="forwarded",
            offered=False,
        ),
    ),
)
"""Every step a complaint can take; the screens offer ``WORKFLOW.allowed(status)``."""
