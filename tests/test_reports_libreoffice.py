"""The written workbooks open outside openpyxl: LibreOffice converts them headless to CSV and
PDF. Skipped when LibreOffice is not installed (tests/tools/install_libreoffice.sh)."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from gendan_tui.core.clock import FixedClock
from gendan_tui.core.complaints import ComplaintForm, Reply
from gendan_tui.core.services import Services
from gendan_tui.reports.service import ReportService
from tests import factories

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Comma, double quote, UTF-8, from line 1, …, cells as shown, every sheet to its own file.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

# CI sets GENDAN_REQUIRE_SOFFICE, so a missing LibreOffice fails there instead of skipping.
pytestmark = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("GENDAN_REQUIRE_SOFFICE"),
    reason="LibreOffice (soffice) is not installed; run tests/tools/install_libreoffice.sh",
)


def convert(source: Path, target: str, out_dir: Path) -> None:
    """Convert ``source`` with a private LibreOffice profile, so runs never share state."""
    assert SOFFICE is not None
    profile = (out_dir / "profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture
def weekly(services: Services, tmp_path: Path) -> Path:
    assert isinstance(services.ctx.clock, FixedClock)
    customer = factories.customer(services, "北京华信科技有限公司", "13812345678")
    formula = services.complaints.take(ComplaintForm(customer, "website", "=1+1"))
    detail = services.complaints.resolve(formula, 1, "-已处理")
    services.complaints.reply(formula, detail.version, Reply("phone"))
    services.complaints.take(
        ComplaintForm(customer, "mailbox", "收不到信", solved_on_spot=True, resolution="已清理")
    )
    reports = ReportService(services.ctx)
    out = tmp_path / "客户投诉周报表.xlsx"
    reports.export("complaints-weekly", reports.parse_period("complaints-weekly", "2025-W41"), out)
    return out


def test_libreoffice_reads_every_sheet_as_written(weekly: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "csv"
    convert(weekly, CSV_FILTER, out_dir)

    with (out_dir / "客户投诉周报表-投诉明细.csv").open(encoding="utf-8") as handle:
        detail = list(csv.reader(handle))
    assert detail[0][0] == "客户投诉周报表"
    header, first, second = detail[3], detail[4], detail[5]
    assert header[:3] == ["编号", "受理时间", "客户名称"]
    row = dict(zip(header, first, strict=True))
    assert row["投诉内容"] == "=1+1"  # not 2: it stayed text
    assert row["处理结果"] == "-已处理"
    assert row["客户名称"] == "北京华信科技有限公司"
    received = datetime.strptime(row["受理时间"], "%Y-%m-%d %H:%M:%S")
    assert received.date() == date(2025, 10, 9)
    assert dict(zip(header, second, strict=True))["当场解决"] == "是"

    with (out_dir / "客户投诉周报表-汇总.csv").open(encoding="utf-8") as handle:
        summary = list(csv.reader(handle))
    total = dict(zip(summary[3], summary[4], strict=True))
    assert (total["投诉数"], total["当场解决率"], total["未结案数"]) == ("2", "50.0%", "1")


def test_libreoffice_prints_it_to_pdf(weekly: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "pdf"
    convert(weekly, "pdf", out_dir)
    pdf = (out_dir / "客户投诉周报表.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5000


def test_libreoffice_opens_a_report_of_troublesome_text(services: Services, tmp_path: Path) -> None:
    customer = factories.customer(services)
    services.complaints.take(
        ComplaintForm(
            customer, "website", f"客户说{factories.FORBIDDEN_IN_XML}{factories.KEPT_AS_TYPED}"
        )
    )
    reports = ReportService(services.ctx)
    out = tmp_path / "周报.xlsx"
    reports.export("complaints-weekly", reports.parse_period("complaints-weekly", "2025-W41"), out)
    out_dir = tmp_path / "csv"
    convert(out, CSV_FILTER, out_dir)

    with (out_dir / "周报-投诉明细.csv").open(encoding="utf-8", newline="") as handle:
        header, row = list(csv.reader(handle))[3:5]
    assert dict(zip(header, row, strict=True))["投诉内容"] == f"客户说{factories.KEPT_AS_TYPED}"
