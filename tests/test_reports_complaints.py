"""The weekly and monthly complaint reports, read back with openpyxl: the rows, the summary
figures, the analysis, and the house standard every report sheet keeps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from gendan_tui.core import users
from gendan_tui.core.clock import Clock
from gendan_tui.core.complaints import ComplaintForm, Forward, Reply
from gendan_tui.core.services import Services
from gendan_tui.reports.excel import display_width
from gendan_tui.reports.service import ReportService
from tests import factories

FORMULA_LOOKING = ("=1+1", "+86 客户说网站很慢", "@所有人 已清缓存", "-1 分的体验", "#N/A")
HEADER_ROW = 4


@dataclass
class StoppedClock(Clock):
    at: datetime

    def now(self) -> datetime:
        return self.at


@pytest.fixture
def clock(services: Services) -> StoppedClock:
    clock = StoppedClock(datetime(2025, 10, 9, 9, 0))
    services.ctx.clock = clock
    return clock


@pytest.fixture
def week41(services: Services, clock: StoppedClock) -> dict[str, int]:
    """Four complaints in 2025-W41 (10-06 … 10-12), one before and one after it.

    - ``mail`` 10-09 09:15 华信, mailbox, content "=1+1", forwarded to 王工 (technical) with
      2 working days (due 10-11, a make-up Saturday), resolved 10-10, replied by phone 10-13
      (3 working days: 10-10, 10-11, 10-13), closed;
    - ``spot`` 10-09 10:00 华信, website, solved on the spot, reply 0 working days;
    - ``open`` 10-10 16:20 南方, website, "-1 分的体验", still open;
    - ``prod`` 10-11 11:00 华信, domain, "#N/A", forwarded to the production manager with
      3 working days (due 10-15);
    - ``before`` 09-30 and ``after`` 10-13 lie outside the week.
    """
    technician = users.add_account("wanggong", "王工", ["technician"], None)
    hua = factories.customer(services, "北京华信科技有限公司", "13812345678")
    nan = factories.customer(services, "广州南方家具有限公司", "020-87654321")
    take = services.complaints.take
    clock.at = datetime(2025, 9, 30, 8, 45)
    before = take(ComplaintForm(nan, "delivery", "送货晚了"))
    clock.at = datetime(2025, 10, 9, 9, 15)
    mail = take(
        ComplaintForm(
            hua,
            "mailbox",
            "=1+1",
            contact_name="王经理",
            forward=Forward(user_id=technician.id, workdays=2),
        )
    )
    clock.at = datetime(2025, 10, 9, 10, 0)
    spot = take(
        ComplaintForm(
            hua, "website", FORMULA_LOOKING[1], solved_on_spot=True, resolution=FORMULA_LOOKING[2]
        )
    )
    clock.at = datetime(2025, 10, 10, 16, 20)
    still_open = take(ComplaintForm(nan, "website", FORMULA_LOOKING[3], severity="high"))
    clock.at = datetime(2025, 10, 11, 11, 0)
    prod = take(
        ComplaintForm(hua, "domain", FORMULA_LOOKING[4], forward=Forward(role="production_manager"))
    )
    clock.at = datetime(2025, 10, 10, 15, 0)
    detail = services.complaints.detail(mail)
    detail = services.complaints.resolve(mail, detail.version, "重设 MX 记录")
    clock.at = datetime(2025, 10, 13, 10, 30)
    detail = services.complaints.reply(mail, detail.version, Reply("phone", "已告知客户"))
    services.complaints.close(mail, detail.version)
    clock.at = datetime(2025, 10, 13, 11, 0)
    after = take(ComplaintForm(nan, "other", "发票抬头错误"))
    clock.at = datetime(2025, 10, 13, 11, 30)
    return {
        "mail": mail,
        "spot": spot,
        "open": still_open,
        "prod": prod,
        "before": before,
        "after": after,
    }


def export(services: Services, code: str, period: str, out: Path) -> openpyxl.Workbook:
    reports = ReportService(services.ctx)
    reports.export(code, reports.parse_period(code, period), out)
    return openpyxl.load_workbook(out)


def table(ws: Worksheet, header_row: int = HEADER_ROW) -> list[dict[str, object]]:
    """The data rows of a report sheet as dicts keyed by the header in ``header_row``."""
    header = [cell.value for cell in ws[header_row]]
    return [
        dict(zip(header, (cell.value for cell in row), strict=True))
        for row in ws.iter_rows(min_row=header_row + 1)
    ]


def assert_house_standard(ws: Worksheet, header_row: int = HEADER_ROW) -> None:
    """The layout every report sheet keeps."""
    last_column = openpyxl.utils.get_column_letter(ws.max_column)
    assert ws.freeze_panes == f"A{header_row + 1}"
    assert ws.auto_filter.ref == f"A{header_row}:{last_column}{max(ws.max_row, header_row)}"
    assert ws.print_title_rows == f"$1:${header_row}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert all(cell.font.bold for cell in ws[header_row])
    for column in range(1, ws.max_column + 1):
        letter = openpyxl.utils.get_column_letter(column)
        header = str(ws.cell(header_row, column).value)
        assert ws.column_dimensions[letter].width >= display_width(header)


def test_weekly_detail_has_one_row_per_complaint_of_the_week(
    services: Services, week41: dict[str, int], tmp_path: Path
) -> None:
    book = export(services, "complaints-weekly", "2025-W41", tmp_path / "w41.xlsx")

    assert book.sheetnames == ["投诉明细", "汇总"]
    ws = book["投诉明细"]
    assert ws["A1"].value == "客户投诉周报表"
    assert ws["A2"].value == "统计周期：2025-W41（2025-10-06 至 2025-10-12）　投诉共 4 条"
    assert ws["A3"].value == "制表人：张丽　制表时间：2025-10-13 11:30"
    rows = table(ws)
    assert [r["编号"] for r in rows] == [
        week41["mail"],
        week41["spot"],
        week41["open"],
        week41["prod"],
    ]
    mail, spot, still_open, prod = rows
    assert mail == {
        "编号": week41["mail"],
        "受理时间": datetime(2025, 10, 9, 9, 15),
        "客户名称": "北京华信科技有限公司",
        "联系人": "王经理",
        "电话": "138 1234 5678",
        "来源": "来电",
        "投诉类别": "邮箱",
        "严重程度": "一般",
        "投诉内容": "=1+1",
        "受理人": "张丽",
        "处理状态": "已关闭",
        "当场解决": "否",
        "责任部门": "技术部",
        "责任人": "王工",
        "转交时间": datetime(2025, 10, 9, 9, 15),
        "处理期限": datetime(2025, 10, 11),
        "是否超期": "否",
        "处理结果": "重设 MX 记录",
        "解决时间": datetime(2025, 10, 10, 15, 0),
        "回复时间": datetime(2025, 10, 13, 10, 30),
        "回复方式": "电话",
        "回复人": "张丽",
        "回复内容": "已告知客户",
        "回复用时（工作日）": 3,
        "结案时间": datetime(2025, 10, 13, 10, 30),
        "跟进次数": 0,
        "重开次数": 0,
    }
    assert (spot["当场解决"], spot["回复用时（工作日）"], spot["责任部门"]) == ("是", 0, "客服部")
    assert (still_open["处理状态"], still_open["严重程度"], still_open["回复时间"]) == (
        "待处理",
        "严重",
        None,
    )
    assert (prod["责任部门"], prod["责任人"], prod["处理期限"]) == (
        "制作部",
        "制作部经理",
        datetime(2025, 10, 15),
    )


def test_dates_are_dates_and_typed_text_stays_text(
    services: Services, week41: dict[str, int], tmp_path: Path
) -> None:
    ws = export(services, "complaints-weekly", "2025-W41", tmp_path / "w41.xlsx")["投诉明细"]
    received = ws.cell(HEADER_ROW + 1, 2)
    due = ws.cell(HEADER_ROW + 1, 16)
    assert received.is_date and received.number_format == "yyyy-mm-dd h:mm:ss"
    assert due.is_date and due.number_format == "yyyy-mm-dd"

    texts = {
        cell.value: cell
        for row in ws.iter_rows(min_row=HEADER_ROW + 1)
        for cell in row
        if isinstance(cell.value, str)
    }
    for text in FORMULA_LOOKING:
        assert text in texts, text
        assert texts[text].data_type == "s", text
    assert texts["=1+1"].quotePrefix and texts["#N/A"].quotePrefix
    assert "北京华信科技有限公司" in texts and not texts["北京华信科技有限公司"].quotePrefix


def test_weekly_summary_figures(services: Services, week41: dict[str, int], tmp_path: Path) -> None:
    book = export(services, "complaints-weekly", "2025-W41", tmp_path / "w41.xlsx")
    ws = book["汇总"]
    figures = {
        (r["统计维度"], r["项目"]): (
            r["投诉数"],
            r["当场解决数"],
            r["当场解决率"],
            r["已回复数"],
            r["平均回复用时（工作日）"],
            r["未结案数"],
        )
        for r in table(ws)
    }
    assert figures[("合计", "全部")] == (4, 1, 0.25, 2, 1.5, 2)
    assert figures[("投诉类别", "网站")] == (2, 1, 0.5, 1, 0, 1)
    assert figures[("投诉类别", "邮箱")] == (1, 0, 0, 1, 3, 0)
    assert figures[("投诉类别", "域名")] == (1, 0, 0, 0, None, 1)
    assert figures[("投诉类别", "送货安装")] == (0, 0, None, 0, None, 0)
    assert figures[("处理状态", "已关闭")][0] == 2
    assert figures[("处理状态", "待处理")][0] == 1
    assert figures[("处理状态", "已转交")][0] == 1
    assert figures[("责任部门", "客服部")][0] == 2
    assert figures[("责任部门", "技术部")][0] == 1
    assert figures[("责任部门", "制作部")][0] == 1
    categories = [r["项目"] for r in table(ws) if r["统计维度"] == "投诉类别"]
    assert categories[0] == "网站"  # most complaints first
    share = next(cell for cell in ws[HEADER_ROW + 1] if cell.column == 6)
    assert share.number_format == "0.0%"
    assert len(ws._charts) == 1
    assert_house_standard(ws)
    assert_house_standard(book["投诉明细"])


def test_columns_fit_chinese_text(
    services: Services, week41: dict[str, int], tmp_path: Path
) -> None:
    ws = export(services, "complaints-weekly", "2025-W41", tmp_path / "w41.xlsx")["投诉明细"]
    # 北京华信科技有限公司: ten characters, twenty cells wide, plus a margin.
    assert ws.column_dimensions["C"].width == 22
    assert ws.column_dimensions["L"].width == display_width("当场解决") + 2


def test_a_week_without_complaints_is_a_valid_report_saying_so(
    services: Services, tmp_path: Path
) -> None:
    book = export(services, "complaints-weekly", "2025-W30", tmp_path / "empty.xlsx")
    detail, summary = book["投诉明细"], book["汇总"]
    assert detail["A2"].value == "统计周期：2025-W30（2025-07-21 至 2025-07-27）　投诉共 0 条"
    assert detail.cell(HEADER_ROW + 1, 1).value == "本周没有客户投诉。"
    assert detail.max_row == HEADER_ROW + 1
    rows = table(summary)
    assert (rows[0]["项目"], rows[0]["投诉数"], rows[0]["占比"]) == ("全部", 0, None)
    assert rows[-1]["统计维度"] == "本周没有客户投诉。"
    assert summary._charts == []
    assert_house_standard(detail)
    assert_house_standard(summary)


def test_progress_is_reported(services: Services, week41: dict[str, int], tmp_path: Path) -> None:
    told: list[tuple[int, int]] = []
    reports = ReportService(services.ctx)
    result = reports.export(
        "complaints-weekly",
        reports.parse_period("complaints-weekly", "2025-W41"),
        tmp_path / "w41.xlsx",
        progress=lambda done, total: told.append((done, total)),
    )
    assert result.rows == 4 and told[-1] == (4, 4)


def test_monthly_report_with_its_analysis(
    services: Services, week41: dict[str, int], tmp_path: Path
) -> None:
    book = export(services, "complaints-monthly", "2025-10", tmp_path / "m.xlsx")

    assert book.sheetnames == ["投诉明细", "汇总", "环比分析", "类别排名", "重复投诉客户"]
    assert book["投诉明细"]["A1"].value == "每月客户投诉汇总表"
    assert [r["编号"] for r in table(book["投诉明细"])] == [
        week41["mail"],
        week41["spot"],
        week41["open"],
        week41["prod"],
        week41["after"],
    ]

    comparison = book["环比分析"]
    assert comparison["A4"].value == "对比月份：2025-09"
    measures = {r["指标"]: r for r in table(comparison, 5)}
    assert [measures["投诉总数"][k] for k in ("本月", "上月", "增减", "增减率")] == [5, 1, 4, 4.0]
    assert [measures["重复投诉客户数"][k] for k in ("本月", "上月", "增减")] == [2, 0, 2]
    assert [measures["当场解决率"][k] for k in ("本月", "上月", "增减")] == [0.2, 0.0, 0.2]

    ranking = table(book["类别排名"], 5)
    assert [(r["排名"], r["投诉类别"], r["本月"], r["上月"]) for r in ranking[:4]] == [
        (1, "网站", 2, 0),
        (2, "邮箱", 1, 0),
        (2, "域名", 1, 0),
        (2, "其他", 1, 0),
    ]
    delivery = next(r for r in ranking if r["投诉类别"] == "送货安装")
    assert (delivery["本月"], delivery["上月"], delivery["增减"], delivery["增减率"]) == (
        0,
        1,
        -1,
        -1,
    )
    assert len(book["类别排名"]._charts) == 1

    repeat = table(book["重复投诉客户"])
    assert [(r["客户名称"], r["投诉数"], r["未结案数"], r["涉及类别"]) for r in repeat] == [
        ("北京华信科技有限公司", 3, 1, "域名×1、邮箱×1、网站×1"),
        ("广州南方家具有限公司", 2, 2, "其他×1、网站×1"),
    ]
    assert repeat[0]["首次投诉时间"] == datetime(2025, 10, 9, 9, 15)
    assert repeat[0]["最近投诉时间"] == datetime(2025, 10, 11, 11, 0)
    for name in ("投诉明细", "汇总", "重复投诉客户"):
        assert_house_standard(book[name])
    for name in ("环比分析", "类别排名"):
        assert_house_standard(book[name], header_row=5)


def test_a_month_without_complaints(services: Services, tmp_path: Path) -> None:
    book = export(services, "complaints-monthly", "2025-07", tmp_path / "m.xlsx")
    assert book["投诉明细"].cell(HEADER_ROW + 1, 1).value == "本月没有客户投诉。"
    assert book["重复投诉客户"].cell(HEADER_ROW + 1, 1).value == "本月没有重复投诉的客户。"
    measures = {r["指标"]: r for r in table(book["环比分析"], 5)}
    assert measures["投诉总数"]["本月"] == 0 and measures["当场解决率"]["本月"] is None


def test_characters_a_workbook_cannot_hold_are_removed_and_the_rest_kept(
    services: Services, tmp_path: Path
) -> None:
    customer = factories.customer(services)
    content = f"客户说{factories.FORBIDDEN_IN_XML}{factories.KEPT_AS_TYPED}"
    complaint = services.complaints.take(
        ComplaintForm(
            customer,
            "website",
            content,
            contact_name="王\x01经理\uffff",
            solved_on_spot=True,
            resolution=f"\ufffe{factories.KEPT_AS_TYPED}\x1b",
        )
    )
    assert services.complaints.detail(complaint).content == content  # stored as typed

    book = export(services, "complaints-weekly", "2025-W41", tmp_path / "w41.xlsx")

    (row,) = table(book["投诉明细"])
    assert row["投诉内容"] == f"客户说{factories.KEPT_AS_TYPED}"
    assert row["处理结果"] == factories.KEPT_AS_TYPED
    assert row["联系人"] == "王经理"


def test_the_report_speaks_the_chosen_language(
    services: Services, week41: dict[str, int], tmp_path: Path
) -> None:
    from gendan_tui import i18n

    i18n.set_language("en")
    book = export(services, "complaints-weekly", "2025-W41", tmp_path / "w41.xlsx")
    assert book.sheetnames == ["Complaints", "Summary"]
    assert table(book["Complaints"])[0]["Category"] == "Mailbox"
    received = table(book["Complaints"])[0]["Received"]
    assert isinstance(received, datetime) and received.date() == date(2025, 10, 9)
