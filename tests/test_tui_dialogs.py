"""Search, help, the command palette, the complaint form and the customer pane's content."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot
from textual.widgets import DataTable

from gendan_tui.core.services import Services
from gendan_tui.screens.complaint_form import ComplaintFormScreen
from gendan_tui.screens.customer import CustomerScreen
from gendan_tui.screens.help import HelpScreen
from gendan_tui.screens.palette import ActionsProvider
from gendan_tui.screens.search import SearchScreen
from gendan_tui.screens.today import TodayScreen
from gendan_tui.store.models import CallbackRecord, Complaint, Order, Subscription
from gendan_tui.widgets.customer_pane import CustomerPane
from tests.tui_helpers import (
    app_for,
    build_desk,
    column,
    error_under,
    press,
    running,
    settle,
    shown,
    text_of,
    type_text,
)


async def search_for(pilot: Pilot[None], text: str) -> SearchScreen:
    await press(pilot, "slash")
    await type_text(pilot, text)
    await settle(pilot)
    screen = shown(pilot.app, SearchScreen)
    return screen


async def test_search_by_pinyin_initials_opens_the_customer(
    services: Services, db_url: str
) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        search = await search_for(pilot, "bjhx")
        results = search.query_one("#search-results", DataTable)
        assert column(results, "name") == ["北京华信科技有限公司"]
        assert text_of(search.query_one("#search-status")) == "找到 1 个客户"
        await press(pilot, "enter")
        assert isinstance(app.screen, CustomerScreen)
        pane = app.screen.query_one(CustomerPane)
        assert pane.section("name") == "北京华信科技有限公司"
        await press(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)


async def test_search_by_part_of_a_phone_number(services: Services, db_url: str) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        search = await search_for(pilot, "8765")
        results = search.query_one("#search-results", DataTable)
        assert column(results, "name") == ["上海东方贸易有限公司", "杭州西湖茶业有限公司"]
        await press(pilot, "down", "enter")
        pane = app.screen.query_one(CustomerPane)
        assert pane.section("name") == "杭州西湖茶业有限公司"


async def test_search_without_a_match_says_so_and_escape_closes(
    services: Services, db_url: str
) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        search = await search_for(pilot, "zzz")
        assert search.query_one("#search-results", DataTable).row_count == 0
        assert text_of(search.query_one("#search-status")) == "没有找到匹配的客户。"
        await press(pilot, "enter")
        assert app.screen is search
        await press(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)


async def test_question_mark_lists_the_keys_of_the_screen(services: Services, db_url: str) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "question_mark")
        help_screen = shown(app, HelpScreen)
        table = help_screen.query_one("#help-keys", DataTable)
        rows = dict(zip(column(table, "keys"), column(table, "verb"), strict=True))
        assert rows["s"] == "记录成功回访"
        assert rows["f"] == "记录未接通（无人接听、占线等）"
        assert rows["c"] == "登记本次来电的投诉"
        assert rows["/"] == "按名称、拼音首字母或电话搜索客户"
        assert rows["q"] == "退出程序"
        assert rows["?"] == "列出本屏幕的快捷键"
        assert rows["1"] == "今日回访"
        assert "打开客户详情" in rows.values()
        assert any("j" in keys for keys in rows)
        await press(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)


async def test_palette_offers_every_action_as_area_and_verb(
    services: Services, db_url: str
) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        titles = [title for title, _, _ in ActionsProvider(app.screen).commands()]
        for title in (
            "回访: 记录成功回访",
            "回访: 记录未接通（无人接听、占线等）",
            "投诉: 登记本次来电的投诉",
            "客户: 按名称、拼音首字母或电话搜索客户",
            "屏幕: 今日回访",
            "帮助: 列出本屏幕的快捷键",
            "应用: 退出程序",
        ):
            assert title in titles
        await press(pilot, "ctrl+p")
        await type_text(pilot, "搜索客户")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, SearchScreen)


async def test_complaint_from_a_call(services: Services, db_url: str) -> None:
    ids = build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "c")
        form = shown(app, ComplaintFormScreen)
        await pilot.press("tab", "tab")
        await type_text(pilot, "网站打不开")
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert error_under(form, "category") == "请选择投诉类别"
        assert Complaint.select().count() == 0

        await pilot.press("enter", "down", "down", "enter")
        await pilot.press("tab")
        await pilot.press("enter", "down", "enter")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        assert "网站打不开" in app.screen.query_one(CustomerPane).section("complaints")
    complaint = Complaint.get()
    assert (
        complaint.customer_id,
        complaint.category,
        complaint.severity,
        complaint.content,
        complaint.channel,
        complaint.phone,
    ) == (ids["北京华信科技有限公司"], "website", "high", "网站打不开", "callback", "138 1234 5678")
    assert CallbackRecord.select().count() == 0


async def test_pane_shows_renewals_orders_complaints_and_calls(
    services: Services, db_url: str
) -> None:
    ids = build_desk(services)
    customer = ids["北京华信科技有限公司"]
    Subscription.create(
        customer=customer,
        kind="membership",
        starts_on=date(2024, 11, 30),
        expires_on=date(2025, 11, 30),
    )
    Subscription.create(
        customer=customer,
        kind="domain",
        name="bjhx.com.cn",
        starts_on=date(2025, 3, 1),
        expires_on=date(2026, 3, 1),
    )
    Order.create(
        customer=customer,
        title="企业网站（标准版）",
        stage="mailbox_opened",
        opened_on=date(2025, 9, 1),
    )
    app = app_for(services, db_url)
    async with running(app) as pilot:
        pane = app.screen.query_one(CustomerPane)
        subscriptions = pane.section("subscriptions").splitlines()
        assert subscriptions == [
            "会员",
            "  2024-11-30 → 2025-11-30 应续费",
            "域名 bjhx.com.cn",
            "  2025-03-01 → 2026-03-01",
        ]
        assert pane.section("orders") == "企业网站（标准版）  邮箱开通"
        assert pane.section("complaints") == "无"
        assert pane.section("next") == "下次回访：2025-09-30"
        await press(pilot, "f", "2")
        await search_for(pilot, "bjhx")
        await press(pilot, "enter")
        pane = app.screen.query_one(CustomerPane)
        assert pane.section("calls") == "10-09 张丽 占线"
