"""The complaints screen's lists, exporting a report from the desk, and the weekly report
line on the home screen."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from textual.widgets import Input, ProgressBar

from gendan_tui.app import GendanApp
from gendan_tui.core import users
from gendan_tui.core.clock import FixedClock
from gendan_tui.core.complaints import ComplaintForm, Forward
from gendan_tui.core.services import Services
from gendan_tui.reports.service import ReportService
from gendan_tui.screens.complaints import ComplaintsScreen
from gendan_tui.screens.export import ExportScreen
from gendan_tui.screens.today import TodayScreen
from gendan_tui.widgets.complaint_table import ComplaintTable
from gendan_tui.widgets.report_due import ReportDueLine
from tests.tui_helpers import (
    MomentClock,
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
)

HUAXIN = "北京华信科技有限公司"
XIHU = "杭州西湖茶业有限公司"
DONGFANG = "上海东方贸易有限公司"


def on(services: Services, day: date) -> None:
    """Move the services' clock to ``day``."""
    assert isinstance(services.ctx.clock, FixedClock)
    services.ctx.clock.day = day


def take(services: Services, customer_id: int, content: str, **fields: Any) -> int:
    form = ComplaintForm(customer_id=customer_id, category="mailbox", content=content, **fields)
    return services.complaints.take(form)


def fill_desk(services: Services) -> dict[str, int]:
    """On 2025-10-09: one overdue complaint of the clerk's, one taken today, one another
    clerk forwarded to the technicians last week, one solved on the spot today; 华信 has
    three complaints within 90 days, so it counts as having frequent problems."""
    ids = build_desk(services)
    me = services.ctx.require_actor()
    on(services, date(2025, 9, 29))
    take(services, ids[HUAXIN], "邮箱满了", forward=Forward(role="technician", workdays=1))
    take(services, ids[HUAXIN], "邮箱又满了", solved_on_spot=True, resolution="已清理")
    services.ctx.actor = users.add_account("lisi", "李四", ["clerk"], None)
    on(services, date(2025, 10, 2))
    take(services, ids[XIHU], "网站图片不显示", forward=Forward(role="technician", workdays=5))
    services.ctx.actor = me
    on(services, date(2025, 10, 9))
    take(services, ids[DONGFANG], "B2B 账号登录失败")
    take(services, ids[HUAXIN], "域名解析错误", solved_on_spot=True, resolution="已改正")
    return ids


def table_of(app: GendanApp) -> ComplaintTable:
    return app.screen.query_one(ComplaintTable)


async def test_the_lists_open_overdue_mine_and_this_week(services: Services, db_url: str) -> None:
    fill_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "3")
        screen = shown(app, ComplaintsScreen)
        table = table_of(app)
        assert column(table, "customer") == [DONGFANG, XIHU, HUAXIN]
        assert column(table, "status") == ["待处理", "已转交", "已转交"]
        assert column(table, "responsible") == ["", "技术员", "技术员"]
        assert column(table, "due") == ["", "10-14", "09-30"]
        assert column(table, "overdue") == ["", "", "1"]
        assert column(table, "flag") == ["", "", "频"]
        assert text_of(screen.query_one("#complaints-count")) == "共 3 条"
        preview = text_of(screen.query_one("#complaint-preview"))
        assert preview.startswith(f"#4 {DONGFANG}") and "B2B 账号登录失败" in preview

        await press(pilot, "d")
        assert column(table, "customer") == [HUAXIN]
        assert screen.query_one("#complaints-box").border_title == "已逾期投诉"

        await press(pilot, "m")
        assert column(table, "customer") == [DONGFANG, HUAXIN]

        await press(pilot, "j", "w")
        assert column(table, "customer") == [HUAXIN, DONGFANG]
        assert table.cursor_row == 0
        assert column(table, "status") == ["已关闭", "待处理"]
        assert text_of(screen.query_one("#complaints-count")) == "共 2 条"

        await press(pilot, "o", "j")
        assert table.current is not None and table.current.customer_name == XIHU
        await press(pilot, "t")
        await press(pilot, "escape")
        assert table.current is not None and table.current.customer_name == XIHU


async def test_a_list_with_nothing_in_it_says_so(services: Services, db_url: str) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "3")
        empty = app.screen.query_one("#complaints-empty")
        assert empty.display and text_of(empty) == "没有未结案的投诉。"
        assert not table_of(app).display
        assert text_of(app.screen.query_one("#complaints-count")) == "共 0 条"


