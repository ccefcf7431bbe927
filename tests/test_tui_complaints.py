"""Complaints from the keyboard: an incoming call taken through forward, follow-up,
resolution and reply to closed; intake from any screen; what the intake form refuses."""

from __future__ import annotations

from datetime import date

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from gendan_tui.app import GendanApp, make_app
from gendan_tui.cli import main
from gendan_tui.config import Settings
from gendan_tui.core import users
from gendan_tui.core.complaints import ComplaintForm
from gendan_tui.core.context import Actor
from gendan_tui.core.services import Services
from gendan_tui.screens.complaint_detail import ComplaintDetailScreen
from gendan_tui.screens.complaint_form import ComplaintFormScreen
from gendan_tui.screens.complaint_steps import NoteFormScreen, ReplyFormScreen
from gendan_tui.screens.complaints import ComplaintsScreen
from gendan_tui.screens.customer import CustomerScreen
from gendan_tui.screens.today import TodayScreen
from gendan_tui.store.models import Complaint
from gendan_tui.widgets.complaint_facts import ComplaintFacts, TimelineTable
from gendan_tui.widgets.customer_pane import CustomerPane
from tests.tui_helpers import (
    app_for,
    build_desk,
    column,
    error_under,
    notifications,
    press,
    running,
    settle,
    shown,
    text_of,
    type_text,
)

CALLER = "13812345678"
HUAXIN = "北京华信科技有限公司"


@pytest.fixture
def technician(services: Services) -> Actor:
    return users.add_account("wanggong", "王工", ["technician"], None)


def app_on_call(services: Services, db_url: str, number: str) -> GendanApp:
    """The app as ``gendan --call NUMBER`` opens it."""
    settings = Settings(database_url=db_url, clerk="zhangli", lang="zh")
    return make_app(services, settings, call=number)


async def step(pilot: Pilot[None], key: str, text: str) -> None:
    """Press a step's key, write its one text and save with Enter."""
    await press(pilot, key)
    assert isinstance(pilot.app.screen, NoteFormScreen)
    await type_text(pilot, text)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, ComplaintDetailScreen)


def timeline_of(app: GendanApp) -> list[str]:
    return column(app.screen.query_one(TimelineTable), "event")


