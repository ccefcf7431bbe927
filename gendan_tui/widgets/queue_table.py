"""The callback queue as a table: one row per callback, coloured by how urgent it is."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType

from gendan_tui.core import callback_rules as rules
from gendan_tui.core.callbacks import QueueItem
from gendan_tui.i18n import t
from gendan_tui.widgets.fitted_table import FittedTable, cell

MOVE = Binding.Group("ui.key.move", compact=True)

COLUMNS = ("due", "overdue", "reason", "customer", "phone", "attempts", "flag")
CONTENT_WIDTHS = {"overdue": 3, "phone": 13, "attempts": 2, "flag": 2}
WIDEST_REASON = 17


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
            cell(due_text(item.due_on, self.today), urgency),
            cell(str(item.days_overdue) if item.days_overdue else "", urgency),
            cell(t(f"reason.{item.reason}")),
            cell(item.customer_name),
            cell(item.phone),
            cell(str(item.attempts) if item.attempts else ""),
            cell(t("ui.queue.flag_mark") if item.frequent else "", flag),
        ]

    def _row_key(self, item: QueueItem) -> str:
        return str(item.task_id)
