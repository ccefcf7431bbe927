"""The callback queue as a table: one row per callback, coloured by how urgent it is."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.style import StyleType
from rich.text import Text
from textual.binding import Binding, BindingType

from gendan_tui.core import callback_rules as rules
from gendan_tui.core.callbacks import QueueItem
from gendan_tui.i18n import t
from gendan_tui.widgets.fitted_table import FittedTable

MOVE = Binding.Group("ui.key.move", compact=True)

COLUMNS = ("due", "overdue", "reason", "customer", "phone", "attempts", "flag")
CONTENT_WIDTHS = {"overdue": 3, "phone": 13, "attempts": 2, "flag": 2}
WIDEST_REASON = 17


def _cell(value: str, style: StyleType = "") -> Text:
    """A table cell that is never read as markup and never wraps."""
    return Text(value, style=style, no_wrap=True, overflow="ellipsis", end="")


def due_text(due_on: date, today: date) -> str:
    """The due date, with a two-digit year only when it is not this year's."""
    return due_on.strftime("%m-%d" if due_on.year == today.year else "%y-%m-%d")


class QueueTable(FittedTable[QueueItem]):
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

    COLUMNS = COLUMNS
    HEADER_PREFIX = "ui.queue.col."

    def _widths(self) -> dict[str, int]:
        """Column widths: the content's (or the header's) for all but the customer's name,
        which takes the rest of the table's width."""
        other_year = any(item.due_on.year != self.today.year for item in self.items)
        widths = {
            **CONTENT_WIDTHS,
            "due": 8 if other_year else 5,
            "reason": min(
                WIDEST_REASON, max(cell_len(t(f"reason.{code}")) for code in rules.REASONS)
            ),
        }
        return self._fit(widths)

    def _cells(self, item: QueueItem) -> list[Text]:
        urgency = self.get_component_rich_style(f"queue--{item.urgency}")
        flag = self.get_component_rich_style("queue--flag")
        return [
            _cell(due_text(item.due_on, self.today), urgency),
            _cell(str(item.days_overdue) if item.days_overdue else "", urgency),
            _cell(t(f"reason.{item.reason}")),
            _cell(item.customer_name),
            _cell(item.phone),
            _cell(str(item.attempts) if item.attempts else ""),
            _cell(t("ui.queue.flag_mark") if item.frequent else "", flag),
        ]

    def _row_key(self, item: QueueItem) -> str:
        return str(item.task_id)

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
