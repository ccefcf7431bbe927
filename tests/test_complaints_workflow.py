"""The complaint workflow: intake, forward, follow-up, resolution, reply, close and reopen,
with working-day due dates, optimistic locking and who may do what."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from gendan_tui.core import users
from gendan_tui.core.clock import FixedClock
from gendan_tui.core.complaints import ComplaintForm, Forward, Reply
from gendan_tui.core.context import Actor
from gendan_tui.core.services import Services
from gendan_tui.errors import ConflictError, NotFoundError, UserError, ValidationError
from gendan_tui.store.models import AuditLog, CallbackTask, Complaint, ComplaintEvent
from tests import factories

FORWARD_DAY = date(2025, 9, 29)  # Monday before National Day (10-01 … 10-08 off)


@pytest.fixture
def technician(services: Services) -> Actor:
    return users.add_account("wanggong", "王工", ["technician"], None)


@pytest.fixture
def customer_id(services: Services) -> int:
    return factories.customer(services, "北京华信科技有限公司", "13812345678")


def on(services: Services, day: date) -> None:
    """Move the services' clock to ``day``."""
    assert isinstance(services.ctx.clock, FixedClock)
    services.ctx.clock.day = day


def as_actor(services: Services, actor: Actor) -> None:
    services.ctx.actor = actor


def test_intake_finds_the_caller_by_a_phone_fragment_and_forwards(
    services: Services, customer_id: int, technician: Actor
) -> None:
    on(services, FORWARD_DAY)
    (hit,) = services.customers.find_by_phone("+86 138-1234-5678")
    assert hit.id == customer_id
    (partial,) = services.customers.search("1234 56")
    assert partial.id == customer_id

    complaint_id = services.complaints.take(
        ComplaintForm(
            customer_id=hit.id,
            category="mailbox",
            content="邮箱收不到外部来信",
            severity="high",
            channel="phone",
            contact_name="王经理",
            phone="138 1234 5678",
            forward=Forward(user_id=technician.id, workdays=3, note="请检查 MX 记录"),
        )
    )

    detail = services.complaints.detail(complaint_id)
    assert (detail.status, detail.assignee, detail.assignee_role) == (
        "forwarded",
        "王工",
        "technician",
    )
    assert detail.department == "technical"
    assert detail.due_on == date(2025, 10, 10)  # 09-30, 10-09, 10-10: the holiday is skipped
    assert (detail.contact_name, detail.phone, detail.severity) == (
        "王经理",
        "138 1234 5678",
        "high",
    )
    assert [(e.kind, e.status_before, e.status_after) for e in detail.timeline] == [
        ("taken", None, "open"),
        ("forwarded", "open", "forwarded"),
    ]
    assert detail.timeline[1].note == "请检查 MX 记录"
    assert detail.timeline[1].due_on == date(2025, 10, 10)
    assert detail.steps == {"forward", "follow_up", "resolve"}


def test_due_dates_count_working_days_across_national_day(
    services: Services, customer_id: int
) -> None:
    on(services, FORWARD_DAY)
    assert services.complaints.due_date(1) == date(2025, 9, 30)
    assert services.complaints.due_date(2) == date(2025, 10, 9)
    assert services.complaints.due_date(3) == date(2025, 10, 10)
    # 2025-10-11 is a Saturday worked in exchange for the holiday (调休).
    assert services.complaints.due_date(3, start=date(2025, 9, 30)) == date(2025, 10, 11)


