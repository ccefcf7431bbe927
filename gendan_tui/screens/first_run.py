"""The first run on an empty database: create the first follow-up supervisor and sign in.

The first account holds the supervisor's role (to add everyone else) and the clerk's (to
work callbacks too), and always has a password, which turns sign-in on for the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from gendan_tui.core.context import Actor
from gendan_tui.i18n import t
from gendan_tui.screens.form import FormScreen
from gendan_tui.screens.login import LEAVE_BINDINGS
from gendan_tui.widgets.form_field import FormField, text_field


@dataclass(frozen=True)
class FirstAccount:
    """The first supervisor as typed; the password stays out of every repr and log."""

    login: str
    name: str
    password: str = field(repr=False)


class FirstRunScreen(FormScreen[Actor]):
    """Login, name and the password twice; Ctrl+S (or Enter on the last field) creates the
    account and signs in, Esc quits."""

    BINDINGS: ClassVar[list[BindingType]] = LEAVE_BINDINGS

    def __init__(self) -> None:
        super().__init__(self.create)

    def create(self, account: FirstAccount) -> Actor:
        """Create the first supervisor and sign them in (run in a worker)."""
        return self.services.users.add_first_supervisor(
            account.login, account.name, account.password
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("ui.account.first_title"), classes="title")
            yield Label(t("ui.account.first_subtitle"), classes="subtitle")
            yield text_field("login", t("ui.account.login"), required=True)
            yield text_field("name", t("ui.account.name"), required=True)
            yield text_field("password", t("ui.account.password"), password=True, required=True)
            yield text_field(
                "password_again", t("ui.account.password_again"), password=True, required=True
            )
            yield Static(t("ui.account.first_roles"), classes="subtitle")
            yield self.error_line()
            yield Static(t("ui.account.first_hint"), classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#login-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter on the last field creates the account (on the others the form's own
        handler moves to the next field)."""
        if event.input.id == "password_again-input":
            event.stop()
            event.prevent_default()
            self.action_save()

    def read_form(self) -> FirstAccount | None:
        def text(name: str) -> str:
            return self.query_one(f"#{name}-input", Input).value

        if text("password") != text("password_again"):
            self.query_one("#password_again-input", Input).value = ""
            self.query_one("#password_again", FormField).show_error(t("auth.passwords_differ"))
            return None
        return FirstAccount(text("login"), text("name"), text("password"))

    def action_leave(self) -> None:
        self.app.exit()