async def test_an_incoming_call_goes_from_intake_through_forward_follow_up_resolution_and_reply_to_closed(
    services: Services, db_url: str, technician: Actor
) -> None:
    ids = build_desk(services)
    app = app_on_call(services, db_url, CALLER)
    async with running(app) as pilot:
        assert isinstance(app.screen, CustomerScreen)
        assert "来电 13812345678" in (app.screen.title or "")
        pane = app.screen.query_one(CustomerPane)
        assert pane.section("name") == HUAXIN

        await press(pilot, "c")
        form = shown(app, ComplaintFormScreen)
        assert form.query_one("#phone-input", Input).value == CALLER
        await pilot.press("enter", "down", "enter")  # category: 邮箱
        await pilot.press("tab", "tab")
        await type_text(pilot, "收不到信")
        await pilot.press("tab", "enter", "down", "down", "enter")  # handling: forward
        assert form.query_one("#forward").display
        assert not form.query_one("#resolution").display
        await pilot.press("tab", "enter", "down", "enter")  # to: any technician
        due = form.query_one("#due-line")
        assert text_of(due) == "须在 2025-10-13（周一） 前处理完毕（3 个工作日）"
        await pilot.press("tab", "backspace", "5")
        assert text_of(due) == "须在 2025-10-15（周三） 前处理完毕（5 个工作日）"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CustomerScreen)
        complaint = Complaint.get()
        assert (
            complaint.customer_id,
            complaint.category,
            complaint.content,
            complaint.channel,
            complaint.phone,
            complaint.status,
            complaint.assignee_role,
            complaint.due_on,
        ) == (
            ids[HUAXIN],
            "mailbox",
            "收不到信",
            "phone",
            CALLER,
            "forwarded",
            "technician",
            date(2025, 10, 15),
        )

        await press(pilot, "3")
        assert isinstance(app.screen, ComplaintsScreen)
        assert column(app.screen.query_one("#complaint-list"), "customer") == [HUAXIN]
        await press(pilot, "enter")
        detail = shown(app, ComplaintDetailScreen)
        facts = text_of(detail.query_one(ComplaintFacts))
        assert "已转交" in facts and "技术员 · 技术部 · 期限 2025-10-15" in facts

        await press(pilot, "x")
        refusal = "投诉 #1 还没有回复客户，不能结案：请先记录回复的时间、方式和回复人。"
        assert notifications(app)[-1] == refusal
        assert Complaint.get().status == "forwarded"

        await step(pilot, "u", "已催")
        await step(pilot, "r", "已修复")
        await press(pilot, "x")
        assert notifications(app)[-1] == refusal
        assert Complaint.get().status == "resolved"

        await press(pilot, "p")
        reply = shown(app, ReplyFormScreen)
        assert reply.query_one("#at-input", Input).value.startswith("2025-10-09 ")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "已告知")
        await press(pilot, "ctrl+s")
        assert shown(app, ComplaintDetailScreen) is detail
        assert "回复客户：2025-10-09" in text_of(detail.query_one(ComplaintFacts))

        await press(pilot, "x")
        assert notifications(app)[-1] == "投诉 #1 已结案。"
        assert timeline_of(app) == [
            "张丽 受理投诉",
            "张丽 转交 技术员，期限 2025-10-15",
            "张丽 跟进：已催",
            "张丽 记录处理结果：已修复",
            "张丽 以电话回复客户",
            "张丽 结案",
        ]
        assert not detail.check_action("close", ())
        assert detail.check_action("reopen", ())
    closed = Complaint.get()
    assert (closed.status, closed.reply_method, closed.replied_by_id, closed.reply_note) == (
        "closed",
        "phone",
        services.ctx.require_actor().id,
        "已告知",
    )
    assert closed.closed_at.date() == date(2025, 10, 9)


async def test_reopening_keeps_the_timeline_and_a_step_someone_else_took_first_reloads(
    services: Services, db_url: str
) -> None:
    ids = build_desk(services)
    complaint_id = services.complaints.take(
        ComplaintForm(
            customer_id=ids[HUAXIN],
            category="website",
            content="网站打不开",
            solved_on_spot=True,
            resolution="已重启服务器",
        )
    )
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "3")
        await press(pilot, "w")
        await press(pilot, "enter")
        detail = shown(app, ComplaintDetailScreen)
        await step(pilot, "o", "又坏了")
        assert Complaint.get_by_id(complaint_id).status == "open"
        assert timeline_of(app) == [
            "张丽 受理投诉",
            "张丽 当场解决并答复客户：已重启服务器",
            "张丽 重新打开：又坏了",
        ]

        supervisor = users.add_account("zhouzr", "周主任", ["follow_up_supervisor"], None)
        me = services.ctx.actor
        services.ctx.actor = supervisor
        version = Complaint.get_by_id(complaint_id).version
        services.complaints.follow_up(complaint_id, version, "主任已致电客户")
        services.ctx.actor = me

        await press(pilot, "u")
        await type_text(pilot, "再催")
        await press(pilot, "enter")
        assert app.screen is detail
        assert notifications(app)[-1].startswith(f"投诉 #{complaint_id} 刚被周主任修改过")
        assert timeline_of(app)[-1] == "周主任 跟进：主任已致电客户"


