"""The complaint lists and detail the complaints screen shows, and the department's
configurable categories."""

from __future__ import annotations

from datetime import date

import pytest

from gendan_tui import i18n
from gendan_tui.core import users
from gendan_tui.core.clock import FixedClock
from gendan_tui.core.complaint_detail import describe_event
from gendan_tui.core.complaints import ComplaintForm, Forward, Reply
from gendan_tui.core.context import Actor
from gendan_tui.core.roles import PermissionDenied
from gendan_tui.core.services import Services
from gendan_tui.errors import UserError, ValidationError
from tests import factories


def on(services: Services, day: date) -> None:
    assert isinstance(services.ctx.clock, FixedClock)
    services.ctx.clock.day = day


@pytest.fixture
def technician(services: Services) -> Actor:
    return users.add_account("wanggong", "王工", ["technician"], None)


@pytest.fixture
def desk(services: Services, technician: Actor) -> dict[str, int]:
    """Complaints taken on known days by 张丽, one of them by 李娜:

    - ``late``: forwarded to 王工 on 09-29 with 2 working days → due 10-09;
    - ``role``: forwarded to any technician on 10-09 with 1 working day → due 10-10;
    - ``spot``: solved on the spot on 10-09 (closed);
    - ``other``: taken by 李娜 on 10-13 (open, not forwarded);
    - ``old``: taken on 09-22, still open.
    """
    clerk = services.ctx.require_actor()
    hua = factories.customer(services, "北京华信科技有限公司", "13812345678")
    nan = factories.customer(services, "广州南方家具有限公司", "020-87654321")
    take = services.complaints.take
    on(services, date(2025, 9, 22))
    old = take(ComplaintForm(nan, "delivery", "沙发送货延误"))
    on(services, date(2025, 9, 29))
    late = take(
        ComplaintForm(
            hua, "mailbox", "收不到信", forward=Forward(user_id=technician.id, workdays=2)
        )
    )
    on(services, date(2025, 10, 9))
    role = take(
        ComplaintForm(hua, "domain", "解析失败", forward=Forward(role="technician", workdays=1))
    )
    spot = take(ComplaintForm(nan, "website", "改电话", solved_on_spot=True, resolution="已改"))
    services.ctx.actor = users.add_clerk("lina", "李娜")
    on(services, date(2025, 10, 13))
    other = take(ComplaintForm(nan, "attitude", "客服态度不好"))
    services.ctx.actor = clerk
    return {"old": old, "late": late, "role": role, "spot": spot, "other": other}


def ids(services: Services, view: str, day: date) -> list[int]:
    return [item.id for item in services.complaints.listing(view, day=day).items]


def test_open_lists_everything_not_closed_newest_first(
    services: Services, desk: dict[str, int]
) -> None:
    assert ids(services, "open", date(2025, 10, 13)) == [
        desk["other"],
        desk["role"],
        desk["late"],
        desk["old"],
    ]


def test_overdue_uses_the_working_day_due_date(services: Services, desk: dict[str, int]) -> None:
    assert ids(services, "overdue", date(2025, 10, 9)) == []
    assert ids(services, "overdue", date(2025, 10, 10)) == [desk["late"]]
    (late,) = services.complaints.listing("overdue", day=date(2025, 10, 10)).items
    assert (late.due_on, late.overdue, late.workdays_overdue) == (date(2025, 10, 9), True, 1)
    # 10-11 is a make-up Saturday (working), 10-12 a Sunday.
    listing = services.complaints.listing("overdue", day=date(2025, 10, 13))
    assert [(i.id, i.workdays_overdue) for i in listing.items] == [
        (desk["late"], 3),
        (desk["role"], 2),
    ]


def test_a_late_complaint_stays_overdue_until_the_customer_is_replied_to(
    services: Services, desk: dict[str, int]
) -> None:
    day = date(2025, 10, 13)
    on(services, date(2025, 10, 10))
    late = services.complaints.detail(desk["late"])
    late = services.complaints.resolve(late.id, late.version, "邮箱配额已扩容")
    assert ids(services, "overdue", day) == [desk["late"], desk["role"]]  # solved, not told
    assert late.overdue

    late = services.complaints.reply(late.id, late.version, Reply("phone", "已电话告知"))
    assert ids(services, "overdue", day) == [desk["role"]]
    on(services, day)
    assert not services.complaints.detail(late.id).overdue
    assert desk["late"] in ids(services, "open", day)  # still to be closed


