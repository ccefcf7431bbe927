"""Accounts, passwords, roles and the permissions the services enforce."""

from __future__ import annotations

from datetime import date

import pytest

from gendan_tui.core import audit, users
from gendan_tui.core.callbacks import SuccessForm
from gendan_tui.core.context import Actor
from gendan_tui.core.passwords import hash_password, verify_password
from gendan_tui.core.roles import PermissionDenied
from gendan_tui.core.services import Services
from gendan_tui.errors import UserError, ValidationError
from gendan_tui.store.models import AuditLog, CallbackRecord, CallbackTask, User
from tests import factories

FORM = SuccessForm(contact_name="王经理", discussed="回访")


def test_password_hash_is_salted_and_verifies() -> None:
    first, second = hash_password("s3cret!"), hash_password("s3cret!")
    assert first != second and "s3cret!" not in first
    assert first.startswith("scrypt$")
    assert verify_password("s3cret!", first)
    assert not verify_password("s3cret?", first)
    assert not verify_password("s3cret!", "md5$abc")


def test_short_password_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        hash_password("abc")
    assert "至少需要 6 个字符" in str(caught.value)


@pytest.fixture
def team(services: Services) -> dict[str, Actor]:
    """A department: the first supervisor creates everyone else."""
    boss = users.add_account("wang", "王主任", ["follow_up_supervisor"], "boss-pass")
    return {
        "boss": boss,
        "zhangli": users.find_actor("zhangli"),
        "lina": users.add_account("lina", "李娜", ["clerk"], "lina-pass", by=boss),
        "tech": users.add_account("chen", "陈工", ["technician"], "tech-pass", by=boss),
        "manager": users.add_account("zhao", "赵经理", ["cs_manager"], "mgr-pass", by=boss),
    }


def test_sign_in_needs_the_right_password(team: dict[str, Actor]) -> None:
    assert users.authenticate("lina", "lina-pass").roles == frozenset({"clerk"})
    with pytest.raises(UserError) as wrong:
        users.authenticate("lina", "nope-nope")
    with pytest.raises(UserError) as unknown:
        users.authenticate("ghost", "lina-pass")
    assert str(wrong.value) == str(unknown.value) == "登录名或密码不正确。"


def test_disabled_account_cannot_sign_in(team: dict[str, Actor]) -> None:
    users.disable_account("lina", by=team["boss"])
    with pytest.raises(UserError):
        users.authenticate("lina", "lina-pass")
    with pytest.raises(UserError):
        users.disable_account("wang", by=team["boss"])


def test_only_account_managers_add_accounts(team: dict[str, Actor]) -> None:
    with pytest.raises(PermissionDenied) as caught:
        users.add_account("x1", "某人", ["clerk"], "xxxxxx", by=team["lina"])
    assert str(caught.value) == "李娜 没有“账户管理”的权限，操作未执行。"
    with pytest.raises(UserError):
        users.add_account("x2", "某人", ["clerk"], "xxxxxx")  # nobody signed in
    assert User.select().where(User.login.in_(["x1", "x2"])).count() == 0


def test_one_person_may_hold_several_roles(team: dict[str, Actor]) -> None:
    both = users.add_account(
        "sun", "孙", ["clerk", "contract_supervisor"], "sun-pass", by=team["boss"]
    )
    assert both.roles == frozenset({"clerk", "contract_supervisor"})
    with pytest.raises(ValidationError):
        users.add_account("moon", "月", ["astronaut"], "moon-pass", by=team["boss"])


def test_password_change_own_or_by_manager(team: dict[str, Actor]) -> None:
    users.set_password("lina", "new-pass-1", by=team["lina"])
    assert users.authenticate("lina", "new-pass-1")
    with pytest.raises(PermissionDenied):
        users.set_password("chen", "hijacked", by=team["lina"])
    users.set_password("chen", "reset-by-boss", by=team["boss"])
    assert users.authenticate("chen", "reset-by-boss")


def test_clerk_works_only_their_own_queue(services: Services, team: dict[str, Actor]) -> None:
    cid = factories.customer(services)
    mine = factories.task(services, cid, date(2025, 10, 9))
    services.ctx.actor = team["lina"]
    assert services.callbacks.queue().items == ()
    with pytest.raises(PermissionDenied):
        services.callbacks.queue(clerk=team["zhangli"])
    with pytest.raises(PermissionDenied) as caught:
        services.callbacks.record_success(mine, 1, FORM)
    assert "不是您负责的记录" in str(caught.value)
    assert CallbackRecord.select().count() == 0


def test_supervisor_sees_everyone_and_reassigns(services: Services, team: dict[str, Actor]) -> None:
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9))
    services.ctx.actor = team["boss"]
    assert len(services.callbacks.queue(clerk=team["zhangli"]).items) == 1
    services.callbacks.reassign(tid, 1, team["lina"])
    assert CallbackTask.get_by_id(tid).clerk_id == team["lina"].id
    services.ctx.actor = team["lina"]
    [item] = services.callbacks.queue().items
    services.callbacks.record_success(item.task_id, item.version, FORM)


def test_clerk_cannot_reassign_and_technician_cannot_work_callbacks(
    services: Services, team: dict[str, Actor]
) -> None:
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9))
    with pytest.raises(PermissionDenied):
        services.callbacks.reassign(tid, 1, team["lina"])
    services.ctx.actor = team["tech"]
    with pytest.raises(PermissionDenied):
        services.callbacks.record_failure(tid, 1, "busy")
    assert CallbackTask.get_by_id(tid).version == 1


def test_manager_reads_everything_but_does_not_work_callbacks(
    services: Services, team: dict[str, Actor]
) -> None:
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9))
    services.ctx.actor = team["manager"]
    assert len(services.callbacks.queue(clerk=team["zhangli"]).items) == 1
    assert services.customers.detail(cid).name
    with pytest.raises(PermissionDenied):
        services.callbacks.record_success(tid, 1, FORM)


def test_callbacks_leave_an_audit_trail(services: Services) -> None:
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9))
    services.callbacks.record_failure(tid, 1, "busy")
    services.callbacks.record_success(tid, 2, FORM)
    entries = audit.history("callback_task", tid)
    assert [e.action for e in entries] == ["callback_success", "callback_failure"]
    assert entries[0].user == "张丽"
    changes = {c.field: (c.before, c.after) for c in entries[1].changes}
    assert changes == {
        "attempts": (0, 1),
        "next_try_on": ("2025-10-09", "2025-10-10"),
    }


def test_conflict_names_who_changed_the_record(services: Services, team: dict[str, Actor]) -> None:
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9))
    services.ctx.actor = team["boss"]
    services.callbacks.record_failure(tid, 1, "busy")
    services.ctx.actor = team["zhangli"]
    with pytest.raises(UserError) as caught:
        services.callbacks.record_success(tid, 1, FORM)
    assert "王主任" in str(caught.value)


def test_audit_log_is_append_only(services: Services) -> None:
    factories.customer(services)
    assert AuditLog.select().count() >= 1
    with pytest.raises(Exception, match="append-only"):
        AuditLog.update(action="forged").execute()
    with pytest.raises(Exception, match="append-only"):
        AuditLog.delete().execute()
