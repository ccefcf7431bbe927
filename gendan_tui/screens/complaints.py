"""The complaints screen (key 3): the open, overdue, own and this week's complaints.

The list is read in a worker whenever the screen comes back into view (after a dialog, the
detail view or another screen), so it always shows the latest state; the cursor stays on
the complaint it was on.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static, Tab, Tabs

from gendan_tui.core.complaint_lists import (
    MINE_VIEW,
    OPEN_VIEW,
    OVERDUE_VIEW,
    VIEWS,
    WEEK_VIEW,
    ComplaintList,
    ComplaintListItem,
)
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppScreen
from gendan_tui.screens.complaint_detail import ComplaintDetailScreen
from gendan_tui.widgets.complaint_table import ComplaintTable, responsible
from gendan_tui.widgets.keys import key_in_force
from gendan_tui.widgets.keys_footer import KeysFooter

VIEW_KEYS = {OPEN_VIEW: "o", OVERDUE_VIEW: "d", MINE_VIEW: "m", WEEK_VIEW: "w"}
VIEWS_GROUP = Binding.Group("ui.complaints.views", compact=True)


class ComplaintsScreen(AppScreen):
    """One list of complaints at a time, chosen with o / d / m / w; Enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                key,
                f"view('{view}')",
                f"complaint_view.{view}",
                tooltip=f"ui.complaints.view_{view}_long",
                id=f"complaint.view_{view}",
                group=VIEWS_GROUP,
            )
            for view, key in VIEW_KEYS.items()
        ),
        Binding(
            "e",
            "app.export_reports",
            "ui.export.key",
            tooltip="ui.export.key_long",
            id="complaint.export",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="complaints")
        self.view = OPEN_VIEW
        self.listing: ComplaintList | None = None
        self.keep: tuple[int | None, int] = (None, 0)
        """Where the cursor goes once the list is read again: a complaint id, else a row."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs(
            *(
                Tab(
                    t(
                        "ui.complaints.tab",
                        letter=key_in_force(self, f"complaint.view_{view}", VIEW_KEYS[view]),
                        name=t(f"complaint_view.{view}"),
                    ),
                    id=view,
                )
                for view in VIEWS
            ),
            active=self.view,
            id="complaint-views",
        )
        with Vertical(id="complaints-box"):
            yield ComplaintTable(id="complaint-list")
            yield Static(t("ui.complaints.loading"), id="complaints-empty")
        yield Static("", id="complaint-preview")
        with Horizontal(id="complaints-status"):
            yield Static("", id="complaints-count")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = f"{t('app.title')} · {t('ui.complaints.title')}"
        self.query_one(Tabs).can_focus = False
        self.query_one(ComplaintTable).focus()
        self.show_box_title()

    def on_screen_resume(self) -> None:
        self.load()

    # Reading -------------------------------------------------------------------------

    def load(self, *, keep_cursor: bool = True) -> None:
        """Read the chosen list in a worker, keeping the cursor on its complaint (or, for
        another list, starting at the top)."""
        current = self.current
        if not keep_cursor:
            self.keep = (None, 0)
        elif current is not None:
            self.keep = (current.id, self.query_one(ComplaintTable).cursor_row)
        self.call_service(partial(self.services.complaints.listing, self.view), self.list_read)

    def list_read(self, listing: ComplaintList) -> None:
        """Show a list read in the background, if it is still the one asked for."""
        if listing.view == self.view:
            self.show_list(listing)

    def show_list(self, listing: ComplaintList) -> None:
        """Fill the table and the count from ``listing``."""
        self.listing = listing
        table = self.query_one(ComplaintTable)
        table.show(listing.items, listing.day)
        table.place_cursor(*self.keep)
        empty = not listing.items
        table.display = not empty
        placeholder = self.query_one("#complaints-empty", Static)
        placeholder.update(t(f"ui.complaints.empty_{listing.view}"))
        placeholder.display = empty
        count = self.query_one("#complaints-count", Static)
        if listing.total > len(listing.items):
            count.update(
                t("ui.complaints.count_more", shown=len(listing.items), total=listing.total)
            )
        else:
            count.update(t("ui.complaints.count", total=listing.total))
        self.show_preview()

    def show_box_title(self) -> None:
        box = self.query_one("#complaints-box")
        box.border_title = t(f"ui.complaints.box_{self.view}")

    def show_preview(self) -> None:
        """The highlighted complaint's content and who has it, under the table."""
        item = self.current
        preview = self.query_one("#complaint-preview", Static)
        preview.display = item is not None
        if item is not None:
            preview.update(self.preview_text(item))

    @staticmethod
    def preview_text(item: ComplaintListItem) -> Text:
        text = Text(f"#{item.id} {item.customer_name}", style="bold")
        if item.phone:
            text.append(f"  {item.phone}")
        who = responsible(item)
        text.append(f"  {t('ui.complaints.taken_by', name=item.taken_by)}")
        if who:
            text.append(f" → {who}")
        text.append("\n")
        text.append(item.content)
        return text

    @property
    def current(self) -> ComplaintListItem | None:
        """The complaint under the cursor."""
        return self.query_one(ComplaintTable).current

    # Keys ----------------------------------------------------------------------------

    def action_view(self, view: str) -> None:
        """Show the list ``view``."""
        self.query_one(Tabs).active = view

    @on(Tabs.TabActivated, "#complaint-views")
    def view_chosen(self, event: Tabs.TabActivated) -> None:
        event.stop()
        view = event.tab.id or OPEN_VIEW
        if view == self.view:
            return
        self.view = view
        self.show_box_title()
        self.query_one(ComplaintTable).focus()
        self.load(keep_cursor=False)

    @on(DataTable.RowHighlighted, "#complaint-list")
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_preview()

    @on(DataTable.RowSelected, "#complaint-list")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        item = self.current
        if item is not None:
            self.app.push_screen(ComplaintDetailScreen(item.id))