async def test_export_the_weekly_report_from_the_complaints_screen(
    services: Services, db_url: str, isolated_home: Path
) -> None:
    fill_desk(services)
    services.ctx.clock = MomentClock(datetime(2025, 10, 9, 15, 0))
    app = app_for(services, db_url)
    async with running(app) as pilot:
        line = app.screen.query_one(ReportDueLine)
        assert text_of(line) == "投诉周报 2025-W40 未导出（应于 10-09 12:00 前）"
        assert line.has_class("-overdue")
        await press(pilot, "3")
        await press(pilot, "e")
        dialog = shown(app, ExportScreen)
        assert dialog.query_one("#period-input", Input).value == "2025-W40"
        default = isolated_home / "reports" / "客户投诉周报表_2025-W40.xlsx"
        assert dialog.query_one("#out-input", Input).value == str(default)

        await press(pilot, "ctrl+s")
        assert app.screen is dialog
        bar = dialog.query_one(ProgressBar)
        assert (bar.progress, bar.total) == (3, 3)
        done = text_of(dialog.query_one("#export-done"))
        assert done == f"已导出《客户投诉周报表》2025-W40：投诉 3 条\n保存在 {default}"
        assert notifications(app)[-1] == f"《客户投诉周报表》已保存：{default}"

        book = load_workbook(default, read_only=True)
        assert book.sheetnames == ["投诉明细", "汇总"]
        contents = [row for row in book["投诉明细"].iter_rows(values_only=True) if row]
        assert any("网站图片不显示" in row for row in contents)
        assert any("邮箱满了" in row for row in contents)
        book.close()

        await press(pilot, "escape")
        assert isinstance(app.screen, ComplaintsScreen)
        await press(pilot, "1")
        assert isinstance(app.screen, TodayScreen)
        line = app.screen.query_one(ReportDueLine)
        assert text_of(line) == "投诉周报 2025-W40 已导出 ✓"
        assert line.has_class("-exported")


async def test_export_refuses_a_bad_month_and_a_folder_that_does_not_exist(
    services: Services, db_url: str, tmp_path: Path
) -> None:
    fill_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "e")
        dialog = shown(app, ExportScreen)
        await pilot.press("shift+tab", "enter", "down", "enter")
        assert dialog.code == "complaints-monthly"
        period = dialog.query_one("#period-input", Input)
        out = dialog.query_one("#out-input", Input)
        assert period.value == "2025-09"
        assert out.value.endswith("每月客户投诉汇总表_2025-09.xlsx")

        period.value = "2025-13"
        await press(pilot, "ctrl+s")
        assert error_under(dialog, "period") == ("月份“2025-13”无效，请按 2026-11 的格式填写。")
        assert not dialog.query_one(ProgressBar).display

        period.value = "2025-10"
        missing = tmp_path / "没有的文件夹" / "投诉.xlsx"
        out.value = str(missing)
        await press(pilot, "ctrl+s")
        assert error_under(dialog, "out") == (
            f"无法保存报表 {missing}：文件夹 {missing.parent} 不存在。"
        )
        assert not missing.parent.exists()

        written = tmp_path / "十月.xlsx"
        out.value = str(written)
        await press(pilot, "ctrl+s")
        assert "投诉 3 条" in text_of(dialog.query_one("#export-done"))
    book = load_workbook(written, read_only=True)
    assert book.sheetnames[0] == "投诉明细"
    book.close()


async def test_export_is_in_the_command_palette(services: Services, db_url: str) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "ctrl+p")
        await press(pilot, *"导出")
        await press(pilot, "enter")
        assert isinstance(app.screen, ExportScreen)


async def test_home_screen_says_when_the_weekly_report_is_due_and_when_it_is_late(
    services: Services, db_url: str, tmp_path: Path
) -> None:
    build_desk(services)
    services.ctx.clock = MomentClock(datetime(2025, 10, 13, 9, 30))
    app = app_for(services, db_url)
    async with running(app) as pilot:
        line = app.screen.query_one(ReportDueLine)
        assert text_of(line) == "投诉周报 2025-W41：周一 10-13 12:00 前导出"
        assert line.has_class("-due")

        services.ctx.clock = MomentClock(datetime(2025, 10, 13, 12, 0))
        line.load()
        await settle(pilot)
        assert text_of(line) == "投诉周报 2025-W41 未导出（应于 10-13 12:00 前）"
        assert line.has_class("-overdue") and not line.has_class("-due")

        reports = ReportService(services.ctx)
        reports.export(
            "complaints-weekly",
            reports.parse_period("complaints-weekly", "2025-W41"),
            tmp_path / "w41.xlsx",
        )
        line.load()
        await settle(pilot)
        assert text_of(line) == "投诉周报 2025-W41 已导出 ✓"
