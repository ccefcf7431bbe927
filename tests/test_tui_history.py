"""The history panel: who changed what and when, for a customer (with their callbacks) and,
through the same screen, for any record with an audit trail."""

from __future__ import annotations

from datetime import datetime

from gendan_tui.app import GendanApp
from gendan_tui.core import users
from gendan_tui.core.audit import AuditEntry, Change
from gendan_tui.core.complaints import ComplaintForm
from gendan_tui.core.customers import CustomerChanges
from gendan_tui.core.services import Services
from gendan_tui.i18n import set_language
from gendan_tui.screens.customer import CustomerScreen
from gendan_tui.screens.history import HistoryScreen
from gendan_tui.screens.today import TodayScreen
from gendan_tui.widgets.history_view import HistoryView, action_text, change_text, value_text
from tests.conftest import TODAY
from tests.tui_helpers import (
    DESK,
    app_for,
    build_desk,
    column,
    press,
    record_success,
    running,
    settle,
    text_of,
)

FIRST = DESK[0].name


def rows(app: GendanApp) -> list[tuple[str, str, str, str]]:
    view = app.screen.query_one(HistoryView)
    return list(
        zip(*(column(view, key) for key in ("at", "user", "action", "change")), strict=True)
    )


async def test_customer_history_after_an_edit_and_a_callback(
    services: Services, db_url: str
) -> None:
    ids = build_desk(services)
    services.customers.update(
        ids[FIRST], 1, CustomerChanges(name="北京华信网络有限公司", callback_interval_months=3)
    )
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await record_success(pilot, "好")
        await press(pilot, "slash", *"bjhx")  # called: out of today's queue, found by initials
        await press(pilot, "enter")
        assert isinstance(app.screen, CustomerScreen)
        assert "h" in [b.binding.key for b in app.screen.active_bindings.values()]
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        assert text_of(app.screen.query_one("#history-subject")) == "北京华信网络有限公司"
        shown = rows(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, CustomerScreen)

    assert all(at.startswith("2025-10-09 ") for at, *_ in shown if at)
    assert [row[1:] for row in shown] == [
        ("张丽", "回访 · 安排回访", "状态：待回访"),
        ("", "", "到期日：2026-01-09"),
        ("", "", "下次拨打：2026-01-09"),
        ("", "", "已拨次数：0"),
        ("", "", "负责文员：张丽"),
        ("张丽", "回访 · 记录成功", "状态：待回访 → 已完成"),
        ("张丽", "修改", "名称：北京华信科技有限公司 → 北京华信网络有限公司"),
        ("", "", "回访间隔（月）：— → 3"),
        ("张丽", "新建", "名称：北京华信科技有限公司"),
        ("", "", "类型：老客户"),
        ("", "", "会员：是"),
        ("", "", "负责人：张丽"),
        ("", "", "联系人：王伟"),
    ]


async def test_any_record_shows_its_history_with_one_line(services: Services, db_url: str) -> None:
    ids = build_desk(services)
    complaint_id = services.complaints.take(
        ComplaintForm(customer_id=ids[FIRST], category="website", content="网站打不开")
    )
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await app.push_screen(HistoryScreen("complaint", complaint_id))
        await settle(pilot)
        shown = rows(app)
        assert not app.screen.query_one("#history-subject").display
        await press(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)
    assert [row[1:] for row in shown] == [("张丽", "受理", "状态：待处理"), ("", "", "重开次数：0")]


async def test_a_record_without_history_says_so(services: Services, db_url: str) -> None:
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await app.push_screen(HistoryScreen("order", 404, "企业网站"))
        await settle(pilot)
        assert text_of(app.screen.query_one("#history-empty")) == "暂无变更记录。"
        assert not app.screen.query_one(HistoryView).display


def test_values_are_put_into_words(services: Services) -> None:
    lina = users.add_clerk("lina", "李娜")
    names = {lina.id: "李娜"}
    assert value_text("clerk", lina.id, names) == "李娜"
    assert value_text("clerk", 999, names) == "#999"
    assert value_text("is_member", False, names) == "否"
    assert value_text("notes", None, names) == "—"
    assert value_text("closed_at", "2025-10-09T14:05:33", names) == "2025-10-09 14:05"
    assert value_text("assignee_role", "technician", names) == "技术员"
    assert value_text("roles", ["clerk", "cs_manager"], names) == "跟单文员、客服经理"
    assert value_text("event", "website_completed", names) == "网站全部完工"
    assert value_text("mystery", "x" * 50, names) == "x" * 39 + "…"
    assert change_text(Change("password", None, "changed"), names) == "密码：已更改"
    set_language("en")
    assert change_text(Change("kind", "new", "old"), names) == "kind：New customer → Old customer"


def test_an_entry_about_another_record_says_which(services: Services) -> None:
    entry = AuditEntry(datetime(2025, 10, 9, 9, 0), "张丽", "reassign", (), "callback_task")
    assert action_text(entry, "customer") == "回访 · 转派"
    assert action_text(entry, "callback_task") == "转派"
    assert action_text(AuditEntry(TODAY_AT, "", "brand_new", ()), "order") == "brand_new"


TODAY_AT = datetime.combine(TODAY, datetime.min.time())
