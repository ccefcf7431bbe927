"""The callback queue as a table: one row per callback, coloured by how urgent it is."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.style import StyleType
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from gendan_tui.core.callbacks import QueueItem
from gendan_tui.i18n import t
from gendan_tui.widgets.keys import localize_bindings

MOVE = Binding.Group("ui.key.move", compact=True)

COLUMNS: tuple[tuple[str, int], ...] = (
    ("due", 8),
    ("overdue", 4),
    ("reason", 12),
    ("customer", 20),
    ("phone", 13),
    ("attempts", 4),
    ("flag", 2),
)


def _cell(value: str, style: StyleType = "") -> Text:
    """A table cell that is never read as markup and never wraps."""
    return Text(value, style=style, no_wrap=True, overflow="ellipsis", end="")


def due_text(due_on: date, today: date) -> str:
    """The due date, with a two-digit year only when it is not this year's."""
    return due_on.strftime("%m-%d" if due_on.year == today.year else "%y-%m-%d")


class QueueTable(DataTable[Text]):
    """Today's callbacks; rows are keyed by callback id so the cursor can follow one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "ui.key.down", id="queue.down", group=MOVE),
        Binding("k,up", "cursor_up", "ui.key.up", id="queue.up", group=MOVE),
        Binding(
            "enter",
            "select_cursor",
            "ui.key.open",
            tooltip="ui.key.open_long",
            id="customer.open",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "queue--overdue",
        "queue--today",
        "queue--window",
        "queue--flag",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        localize_bindings(self)
        self.items: tuple[QueueItem, ...] = ()

    def on_mount(self) -> None:
        for key, width in COLUMNS:
            self.add_column(t(f"ui.queue.col.{key}"), width=width, key=key)

    def show(self, items: Sequence[QueueItem], today: date) -> None:
        """Replace the rows with ``items`` (the cursor is left for the caller to place)."""
        self.items = tuple(items)
        self.clear()
        for item in self.items:
            self.add_row(*self._cells(item, today), key=str(item.task_id))

    def _cells(self, item: QueueItem, today: date) -> list[Text]:
        urgency = self.get_component_rich_style(f"queue--{item.urgency}")
        flag = self.get_component_rich_style("queue--flag")
        return [
            _cell(due_text(item.due_on, today), urgency),
            _cell(str(item.days_overdue) if item.days_overdue else "", urgency),
            _cell(t(f"reason.{item.reason}")),
            _cell(item.customer_name),
            _cell(item.phone),
            _cell(str(item.attempts) if item.attempts else ""),
            _cell(t("ui.queue.flag_mark") if item.frequent else "", flag),
        ]

    @property
    def current(self) -> QueueItem | None:
        """The callback under the cursor, if any."""
        if not self.items or not 0 <= self.cursor_row < len(self.items):
            return None
        return self.items[self.cursor_row]

    def place_cursor(self, task_id: int | None, fallback_row: int) -> None:
        """Put the cursor on ``task_id`` if it is still listed, else on ``fallback_row``
        (the row that moved up into the place of the one just handled)."""
        if not self.items:
            return
        rows = [item.task_id for item in self.items]
        row = rows.index(task_id) if task_id in rows else min(fallback_row, len(rows) - 1)
        self.move_cursor(row=max(row, 0), animate=False)
