"""The history of one record — who changed what and when — on a screen of its own; Esc goes
back. Any record with an audit trail opens it in one line::

    self.app.push_screen(HistoryScreen("complaint", complaint_id, subject))
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Header, Label, Static

from gendan_tui.core.history import RecordHistory
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppScreen
from gendan_tui.widgets.history_view import HistoryView
from gendan_tui.widgets.keys import BACK
from gendan_tui.widgets.keys_footer import KeysFooter


class HistoryScreen(AppScreen):
    """The audit trail of ``entity`` number ``entity_id``, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [BACK]

    def __init__(self, entity: str, entity_id: int, subject: str = "") -> None:
        super().__init__()
        self.entity = entity
        self.entity_id = entity_id
        self.subject = subject

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(self.subject, id="history-subject")
        yield HistoryView(self.entity, id="history")
        yield Static(t("ui.history.loading"), id="history-empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = f"{t('app.title')} · {t('ui.history.title')}"
        self.query_one("#history-subject").display = bool(self.subject)
        self.query_one(HistoryView).display = False
        history = self.services.history
        self.call_service(partial(history.read, self.entity, self.entity_id), self.show)

    def show(self, history: RecordHistory) -> None:
        """Show the entries read, or say there are none."""
        entries = history.entries
        view = self.query_one(HistoryView)
        view.show(entries, history.names)
        view.display = bool(entries)
        empty = self.query_one("#history-empty", Static)
        empty.update(t("ui.history.empty"))
        empty.display = not entries
        if entries:
            view.focus()

    def action_back(self) -> None:
        self.dismiss(None)
