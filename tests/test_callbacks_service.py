"""The callback queue and recording calls, through the services, on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest

from gendan_tui.core.callbacks import QUEUE_LIMIT, SuccessForm
from gendan_tui.core.clock import FixedClock
from gendan_tui.core.complaints import ComplaintForm
from gendan_tui.core.services import Services
from gendan_tui.errors import ConflictError, NotFoundError, ValidationError
from gendan_tui.store.models import CallbackRecord, CallbackTask
from tests import factories

FORM = SuccessForm(contact_name="王经理", discussed="网站使用情况", problems="邮箱偶尔收不到信")


def open_tasks(customer_id: int) -> list[CallbackTask]:
    return list(
        CallbackTask.select()
        .where((CallbackTask.customer == customer_id) & (CallbackTask.state == "open"))
        .order_by(CallbackTask.id)
    )


def test_queue_lists_overdue_then_today_then_window(services: Services) -> None:
    a = factories.customer(services, "甲公司", "13800000001")
    b = factories.customer(services, "乙公司", "13800000002")
    c = factories.customer(services, "丙公司", "13800000003")
    d = factories.customer(services, "丁公司", "13800000004")
    factories.task(services, c, date(2025, 10, 14), reason="website", next_try_on=date(2025, 10, 9))
    factories.task(services, b, date(2025, 10, 9))
    factories.task(services, a, date(2025, 9, 26), attempts=2)
    factories.task(services, d, date(2025, 10, 10))  # not callable yet

    queue = services.callbacks.queue()

    assert [i.customer_name for i in queue.items] == ["甲公司", "乙公司", "丙公司"]
    assert [i.urgency for i in queue.items] == ["overdue", "today", "window"]
    assert [i.days_overdue for i in queue.items] == [13, 0, 0]
    assert queue.items[0].attempts == 2
    assert queue.items[0].phone == "138 0000 0001"
    assert queue.total == 3


def test_queue_is_capped_but_counts_everything(services: Services) -> None:
    cid = factories.customer(services)
    for _ in range(QUEUE_LIMIT + 25):
        factories.task(services, cid, date(2025, 10, 9))
    queue = services.callbacks.queue()
    assert len(queue.items) == QUEUE_LIMIT
    assert queue.total == QUEUE_LIMIT + 25


def test_success_closes_the_callback_and_schedules_the_next(services: Services) -> None:
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9), reason="mailbox")

    result = services.callbacks.record_success(tid, 1, FORM)

    record = CallbackRecord.get_by_id(result.record_id)
    assert (record.outcome, record.contact_name, record.problems) == (
        "success",
        "王经理",
        FORM.problems,
    )
    assert record.call_date == date(2025, 10, 9)
    assert CallbackTask.get_by_id(tid).state == "done"
    # Two months after 9 Oct 2025 is Tue 9 Dec 2025.
    assert result.next_callback_on == date(2025, 12, 9)
    [periodic] = open_tasks(cid)
    assert (periodic.reason, periodic.due_on) == ("periodic", date(2025, 12, 9))
    assert services.callbacks.queue().successes == 1


def test_only_one_periodic_callback_stays_open(services: Services) -> None:
    cid = factories.customer(services)
    factories.task(services, cid, date(2025, 12, 1))
    tid = factories.task(services, cid, date(2025, 10, 9), reason="b2b")
    services.callbacks.record_success(tid, 1, FORM)
    [periodic] = open_tasks(cid)
    assert periodic.due_on == date(2025, 12, 9)


def test_customer_interval_override_is_used(services: Services) -> None:
    cid = factories.customer(services, callback_interval_months=3)
    tid = factories.task(services, cid, date(2025, 10, 9))
    result = services.callbacks.record_success(tid, 1, FORM)
    assert result.next_callback_on == date(2026, 1, 9)


def test_failure_keeps_the_callback_due_and_retries_next_working_day(services: Services) -> None:
    services.ctx.clock = FixedClock(date(2025, 9, 30))
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 9, 29))

    result = services.callbacks.record_failure(tid, 1, "no_answer")

    assert result.next_callback_on == date(2025, 10, 9)
    task = CallbackTask.get_by_id(tid)
    assert (task.state, task.attempts, task.due_on) == ("open", 1, date(2025, 9, 29))
    assert services.callbacks.queue().items == ()
    assert services.callbacks.queue().successes == 0
    [retry] = services.callbacks.queue(day=date(2025, 10, 9)).items
    assert (retry.attempts, retry.days_overdue) == (1, 10)


def test_failed_attempts_are_counted(services: Services) -> None:
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9))
    services.callbacks.record_failure(tid, 1, "busy")
    services.ctx.clock = FixedClock(date(2025, 10, 10))
    services.callbacks.record_failure(tid, 2, "not_person")
    assert CallbackTask.get_by_id(tid).attempts == 2
    outcomes = [r.outcome for r in CallbackRecord.select().order_by(CallbackRecord.id)]
    assert outcomes == ["busy", "not_person"]


def test_quota_counts_only_this_clerks_successes_today(services: Services) -> None:
    cid = factories.customer(services)
    for _ in range(3):
        tid = factories.task(services, cid, date(2025, 10, 9), reason="b2b")
        services.callbacks.record_success(tid, 1, FORM)
    failed = factories.task(services, cid, date(2025, 10, 9), reason="b2b")
    services.callbacks.record_failure(failed, 1, "busy")
    queue = services.callbacks.queue()
    assert (queue.successes, queue.quota_met) == (3, False)
    tid = factories.task(services, cid, date(2025, 10, 9), reason="b2b")
    services.callbacks.record_success(tid, 1, FORM)
    assert services.callbacks.queue().quota_met
    assert services.callbacks.successes(services.ctx.require_actor(), date(2025, 10, 10)) == 0


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (SuccessForm(contact_name="  ", discussed="x"), "contact_name"),
        (SuccessForm(contact_name="王经理", discussed=""), "discussed"),
    ],
)
def test_empty_required_field_saves_nothing(
    services: Services, form: SuccessForm, field: str
) -> None:
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9))
    with pytest.raises(ValidationError) as caught:
        services.callbacks.record_success(tid, 1, form)
    assert caught.value.field == field
    assert "必填" in str(caught.value)
    assert CallbackRecord.select().count() == 0
    assert CallbackTask.get_by_id(tid).state == "open"


def test_stale_version_is_refused_and_nothing_saved(services: Services) -> None:
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9))
    services.callbacks.record_failure(tid, 1, "busy")
    with pytest.raises(ConflictError) as caught:
        services.callbacks.record_success(tid, 1, FORM)
    assert "北京华信科技有限公司" in str(caught.value)
    assert CallbackRecord.select().where(CallbackRecord.outcome == "success").count() == 0
    assert CallbackTask.get_by_id(tid).state == "open"


def test_closed_task_cannot_be_recorded_twice(services: Services) -> None:
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9))
    services.callbacks.record_success(tid, 1, FORM)
    with pytest.raises(ConflictError):
        services.callbacks.record_success(tid, 2, FORM)
    assert CallbackRecord.select().count() == 1


def test_unknown_task_and_outcome(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.callbacks.record_failure(999, 1, "busy")
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9))
    with pytest.raises(ValidationError):
        services.callbacks.record_failure(tid, 1, "hung_up_angrily")
    with pytest.raises(ValidationError) as caught:
        services.callbacks.record_failure(tid, 1, "other", notes=" ")
    assert caught.value.field == "notes"
    assert CallbackRecord.select().count() == 0


def test_milestone_creates_the_callback_and_the_order_event(services: Services) -> None:
    cid = factories.customer(services)
    oid = factories.order(services, cid)
    assert services.callbacks.add_milestone(oid, "mailbox_opened", date(2025, 9, 24)) == date(
        2025, 10, 9
    )
    [item] = services.callbacks.queue().items
    assert (item.reason, item.due_on) == ("mailbox", date(2025, 10, 9))
    with pytest.raises(ValidationError):
        services.callbacks.add_milestone(oid, "moon_landing", date(2025, 9, 24))


def test_frequent_complaints_flag_the_customer_and_pull_the_callback_in(services: Services) -> None:
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9))
    services.callbacks.record_success(tid, 1, FORM)
    [periodic] = open_tasks(cid)
    assert periodic.due_on == date(2025, 12, 9)
    for text in ("邮箱收不到信", "网站打不开", "域名解析失败"):
        services.complaints.take(ComplaintForm(customer_id=cid, category="mailbox", content=text))
    [periodic] = open_tasks(cid)
    # Frequent: 14 days after the last success (9 Oct) is Thu 23 Oct 2025.
    assert periodic.due_on == date(2025, 10, 23)
    [item] = services.callbacks.queue(day=date(2025, 10, 23)).items
    assert item.frequent
    assert services.customers.detail(cid).frequent
