"""The form for a callback that reached the customer (客户电话回访记录表)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input

from gendan_tui.core.callbacks import CallResult, QueueItem, SuccessForm
from gendan_tui.core.customers import CustomerDetail
from gendan_tui.i18n import t
from gendan_tui.screens.call_heading import call_heading
from gendan_tui.screens.form import FormScreen
from gendan_tui.widgets.form_field import FormField


def primary_contact(detail: CustomerDetail) -> str:
    """The name of the customer's primary contact (or the first named one)."""
    for contact in detail.contacts:
        if contact.is_primary and contact.name:
            return contact.name
    return next((c.name for c in detail.contacts if c.name), "")


class SuccessFormScreen(FormScreen[CallResult]):
    """Contact reached, what was discussed, problems, help needed, training invitation, notes.

    The contact is prefilled with the customer's primary contact; when the customer pane
    has not loaded it yet, the form looks it up itself.
    """

    def __init__(
        self,
        item: QueueItem,
        save: Callable[[SuccessForm], CallResult],
        contact_name: str | None = None,
    ) -> None:
        super().__init__(save)
        self.item = item
        self.contact_name = contact_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield from call_heading("ui.success.title", self.item)
            yield FormField(
                t("ui.success.contact"),
                Input(self.contact_name or "", id="contact_name-input", compact=True),
                id="contact_name",
                required=True,
            )
            yield FormField(
                t("ui.success.discussed"),
                Input(id="discussed-input", compact=True),
                id="discussed",
                required=True,
            )
            yield FormField(
                t("ui.success.problems"), Input(id="problems-input", compact=True), id="problems"
            )
            yield FormField(
                t("ui.success.help"), Input(id="help_needed-input", compact=True), id="help_needed"
            )
            yield FormField(
                t("ui.success.training"),
                Checkbox(t("ui.success.training_yes"), id="training-input", compact=True),
                id="invited_training",
            )
            yield FormField(
                t("ui.success.notes"), Input(id="notes-input", compact=True), id="notes"
            )
            yield self.error_line()
            yield self.hint()

    def on_mount(self) -> None:
        self.query_one("#contact_name-input", Input).focus()
        if self.contact_name is None:
            detail = partial(self.services.customers.detail, self.item.customer_id)
            self.call_service(detail, self.prefill)

    def prefill(self, detail: CustomerDetail) -> None:
        """Fill in the customer's primary contact, unless the clerk has typed a name."""
        contact = self.query_one("#contact_name-input", Input)
        if not contact.value:
            contact.value = primary_contact(detail)

    def read_form(self) -> SuccessForm:
        def text(field: str) -> str:
            return self.query_one(f"#{field}-input", Input).value

        return SuccessForm(
            contact_name=text("contact_name"),
            discussed=text("discussed"),
            problems=text("problems"),
            help_needed=text("help_needed"),
            invited_training=self.query_one("#training-input", Checkbox).value,
            notes=text("notes"),
            phone=self.item.phone,
        )