async def test_intake_from_any_screen_finds_the_caller_as_the_number_is_typed(
    services: Services, db_url: str
) -> None:
    ids = build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        assert isinstance(app.screen, TodayScreen)
        await press(pilot, "t")
        form = shown(app, ComplaintFormScreen)
        assert form.focused is form.query_one("#customer-input")

        await type_text(pilot, "139876")
        await settle(pilot)
        assert text_of(form.query_one("#caller-status")) == "找到 1 个客户：↑/↓ 选择，回车确定"
        await type_text(pilot, "54321")
        await settle(pilot)
        await pilot.press("enter")
        assert (
            text_of(form.query_one("#caller-status")) == "客户：上海东方贸易有限公司 139 8765 4321"
        )
        assert form.query_one("#phone-input", Input).value == "13987654321"
        assert form.focused is form.query_one("#category-input")

        await pilot.press("enter", "down", "down", "enter")  # 网站
        await pilot.press("tab", "tab")
        await type_text(pilot, "登不了")
        await pilot.press("tab", "enter", "down", "enter")  # solved on the spot
        await press(pilot, "ctrl+s")
        assert shown(app, ComplaintFormScreen) is form
        assert error_under(form, "resolution") == "此项为必填项，不能为空。"
        await type_text(pilot, "已重置")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        assert notifications(app)[-1] == "已登记投诉 #1。"
    complaint = Complaint.get()
    assert (
        complaint.customer_id,
        complaint.category,
        complaint.phone,
        complaint.status,
        complaint.solved_on_spot,
        complaint.resolution,
    ) == (
        ids["上海东方贸易有限公司"],
        "website",
        "13987654321",
        "closed",
        True,
        "已重置",
    )


async def test_intake_finds_by_pinyin_initials_and_refuses_an_unknown_caller_and_empty_content(
    services: Services, db_url: str
) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "3")
        await press(pilot, "t")
        form = shown(app, ComplaintFormScreen)
        await press(pilot, "ctrl+s")
        missing = "请先找到并选择客户（输入来电号码、名称或拼音首字母，回车确定）。"
        assert error_under(form, "customer") == missing

        await type_text(pilot, "13900000000")
        await settle(pilot)
        status = form.query_one("#caller-status")
        assert text_of(status) == (
            "未找到客户：没有号码为 13900000000 的客户。请输入客户名称或拼音首字母查找。"
        )
        assert status.has_class("-unknown")
        await pilot.press("enter")
        assert form.focused is form.query_one("#customer-input")
        await press(pilot, "ctrl+s")
        assert error_under(form, "customer") == missing

        await pilot.press("ctrl+u")
        await type_text(pilot, "cd")
        await settle(pilot)
        await pilot.press("enter")
        assert text_of(form.query_one("#caller-status")).startswith("客户：成都天府软件有限公司")
        await pilot.press("enter", "down", "enter")
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert error_under(form, "content") == "此项为必填项，不能为空。"

        await type_text(pilot, "态度差")
        await pilot.press("tab", "enter", "down", "down", "enter")  # forward, to nobody yet
        await press(pilot, "ctrl+s")
        assert error_under(form, "forward") == "请选择转交给谁：具体人员或岗位。"
        assert Complaint.select().count() == 0
        await press(pilot, "escape")
        assert isinstance(app.screen, ComplaintsScreen)


async def test_a_call_from_an_unknown_number_opens_intake_with_the_number(
    services: Services, db_url: str
) -> None:
    build_desk(services)
    app = app_on_call(services, db_url, "020-99998888")
    async with running(app) as pilot:
        form = shown(app, ComplaintFormScreen)
        assert form.query_one("#customer-input", Input).value == "020-99998888"
        assert form.query_one("#phone-input", Input).value == "020-99998888"
        assert text_of(form.query_one("#caller-status")).startswith(
            "未找到客户：没有号码为 020-99998888"
        )
        await press(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)


def test_gendan_call_opens_the_app_onto_the_number(
    services: Services, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[GendanApp] = []
    monkeypatch.setattr(GendanApp, "run", lambda self: opened.append(self))
    assert main(["--db", db_url, "--clerk", "zhangli", "--call", CALLER]) == 0
    (app,) = opened
    assert app.incoming_call == CALLER
