"""Choose a clerk: whose queue to look at, or whom to hand a callback to."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from gendan_tui.core.context import Actor
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppModal
from gendan_tui.widgets.keys import CANCEL


class ClerkPickerScreen(AppModal[Actor | None]):
    """The active clerks by login; ↑/↓ and Enter choose one, Esc closes without choosing.

    ``current`` (a login) starts under the cursor and is marked; ``leave_out`` (a login)
    is not offered at all, e.g. the clerk a callback already belongs to; ``me``, the
    signed-in person, is offered first when they are not a clerk, to go back to their own.
    """

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(
        self,
        title: str,
        current: str | None = None,
        leave_out: str | None = None,
        me: Actor | None = None,
    ) -> None:
        super().__init__()
        self.heading = title
        self.current = current
        self.leave_out = leave_out
        self.me = me
        self.clerks: list[Actor] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog clerk-dialog"):
            yield Label(self.heading, classes="title")
            yield OptionList(id="clerk-list")
            yield Static(t("ui.supervise.picker_hint"), classes="form-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.call_service(self.services.users.clerks, self.show_clerks)

    def show_clerks(self, clerks: list[Actor]) -> None:
        """Offer ``clerks`` (and the signed-in person, to go back to their own queue)."""
        self.clerks = [clerk for clerk in clerks if clerk.login != self.leave_out]
        if self.me is not None and all(clerk.id != self.me.id for clerk in self.clerks):
            self.clerks.insert(0, self.me)
        options = self.query_one(OptionList)
        options.clear_options()
        for clerk in self.clerks:
            mark = t("ui.supervise.current") if clerk.login == self.current else ""
            options.add_option(Option(f"{clerk.name}（{clerk.login}）{mark}", id=clerk.login))
        logins = [clerk.login for clerk in self.clerks]
        if self.clerks:
            options.highlighted = logins.index(self.current) if self.current in logins else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = next((c for c in self.clerks if c.login == event.option.id), None)
        if chosen is not None:
            self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
