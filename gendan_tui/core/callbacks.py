"""The daily callback queue and the recording of calls (客户电话回访记录表).

Reads return plain dataclasses; every write is one transaction that either records the
call and moves the schedule, or changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

import peewee as pw

from gendan_tui.core import audit
from gendan_tui.core import callback_rules as rules
from gendan_tui.core.context import Actor, ServiceContext
from gendan_tui.core.customers import first_phone
from gendan_tui.core.frequent import complaints_in_window, has_frequent_problems, is_frequent
from gendan_tui.core.roles import Permission, require
from gendan_tui.errors import NotFoundError, ValidationError
from gendan_tui.store.db import storage_errors, transaction
from gendan_tui.store.models import (
    CallbackRecord,
    CallbackTask,
    Customer,
    Order,
    OrderEvent,
)

if TYPE_CHECKING:
    from gendan_tui.core.workflow import Taken

DAILY_QUOTA = 4
CLERK_ROLE = "clerk"
QUEUE_LIMIT = 200

OPEN = "open"
DONE = "done"
TASK_ENTITY = "callback_task"
"""What the audit trail calls a callback."""
SUCCESS = "success"
FAILURE_OUTCOMES = ("no_answer", "busy", "wrong_number", "not_person", "other")


@dataclass(frozen=True)
class QueueItem:
    """One callback in the queue, with everything its row shows."""

    task_id: int
    version: int
    customer_id: int
    customer_name: str
    phone: str
    reason: str
    due_on: date
    days_overdue: int
    attempts: int
    frequent: bool
    urgency: str


@dataclass(frozen=True)
class Queue:
    """A clerk's queue for a day: the rows (at most ``QUEUE_LIMIT``) and the counts."""

    day: date
    clerk: str
    items: tuple[QueueItem, ...]
    total: int
    successes: int
    quota: int = DAILY_QUOTA

    @property
    def quota_met(self) -> bool:
        """Whether the clerk has reached the daily minimum of successful callbacks."""
        return self.successes >= self.quota


@dataclass(frozen=True)
class SuccessForm:
    """What the clerk writes after reaching the customer."""

    contact_name: str
    discussed: str
    problems: str = ""
    help_needed: str = ""
    invited_training: bool = False
    notes: str = ""
    phone: str = ""


@dataclass(frozen=True)
class CallResult:
    """What a recorded call changed: the record and the customer's next callback."""

    record_id: int
    next_callback_on: date | None


def task_fields(task: CallbackTask) -> dict[str, Any]:
    """The fields of a callback the audit trail compares before and after a change."""
    return {
        "state": task.state,
        "due_on": task.due_on,
        "next_try_on": task.next_try_on,
        "attempts": task.attempts,
        "clerk": task.clerk_id,
    }


def urgency(due_on: date, day: date) -> str:
    """``overdue``, ``today`` or ``window`` (callable now, due later)."""
    if due_on < day:
        return "overdue"
    return "today" if due_on == day else "window"


def _queue_item(row: dict[str, Any], day: date, policy: rules.CallbackPolicy) -> QueueItem:
    """A queue row from the query's columns, by name, with what is worked out from them."""
    frequent = is_frequent(row.pop("recent"), policy)
    return QueueItem(
        **row,
        days_overdue=rules.days_overdue(row["due_on"], day),
        frequent=frequent,
        urgency=urgency(row["due_on"], day),
    )


