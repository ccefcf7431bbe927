"""The one versioned-update-with-audit path: a change saved from the current version is
audited with its before and after; one from a stale copy is refused naming who changed
the record last, and nothing is saved."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from gendan_tui.core import users
from gendan_tui.core.customers import CUSTOMERS
from gendan_tui.core.services import Services
from gendan_tui.errors import ConflictError, NotFoundError
from gendan_tui.store.db import transaction
from gendan_tui.store.models import AuditLog, Customer
from tests import factories

AT = datetime(2025, 10, 9, 11, 30)


def test_a_current_change_is_saved_with_its_audit_entry(services: Services) -> None:
    cid = factories.customer(services)
    actor = services.ctx.require_actor()
    with transaction():
        before = CUSTOMERS.load(cid)
        after = CUSTOMERS.update(
            before, 1, {"address": "北京市海淀区"}, actor=actor, action="update", at=AT
        )
    assert (after.version, after.address) == (2, "北京市海淀区")
    entry = AuditLog.select().where(AuditLog.action == "update").get()
    assert (entry.entity, entry.entity_id, entry.at, entry.user_id) == (
        "customer",
        cid,
        AT,
        actor.id,
    )
    assert json.loads(entry.changes) == {"address": ["", "北京市海淀区"]}


def test_a_stale_copy_is_refused_naming_who_and_when(services: Services) -> None:
    cid = factories.customer(services)
    lina = users.add_clerk("lina", "李娜")
    with transaction():
        CUSTOMERS.update(
            CUSTOMERS.load(cid), 1, {"notes": "李娜改过"}, actor=lina, action="update", at=AT
        )
    entries = AuditLog.select().count()
    with pytest.raises(ConflictError) as stale, transaction():
        row = CUSTOMERS.load(cid)
        CUSTOMERS.ensure_current(row, 1)
    assert stale.value.params["who"] == "李娜"
    assert CUSTOMERS.last_change(cid).at == AT
    with pytest.raises(ConflictError), transaction():
        CUSTOMERS.update(
            row, 1, {"notes": "覆盖"}, actor=services.ctx.actor, action="update", at=AT
        )
    assert Customer.get_by_id(cid).notes == "李娜改过"
    assert AuditLog.select().count() == entries


def test_a_change_whose_condition_no_longer_holds_is_a_conflict(services: Services) -> None:
    cid = factories.customer(services)
    with pytest.raises(ConflictError), transaction():
        CUSTOMERS.update(
            CUSTOMERS.load(cid),
            1,
            {"notes": "x"},
            actor=services.ctx.actor,
            action="update",
            at=AT,
            where=Customer.kind == "old",
        )
    assert Customer.get_by_id(cid).version == 1


def test_an_unknown_record_is_refused(services: Services) -> None:
    with pytest.raises(NotFoundError) as missing:
        CUSTOMERS.load(999)
    assert missing.value.key == "error.unknown_customer"
