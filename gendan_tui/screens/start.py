"""The screen the app opens on before anyone is at work: it asks who is there.

A database with accounts gets the login dialog; an empty one the dialog that creates the
first supervisor. Once someone is signed in the screen says so to the app, which opens
the day's work. When the person is already known (signed in from the command line) it
does nothing: the app goes straight to work.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Header

from gendan_tui.core.context import Actor
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppScreen
from gendan_tui.screens.first_run import FirstRunScreen
from gendan_tui.screens.login import LoginScreen


class StartScreen(AppScreen):
    """Under the sign-in dialogs; ``login`` (from ``--user``) is filled in for the person."""

    class SignedIn(Message):
        """Someone is signed in: the day's work can open."""

    def __init__(self, login: str = "") -> None:
        super().__init__(id="start")
        self.login = login

    def compose(self) -> ComposeResult:
        yield Header()

    def on_mount(self) -> None:
        self.title = t("app.title")
        if self.services.ctx.actor is None:
            self.call_service(self.services.users.has_accounts, self.ask)

    def ask(self, has_accounts: bool) -> None:
        """Ask for a login, or for the first supervisor on a database without accounts."""
        if has_accounts:
            self.app.push_screen(LoginScreen(self.login), self.signed_in)
        else:
            self.app.push_screen(FirstRunScreen(), self.signed_in)

    def signed_in(self, actor: Actor | None) -> None:
        if actor is not None:
            self.post_message(self.SignedIn())