def test_forward_follow_up_resolve_reply_close(
    services: Services, customer_id: int, technician: Actor
) -> None:
    clerk = services.ctx.require_actor()
    on(services, FORWARD_DAY)
    complaint_id = services.complaints.take(
        ComplaintForm(customer_id, "domain", "域名解析后网站打不开")
    )
    detail = services.complaints.detail(complaint_id)
    assert detail.status == "open"
    detail = services.complaints.forward(
        complaint_id, detail.version, Forward(role="technician", workdays=2)
    )
    assert (detail.status, detail.assignee, detail.due_on) == (
        "forwarded",
        "",
        date(2025, 10, 9),
    )

    on(services, date(2025, 9, 30))
    as_actor(services, technician)  # forwarded to the role: any technician may work it
    detail = services.complaints.follow_up(complaint_id, detail.version, "已提交总部，等待生效")
    on(services, date(2025, 10, 9))
    detail = services.complaints.resolve(complaint_id, detail.version, "解析已生效，网站恢复访问")
    assert (detail.status, detail.resolved_by) == ("resolved", "王工")

    as_actor(services, clerk)
    with pytest.raises(UserError) as refused:
        services.complaints.close(complaint_id, detail.version)
    assert refused.value.key == "complaint_error.close_before_reply"
    assert "还没有回复客户，不能结案" in str(refused.value)
    assert services.complaints.detail(complaint_id).status == "resolved"

    on(services, date(2025, 10, 10))
    detail = services.complaints.reply(
        complaint_id, detail.version, Reply("phone", "已电话告知客户网站恢复")
    )
    assert (detail.status, detail.reply_method, detail.replied_by) == ("replied", "phone", "张丽")
    assert detail.replied_at is not None and detail.replied_at.date() == date(2025, 10, 10)
    detail = services.complaints.close(complaint_id, detail.version)

    assert detail.status == "closed" and detail.closed_at is not None
    assert detail.steps == {"reopen"}
    assert [(e.kind, e.user, e.status_after) for e in detail.timeline] == [
        ("taken", "张丽", "open"),
        ("forwarded", "张丽", "forwarded"),
        ("follow_up", "王工", "forwarded"),
        ("resolved", "王工", "resolved"),
        ("replied", "张丽", "replied"),
        ("closed", "张丽", "closed"),
    ]
    actions = [
        row.action
        for row in AuditLog.select()
        .where((AuditLog.entity == "complaint") & (AuditLog.entity_id == complaint_id))
        .order_by(AuditLog.id)
    ]
    assert actions == ["taken", "forwarded", "follow_up", "resolved", "replied", "closed"]


def test_reply_needs_a_resolution_first(services: Services, customer_id: int) -> None:
    complaint_id = services.complaints.take(ComplaintForm(customer_id, "website", "首页图片错位"))
    with pytest.raises(UserError) as refused:
        services.complaints.reply(complaint_id, 1, Reply("phone"))
    assert refused.value.key == "complaint_error.reply_before_resolution"


def test_reply_is_checked(services: Services, customer_id: int) -> None:
    complaint_id = services.complaints.take(ComplaintForm(customer_id, "website", "首页图片错位"))
    detail = services.complaints.resolve(complaint_id, 1, "已修正图片")
    with pytest.raises(ValidationError) as bad_method:
        services.complaints.reply(complaint_id, detail.version, Reply("pigeon"))
    assert bad_method.value.field == "method"
    with pytest.raises(ValidationError) as future:
        services.complaints.reply(
            complaint_id, detail.version, Reply("email", at=datetime(2030, 1, 1, 9, 0))
        )
    assert future.value.key == "complaint_error.reply_in_future"
    with pytest.raises(ValidationError) as early:
        services.complaints.reply(
            complaint_id, detail.version, Reply("email", at=datetime(2025, 10, 1, 9, 0))
        )
    assert early.value.key == "complaint_error.reply_before_intake"
    assert services.complaints.detail(complaint_id).status == "resolved"


def test_solved_on_the_spot_is_closed_with_the_call_as_the_reply(
    services: Services, customer_id: int
) -> None:
    complaint_id = services.complaints.take(
        ComplaintForm(
            customer_id,
            "b2b",
            "B2B 后台忘记密码",
            solved_on_spot=True,
            resolution="电话中指导客户重置密码",
        )
    )
    detail = services.complaints.detail(complaint_id)
    assert (detail.status, detail.solved_on_spot, detail.reply_method) == (
        "closed",
        True,
        "phone",
    )
    assert detail.resolution == "电话中指导客户重置密码"
    assert detail.replied_at == detail.received_at == detail.closed_at
    assert [e.kind for e in detail.timeline] == ["taken", "solved_on_spot"]


