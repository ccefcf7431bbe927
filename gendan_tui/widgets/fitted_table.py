"""A row table whose customer column takes whatever width the other columns leave."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar, Generic, TypeVar

from rich.cells import cell_len
from rich.style import StyleType
from rich.text import Text
from textual.widgets import DataTable

from gendan_tui.i18n import t
from gendan_tui.widgets.keys import localize_bindings

Item = TypeVar("Item")

NARROWEST_CUSTOMER = 12


def cell(value: str, style: StyleType = "") -> Text:
    """A table cell that is never read as markup and never wraps."""
    return Text(value, style=style, no_wrap=True, overflow="ellipsis", end="")


class FittedTable(DataTable[Text], Generic[Item]):
    """Shows plain items as rows; subclasses name the columns and build widths and cells."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    HEADER_PREFIX: ClassVar[str] = ""
    """Translation-key prefix of the column headers, ending in a dot."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        localize_bindings(self)
        self.items: tuple[Item, ...] = ()
        self.today = date.min
        self.widths: dict[str, int] = {}

    def show(self, items: Sequence[Item], today: date) -> None:
        """Replace the rows with ``items`` (the cursor is left for the caller to place)."""
        self.items = tuple(items)
        self.today = today
        widths = self._widths()
        if widths != self.widths:
            self.widths = widths
            self.clear(columns=True)
            for key in self.COLUMNS:
                self.add_column(t(f"{self.HEADER_PREFIX}{key}"), width=widths[key], key=key)
        else:
            self.clear()
        for item in self.items:
            self.add_row(*self._cells(item), key=self._row_key(item))

    @property
    def current(self) -> Item | None:
        """The item under the cursor, if any."""
        if not self.items or not 0 <= self.cursor_row < len(self.items):
            return None
        return self.items[self.cursor_row]

    def place_cursor(self, item_id: int | None, fallback_row: int) -> None:
        """Put the cursor on the item keyed ``item_id`` if it is still listed, else on
        ``fallback_row`` (the row that moved up into the place of the one just handled)."""
        if not self.items:
            return
        keys = [self._row_key(item) for item in self.items]
        wanted = str(item_id)
        row = keys.index(wanted) if wanted in keys else min(fallback_row, len(keys) - 1)
        self.move_cursor(row=max(row, 0), animate=False)

    def on_resize(self) -> None:
        """Give the customer column whatever width the others leave."""
        if self.widths and self._widths() != self.widths:
            row = self.cursor_row
            self.show(self.items, self.today)
            self.move_cursor(row=row, animate=False)

    def _fit(self, content: dict[str, int]) -> dict[str, int]:
        """Widen columns to their headers and give the customer column the rest."""
        widths = {
            key: max(width, cell_len(t(f"{self.HEADER_PREFIX}{key}")))
            for key, width in content.items()
        }
        padding = 2 * self.cell_padding * len(self.COLUMNS)
        scrollbar = self.styles.scrollbar_size_vertical
        spare = self.size.width - sum(widths.values()) - padding - scrollbar
        widths["customer"] = max(NARROWEST_CUSTOMER, spare)
        return widths

    def _widths(self) -> dict[str, int]:
        raise NotImplementedError

    def _cells(self, item: Item) -> list[Text]:
        raise NotImplementedError

    def _row_key(self, item: Item) -> str:
        raise NotImplementedError