class CallbackService:
    """The callback queue, and recording successful and failed calls."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def queue(self, clerk: Actor | None = None, day: date | None = None) -> Queue:
        """The callbacks ``clerk`` can make on ``day``: overdue first, then by due date."""
        actor = self.ctx.require_actor()
        clerk = clerk or actor
        if clerk.id != actor.id:
            require(actor, Permission.SEE_ALL_WORK)
        day = day or self.ctx.clock.today()
        policy = self.ctx.policy
        callable_now = (
            (CallbackTask.state == "open")
            & (CallbackTask.clerk == clerk.id)
            & (CallbackTask.next_try_on <= day)
        )
        with storage_errors():
            rows = (
                CallbackTask.select(
                    CallbackTask.id.alias("task_id"),
                    CallbackTask.version,
                    CallbackTask.customer.alias("customer_id"),
                    CallbackTask.reason,
                    CallbackTask.due_on,
                    CallbackTask.attempts,
                    Customer.name.alias("customer_name"),
                    pw.fn.COALESCE(first_phone(), "").alias("phone"),
                    complaints_in_window(Customer.id, day, policy).alias("recent"),
                )
                .join(Customer)
                .where(callable_now)
                .order_by(CallbackTask.due_on, CallbackTask.id)
                .limit(QUEUE_LIMIT)
                .dicts()
            )
            items = tuple(_queue_item(row, day, policy) for row in rows)
            total = (
                len(items)
                if len(items) < QUEUE_LIMIT
                else CallbackTask.select().where(callable_now).count()
            )
            successes = self.successes(clerk, day)
        return Queue(day=day, clerk=clerk.login, items=items, total=total, successes=successes)

    def successes(self, clerk: Actor, day: date) -> int:
        """Successful callbacks ``clerk`` recorded on ``day``."""
        with storage_errors():
            return int(
                CallbackRecord.select()
                .where(
                    (CallbackRecord.clerk == clerk.id)
                    & (CallbackRecord.call_date == day)
                    & (CallbackRecord.outcome == SUCCESS)
                )
                .count()
            )

    def record_success(self, task_id: int, version: int, form: SuccessForm) -> CallResult:
        """Record a call that reached the customer, close the callback, schedule the next."""
        now = self.ctx.clock.now()
        inputs = {"contact_name": form.contact_name, "discussed": form.discussed}
        with transaction():
            taken = self._take("success", task_id, version, inputs, {"closed_at": now})
            task = taken.after
            record = CallbackRecord.create(
                task=task.id,
                customer=task.customer_id,
                clerk=taken.attempt.actor.id,
                called_at=now,
                call_date=now.date(),
                outcome=SUCCESS,
                contact_name=form.contact_name.strip(),
                phone=form.phone.strip(),
                discussed=form.discussed.strip(),
                problems=form.problems.strip(),
                help_needed=form.help_needed.strip(),
                invited_training=form.invited_training,
                notes=form.notes.strip(),
            )
            following = self._open_periodic(task.customer_id)
        return CallResult(record.id, following.due_on if following else None)

    def record_failure(
        self, task_id: int, version: int, outcome: str, notes: str = ""
    ) -> CallResult:
        """Record an attempt that did not reach the customer; the callback stays due and is
        retried on the next working day."""
        now = self.ctx.clock.now()
        retry = rules.retry_on(now.date(), self.ctx.calendar)
        changes = {"next_try_on": retry, "attempts": CallbackTask.attempts + 1}
        with transaction():
            taken = self._take(
                "failure", task_id, version, {"outcome": outcome, "notes": notes}, changes
            )
            record = CallbackRecord.create(
                task=task_id,
                customer=taken.after.customer_id,
                clerk=taken.attempt.actor.id,
                called_at=now,
                call_date=now.date(),
                outcome=outcome,
                notes=notes.strip(),
            )
        return CallResult(record.id, retry)

    def reassign(self, task_id: int, version: int, to: Actor) -> None:
        """Hand a callback to another clerk (follow-up supervisor only)."""
        with transaction():
            self._take("reassign", task_id, version, {"clerk": to}, {"clerk": to.id})

    def _take(
        self,
        step: str,
        task_id: int,
        version: int,
        inputs: dict[str, Any],
        changes: dict[str, Any],
    ) -> Taken[CallbackTask]:
        """Take ``step`` on a callback the actor may work, inside the caller's transaction
        (the workflow is loaded on the first write, so opening the desk does not load it)."""
        from gendan_tui.core.callback_workflow import TASKS, WORKFLOW
        from gendan_tui.core.workflow import Attempt

        actor = self.ctx.require_actor()
        now = self.ctx.clock.now()
        return WORKFLOW.take(
            step,
            TASKS,
            task_id,
            version,
            attempt=lambda task: Attempt(task, actor, inputs, now, self.ctx),
            changes=changes,
        )

    def schedule_periodic(self, customer_id: int, last_success_on: date, clerk_id: int) -> date:
        """Set the customer's open periodic callback after a success on ``last_success_on``.

        Called inside the caller's transaction. There is at most one open periodic
        callback per customer: it is moved if it exists, created otherwise.
        """
        customer = Customer.get_by_id(customer_id)
        schedule = rules.periodic_schedule(
            last_success_on,
            self.ctx.calendar,
            self.ctx.policy,
            interval_months=customer.callback_interval_months,
            frequent=has_frequent_problems(customer_id, last_success_on, self.ctx.policy),
        )
        self._put_periodic(customer_id, clerk_id, last_success_on, schedule)
        return schedule.due_on

    def pull_in_periodic(self, customer_id: int, clerk_id: int) -> date | None:
        """After a complaint makes a customer "frequent", bring their periodic callback
        forward to the frequent interval from the last success (never push it later)."""
        last = (
            CallbackRecord.select(pw.fn.MAX(CallbackRecord.call_date))
            .where((CallbackRecord.customer == customer_id) & (CallbackRecord.outcome == SUCCESS))
            .scalar()
        )
        basis = last or self.ctx.clock.today()
        schedule = rules.periodic_schedule(basis, self.ctx.calendar, self.ctx.policy, frequent=True)
        today = self.ctx.clock.today()
        earliest = max(schedule.due_on, self.ctx.calendar.on_or_after(today))
        current = self._open_periodic(customer_id)
        if current is not None and current.due_on <= earliest:
            return cast(date, current.due_on)
        self._put_periodic(
            customer_id, clerk_id, basis, rules.Schedule(due_on=earliest, next_try_on=earliest)
        )
        return earliest

    def _open_periodic(self, customer_id: int) -> CallbackTask | None:
        task: CallbackTask | None = CallbackTask.get_or_none(
            (CallbackTask.customer == customer_id)
            & (CallbackTask.reason == rules.PERIODIC)
            & (CallbackTask.state == "open")
        )
        return task

    def _put_periodic(
        self, customer_id: int, clerk_id: int, basis: date, schedule: rules.Schedule
    ) -> None:
        """Move the open periodic callback, or create one. The move only touches a task that
        is still open, so a concurrent call that just closed it makes us look again."""
        for _ in range(2):
            current = self._open_periodic(customer_id)
            if current is None:
                break
            moved = (
                CallbackTask.update(
                    basis_on=basis,
                    due_on=schedule.due_on,
                    next_try_on=schedule.next_try_on,
                    attempts=0,
                    version=CallbackTask.version + 1,
                )
                .where((CallbackTask.id == current.id) & (CallbackTask.state == "open"))
                .execute()
            )
            if moved:
                after = CallbackTask.get_by_id(current.id)
                self._audit_task(current.id, "reschedule", current, after)
                return
        created = CallbackTask.create(
            customer=customer_id,
            clerk=clerk_id,
            reason=rules.PERIODIC,
            basis_on=basis,
            due_on=schedule.due_on,
            next_try_on=schedule.next_try_on,
        )
        self._audit_task(created.id, "schedule", None, created)

    def _audit_task(
        self, task_id: int, action: str, before: CallbackTask | None, after: CallbackTask
    ) -> None:
        audit.log(
            self.ctx.actor,
            TASK_ENTITY,
            task_id,
            action,
            before=task_fields(before) if before else None,
            after=task_fields(after),
            at=self.ctx.clock.now(),
        )

    def add_milestone(self, order_id: int, code: str, occurred_on: date) -> date:
        """Owe the callback a milestone (mailbox/B2B opened, website completed) triggers."""
        reason = rules.MILESTONE_REASONS.get(code)
        if reason is None:
            raise ValidationError("error.unknown_milestone", field="code", code=code)
        schedule = rules.milestone_schedule(reason, occurred_on, self.ctx.calendar, self.ctx.policy)
        with transaction():
            order = Order.get_or_none(Order.id == order_id)
            if order is None:
                raise NotFoundError("error.unknown_order", order=order_id)
            clerk_id = order.clerk_id or Customer.get_by_id(order.customer_id).owner_id
            if clerk_id is None:
                raise ValidationError("error.no_clerk_for_customer", field="clerk")
            actor = self.ctx.require_actor()
            event = OrderEvent.create(
                order=order.id, code=code, occurred_on=occurred_on, user=actor.id
            )
            audit.log(
                actor,
                "order",
                order.id,
                "milestone",
                after={"event": code, "occurred_on": occurred_on, "event_id": event.id},
                at=self.ctx.clock.now(),
            )
            task = CallbackTask.create(
                customer=order.customer_id,
                clerk=clerk_id,
                reason=reason,
                order=order.id,
                basis_on=occurred_on,
                due_on=schedule.due_on,
                next_try_on=schedule.next_try_on,
            )
            self._audit_task(task.id, "schedule", None, task)
        return schedule.due_on
