"""The shared Excel writer: output paths, all-or-nothing files, text that stays text."""

from __future__ import annotations

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
    MAX_CELL_TEXT,
    NUMBER,
    Column,
    ReportBook,
    check_output_path,
    display_width,
    sheet_name,
)
from gendan_tui.reports.service import ReportService
from tests import factories
from tests.unwritable import not_writable


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


def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with not_writable(folder), pytest.raises(UserError) as refused:
        check_output_path(folder / "report.xlsx")
    assert refused.value.key == "report_error.not_writable"


def test_a_read_only_report_file_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "week.xlsx"
    out.write_bytes(b"last week's report")
    with not_writable(out), pytest.raises(UserError) as refused:
        check_output_path(out)
    assert refused.value.key == "report_error.not_writable"


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


def test_no_character_xml_forbids_reaches_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "chars.xlsx"
    lone = "\ud800前\udbff后\udc00\udfff"  # surrogate halves, alone or the wrong way round
    with ReportBook(out) as book:
        sheet = book.table(
            f"表\uffff{lone}", [f"标题\x0b{lone}"], [Column("列\ufffe"), Column("数", NUMBER)]
        )
        sheet.add([f"{lone}{factories.FORBIDDEN_IN_XML}{factories.KEPT_AS_TYPED}", "约\x005"])
        sheet.add([f"={lone}1", None])
        book.save()

    book_read = openpyxl.load_workbook(out)
    assert book_read.sheetnames == ["表前后"]
    ws = book_read["表前后"]
    assert (ws["A1"].value, ws["A2"].value, ws["B2"].value) == ("标题前后", "列", "数")
    assert ws["A3"].value == f"前后{factories.KEPT_AS_TYPED}"
    assert ws["B3"].value == "约5"
    assert (ws["A4"].value, ws["A4"].data_type, ws["A4"].quotePrefix) == ("=前后1", "s", True)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_text_over_the_excel_limit_is_cut_with_a_visible_mark(
    tmp_path: Path, language: str
) -> None:
    from gendan_tui import i18n

    i18n.set_language(language)
    mark = {"zh": "…[已截断]", "en": "…[truncated]"}[language]
    out = tmp_path / "long.xlsx"
    exact = "满" * MAX_CELL_TEXT
    long_text = "长" * (MAX_CELL_TEXT + 1)
    emoji = "😀" * MAX_CELL_TEXT  # each is two of Excel's UTF-16 units
    with ReportBook(out) as book:
        sheet = book.table("长文", ["标题"], [Column("内容")])
        for text in (exact, long_text, emoji, f"-{long_text}"):
            sheet.add([text])
        book.save()

    ws = openpyxl.load_workbook(out)["长文"]
    kept, cut, cut_emoji, guarded = (ws.cell(row, 1) for row in range(3, 7))
    assert kept.value == exact
    assert cut.value == "长" * (MAX_CELL_TEXT - len(mark)) + mark
    assert len(cut_emoji.value.encode("utf-16-le")) // 2 <= MAX_CELL_TEXT
    assert cut_emoji.value == "😀" * ((MAX_CELL_TEXT - len(mark)) // 2) + mark
    assert guarded.value == "-" + "长" * (MAX_CELL_TEXT - len(mark) - 1) + mark
    assert guarded.quotePrefix


@pytest.mark.parametrize(
    "text", ["=SUM(A1)", "+86 138 1234 5678", "-5", "-已处理", "@home", "@SUM(B3)", "#DIV/0!"]
)
def test_text_that_looks_like_a_formula_is_written_as_quoted_text(
    tmp_path: Path, text: str
) -> None:
    out = tmp_path / "formula.xlsx"
    with ReportBook(out) as book:
        book.table("表", ["标题"], [Column("文字"), Column("数", INTEGER)]).add([text, 1])
        book.save()

    cell = openpyxl.load_workbook(out)["表"]["A3"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    plain = openpyxl.load_workbook(out)["表"]["B3"]
    assert (plain.value, plain.quotePrefix) == (1, False)
