"""The history of one record — who changed what and when — on a screen of its own; Esc goes
back. Any record with an audit trail opens it in one line::

    self.app.push_screen(HistoryScreen("complaint", complaint_id, subject))
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Header, Label, Static

from gendan_tui.core import audit, users
from gendan_tui.core.audit import AuditEntry
from gendan_tui.core.services import Services
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppScreen
from gendan_tui.widgets.history_view import HistoryView
from gendan_tui.widgets.keys import BACK
from gendan_tui.widgets.keys_footer import KeysFooter

HISTORY_GROUP = "history"


def read_history(
    services: Services, entity: str, entity_id: int
) -> tuple[list[AuditEntry], dict[int, str]]:
    """The record's entries (a customer's include their callbacks') and the names of the
    people its changes mention, by id."""
    if entity == "customer":
        entries = services.customers.history(entity_id)
    else:
        entries = audit.history(entity, entity_id)
    return entries, {account.id: account.name for account in users.list_accounts()}


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
        services, entity, entity_id = self.services, self.entity, self.entity_id
        self.call_service(lambda: read_history(services, entity, entity_id), HISTORY_GROUP)

    def worker_succeeded(self, group: str, result: Any) -> None:
        if group != HISTORY_GROUP:
            return
        entries, names = result
        view = self.query_one(HistoryView)
        view.show(entries, names)
        view.display = bool(entries)
        empty = self.query_one("#history-empty", Static)
        empty.update(t("ui.history.empty"))
        empty.display = not entries
        if entries:
            view.focus()

    def action_back(self) -> None:
        self.dismiss(None)
