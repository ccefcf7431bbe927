"""Signing in: login and password, Enter to sign in, Esc to quit.

Checking a password takes a slow hash, so it runs in a worker. A wrong login, a wrong
password and a disabled account all get the same answer, and the password is never kept,
logged or shown: the worker runs a closure (a worker's description is the repr of its
work, so it must not be a partial holding the password).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from gendan_tui.core import users
from gendan_tui.core.context import Actor
from gendan_tui.core.services import Services
from gendan_tui.errors import NotFoundError, UserError
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppModal, error_text
from gendan_tui.widgets.form_field import FormField

SIGN_IN_GROUP = "sign_in"
LEAVE_BINDINGS: list[BindingType] = [
    Binding("escape", "leave", "ui.key.quit", tooltip="ui.key.quit_long", id="login.leave"),
    Binding("ctrl+q", "leave", "ui.key.quit", show=False, priority=True, id="app.quit_now"),
]


def sign_in_as(services: Services, login: str, password: str) -> Actor:
    """Sign in with a password; an account without one (a desk where sign-in is off) by
    its login alone. Every refusal reads the same, so it tells nothing about the login."""
    if password or users.needs_password(login):
        return services.authenticate(login, password)
    try:
        return services.sign_in(login)
    except NotFoundError as unknown:
        raise UserError("auth.bad_login") from unknown


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
        services = self.services
        self.signing_in = True
        self.show_error("")
        self.call_service(lambda: sign_in_as(services, login, password), SIGN_IN_GROUP)

    def worker_succeeded(self, group: str, result: Any) -> None:
        if group == SIGN_IN_GROUP:
            self.dismiss(result)

    def worker_failed(self, group: str, error: BaseException | None) -> None:
        if group != SIGN_IN_GROUP:
            super().worker_failed(group, error)
            return
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
