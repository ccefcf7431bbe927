"""The demo data set: deterministic, consistent with the rules, and a real day's work for
every clerk."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import peewee as pw
import pytest

from gendan_tui import cli
from gendan_tui.core import users
from gendan_tui.core.callbacks import QUEUE_LIMIT
from gendan_tui.core.clock import FixedClock
from gendan_tui.core.customers import pinyin_initials
from gendan_tui.core.department import load_calendar, load_policy
from gendan_tui.core.frequent import has_frequent_problems
from gendan_tui.core.services import Services, open_services
from gendan_tui.core.validation import parse_phone
from gendan_tui.demo import DEMO_CLERK, DemoSummary, build_demo
from gendan_tui.demo.complaints import CATEGORIES
from gendan_tui.demo.orders import STAGES
from gendan_tui.demo.staff import OTHER_ROLES
from gendan_tui.errors import UserError, ValidationError
from gendan_tui.store.db import database, open_database
from gendan_tui.store.models import (
    CallbackRecord,
    CallbackTask,
    Complaint,
    ComplaintEvent,
    Customer,
    Order,
    OrderEvent,
    Phone,
    User,
    UserRole,
)

HOLIDAY_EVE = date(2025, 10, 9)
"""The first working day after the 2025 National Day holiday (1–8 October)."""
PLAIN_DAY = date(2025, 11, 18)
CUSTOMERS = 300


def _build(url: str, today: date = HOLIDAY_EVE, seed: int = 2026) -> DemoSummary:
    return build_demo(url, today=today, seed=seed, customers=CUSTOMERS)


def _services(url: str, today: date) -> Services:
    return open_services(url, clock=FixedClock(today))


def test_fills_every_table_with_the_counts_it_reports(db_url: str) -> None:
    summary = _build(db_url)

    assert summary == DemoSummary(
        customers=CUSTOMERS,
        callbacks=10 * CUSTOMERS,
        orders=Order.select().count(),
        complaints=Complaint.select().count(),
        seconds=summary.seconds,
    )
    assert Customer.select().count() == CUSTOMERS
    assert CallbackRecord.select().count() == 10 * CUSTOMERS
    assert summary.orders > CUSTOMERS // 4
    assert summary.complaints > CUSTOMERS // 5
    assert {stage for (stage,) in Order.select(Order.stage).distinct().tuples()} == set(STAGES)


def test_staff_has_five_clerks_led_by_zhangli_and_one_person_per_role(db_url: str) -> None:
    _build(db_url)

    clerks = users.list_clerks()
    assert len(clerks) == 5
    assert users.find_actor(DEMO_CLERK).name == "张丽"
    roles = Counter(role for (role,) in UserRole.select(UserRole.role).tuples())
    assert roles == Counter({"clerk": 5, **{role: 1 for role, _, _ in OTHER_ROLES}})


@pytest.mark.sqlite_only
def test_rows_reference_existing_rows(db_url: str) -> None:
    _build(db_url)

    assert database().execute_sql("PRAGMA foreign_key_check").fetchall() == []
    assert database().execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_same_seed_gives_the_same_data_and_another_seed_other_names(tmp_path: Path) -> None:
    def snapshot(url: str, seed: int) -> tuple[list[tuple[str, str]], int, int, int]:
        _build(url, seed=seed)
        names = list(
            Customer.select(Customer.name, Customer.initials).order_by(Customer.id).tuples()
        )
        return (
            names,
            Order.select().count(),
            Complaint.select().count(),
            CallbackTask.select().where(CallbackTask.state == "open").count(),
        )

    first = snapshot(str(tmp_path / "a.sqlite3"), 7)
    again = snapshot(str(tmp_path / "b.sqlite3"), 7)
    other = snapshot(str(tmp_path / "c.sqlite3"), 8)

    assert first == again
    assert len({name for name, _ in first[0]}) == CUSTOMERS
    assert first[0] != other[0]


def test_initials_are_the_pinyin_initials_of_the_name(db_url: str) -> None:
    _build(db_url)

    sample = Customer.select(Customer.name, Customer.initials).where(
        Customer.id.in_(range(3, CUSTOMERS + 1, 3))
    )
    pairs = list(sample.tuples())
    assert len(pairs) == CUSTOMERS // 3
    assert [(name, pinyin_initials(name)) for name, _ in pairs] == pairs


def test_phones_are_stored_as_parse_phone_writes_them(db_url: str) -> None:
    _build(db_url)

    phones = list(Phone.select(Phone.number, Phone.digits, Phone.kind).tuples())
    assert len(phones) > CUSTOMERS
    for number, digits, kind in phones:
        parsed = parse_phone(number)
        assert (parsed.display, parsed.digits, parsed.kind) == (number, digits, kind)
    kinds = Counter(kind for _, _, kind in phones)
    assert kinds["mobile"] > kinds["landline"] > 0


@pytest.mark.parametrize("today", [HOLIDAY_EVE, PLAIN_DAY])
def test_every_clerk_has_overdue_and_due_today_callbacks(db_url: str, today: date) -> None:
    _build(db_url, today=today)
    services = _services(db_url, today)

    urgencies: Counter[str] = Counter()
    attempts = 0
    for clerk in users.list_clerks():
        services.act_as(clerk.login)
        queue = services.callbacks.queue()
        mine = Counter(item.urgency for item in queue.items)
        assert mine["overdue"] >= 1, clerk.login
        assert mine["today"] >= 1, clerk.login
        assert 5 <= queue.total <= 60 < QUEUE_LIMIT, clerk.login
        assert queue.successes == 0
        assert all(item.phone for item in queue.items)
        urgencies += mine
        attempts += sum(item.attempts > 0 for item in queue.items)
    assert attempts >= 3
    if today == PLAIN_DAY:
        assert urgencies["window"] >= 1


def test_on_a_day_off_nothing_falls_due_but_overdue_callbacks_wait(db_url: str) -> None:
    saturday = date(2025, 11, 22)
    _build(db_url, today=saturday)
    services = _services(db_url, saturday)

    for clerk in users.list_clerks():
        services.act_as(clerk.login)
        urgencies = Counter(item.urgency for item in services.callbacks.queue().items)
        assert urgencies["overdue"] >= 1, clerk.login
        assert urgencies["today"] == 0, clerk.login


def test_every_customer_has_one_open_periodic_callback_due_by_the_rules(db_url: str) -> None:
    _build(db_url)
    calendar = load_calendar()

    periodic = list(
        CallbackTask.select().where(
            (CallbackTask.reason == "periodic") & (CallbackTask.state == "open")
        )
    )
    assert len(periodic) == len({t.customer_id for t in periodic}) == CUSTOMERS
    last_success = dict(
        CallbackRecord.select(CallbackRecord.customer, pw.fn.MAX(CallbackRecord.call_date))
        .where(CallbackRecord.outcome == "success")
        .group_by(CallbackRecord.customer)
        .tuples()
    )
    for task in periodic:
        assert task.basis_on == _date(last_success[task.customer_id])
        assert calendar.is_workday(task.due_on)
        assert task.due_on > task.basis_on


def test_call_history_covers_eighteen_months_of_working_days(db_url: str) -> None:
    _build(db_url)
    calendar = load_calendar()

    days = [
        _date(d) for (d,) in CallbackRecord.select(CallbackRecord.call_date).distinct().tuples()
    ]
    assert min(days) >= HOLIDAY_EVE - timedelta(days=550)
    assert min(days) < HOLIDAY_EVE - timedelta(days=500)
    assert max(days) < HOLIDAY_EVE
    assert all(calendar.is_workday(day) for day in days)
    outcomes = Counter(o for (o,) in CallbackRecord.select(CallbackRecord.outcome).tuples())
    assert outcomes["success"] > 0.7 * 10 * CUSTOMERS
    assert {"no_answer", "busy", "not_person"} <= outcomes.keys()
    blank = CallbackRecord.select().where(
        (CallbackRecord.outcome == "success")
        & ((CallbackRecord.contact_name == "") | (CallbackRecord.discussed == ""))
    )
    assert not blank.exists()


def test_milestones_owe_callbacks_and_failed_attempts_are_recorded(db_url: str) -> None:
    _build(db_url)

    milestone_tasks = CallbackTask.select().where(CallbackTask.reason != "periodic")
    assert {t.reason for t in milestone_tasks} == {"mailbox", "b2b", "website"}
    for task in milestone_tasks:
        code = {"mailbox": "mailbox_opened", "b2b": "b2b_opened", "website": "website_completed"}
        event = OrderEvent.get(
            (OrderEvent.order == task.order_id) & (OrderEvent.code == code[task.reason])
        )
        assert event.occurred_on == task.basis_on
        tries = CallbackRecord.select().where(CallbackRecord.task == task.id)
        assert tries.where(CallbackRecord.outcome != "success").count() == task.attempts
        assert tries.where(CallbackRecord.outcome == "success").count() == (task.state == "done")
    archived = Order.select().where(Order.archive_no.is_null(False)).count()
    assert 0 < archived < Order.select().count()


def test_complaints_make_a_few_customers_frequent_and_some_arrive_this_week(db_url: str) -> None:
    _build(db_url)
    policy = load_policy()

    frequent = [
        c.id
        for c in Customer.select(Customer.id)
        if has_frequent_problems(c.id, HOLIDAY_EVE, policy)
    ]
    assert 5 <= len(frequent) <= 10
    monday = datetime(2025, 10, 6)
    this_week = Complaint.select().where(Complaint.received_at >= monday)
    assert 2 <= this_week.count() <= 6
    assert this_week.where(Complaint.received_at >= datetime(2025, 10, 9)).count() >= 1
    statuses = Counter(s for (s,) in Complaint.select(Complaint.status).tuples())
    assert statuses["closed"] > statuses["open"] > 0
    assert {c for (c,) in Complaint.select(Complaint.category).distinct().tuples()} <= set(
        CATEGORIES
    )
    timeline = ComplaintEvent.select().order_by(ComplaintEvent.complaint, ComplaintEvent.at)
    steps: dict[int, list[ComplaintEvent]] = {}
    for step in timeline:
        steps.setdefault(step.complaint_id, []).append(step)
    for complaint in Complaint.select():
        mine = steps[complaint.id]
        assert mine[0].kind == "taken" and mine[0].at == complaint.received_at
        assert mine[-1].status_after == complaint.status
        assert [s.status_before for s in mine[1:]] == [s.status_after for s in mine[:-1]]
        assert complaint.version == len(mine)
        if complaint.received_at >= datetime(2025, 10, 9):
            assert complaint.status in ("open", "forwarded")
    unreplied_closed = Complaint.select().where(
        (Complaint.status == "closed") & Complaint.replied_at.is_null()
    )
    assert not unreplied_closed.exists()


def test_refuses_a_database_that_already_has_data(db_url: str) -> None:
    _build(db_url)

    with pytest.raises(UserError) as refused:
        _build(db_url, seed=99)

    assert refused.value.key == "demo.not_empty"
    assert "已有数据" in str(refused.value)
    open_database(db_url)
    assert Customer.select().count() == CUSTOMERS
    assert User.select().where(User.login == DEMO_CLERK).count() == 1


def test_refuses_sizes_too_small_to_be_realistic(db_url: str) -> None:
    with pytest.raises(ValidationError) as refused:
        build_demo(db_url, today=HOLIDAY_EVE, customers=10)
    assert refused.value.field == "customers"
    with pytest.raises(ValidationError) as refused:
        build_demo(db_url, today=HOLIDAY_EVE, customers=100, callbacks=150)
    assert refused.value.field == "callbacks"


def test_gendan_demo_prints_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.sqlite3"

    status = cli.main(["demo", "--db", str(path), "--customers", "200", "--date", "2025-10-09"])

    assert status == 0
    out = capsys.readouterr().out
    assert str(path) in out
    assert "客户 200 家" in out
    assert "回访记录 2000 条" in out
    services = _services(str(path), HOLIDAY_EVE)
    services.act_as(DEMO_CLERK)
    assert services.callbacks.queue().items


def _date(value: date | str) -> date:
    """A date column's value (PostgreSQL returns dates, SQLite aggregate text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)
