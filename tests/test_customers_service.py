"""Creating, finding and reading customers."""

from __future__ import annotations

import pytest

from gendan_tui.core import users
from gendan_tui.core.customers import CustomerChanges, NewContact, NewCustomer, pinyin_initials
from gendan_tui.core.services import Services
from gendan_tui.errors import ConflictError, NotFoundError, ValidationError
from gendan_tui.store.models import Contact, Customer, Phone
from tests import factories


def test_pinyin_initials() -> None:
    assert pinyin_initials("北京华信") == "bjhx"
    assert pinyin_initials("深圳ABC贸易") == "szabcmy"


@pytest.fixture
def three(services: Services) -> dict[str, int]:
    return {
        "huaxin": factories.customer(services, "北京华信科技有限公司", "13812345678"),
        "haixing": factories.customer(services, "北京海天贸易有限公司", "010-66554433"),
        "nanfang": factories.customer(services, "广州南方家具有限公司", "020-87654321转808"),
    }


def test_search_by_pinyin_initials(services: Services, three: dict[str, int]) -> None:
    assert [h.name for h in services.customers.search("bjhx")] == ["北京华信科技有限公司"]
    assert {h.name for h in services.customers.search("BJH")} == {
        "北京华信科技有限公司",
        "北京海天贸易有限公司",
    }


def test_search_by_any_part_of_a_phone_number(services: Services, three: dict[str, int]) -> None:
    assert [h.id for h in services.customers.search("2345")] == [three["huaxin"]]
    assert [h.id for h in services.customers.search("6655 44")] == [three["haixing"]]
    assert [h.id for h in services.customers.search("020-8765")] == [three["nanfang"]]


def test_search_by_part_of_the_name(services: Services, three: dict[str, int]) -> None:
    assert [h.id for h in services.customers.search("家具")] == [three["nanfang"]]
    assert services.customers.search("   ") == []
    assert services.customers.search("不存在的公司") == []


def test_incoming_call_finds_the_customer(services: Services, three: dict[str, int]) -> None:
    assert [h.id for h in services.customers.find_by_phone("+86 138 1234 5678")] == [
        three["huaxin"]
    ]


def test_a_phone_search_shows_the_number_that_matched(services: Services) -> None:
    customer = services.customers.create(
        NewCustomer(
            name="北京华信科技有限公司",
            contacts=(
                NewContact("王伟", ("010-62345678",)),
                NewContact("李娜", ("13912340000",)),
            ),
        )
    )
    (hit,) = services.customers.find_by_phone("139 1234 0000")
    assert (hit.id, hit.phone) == (customer, "139 1234 0000")
    (hit,) = services.customers.search("华信")
    assert hit.phone == "010-62345678"  # by name: the first number


def test_bad_phone_saves_nothing(services: Services) -> None:
    new = NewCustomer(
        name="坏号码公司",
        contacts=(NewContact("李总", ("13812345678",)), NewContact("赵工", ("12345",))),
    )
    with pytest.raises(ValidationError) as caught:
        services.customers.create(new)
    assert "12345" in str(caught.value)
    assert (Customer.select().count(), Contact.select().count(), Phone.select().count()) == (
        0,
        0,
        0,
    )


def test_empty_name_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        services.customers.create(NewCustomer(name=" "))
    assert caught.value.field == "name"


def test_detail_gathers_the_customer_pane(services: Services, three: dict[str, int]) -> None:
    oid = factories.order(services, three["huaxin"])
    services.callbacks.add_milestone(oid, "b2b_opened", services.ctx.clock.today())
    detail = services.customers.detail(three["huaxin"])
    assert detail.name == "北京华信科技有限公司"
    assert detail.contacts[0].name == "王经理"
    assert detail.contacts[0].phones == ("138 1234 5678",)
    assert [o.stage for o in detail.open_orders] == ["documents"]
    assert detail.owner == "张丽"
    assert detail.next_callback_on is not None
    with pytest.raises(NotFoundError):
        services.customers.detail(99999)


def test_edit_saves_and_is_audited(services: Services) -> None:
    cid = factories.customer(services)
    version = services.customers.update(
        cid, 1, CustomerChanges(name="北京华信网络有限公司", callback_interval_months=3)
    )
    assert version == 2
    row = Customer.get_by_id(cid)
    assert (row.name, row.initials, row.callback_interval_months) == (
        "北京华信网络有限公司",
        "bjhxwlyxgs",
        3,
    )
    latest, created = services.history.entries("customer", cid)
    assert (latest.action, latest.user, created.action) == ("update", "张丽", "create")
    assert {c.field: (c.before, c.after) for c in latest.changes} == {
        "name": ("北京华信科技有限公司", "北京华信网络有限公司"),
        "callback_interval_months": (None, 3),
    }


def test_second_edit_from_a_stale_copy_is_refused_naming_who(services: Services) -> None:
    cid = factories.customer(services)
    lina = users.add_clerk("lina", "李娜")
    me = services.ctx.require_actor()
    services.ctx.actor = lina
    services.customers.update(cid, 1, CustomerChanges(address="北京市海淀区"))
    services.ctx.actor = me
    with pytest.raises(ConflictError) as caught:
        services.customers.update(cid, 1, CustomerChanges(address="北京市朝阳区"))
    assert "李娜" in str(caught.value) and "未保存" in str(caught.value)
    assert Customer.get_by_id(cid).address == "北京市海淀区"


def test_bad_edit_saves_nothing(services: Services) -> None:
    cid = factories.customer(services)
    with pytest.raises(ValidationError):
        services.customers.update(
            cid, 1, CustomerChanges(name="新名字", callback_interval_months=99)
        )
    assert Customer.get_by_id(cid).version == 1
