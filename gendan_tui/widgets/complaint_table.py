"""A list of complaints as a table: one row per complaint, overdue ones and customers with
frequent problems marked."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType

from gendan_tui.core.complaint_lists import ComplaintListItem
from gendan_tui.core.complaint_terms import SEVERITIES, STATUSES
from gendan_tui.i18n import t
from gendan_tui.widgets.fitted_table import FittedTable, cell
from gendan_tui.widgets.queue_table import MOVE, due_text

COLUMNS = (
    "no",
    "received",
    "customer",
    "category",
    "severity",
    "status",
    "responsible",
    "due",
    "overdue",
    "flag",
)
CONTENT_WIDTHS = {"no": 5, "responsible": 12, "overdue": 3, "flag": 2}
WIDEST_CATEGORY = 12


def responsible(item: ComplaintListItem) -> str:
    """Who has the complaint now: the person, else the role it was forwarded to."""
    if item.assignee:
        return item.assignee
    if item.assignee_role:
        return t(f"role.{item.assignee_role}")
    return ""


class ComplaintTable(FittedTable[ComplaintListItem]):
    """Complaints keyed by id, so the cursor can stay on one when the list is read again."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "ui.key.down", id="complaint.down", group=MOVE),
        Binding("k,up", "cursor_up", "ui.key.up", id="complaint.up", group=MOVE),
        Binding(
            "enter",
            "select_cursor",
            "ui.key.open",
            tooltip="ui.complaints.open_long",
            id="complaint.open",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"complaints--overdue", "complaints--flag"}

    COLUMNS = COLUMNS
    HEADER_PREFIX = "ui.complaints.col."

    def _widths(self) -> dict[str, int]:
        other_year = any(
            item.received_at.year != self.today.year
            or (item.due_on is not None and item.due_on.year != self.today.year)
            for item in self.items
        )
        dates = 8 if other_year else 5
        widths = {
            **CONTENT_WIDTHS,
            "received": dates,
            "due": dates,
            "category": min(
                WIDEST_CATEGORY,
                max((cell_len(item.category_name) for item in self.items), default=4),
            ),
            "severity": max(cell_len(t(f"severity.{code}")) for code in SEVERITIES),
            "status": max(cell_len(t(f"status.{code}")) for code in STATUSES),
        }
        return self._fit(widths)

    def _cells(self, item: ComplaintListItem) -> list[Text]:
        late = self.get_component_rich_style("complaints--overdue") if item.overdue else ""
        flag = self.get_component_rich_style("complaints--flag")
        return [
            cell(str(item.id)),
            cell(due_text(item.received_at.date(), self.today)),
            cell(item.customer_name),
            cell(item.category_name),
            cell(t(f"severity.{item.severity}")),
            cell(t(f"status.{item.status}")),
            cell(responsible(item)),
            cell(due_text(item.due_on, self.today) if item.due_on else "", late),
            cell(str(item.workdays_overdue) if item.workdays_overdue else "", late),
            cell(t("ui.queue.flag_mark") if item.frequent else "", flag),
        ]

    def _row_key(self, item: ComplaintListItem) -> str:
        return str(item.id)
