"""The daily callback queue and the recording of calls (客户电话回访记录表).

Reads return plain dataclasses; every write is one transaction that either records the
call and moves the schedule, or changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

import peewee as pw

from gendan_tui.core import audit
from gendan_tui.core import callback_rules as rules
from gendan_tui.core.context import Actor, ServiceContext
from gendan_tui.core.customers import first_phone
from gendan_tui.core.frequent import has_frequent_problems, window_start
from gendan_tui.core.roles import Permission, require, require_own_or_all
from gendan_tui.core.validation import required
from gendan_tui.errors import ConflictError, Key, NotFoundError, ValidationError
from gendan_tui.store.db import storage_errors, transaction
from gendan_tui.store.models import (
    CallbackRecord,
    CallbackTask,
    Complaint,
    Customer,
    Order,
    OrderEvent,
)

DAILY_QUOTA = 4
CLERK_ROLE = "clerk"
QUEUE_LIMIT = 200

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


def _task_fields(task: CallbackTask) -> dict[str, object]:
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
        recent = Complaint.select(pw.fn.COUNT(Complaint.id)).where(
            (Complaint.customer == Customer.id)
            & (Complaint.received_at >= window_start(day, self.ctx.policy))
        )
        callable_now = (
            (CallbackTask.state == "open")
            & (CallbackTask.clerk == clerk.id)
            & (CallbackTask.next_try_on <= day)
        )
        with storage_errors():
            rows = (
                CallbackTask.select(
                    CallbackTask.id,
                    CallbackTask.version,
                    CallbackTask.customer,
                    CallbackTask.reason,
                    CallbackTask.due_on,
                    CallbackTask.attempts,
                    Customer.name,
                    first_phone().alias("phone"),
                    recent.alias("recent"),
                )
                .join(Customer)
                .where(callable_now)
                .order_by(CallbackTask.due_on, CallbackTask.id)
                .limit(QUEUE_LIMIT)
                .tuples()
            )
            more_than = self.ctx.policy.frequent_more_than
            items = tuple(
                QueueItem(
                    task_id=r[0],
                    version=r[1],
                    customer_id=r[2],
                    reason=r[3],
                    due_on=r[4],
                    days_overdue=rules.days_overdue(r[4], day),
                    attempts=r[5],
                    customer_name=r[6],
                    phone=r[7] or "",
                    frequent=r[8] > more_than,
                    urgency=urgency(r[4], day),
                )
                for r in rows
            )
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
            return cast(
                int,
                CallbackRecord.select()
                .where(
                    (CallbackRecord.clerk == clerk.id)
                    & (CallbackRecord.call_date == day)
                    & (CallbackRecord.outcome == SUCCESS)
                )
                .count(),
            )

    def record_success(self, task_id: int, version: int, form: SuccessForm) -> CallResult:
        """Record a call that reached the customer, close the callback, schedule the next."""
        actor = self.ctx.require_actor()
        contact = required(form.contact_name, "contact_name")
        discussed = required(form.discussed, "discussed")
        now = self.ctx.clock.now()
        with transaction():
            task = self._claim(task_id, version, "callback_success", state="done", closed_at=now)
            record = CallbackRecord.create(
                task=task.id,
                customer=task.customer_id,
                clerk=actor.id,
                called_at=now,
                call_date=now.date(),
                outcome=SUCCESS,
                contact_name=contact,
                phone=form.phone.strip(),
                discussed=discussed,
                problems=form.problems.strip(),
                help_needed=form.help_needed.strip(),
                invited_training=form.invited_training,
                notes=form.notes.strip(),
            )
            next_on = self.schedule_periodic(task.customer_id, now.date(), task.clerk_id)
        return CallResult(record.id, next_on)

    def record_failure(
        self, task_id: int, version: int, outcome: str, notes: str = ""
    ) -> CallResult:
        """Record an attempt that did not reach the customer; the callback stays due and is
        retried on the next working day."""
        actor = self.ctx.require_actor()
        if outcome not in FAILURE_OUTCOMES:
            raise ValidationError("error.outcome_invalid", field="outcome", outcome=outcome)
        if outcome == "other" and not notes.strip():
            raise ValidationError("error.required", field="notes")
        now = self.ctx.clock.now()
        retry = rules.retry_on(now.date(), self.ctx.calendar)
        with transaction():
            task = self._claim(
                task_id,
                version,
                "callback_failure",
                next_try_on=retry,
                attempts=CallbackTask.attempts + 1,
            )
            record = CallbackRecord.create(
                task=task.id,
                customer=task.customer_id,
                clerk=actor.id,
                called_at=now,
                call_date=now.date(),
                outcome=outcome,
                notes=notes.strip(),
            )
        return CallResult(record.id, retry)

    def _claim(self, task_id: int, version: int, action: str, **changes: object) -> CallbackTask:
        """Apply ``changes`` to an open task the actor may work, only if nobody changed it
        since ``version``; the change goes into the audit trail."""
        actor = self.ctx.require_actor()
        task = CallbackTask.get_or_none(CallbackTask.id == task_id)
        if task is None:
            raise NotFoundError("error.unknown_task", task=task_id)
        require_own_or_all(actor, task.clerk_id, Permission.WORK_CALLBACKS)
        updated = (
            CallbackTask.update(version=CallbackTask.version + 1, **changes)
            .where(
                (CallbackTask.id == task_id)
                & (CallbackTask.version == version)
                & (CallbackTask.state == "open")
            )
            .execute()
        )
        if not updated:
            raise ConflictError(
                "error.task_changed",
                customer=task.customer.name,
                who=audit.last_user("callback_task", task_id) or Key("error.someone_else"),
            )
        fresh: CallbackTask = CallbackTask.get_by_id(task_id)
        self._audit_task(task_id, action, task, fresh)
        return fresh

    def reassign(self, task_id: int, version: int, to: Actor) -> None:
        """Hand a callback to another clerk (follow-up supervisor only)."""
        require(self.ctx.require_actor(), Permission.REASSIGN)
        if CLERK_ROLE not in to.roles:
            raise ValidationError("error.not_a_clerk", field="clerk", login=to.login)
        with transaction():
            self._claim(task_id, version, "reassign", clerk=to.id)

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
        return cast(
            CallbackTask | None,
            CallbackTask.get_or_none(
                (CallbackTask.customer == customer_id)
                & (CallbackTask.reason == rules.PERIODIC)
                & (CallbackTask.state == "open")
            ),
        )

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
            "callback_task",
            task_id,
            action,
            before=_task_fields(before) if before else None,
            after=_task_fields(after),
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
