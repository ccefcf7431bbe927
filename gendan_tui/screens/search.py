"""Find a customer by name, pinyin initials ("bjhx") or any part of a phone number."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label, Static

from gendan_tui.core.customers import SEARCH_LIMIT, CustomerHit
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppModal
from gendan_tui.widgets.keys import CANCEL


class SearchScreen(AppModal[int | None]):
    """Type to search; ↑/↓ choose a result, Enter opens it, Esc closes.

    Returns the chosen customer's id. Each keystroke starts a new search in a worker and
    the previous one is dropped, so typing never waits for the database.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "ui.key.down", show=False, id="search.down"),
        Binding("up", "move(-1)", "ui.key.up", show=False, id="search.up"),
        Binding("enter", "open", "ui.key.open", tooltip="ui.key.open_long", id="search.open"),
        CANCEL,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[CustomerHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog search-dialog"):
            yield Label(t("ui.search.title"), classes="title")
            yield Input(placeholder=t("ui.search.placeholder"), id="search-input")
            yield DataTable(cursor_type="row", id="search-results")
            yield Static("", id="search-status", classes="form-hint")

    def on_mount(self) -> None:
        table = self.query_one("#search-results", DataTable)
        table.can_focus = False
        for key in ("name", "phone", "kind", "member"):
            table.add_column(t(f"ui.search.col.{key}"), key=key)
        self.show_hits("", [])
        self.query_one("#search-input", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value
        if not text.strip():
            self.show_hits(text, [])
            return
        search = self.services.customers.search
        self.call_service(lambda: (text, search(text)), self.hits_read)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    def hits_read(self, found: tuple[str, list[CustomerHit]]) -> None:
        """Show the hits of a search, if its text is still the one typed."""
        text, hits = found
        if text == self.query_one("#search-input", Input).value:
            self.show_hits(text, hits)

    def show_hits(self, text: str, hits: list[CustomerHit]) -> None:
        """List ``hits`` for the search ``text``."""
        self.hits = hits
        table = self.query_one("#search-results", DataTable)
        table.clear()
        for hit in hits:
            table.add_row(
                Text(hit.name, no_wrap=True),
                Text(hit.phone),
                Text(t(f"kind.{hit.kind}")),
                Text(t("ui.pane.member") if hit.is_member else ""),
                key=str(hit.id),
            )
        status = self.query_one("#search-status", Static)
        if not text.strip():
            status.update(t("ui.search.help"))
        elif not hits:
            status.update(t("ui.search.none"))
        elif len(hits) >= SEARCH_LIMIT:
            status.update(t("ui.search.more", count=len(hits)))
        else:
            status.update(t("ui.search.count", count=len(hits)))

    def action_move(self, step: int) -> None:
        table = self.query_one("#search-results", DataTable)
        if self.hits:
            table.move_cursor(row=max(0, min(table.cursor_row + step, len(self.hits) - 1)))

    def action_open(self) -> None:
        table = self.query_one("#search-results", DataTable)
        if self.hits and 0 <= table.cursor_row < len(self.hits):
            self.dismiss(self.hits[table.cursor_row].id)

    def action_cancel(self) -> None:
        self.dismiss(None)