def test_solved_on_the_spot_needs_the_resolution(services: Services, customer_id: int) -> None:
    with pytest.raises(ValidationError) as missing:
        services.complaints.take(ComplaintForm(customer_id, "b2b", "忘记密码", solved_on_spot=True))
    assert missing.value.field == "resolution"
    assert Complaint.select().count() == 0


def test_reopen_keeps_the_history_and_needs_a_new_reply(
    services: Services, customer_id: int
) -> None:
    complaint_id = services.complaints.take(
        ComplaintForm(
            customer_id, "mailbox", "收不到信", solved_on_spot=True, resolution="清理邮箱"
        )
    )
    detail = services.complaints.reopen(complaint_id, 2, "客户来电：问题又出现了")

    assert (detail.status, detail.reopened_count) == ("open", 1)
    assert detail.replied_at is None and detail.closed_at is None
    assert [e.kind for e in detail.timeline] == ["taken", "solved_on_spot", "reopened"]
    assert detail.timeline[-1].note == "客户来电：问题又出现了"
    with pytest.raises(UserError) as refused:
        services.complaints.close(complaint_id, detail.version)
    assert refused.value.key == "complaint_error.close_before_reply"
    detail = services.complaints.resolve(complaint_id, detail.version, "更换邮箱服务器后恢复")
    detail = services.complaints.reply(complaint_id, detail.version, Reply("email"))
    detail = services.complaints.close(complaint_id, detail.version)
    assert detail.status == "closed"
    assert [e.kind for e in detail.timeline] == [
        "taken",
        "solved_on_spot",
        "reopened",
        "resolved",
        "replied",
        "closed",
    ]


def test_reopen_and_closed_steps_are_refused_where_they_make_no_sense(
    services: Services, customer_id: int
) -> None:
    complaint_id = services.complaints.take(ComplaintForm(customer_id, "website", "改版"))
    with pytest.raises(UserError) as open_one:
        services.complaints.reopen(complaint_id, 1, "再看看")
    assert open_one.value.key == "complaint_error.not_finished"
    spot = services.complaints.take(
        ComplaintForm(customer_id, "website", "改版", solved_on_spot=True, resolution="已说明")
    )
    with pytest.raises(UserError) as closed:
        services.complaints.follow_up(spot, 2, "补充记录")
    assert closed.value.key == "complaint_error.is_closed"


def test_a_concurrent_edit_is_refused_naming_who_changed_it(
    services: Services, customer_id: int, technician: Actor
) -> None:
    clerk = services.ctx.require_actor()
    complaint_id = services.complaints.take(
        ComplaintForm(customer_id, "mailbox", "收不到信", forward=Forward(user_id=technician.id))
    )
    seen = services.complaints.detail(complaint_id)  # both have this version on screen

    as_actor(services, technician)
    services.complaints.follow_up(complaint_id, seen.version, "正在排查")
    as_actor(services, clerk)
    with pytest.raises(ConflictError) as conflict:
        services.complaints.resolve(complaint_id, seen.version, "已解决")

    assert conflict.value.params["who"] == "王工"
    assert "王工" in str(conflict.value)
    detail = services.complaints.detail(complaint_id)
    assert detail.status == "forwarded" and detail.resolution == ""
    assert [e.kind for e in detail.timeline] == ["taken", "forwarded", "follow_up"]


