"""Yardsticks for ``start_app``: Textual apps with no database and no services, headless;
each prints the wall-clock time once its filled table is painted, and exits.

- ``python start_bare.py``: the bare app — a header, one 50-row table and a footer;
- ``python start_bare.py --layout``: the home screen's layout without its data layer — the
  same widgets (queue table, customer pane, status line, a footer with the same keys,
  the width breakpoints) filled with fixed text. The gap between the two is what the
  screen's richness costs; the gap between this and the app is what reading the desk
  costs (its imports, the database, the services).
"""

from __future__ import annotations

import asyncio
import sys
from typing import ClassVar

from first_paint import print_first_paint
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

ROWS = 50
COLUMNS = ("due", "overdue", "reason", "customer", "phone", "attempts", "flag")
WIDTHS = (5, 3, 12, 26, 13, 3, 2)
"""The home screen's queue sets its column widths (it never measures cells); so does its
yardstick."""
PANE = "\n".join(
    ["东莞金奥文化传播实业有限公司", "老客户 · 非会员 · 负责：张丽"]
    + [f"\n段落 {n}\n第一行内容\n  第二行内容" for n in range(5)]
    + ["\n下次回访：2025-12-18"]
)


class Yardstick(App[None]):
    """A table filled on mount; ``ready`` is set once it holds its rows."""

    def __init__(self) -> None:
        super().__init__()
        self.ready = asyncio.Event()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.fill(table)
        table.focus()
        self.ready.set()

    def fill(self, table: DataTable[str]) -> None:
        """Add the columns and rows."""
        raise NotImplementedError


class BareApp(Yardstick):
    """One table of 50 rows."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def fill(self, table: DataTable[str]) -> None:
        table.add_columns(*COLUMNS[:6])
        for row in range(ROWS):
            table.add_row("10-09", str(row % 5), "定期回访", f"客户 {row}", "138 0000 0000", "")


class LayoutApp(Yardstick):
    """The home screen's widgets and keys, filled with fixed text."""

    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (110, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key, "bell", f"键 {key}")
        for key in ("s", "f", "c", "slash", "t", "question_mark", "q")
    ]
    CSS = """
    #pane { width: 36; border: round $secondary; padding: 0 1; }
    Screen.-narrow #body { layout: vertical; }
    Screen.-narrow #pane { width: 1fr; height: 9; }
    #status { height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical():
                yield DataTable(cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="pane"):
                yield Static(PANE)
        with Horizontal(id="status"):
            yield Static("今日成功回访 0/4")
            yield Static("投诉周报 2025-W46 未导出")
            yield Static("共 50 条")
        yield Footer()

    def fill(self, table: DataTable[str]) -> None:
        for label, width in zip(COLUMNS, WIDTHS, strict=True):
            table.add_column(label, width=width)
        for row in range(ROWS):
            table.add_row("10-09", str(row % 5), "定期回访", f"客户 {row}", "138 0000 0000", "", "")


async def main(layout: bool) -> None:
    app: Yardstick = LayoutApp() if layout else BareApp()
    await print_first_paint(app, app.ready)


if __name__ == "__main__":
    asyncio.run(main("--layout" in sys.argv[1:]))
