"""The callback workflow as one table: a call that reached the customer closes the callback
(and schedules the next one), a failed attempt keeps it open for a retry, the follow-up
supervisor may hand it to another clerk; and how callbacks are saved (under optimistic
locking, with the audit entry). Loaded on the first write of a session."""

from __future__ import annotations

from gendan_tui.core.callbacks import (
    CLERK_ROLE,
    DONE,
    FAILURE_OUTCOMES,
    OPEN,
    TASK_ENTITY,
    task_fields,
)
from gendan_tui.core.context import Actor
from gendan_tui.core.roles import Permission, require_own_or_all
from gendan_tui.core.versioned import LastChange, Versioned
from gendan_tui.core.workflow import Attempt, Holds, OneOf, Step, Taken, TextGiven, Workflow
from gendan_tui.errors import ConflictError, NotFoundError, ValidationError
from gendan_tui.store.models import CallbackTask


def _handled(task: CallbackTask, last: LastChange) -> ConflictError:
    return ConflictError(
        "error.task_changed",
        customer=task.customer.name,
        who=last.who_or_someone,
    )


TASKS: Versioned[CallbackTask] = Versioned(
    CallbackTask,
    TASK_ENTITY,
    task_fields,
    missing=lambda task: NotFoundError("error.unknown_task", task=task),
    conflict=_handled,
)
"""How callbacks are loaded and saved."""


def _may_work(actor: Actor, task: CallbackTask) -> None:
    require_own_or_all(actor, task.clerk_id, Permission.WORK_CALLBACKS)


def _schedule_next(taken: Taken[CallbackTask]) -> None:
    """After a success: the customer's next periodic callback, from today."""
    task = taken.after
    from gendan_tui.core.callbacks import CallbackService

    CallbackService(taken.attempt.ctx).schedule_periodic(
        task.customer_id, taken.attempt.at.date(), task.clerk_id
    )


def _notes_for_other(attempt: Attempt[CallbackTask]) -> bool:
    return attempt.inputs["outcome"] != "other" or bool(str(attempt.inputs["notes"]).strip())


def _to_a_clerk(attempt: Attempt[CallbackTask]) -> bool:
    return CLERK_ROLE in attempt.inputs["clerk"].roles


OPEN_STATES = frozenset({OPEN})
WORKFLOW: Workflow[CallbackTask] = Workflow(
    name="callback",
    states=(OPEN, DONE),
    state_field="state",
    may_work=_may_work,
    refused=lambda step, task: TASKS.refuse_stale(task),
    steps=(
        Step(
            "success",
            OPEN_STATES,
            DONE,
            "error.task_changed",
            Permission.WORK_CALLBACKS,
            requires=(TextGiven("contact_name"), TextGiven("discussed")),
            triggers=(_schedule_next,),
            action="callback_success",
        ),
        Step(
            "failure",
            OPEN_STATES,
            None,
            "error.task_changed",
            Permission.WORK_CALLBACKS,
            requires=(
                OneOf("outcome", FAILURE_OUTCOMES, "error.outcome_invalid"),
                Holds(
                    _notes_for_other,
                    lambda _: ValidationError("error.required", field="notes"),
                ),
            ),
            action="callback_failure",
        ),
        Step(
            "reassign",
            OPEN_STATES,
            None,
            "error.task_changed",
            Permission.REASSIGN,
            requires=(
                Holds(
                    _to_a_clerk,
                    lambda attempt: ValidationError(
                        "error.not_a_clerk", field="clerk", login=attempt.inputs["clerk"].login
                    ),
                ),
            ),
        ),
    ),
)
"""The steps of a callback: a call that reached the customer closes it (and schedules the
next one); a failed attempt keeps it open for a retry; the supervisor may hand it on."""