def test_mine_is_what_i_took_or_what_waits_for_me_or_my_role(
    services: Services, desk: dict[str, int], technician: Actor
) -> None:
    day = date(2025, 10, 13)
    assert ids(services, "mine", day) == [desk["role"], desk["late"], desk["old"]]
    services.ctx.actor = technician
    assert ids(services, "mine", day) == [desk["role"], desk["late"]]


def test_week_is_the_iso_week_of_the_day_whatever_the_status(
    services: Services, desk: dict[str, int]
) -> None:
    assert ids(services, "week", date(2025, 10, 12)) == [desk["spot"], desk["role"]]
    assert ids(services, "week", date(2025, 10, 13)) == [desk["other"]]
    assert ids(services, "week", date(2025, 9, 28)) == [desk["old"]]


def test_list_rows_carry_what_the_table_shows(services: Services, desk: dict[str, int]) -> None:
    listing = services.complaints.listing("week", day=date(2025, 10, 9), limit=1)
    assert listing.total == 2 and len(listing.items) == 1
    (row,) = listing.items
    assert (row.customer_name, row.phone, row.category_name, row.status) == (
        "广州南方家具有限公司",
        "020-87654321",
        "网站",
        "closed",
    )
    assert (row.taken_by, row.assignee, row.overdue) == ("张丽", "", False)


def test_an_unknown_view_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError):
        services.complaints.listing("someday")


def test_detail_lines_read_in_chinese(services: Services, desk: dict[str, int]) -> None:
    detail = services.complaints.detail(desk["late"])
    assert [describe_event(entry) for entry in detail.timeline] == [
        "张丽 受理投诉",
        "张丽 转交 王工，期限 2025-10-09",
    ]
    role = services.complaints.detail(desk["role"])
    assert describe_event(role.timeline[-1]) == "张丽 转交 技术员，期限 2025-10-10"
    i18n.set_language("en")
    assert describe_event(detail.timeline[0]) == "张丽 took the complaint"


def test_forward_targets_list_roles_then_people(services: Services, technician: Actor) -> None:
    targets = services.complaints.forward_targets()
    assert targets[0].role == "technician" and targets[0].label == "技术员"
    people = {t.user_id: t.label for t in targets if t.user_id is not None}
    assert people[technician.id] == "王工（技术员）"


def test_categories_are_a_department_setting(services: Services, desk: dict[str, int]) -> None:
    supervisor = users.add_account("zhuren", "赵主任", ["follow_up_supervisor"], None)
    clerk = services.ctx.require_actor()
    names = [c.name for c in services.complaints.categories()]
    assert names == ["邮箱", "网站", "域名", "B2B", "服务态度", "送货安装", "其他"]

    with pytest.raises(PermissionDenied):
        services.complaints.add_category("空间")
    services.act_as(supervisor.login)
    added = services.complaints.add_category("空间")
    assert (added.code, added.name) == ("空间", "空间")
    with pytest.raises(ValidationError):
        services.complaints.add_category("邮箱")
    services.complaints.remove_category("delivery")
    services.act_as(clerk.login)
    assert [c.name for c in services.complaints.categories()][-2:] == ["其他", "空间"]

    customer = factories.customer(services, "深圳ABC贸易有限公司", "13900001111")
    taken = services.complaints.take(ComplaintForm(customer, "空间", "FTP 空间满了"))
    assert services.complaints.detail(taken).category_name == "空间"
    with pytest.raises(ValidationError):
        services.complaints.take(ComplaintForm(customer, "delivery", "送货慢"))
    # A complaint filed under a category no longer offered keeps its name.
    assert services.complaints.detail(desk["old"]).category_name == "送货安装"


def test_the_last_category_cannot_be_removed(services: Services) -> None:
    supervisor = users.add_account("zhuren", "赵主任", ["follow_up_supervisor"], None)
    services.act_as(supervisor.login)
    for code in services.ctx.definitions.complaints.category_codes[1:]:
        services.complaints.remove_category(code)
    with pytest.raises(UserError) as refused:
        services.complaints.remove_category("mailbox")
    assert refused.value.key == "complaint_error.category_last"
