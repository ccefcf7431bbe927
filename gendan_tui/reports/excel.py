"""The house standard for every Excel report, written in openpyxl's streaming mode.

Each sheet is one table under its title rows: Chinese sheet name, column widths that fit
Chinese text (a CJK character counts as two), the header row frozen and filtered, dates
stored as dates with a number format, A4 landscape with the title rows repeated on every
printed page. Text typed by users is always stored as text: a value beginning with
``=``, ``+``, ``-`` or ``@`` is forced to a string cell with Excel's quote prefix, so it can
never turn into a formula. Every text cell first goes through :func:`clean_text`, so no
character XML forbids and no over-long text can make a workbook Excel refuses to open. The workbook is written to a temporary file beside the target
and renamed into place, so an error never leaves half a file behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len

from gendan_tui import i18n
from gendan_tui.errors import UserError
from gendan_tui.reports.spec import Progress

TEXT = "text"
INTEGER = "integer"
NUMBER = "number"
DECIMAL = "decimal"
PERCENT = "percent"
DATE = "date"
DATETIME = "datetime"

PERCENT_FORMAT = "0.0%"
DECIMAL_FORMAT = "0.0"

SAMPLE_ROWS = 500
MAX_CELL_TEXT = 32767
MAX_SHEET_NAME = 31
FORMULA_STARTS = ("=", "+", "-", "@")
_SHEET_NAME_FORBIDDEN = set("[]:*?/\\")
# What XML 1.0 does not allow in a document: the C0 controls but tab, newline and carriage
# return, the surrogate halves (a str may hold one alone), and U+FFFE and U+FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_TITLE_FONT = Font(bold=True, size=14)
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_THIN = Side(style="thin", color="999999")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FIXED_WIDTHS = {DATE: 11, DATETIME: 19}
_NUMBER_FORMATS = {PERCENT: PERCENT_FORMAT, DECIMAL: DECIMAL_FORMAT}
# The first characters of every text that has to be stored with the quote prefix.
_RISKY_FIRST = frozenset(FORMULA_STARTS) | {code[0] for code in ERROR_CODES}


class Column(NamedTuple):
    """One column of a table: its header and what kind of values it holds."""

    header: str
    kind: str = TEXT
    min_width: int = 6
    max_width: int = 50


def display_width(text: str) -> int:
    """How many character cells the widest line of ``text`` takes, as the terminal counts
    them (wide CJK and full-width characters count two), so columns fit Chinese text."""
    return max((cell_len(line) for line in text.splitlines()), default=0)


def clean_text(value: str) -> str:
    """``value`` as a cell can hold it: characters XML forbids are removed (they show
    nothing a reader could miss, and a mark for each would litter pasted text), and a text
    over Excel's limit is cut to it ending in a visible truncation mark.

    Excel counts the limit in UTF-16 units, so a character beyond U+FFFF counts two.
    """
    if _XML_FORBIDDEN.search(value):
        value = _XML_FORBIDDEN.sub("", value)
    if len(value) <= MAX_CELL_TEXT // 2:
        return value
    units = value.encode("utf-16-le")
    if len(units) <= 2 * MAX_CELL_TEXT:
        return value
    mark = i18n.t("report.truncated")
    room = 2 * (MAX_CELL_TEXT - len(mark.encode("utf-16-le")) // 2)
    # A pair cut in half at the end is dropped whole.
    return units[:room].decode("utf-16-le", errors="ignore") + mark


def sheet_name(text: str) -> str:
    """A valid sheet name for ``text``: forbidden characters dropped, at most 31 characters."""
    cleaned = "".join(ch for ch in clean_text(text) if ch not in _SHEET_NAME_FORBIDDEN).strip("'")
    return cleaned[:MAX_SHEET_NAME] or "Sheet"


def _width_of(value: Any) -> int:
    if isinstance(value, Cell):
        value = value.value
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:.1f}")
    return display_width(str(value))


def check_output_path(out: Path | str) -> Path:
    """The absolute path to write, or a clear refusal when it cannot be written there."""
    path = Path(out).expanduser()
    if path.suffix.lower() != ".xlsx":
        raise UserError("report_error.not_xlsx", path=str(path))
    path = path.absolute()
    if path.is_dir():
        raise UserError("report_error.is_directory", path=str(path))
    folder = path.parent
    if not folder.is_dir():
        raise UserError("report_error.folder_missing", path=str(path), folder=str(folder))
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError("report_error.not_writable", path=str(path))
    return path


class ReportBook:
    """A streaming workbook that lands at ``out`` only when it has been written completely.

    Use as a context manager; :meth:`save` writes a temporary file in the target folder
    and renames it over ``out``. Leaving the block by an error removes the temporary file.
    """

    def __init__(self, out: Path | str) -> None:
        self.out = check_output_path(out)
        self.workbook = Workbook(write_only=True)
        self._temp: Path | None = None
        self.sheets: list[TableSheet] = []

    def __enter__(self) -> ReportBook:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            self._discard_streams()
        if self._temp is not None and self._temp.exists():
            self._temp.unlink()

    def _discard_streams(self) -> None:
        """Remove the scratch files openpyxl streams each sheet into, after a failure."""
        for sheet in self.sheets:
            writer = sheet.ws._writer
            if writer is None:
                continue
            with contextlib.suppress(Exception):
                if sheet.ws._rows is not None:
                    sheet.ws._rows.close()
                writer.close()
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()

    def table(self, name: str, title_lines: Sequence[str], columns: Sequence[Column]) -> TableSheet:
        """Add a sheet holding one table (sheets appear in the order they are added)."""
        sheet = TableSheet(self.workbook.create_sheet(sheet_name(name)), title_lines, columns)
        self.sheets.append(sheet)
        return sheet

    def save(self) -> Path:
        """Finish every sheet, write the file beside the target, and move it into place."""
        for sheet in self.sheets:
            sheet.finish()
        self._temp = self.out.with_name(f".{self.out.stem}.{secrets.token_hex(4)}.xlsx.part")
        try:
            self.workbook.save(self._temp)
            os.replace(self._temp, self.out)
        except OSError as exc:
            raise UserError("report_error.write_failed", path=str(self.out), reason=exc) from exc
        self._temp = None
        return self.out


class TableSheet:
    """One sheet: title rows, a header row and data rows, written as a stream.

    The first rows are held back until there are enough of them to size the columns
    (openpyxl must know the widths before the first row is written), then everything
    streams straight to disk.
    """

    def __init__(
        self,
        ws: WriteOnlyWorksheet,
        title_lines: Sequence[str],
        columns: Sequence[Column],
        sample: int = SAMPLE_ROWS,
    ) -> None:
        self.ws = ws
        self.columns = tuple(columns)
        self.title_lines = tuple(title_lines)
        self.header_row = len(self.title_lines) + 1
        self.rows = 0
        self._sample = sample
        self._held: list[Sequence[Any]] | None = []
        self._texts = [i for i, column in enumerate(self.columns) if column.kind == TEXT]
        self._others = [i for i, column in enumerate(self.columns) if column.kind != TEXT]
        self._formats = [
            (i, _NUMBER_FORMATS[column.kind])
            for i, column in enumerate(self.columns)
            if column.kind in _NUMBER_FORMATS
        ]
        self._finished = False

    @property
    def first_data_row(self) -> int:
        """The sheet row of the first data row."""
        return self.header_row + 1

    @property
    def last_row(self) -> int:
        """The sheet row of the last data row (the header row while there are none)."""
        return self.header_row + self.rows

    @property
    def last_column(self) -> str:
        """The letter of the table's last column."""
        return cast(str, get_column_letter(len(self.columns)))

    def add(self, values: Sequence[Any]) -> None:
        """Append one data row; its values follow the columns' kinds."""
        self.rows += 1
        if self._held is not None:
            self._held.append(values)
            if len(self._held) >= self._sample:
                self._start()
            return
        self.ws.append(self._cells(values))

    def note(self, text: str) -> None:
        """A line of text across the table, such as "there were no complaints this week"."""
        self.add([text, *([None] * (len(self.columns) - 1))])
        row = self.last_row
        if len(self.columns) > 1:
            self.ws.merged_cells.add(f"A{row}:{self.last_column}{row}")

    def finish(self) -> None:
        """Write what is held back and the table's filter (idempotent)."""
        if self._finished:
            return
        if self._held is not None:
            self._start()
        self.ws.auto_filter.ref = f"A{self.header_row}:{self.last_column}{self.last_row}"
        self._finished = True

    def _start(self) -> None:
        """Size the columns from the header and the rows held so far, set up the sheet and
        write the title rows, the header and the held rows."""
        held = self._held or []
        self._held = None
        ws = self.ws
        for index, column in enumerate(self.columns):
            if column.kind in _FIXED_WIDTHS:
                width = _FIXED_WIDTHS[column.kind]
            else:
                width = max((_width_of(row[index]) for row in held), default=0)
            width = max(width, display_width(column.header), column.min_width)
            ws.column_dimensions[get_column_letter(index + 1)].width = (
                min(width, column.max_width) + 2
            )
        ws.freeze_panes = f"A{self.first_data_row}"
        ws.print_title_rows = f"1:{self.header_row}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.oddFooter.center.text = i18n.t("report.page_footer")
        for number, line in enumerate(self.title_lines, start=1):
            cell = WriteOnlyCell(ws, clean_text(line))
            if number == 1:
                cell.font = _TITLE_FONT
            ws.append([cell])
            if len(self.columns) > 1:
                ws.merged_cells.add(f"A{number}:{self.last_column}{number}")
        ws.append([self._header_cell(column.header) for column in self.columns])
        for values in held:
            ws.append(self._cells(values))

    def _header_cell(self, header: str) -> Cell:
        cell = self._text_cell(header)
        if not isinstance(cell, Cell):
            cell = WriteOnlyCell(self.ws, cell)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGN
        cell.border = _HEADER_BORDER
        return cell

    def _cells(self, values: Sequence[Any]) -> list[Any]:
        """One row as openpyxl should write it. Runs for every row of a big report, so the
        common case (plain text, numbers, dates) is passed through untouched; any other
        text is guarded by :meth:`_text_cell` and text in other columns cleaned; dates and
        datetimes get openpyxl's own number formats (yyyy-mm-dd, yyyy-mm-dd h:mm:ss)."""
        row = list(values)
        if len(row) != len(self.columns):
            raise ValueError(f"{len(row)} values for {len(self.columns)} columns")
        for index in self._texts:
            value = row[index]
            if value.__class__ is str:
                if not value:
                    row[index] = None
                elif (
                    value[0] in _RISKY_FIRST
                    or not value.isprintable()
                    or len(value) > MAX_CELL_TEXT // 2
                ):
                    row[index] = self._text_cell(value)
            elif value is not None:
                row[index] = self._text_cell(value)
        for index in self._others:
            if row[index].__class__ is str:
                row[index] = clean_text(row[index])
        for index, number_format in self._formats:
            if row[index] is not None:
                row[index] = self.formatted(row[index], number_format)
        return row

    def _text_cell(self, value: Any) -> Any:
        """A string cell that stays a string whatever it starts with."""
        if value is None or value == "":
            return None
        text = clean_text(value if isinstance(value, str) else str(value))
        if text.startswith(FORMULA_STARTS) or text in ERROR_CODES:
            cell = WriteOnlyCell(self.ws, text)
            cell.data_type = "s"
            cell.quotePrefix = True
            return cell
        return text

    def formatted(self, value: Any, number_format: str) -> Any:
        """``value`` with its own number format, for a column of mixed figures (kind
        ``NUMBER``), such as counts and shares side by side."""
        if value is None:
            return None
        cell = WriteOnlyCell(self.ws, value)
        cell.number_format = number_format
        return cell


class ProgressCounter:
    """Counts written rows and tells ``progress`` every ``step`` rows and at the end."""

    def __init__(self, progress: Progress | None, total: int, step: int = 1000) -> None:
        self.progress = progress
        self.total = total
        self.step = step
        self.done = 0

    def tick(self) -> None:
        """One more row written."""
        self.done += 1
        if self.progress is not None and self.done % self.step == 0:
            self.progress(self.done, max(self.total, self.done))

    def finish(self) -> None:
        """Tell the final count."""
        if self.progress is not None:
            self.progress(self.done, max(self.total, self.done))