def test_only_those_involved_work_a_complaint(
    services: Services, customer_id: int, technician: Actor
) -> None:
    complaint_id = services.complaints.take(ComplaintForm(customer_id, "website", "改版"))
    other_clerk = users.add_clerk("lina", "李娜")
    as_actor(services, other_clerk)
    with pytest.raises(UserError) as refused:
        services.complaints.follow_up(complaint_id, 1, "看一下")
    assert refused.value.key == "complaint_error.not_involved"
    as_actor(services, technician)
    with pytest.raises(UserError) as not_forwarded:
        services.complaints.resolve(complaint_id, 1, "好了")
    assert not_forwarded.value.key == "complaint_error.not_involved"
    supervisor = users.add_account("zhuren", "赵主任", ["follow_up_supervisor"], None)
    as_actor(services, supervisor)
    assert services.complaints.follow_up(complaint_id, 1, "主任跟进").status == "open"


def test_bad_intake_is_refused_and_nothing_is_saved(services: Services, customer_id: int) -> None:
    cases = [
        (ComplaintForm(customer_id, "weather", "太热"), "category"),
        (ComplaintForm(customer_id, "website", "  "), "content"),
        (ComplaintForm(customer_id, "website", "x", channel="pigeon"), "channel"),
        (ComplaintForm(customer_id, "website", "x", forward=Forward()), "forward"),
        (ComplaintForm(customer_id, "website", "x", forward=Forward(role="cook")), "role"),
        (
            ComplaintForm(
                customer_id, "website", "x", forward=Forward(role="technician", workdays=0)
            ),
            "workdays",
        ),
        (ComplaintForm(customer_id, "website", "x", contact_name="名" * 51), "contact_name"),
    ]
    for form, field in cases:
        with pytest.raises(ValidationError) as refused:
            services.complaints.take(form)
        assert refused.value.field == field
    with pytest.raises(NotFoundError):
        services.complaints.take(ComplaintForm(customer_id + 99, "website", "x"))
    with pytest.raises(NotFoundError):
        services.complaints.take(
            ComplaintForm(customer_id, "website", "x", forward=Forward(user_id=999))
        )
    assert Complaint.select().count() == 0
    assert ComplaintEvent.select().count() == 0


def test_an_unknown_complaint_is_reported(services: Services) -> None:
    with pytest.raises(NotFoundError) as missing:
        services.complaints.follow_up(404, 1, "?")
    assert "#404" in str(missing.value)


def test_the_third_complaint_in_the_window_pulls_the_periodic_callback_in(
    services: Services, customer_id: int
) -> None:
    clerk = services.ctx.require_actor()
    factories.task(services, customer_id, date(2025, 12, 1))
    for _ in range(services.ctx.policy.frequent_more_than + 1):
        services.complaints.take(ComplaintForm(customer_id, "website", "网站又打不开了"))

    task = CallbackTask.get(
        (CallbackTask.customer == customer_id) & (CallbackTask.reason == "periodic")
    )
    assert task.due_on < date(2025, 12, 1)
    assert task.due_on <= services.ctx.clock.today() + timedelta(
        days=services.ctx.policy.frequent_interval_days
    )
    assert task.clerk_id == clerk.id
    assert services.complaints.detail(Complaint.select().first().id).frequent


@pytest.mark.parametrize("bad", ["\x00", "\ud800"], ids=["NUL", "lone surrogate"])
@pytest.mark.parametrize("field", ["content", "contact_name", "phone"])
def test_text_a_database_cannot_hold_is_refused_at_intake(
    services: Services, customer_id: int, bad: str, field: str
) -> None:
    """The same clear refusal on SQLite and PostgreSQL, naming the field, nothing saved
    (PostgreSQL itself refuses NUL with a driver error, SQLite stores it)."""
    typed = {"content": "收不到信", "contact_name": "王经理", "phone": "13812345678"}
    typed[field] = f"前{bad}后"
    form = ComplaintForm(
        customer_id,
        "mailbox",
        typed["content"],
        contact_name=typed["contact_name"],
        phone=typed["phone"],
    )
    with pytest.raises(ValidationError) as refused:
        services.complaints.take(form)
    assert (refused.value.key, refused.value.field) == ("error.unreadable_field", field)
    assert "无法识别的字符" in str(refused.value)
    assert Complaint.select().count() == 0
