"""``gendan report`` run in-process through ``cli.main``."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from gendan_tui import cli
from gendan_tui.core.complaints import ComplaintForm
from gendan_tui.core.services import Services
from gendan_tui.store.models import ReportExport
from tests import factories


@pytest.fixture
def complaint_db(services: Services, db_url: str) -> str:
    customer = factories.customer(services, "北京华信科技有限公司", "13812345678")
    services.complaints.take(ComplaintForm(customer, "website", '=HYPERLINK("x")'))
    return db_url


def export_week_41(db_url: str, out: Path) -> int:
    """Run ``gendan report complaints-weekly`` for 2025-W41 into ``out``; its exit status."""
    return cli.main(
        ["report", "complaints-weekly", "--week", "2025-W41", "--out", str(out), "--db", db_url]
    )


def test_list_names_every_report_and_when_it_is_due(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "complaints-weekly\t客户投诉周报表\t每周一 12:00 前（上周）",
        "complaints-monthly\t每月客户投诉汇总表\t每月 3 日前（上月）",
    ]


def test_weekly_export(
    complaint_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "周报.xlsx"
    code = export_week_41(complaint_db, out)
    assert code == 0
    assert f"保存在 {out}" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out)["投诉明细"]
    assert ws["C5"].value == "北京华信科技有限公司"
    assert (ws["I5"].value, ws["I5"].data_type) == ('=HYPERLINK("x")', "s")
    export = ReportExport.get()
    assert (export.code, export.period, export.rows, export.user.login) == (
        "complaints-weekly",
        "2025-W41",
        1,
        "zhangli",
    )


def test_monthly_export_defaults_to_last_month_in_the_current_folder(
    complaint_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code = cli.main(["report", "complaints-monthly", "--db", complaint_db, "--date", "2025-11-02"])
    assert code == 0
    book = openpyxl.load_workbook(tmp_path / "每月客户投诉汇总表_2025-10.xlsx")
    assert book["投诉明细"]["A2"].value.startswith("统计月份：2025-10")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["complaints-weekly", "--week", "2026-W60"], "周次“2026-W60”无效"),
        (["complaints-weekly", "--week", "48"], "2026-W48"),
        (["complaints-monthly", "--month", "2026-13"], "月份“2026-13”无效"),
    ],
)
def test_malformed_periods_are_refused_with_status_2(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["report", *args, "--out", str(tmp_path / "r.xlsx")])
    assert code == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert err.startswith("gendan: ") and message in err
    assert not (tmp_path / "r.xlsx").exists()


def test_malformed_week_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["--lang", "en", "report", "complaints-weekly", "--week", "last"])
    assert code == cli.EXIT_USER_ERROR
    assert '"last" is not a valid week; write it like 2026-W48' in capsys.readouterr().err


def test_an_unwritable_output_path_is_refused(
    complaint_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "w.xlsx"
    code = export_week_41(complaint_db, out)
    assert code == cli.EXIT_USER_ERROR
    assert f"无法保存报表 {out}：文件夹 {out.parent} 不存在" in capsys.readouterr().err
    assert ReportExport.select().count() == 0
