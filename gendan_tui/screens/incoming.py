"""An incoming call (``gendan --call 13812345678``, launched by a softphone): look the
number up and open the caller.

One customer with that number: their customer view, ready to take a complaint. None, or
several: the intake form with the number filled in, saying that nobody was found or
listing who it might be.
"""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from gendan_tui.core.customers import CustomerHit
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppModal
from gendan_tui.screens.complaint_form import take_complaint
from gendan_tui.screens.customer import CustomerScreen


class IncomingCallScreen(AppModal[None]):
    """Shows the number while it is looked up, then hands over to the right screen."""

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number.strip()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog incoming-dialog"):
            yield Label(t("ui.incoming.title", number=self.number), classes="title")
            yield Static(t("ui.incoming.looking"), classes="form-hint")

    def on_mount(self) -> None:
        find = partial(self.services.customers.find_by_phone, self.number)
        self.call_service(find, self.found, on_error=self.lookup_failed)

    def found(self, result: list[CustomerHit]) -> None:
        """One customer: open them; none or several: take a complaint, finding the caller."""
        app = self.app
        take = self.services.complaints.take
        self.dismiss(None)
        if len(result) == 1:
            app.push_screen(CustomerScreen(result[0].id, phone=self.number))
        else:
            take_complaint(app, take, self.number)

    def lookup_failed(self, error: BaseException | None) -> None:
        self.service_failed(error)
        self.dismiss(None)
