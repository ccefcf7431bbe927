"""The shared Excel writer: output paths, all-or-nothing files, text that stays text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from gendan_tui.core.services import Services
from gendan_tui.errors import StorageError, UserError
from gendan_tui.reports import complaints_weekly
from gendan_tui.reports.excel import (
    DATE,
    DATETIME,
    INTEGER,
    Column,
    ReportBook,
    check_output_path,
    display_width,
    sheet_name,
)
from gendan_tui.reports.service import ReportService


def test_wide_characters_count_double() -> None:
    assert display_width("abc") == 3
    assert display_width("北京华信") == 8
    assert display_width("ＡＢ１") == 6  # full-width latin and digits
    assert display_width("第一行\n第二行更长") == 10


def test_sheet_names_are_made_valid() -> None:
    assert sheet_name("投诉/明细:2025?") == "投诉明细2025"
    assert len(sheet_name("很长" * 20)) == 31


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("missing/report.xlsx", "report_error.folder_missing"),
        ("a-file.txt/report.xlsx", "report_error.folder_missing"),
        ("folder", "report_error.not_xlsx"),
        ("folder.xlsx", "report_error.is_directory"),
        ("report.csv", "report_error.not_xlsx"),
    ],
)
def test_paths_that_cannot_take_a_report_are_refused(tmp_path: Path, name: str, key: str) -> None:
    (tmp_path / "a-file.txt").write_text("x")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(UserError) as refused:
        check_output_path(tmp_path / name)
    assert refused.value.key == key
    assert str(tmp_path / name) in str(refused.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UserError) as refused:
            check_output_path(folder / "report.xlsx")
        assert refused.value.key == "report_error.not_writable"
    finally:
        folder.chmod(0o700)


def test_a_failure_while_writing_leaves_no_file_behind(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "week.xlsx"
    out.write_bytes(b"last week's good report")

    def broken_rows(start: datetime, end: datetime) -> Iterator[object]:
        raise StorageError("error.db_locked", path="", reason="locked")
        yield  # pragma: no cover

    monkeypatch.setattr(complaints_weekly, "report_rows", broken_rows)
    reports = ReportService(services.ctx)
    with pytest.raises(StorageError):
        reports.export(
            "complaints-weekly", reports.parse_period("complaints-weekly", "2025-W41"), out
        )

    assert out.read_bytes() == b"last week's good report"
    assert [p.name for p in tmp_path.iterdir() if ".xlsx" in p.name] == ["week.xlsx"]


def test_a_failed_save_is_a_user_error_and_leaves_no_part_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.xlsx"
    with pytest.raises(UserError) as refused, ReportBook(out) as book:
        book.table("表", ["标题"], [Column("列")]).add(["值"])

        def disk_full(path: object) -> None:
            Path(str(path)).write_bytes(b"PK")
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(book.workbook, "save", disk_full)
        book.save()
    assert refused.value.key == "report_error.write_failed"
    assert "No space left" in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def test_values_keep_their_kind_and_text_its_characters(tmp_path: Path) -> None:
    out = tmp_path / "kinds.xlsx"
    columns = [Column("文字"), Column("数", INTEGER), Column("日", DATE), Column("时", DATETIME)]
    with ReportBook(out) as book:
        sheet = book.table("种类", ["标题", "副标题"], columns)
        sheet.add(["=A2*2", 7, date(2025, 10, 9), datetime(2025, 10, 9, 8, 5)])
        sheet.add(["响铃\x07之后", None, None, None])
        sheet.add(["@SUM(B3)", 0, None, None])
        book.save()

    ws = openpyxl.load_workbook(out)["种类"]
    first, second, third = (ws[row] for row in (4, 5, 6))
    assert (first[0].value, first[0].data_type, first[0].quotePrefix) == ("=A2*2", "s", True)
    assert first[1].value == 7 and first[1].data_type == "n"
    assert first[2].is_date and first[2].value == datetime(2025, 10, 9)
    assert first[3].is_date and first[3].value == datetime(2025, 10, 9, 8, 5)
    assert second[0].value == "响铃之后"
    assert (third[0].value, third[0].data_type) == ("@SUM(B3)", "s")
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:D1", "A2:D2"}
