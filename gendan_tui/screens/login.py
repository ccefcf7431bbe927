"""Signing in: login and password, Enter to sign in, Esc to quit.

Checking a password takes a slow hash, so it runs in a worker. A wrong login, a wrong
password and a disabled account all get the same answer, and the password is never kept,
logged or shown: the worker runs a closure (a worker's description is the repr of its
work, so it must not be a partial holding the password).
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from gendan_tui.core.context import Actor
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppModal
from gendan_tui.widgets.form_field import FormField
from gendan_tui.widgets.service_calls import error_text

LEAVE_BINDINGS: list[BindingType] = [
    Binding("escape", "leave", "ui.key.quit", tooltip="ui.key.quit_long", id="login.leave"),
    Binding("ctrl+q", "leave", "ui.key.quit", show=False, priority=True, id="app.quit_now"),
]


class LoginScreen(AppModal[Actor]):
    """The sign-in dialog; returns the signed-in person."""

    BINDINGS: ClassVar[list[BindingType]] = LEAVE_BINDINGS

    def __init__(self, login: str = "") -> None:
        super().__init__()
        self.login = login
        self.signing_in = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog login-dialog"):
            yield Label(t("ui.account.login_title"), classes="title")
            yield Label(t("ui.account.login_subtitle"), classes="subtitle")
            yield FormField(
                t("ui.account.login"),
                Input(self.login, id="login-input", compact=True),
                id="login",
            )
            yield FormField(
                t("ui.account.password"),
                Input(id="password-input", password=True, compact=True),
                id="password",
            )
            line = Static("", id="form-error", classes="form-error")
            line.display = False
            yield line
            yield Static(t("ui.account.login_hint"), classes="form-hint")

    def on_mount(self) -> None:
        field = "#password-input" if self.login else "#login-input"
        self.query_one(field, Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the login field moves to the password; in the password, signs in."""
        event.stop()
        if event.input.id == "login-input":
            self.query_one("#password-input", Input).focus()
        else:
            self.sign_in()

    def sign_in(self) -> None:
        """Check the login and password in a worker."""
        if self.signing_in:
            return
        login = self.query_one("#login-input", Input).value.strip()
        if not login:
            self.show_error(t("ui.account.login_missing"))
            self.query_one("#login-input", Input).focus()
            return
        password = self.query_one("#password-input", Input).value
        self.signing_in = True
        self.show_error("")
        self.call_service(
            partial(self.services.sign_in_typed, login, password),
            self.signed_in,
            on_error=self.refused,
        )

    def signed_in(self, actor: Actor) -> None:
        self.dismiss(actor)

    def refused(self, error: BaseException | None) -> None:
        """Sign-in was refused: say why and let the password be typed again."""
        self.signing_in = False
        password = self.query_one("#password-input", Input)
        password.value = ""
        password.focus()
        self.show_error(error_text(error))

    def show_error(self, text: str) -> None:
        """Show (or, with no text, hide) the message under the fields."""
        line = self.query_one("#form-error", Static)
        line.update(text)
        line.display = bool(text)

    def action_leave(self) -> None:
        self.app.exit()
