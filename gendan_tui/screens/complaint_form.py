"""A minimal complaint record taken during a call (客服部投诉跟踪表)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from gendan_tui.core.complaints import SEVERITIES, ComplaintForm
from gendan_tui.i18n import t
from gendan_tui.screens.form import FormScreen
from gendan_tui.widgets.form_field import FormField

CATEGORIES_GROUP = "categories"


class ComplaintFormScreen(FormScreen[int]):
    """Category, severity and what the customer said; saving returns the complaint's id.

    The categories are the department's own, read when the form opens. ``channel`` says
    how the complaint came in ("callback" when heard during a callback, "phone" for a call
    from the customer) and ``phone`` the number it came from.
    """

    def __init__(
        self,
        customer_id: int,
        customer_name: str,
        save: Callable[[ComplaintForm], int],
        *,
        channel: str = "phone",
        phone: str = "",
    ) -> None:
        super().__init__(save)
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.channel = channel
        self.phone = phone

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("ui.complaint.title", customer=self.customer_name), classes="title")
            yield FormField(
                t("ui.complaint.category"),
                Select[str]([], prompt=t("ui.complaint.choose"), id="category-input", compact=True),
                id="category",
                required=True,
            )
            yield FormField(
                t("ui.complaint.severity"),
                Select(
                    [(t(f"severity.{code}"), code) for code in SEVERITIES],
                    value="normal",
                    allow_blank=False,
                    id="severity-input",
                    compact=True,
                ),
                id="severity",
            )
            yield FormField(
                t("ui.complaint.content"),
                Input(id="content-input", compact=True),
                id="content",
                required=True,
            )
            yield self.error_line()
            yield self.hint()

    def on_mount(self) -> None:
        self.query_one("#category-input", Select).focus()
        self.call_service(self.services.complaints.categories, CATEGORIES_GROUP)

    def worker_succeeded(self, group: str, result: Any) -> None:
        if group == CATEGORIES_GROUP:
            categories = self.query_one("#category-input", Select)
            categories.set_options((category.name, category.code) for category in result)
            return
        super().worker_succeeded(group, result)

    def read_form(self) -> ComplaintForm | None:
        category = self.query_one("#category-input", Select).value
        if not isinstance(category, str):
            self.query_one("#category", FormField).show_error(t("ui.complaint.choose"))
            return None
        severity = self.query_one("#severity-input", Select).value
        return ComplaintForm(
            customer_id=self.customer_id,
            category=category,
            severity=severity if isinstance(severity, str) else "normal",
            content=self.query_one("#content-input", Input).value,
            channel=self.channel,
            phone=self.phone,
        )
