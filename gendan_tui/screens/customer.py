"""One customer on a whole screen, opened from the queue or from a search; Esc goes back."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header

from gendan_tui.core.customers import CustomerDetail
from gendan_tui.core.roles import Permission
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppScreen
from gendan_tui.screens.complaint_form import ComplaintFormScreen
from gendan_tui.screens.history import HistoryScreen
from gendan_tui.widgets.customer_pane import CustomerPane
from gendan_tui.widgets.keys import BACK, NEW_COMPLAINT
from gendan_tui.widgets.keys_footer import KeysFooter


class CustomerScreen(AppScreen):
    """The customer pane at full size, with a complaint key for an incoming call."""

    BINDINGS: ClassVar[list[BindingType]] = [
        BACK,
        NEW_COMPLAINT,
        Binding(
            "h",
            "history",
            "ui.history.key",
            tooltip="ui.history.key_long",
            id="customer.history",
        ),
        Binding("j,down", "scroll(1)", "ui.key.scroll", show=False, id="customer.down"),
        Binding("k,up", "scroll(-1)", "ui.key.scroll", show=False, id="customer.up"),
    ]
    ACTION_PERMISSIONS: ClassVar[dict[str, Permission]] = {
        "complaint": Permission.TAKE_COMPLAINTS,
    }

    def __init__(self, customer_id: int, *, phone: str = "") -> None:
        super().__init__()
        self.customer_id = customer_id
        self.phone = phone
        """The number the customer is calling from, when the view was opened for a call."""
        self.detail: CustomerDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield CustomerPane(id="customer-pane")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = f"{t('app.title')} · {t('ui.customer.title')}"
        if self.phone:
            self.title += f" · {t('ui.incoming.calling', number=self.phone)}"
        self.load_detail()

    def load_detail(self) -> None:
        """Read the customer in a worker."""
        self.call_service(partial(self.services.customers.detail, self.customer_id), self.show)

    def show(self, detail: CustomerDetail) -> None:
        """Show the customer read in the background."""
        self.detail = detail
        self.query_one(CustomerPane).show(detail, self.services.ctx.clock.today())
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.permitted(action):
            return False
        if action in ("complaint", "history"):
            return self.detail is not None
        return True

    def action_back(self) -> None:
        self.dismiss(None)

    def action_scroll(self, step: int) -> None:
        pane = self.query_one(CustomerPane)
        pane.scroll_to(y=pane.scroll_y + step * 3, animate=False)

    def action_complaint(self) -> None:
        if self.detail is None:
            return
        self.app.push_screen(
            ComplaintFormScreen(
                self.detail.id, self.detail.name, self.services.complaints.take, phone=self.phone
            ),
            self.complaint_saved,
        )

    def action_history(self) -> None:
        if self.detail is not None:
            self.app.push_screen(HistoryScreen("customer", self.detail.id, self.detail.name))

    def complaint_saved(self, complaint_id: int | None) -> None:
        if complaint_id is None:
            return
        self.notify(t("ui.complaint.saved", customer=self.detail.name if self.detail else ""))
        self.load_detail()
