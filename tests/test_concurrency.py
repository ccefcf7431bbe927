"""Clerks working at once: several real processes writing one database (a SQLite file, or
the PostgreSQL server on a PostgreSQL run).

Nobody may see "database is locked", no update may be lost, and when two people save the
same callback the second is refused with a conflict naming the first. The counts are
printed (``pytest -s``) for the record.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import partial
from multiprocessing.synchronize import Barrier
from typing import Any

import pytest

from gendan_tui import i18n
from gendan_tui.core import audit, users
from gendan_tui.core.callbacks import SuccessForm
from gendan_tui.core.clock import FixedClock
from gendan_tui.core.complaints import ComplaintForm
from gendan_tui.core.customers import NewContact, NewCustomer
from gendan_tui.core.services import Services, open_services
from gendan_tui.core.versioned import Versioned
from gendan_tui.errors import ConflictError, UserError
from gendan_tui.store.models import CallbackRecord, CallbackTask, Complaint, Customer
from tests import factories

TODAY = date(2025, 10, 9)
WRITERS = 6
OWN_TASKS = 10
CONTESTED_TASKS = 10
DEADLINE_S = 90
FORM = SuccessForm(contact_name="王经理", discussed="网站使用情况", problems="邮箱偶尔收不到信")

SPAWN = multiprocessing.get_context("spawn")
SUPERVISORS = 3


def _attempt(counts: Counter[str], problems: list[str], action: Callable[[], object]) -> bool:
    """Run one save as a clerk would, counting how it ended."""
    counts["writes"] += 1
    try:
        action()
    except ConflictError as exc:
        counts["conflicts"] += 1
        problems.append(f"conflict: {exc}")
        return False
    except UserError as exc:
        counts["errors"] += 1
        problems.append(f"error: {exc}")
        return False
    counts["committed"] += 1
    return True


def _writer(
    url: str,
    login: str,
    contested: list[int],
    contested_by: str,
    barrier: Barrier,
    results: Any,
) -> None:
    """One clerk's process: work their own queue (a failed try, then a success, and a new
    customer every other call), then race the others for the contested callbacks."""
    counts: Counter[str] = Counter()
    problems: list[str] = []
    won: list[int] = []
    try:
        services = open_services(url, clock=FixedClock(TODAY))
        actor = services.sign_in(login)
        calls = services.callbacks
        barrier.wait(timeout=DEADLINE_S)
        for n, item in enumerate(services.callbacks.queue().items):
            _attempt(
                counts, problems, partial(calls.record_failure, item.task_id, item.version, "busy")
            )
            _attempt(
                counts,
                problems,
                partial(calls.record_success, item.task_id, item.version + 1, FORM),
            )
            if n % 2 == 0:
                new = NewCustomer(
                    name=f"{login}新客户{n}",
                    contacts=(NewContact("李经理", (f"139{actor.id:02d}{n:06d}",)),),
                    owner_id=actor.id,
                )
                _attempt(counts, problems, partial(services.customers.create, new))
        services.sign_in(contested_by)
        for task_id in contested:
            version = CallbackTask.get_by_id(task_id).version
            barrier.wait(timeout=DEADLINE_S)
            if _attempt(counts, problems, partial(calls.record_success, task_id, version, FORM)):
                won.append(task_id)
    except Exception as exc:  # reported to the test, which fails on it
        counts["crashes"] += 1
        problems.append(f"crash: {type(exc).__name__}: {exc}")
        barrier.abort()
    results.put({"login": login, "counts": dict(counts), "problems": problems, "won": won})


def _customer_with_task(services: Services, name: str, phone: str, owner_id: int) -> int:
    customer_id = services.customers.create(
        NewCustomer(name=name, contacts=(NewContact("王经理", (phone,)),), owner_id=owner_id)
    )
    task = CallbackTask.create(
        customer=customer_id,
        clerk=owner_id,
        reason="periodic",
        basis_on=date(2025, 8, 9),
        due_on=date(2025, 10, 9),
        next_try_on=date(2025, 10, 9),
    )
    return int(task.id)


def _run(
    target: Callable[..., None], arguments: list[tuple[Any, ...]], barrier: Barrier
) -> list[dict[str, Any]]:
    """Start one process per argument tuple (each gets the barrier and a result queue) and
    collect what each reports."""
    results = SPAWN.Queue()
    processes = [
        SPAWN.Process(target=target, args=(*args, barrier, results), daemon=True)
        for args in arguments
    ]
    for process in processes:
        process.start()
    try:
        reports = [results.get(timeout=DEADLINE_S) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
    assert all(process.exitcode == 0 for process in processes)
    return reports


def test_many_writers_lose_nothing_and_never_see_a_lock(
    services: Services, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = services.ctx.require_actor()
    logins = [f"writer{i}" for i in range(1, WRITERS + 1)]
    own: dict[str, list[int]] = {}
    for index, login in enumerate(logins, start=1):
        clerk = users.add_clerk(login, f"文员{index}")
        own[login] = [
            _customer_with_task(services, f"{login}老客户{n}", f"138{index:02d}{n:06d}", clerk.id)
            for n in range(OWN_TASKS)
        ]
    contested = [
        _customer_with_task(services, f"共同客户{n}", f"137{n:08d}", owner.id)
        for n in range(CONTESTED_TASKS)
    ]
    customers_before = Customer.select().count()

    started = time.monotonic()
    reports = _run(
        _writer,
        [(db_url, login, contested, owner.login) for login in logins],
        SPAWN.Barrier(WRITERS),
    )
    elapsed = time.monotonic() - started

    totals: Counter[str] = Counter()
    for report in reports:
        totals.update(report["counts"])
    problems = [p for report in reports for p in report["problems"] if not p.startswith("conflict")]
    wins = Counter(task_id for report in reports for task_id in report["won"])

    lost = 0
    for task_ids in own.values():
        for task_id in task_ids:
            task = CallbackTask.get_by_id(task_id)
            outcomes = sorted(
                r.outcome for r in CallbackRecord.select().where(CallbackRecord.task == task_id)
            )
            if (task.state, task.attempts, task.version, outcomes) != (
                "done",
                1,
                3,
                ["busy", "success"],
            ):
                lost += 1
    for task_id in contested:
        records = CallbackRecord.select().where(CallbackRecord.task == task_id).count()
        task = CallbackTask.get_by_id(task_id)
        if (records, task.state, task.version, wins[task_id]) != (1, "done", 2, 1):
            lost += 1
    created = totals["committed"] - 2 * WRITERS * OWN_TASKS - CONTESTED_TASKS
    lost += abs(Customer.select().count() - customers_before - created)
    lost += abs(CallbackRecord.select().count() - (2 * WRITERS * OWN_TASKS + CONTESTED_TASKS))

    with capsys.disabled():
        backend = "postgresql" if db_url.startswith("postgresql") else "sqlite"
        print(
            f"\nworking at once [{backend}]: {WRITERS} writer processes, "
            f"{totals['writes']} writes, {totals['committed']} committed, "
            f"{totals['conflicts']} conflicts detected, {totals['errors']} errors shown, "
            f"{totals['crashes']} crashes, {lost} lost updates, in {elapsed:.1f} s"
        )
    assert problems == []
    assert (totals["errors"], totals["crashes"], lost) == (0, 0, 0)
    assert totals["conflicts"] == CONTESTED_TASKS * (WRITERS - 1)
    assert sorted(wins) == sorted(contested)
    assert totals["writes"] == WRITERS * (2 * OWN_TASKS + OWN_TASKS // 2 + CONTESTED_TASKS)


def _claimer(url: str, login: str, task_id: int, barrier: Barrier, results: Any) -> None:
    """Read the callback, wait for the other person, then both save it."""
    try:
        services = open_services(url, clock=FixedClock(TODAY))
        services.sign_in(login)
        version = CallbackTask.get_by_id(task_id).version
        barrier.wait(timeout=DEADLINE_S)
        services.callbacks.record_success(task_id, version, FORM)
        outcome = "saved"
    except ConflictError as exc:
        outcome = f"conflict: {exc}"
    except Exception as exc:  # reported to the test, which fails on it
        outcome = f"crash: {type(exc).__name__}: {exc}"
        barrier.abort()
    results.put({"login": login, "outcome": outcome})


def test_two_people_saving_one_callback_one_wins_the_other_is_told_who(
    services: Services, db_url: str
) -> None:
    clerk = services.ctx.require_actor()
    users.add_account("zhuren", "陈主任", ["follow_up_supervisor"], None)
    task_id = _customer_with_task(services, "北京华信科技有限公司", "13812345678", clerk.id)

    reports = _run(
        _claimer, [(db_url, "zhangli", task_id), (db_url, "zhuren", task_id)], SPAWN.Barrier(2)
    )

    outcomes = {report["login"]: report["outcome"] for report in reports}
    winners = [login for login, outcome in outcomes.items() if outcome == "saved"]
    assert len(winners) == 1, outcomes
    loser = next(login for login in outcomes if login not in winners)
    winner_name = {"zhangli": "张丽", "zhuren": "陈主任"}[winners[0]]
    assert outcomes[loser] == (
        f"conflict: “北京华信科技有限公司”的这条回访刚被 {winner_name} 处理过，已为您刷新，请重新查看。"
    )
    assert CallbackRecord.select().where(CallbackRecord.task == task_id).count() == 1
    assert CallbackTask.get_by_id(task_id).version == 2


def _resolver(
    url: str, login: str, complaint_id: int, held: Barrier | None, barrier: Barrier, results: Any
) -> None:
    """Read the complaint, wait for the others, then all resolve it from that version.

    With ``held``, every process waits again after its transaction has checked the version
    and before its UPDATE, so all of them have passed that check when the first one writes
    and only the UPDATE's own version condition can refuse the rest. That is possible on
    PostgreSQL only: SQLite takes the write lock at the start of the transaction.
    """
    try:
        if held is not None:
            checked = Versioned.ensure_current

            def check_then_wait(store: Versioned[Any], row: Any, version: int) -> None:
                checked(store, row, version)
                held.wait(timeout=DEADLINE_S)

            Versioned.ensure_current = check_then_wait  # type: ignore[method-assign, assignment]
        services = open_services(url, clock=FixedClock(TODAY))
        services.sign_in(login)
        version = Complaint.get_by_id(complaint_id).version
        barrier.wait(timeout=DEADLINE_S)
        services.complaints.resolve(complaint_id, version, f"{login} 重设了 MX 记录")
        outcome = "saved"
    except ConflictError as exc:
        outcome = f"conflict: {exc}"
    except Exception as exc:  # reported to the test, which fails on it
        outcome = f"crash: {type(exc).__name__}: {exc}"
        barrier.abort()
        if held is not None:
            held.abort()
    results.put({"login": login, "outcome": outcome})


def test_people_taking_one_complaint_step_at_once_one_wins_the_others_are_told_who(
    services: Services, db_url: str
) -> None:
    names = {"zhangli": "张丽"}
    for n in range(1, SUPERVISORS + 1):
        names[f"zhuren{n}"] = f"主任{n}"
        users.add_account(f"zhuren{n}", names[f"zhuren{n}"], ["follow_up_supervisor"], None)
    customer = factories.customer(services)
    complaint_id = services.complaints.take(ComplaintForm(customer, "mailbox", "收不到信"))
    before = services.complaints.detail(complaint_id)
    on_postgres = db_url.startswith("postgresql")
    held = SPAWN.Barrier(len(names)) if on_postgres else None

    reports = _run(
        _resolver,
        [(db_url, login, complaint_id, held) for login in names],
        SPAWN.Barrier(len(names)),
    )

    outcomes = {report["login"]: report["outcome"] for report in reports}
    winners = [login for login, outcome in outcomes.items() if outcome == "saved"]
    assert len(winners) == 1, outcomes
    (winner,) = winners
    _, at = audit.last_change("complaint", complaint_id)
    assert at is not None
    refused = i18n.t(
        "complaint_error.changed", no=complaint_id, who=names[winner], at=at.strftime("%H:%M")
    )
    assert {login: outcomes[login] for login in names if login != winner} == {
        login: f"conflict: {refused}" for login in names if login != winner
    }
    after = services.complaints.detail(complaint_id)
    assert after.version == before.version + 1
    assert after.resolution == f"{winner} 重设了 MX 记录"
    new_events = after.timeline[len(before.timeline) :]
    assert len(new_events) == 1, new_events
    assert after.timeline[: len(before.timeline)] == before.timeline
