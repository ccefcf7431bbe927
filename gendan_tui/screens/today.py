"""The home screen: whom to call today and why, the customer at hand, and the day's quota.

The queue, the customer pane and every save run in thread workers; the screen only shows
what they return. After a save the queue is read again and the cursor stays where the
handled row was, so the next customer is already under it. Its dialogs are imported when
first opened, to keep start-up short.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static

from gendan_tui.core.callbacks import CallResult, Queue, QueueItem, SuccessForm
from gendan_tui.core.context import Actor
from gendan_tui.core.customers import CustomerDetail
from gendan_tui.core.report_exports import ReportDue
from gendan_tui.core.roles import Permission
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppScreen
from gendan_tui.widgets.customer_pane import CustomerPane
from gendan_tui.widgets.keys import NEW_COMPLAINT
from gendan_tui.widgets.keys_footer import KeysFooter
from gendan_tui.widgets.queue_table import QueueTable
from gendan_tui.widgets.quota_meter import QuotaMeter
from gendan_tui.widgets.report_due import WEEKLY_REPORT, ReportDueLine

CALL_ACTIONS = frozenset({"success", "failure", "complaint", "reassign"})


@dataclass(frozen=True)
class CursorWish:
    """Where the cursor should go once the queue is read again."""

    task_id: int | None
    row: int


class TodayScreen(AppScreen):
    """Today's callback queue with the customer pane and the quota meter.

    Whoever sees all work (the follow-up supervisor, managers) can look at any clerk's
    queue (``w``); the supervisor can hand a callback to another clerk (``r``).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s", "success", "ui.key.success", tooltip="ui.key.success_long", id="callback.success"
        ),
        Binding(
            "f", "failure", "ui.key.failure", tooltip="ui.key.failure_long", id="callback.failure"
        ),
        NEW_COMPLAINT,
        Binding(
            "slash", "search", "ui.key.search", tooltip="ui.key.search_long", id="customer.search"
        ),
        Binding(
            "w",
            "view_clerk",
            "ui.supervise.key_view",
            tooltip="ui.supervise.key_view_long",
            id="queue.view_clerk",
        ),
        Binding(
            "r",
            "reassign",
            "ui.supervise.key_reassign",
            tooltip="ui.supervise.key_reassign_long",
            id="callback.reassign",
        ),
    ]
    ACTION_PERMISSIONS: ClassVar[dict[str, Permission]] = {
        "success": Permission.WORK_CALLBACKS,
        "failure": Permission.WORK_CALLBACKS,
        "complaint": Permission.TAKE_COMPLAINTS,
        "view_clerk": Permission.SEE_ALL_WORK,
        "reassign": Permission.REASSIGN,
    }

    def __init__(self) -> None:
        super().__init__(id="today")
        self.queue: Queue | None = None
        self.detail: CustomerDetail | None = None
        self.cursor_wish = CursorWish(None, 0)
        self.viewing: Actor | None = None
        """The clerk whose queue is shown, when it is not the signed-in person's own."""
        self.begun = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="calendar-warning")
        with Horizontal(id="today-body"):
            with Vertical(id="queue-box"):
                yield QueueTable(id="queue")
                yield Static(t("ui.queue.empty"), id="queue-empty")
            yield CustomerPane(id="pane")
        with Horizontal(id="status-bar"):
            yield QuotaMeter(id="quota")
            yield ReportDueLine(self.weekly_report_due, id="report-due")
            yield Static("", id="queue-count")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(QueueTable).focus()
        self.begin()

    def on_screen_resume(self) -> None:
        self.begin()

    def begin(self) -> None:
        """Start the day's work the first time the screen shows with someone signed in
        (at once, or once the start screen over it has signed the person in)."""
        if self.begun or self.services.ctx.actor is None:
            return
        self.begun = True
        self.title = f"{t('app.title')} · {t('ui.screen.today')}"
        self.show_queue_title()
        today = self.services.ctx.clock.today()
        year = self.services.ctx.calendar.unknown_year_ahead(today)
        warning = self.query_one("#calendar-warning", Static)
        warning.display = year is not None
        if year is not None:
            warning.update(t("calendar.unknown_year", year=year))
        look, self.host.first_look = self.host.first_look, None
        if look is None:
            self.load_queue()
            return
        if look.detail is not None:
            self.show_detail(look.detail)
        self.show_queue(look.queue)

    # Reading -----------------------------------------------------------------------------

    def weekly_report_due(self) -> ReportDue:
        """The weekly complaint report's state (the report-due line runs it in a worker)."""
        return self.services.reports.status(WEEKLY_REPORT)

    def load_queue(self) -> None:
        """Read today's queue (the signed-in clerk's, or the one being viewed) in a worker."""
        self.call_service(partial(self.services.callbacks.queue, self.viewing), self.show_queue)

    def show_queue_title(self) -> None:
        """Name the clerk whose queue is shown, when it is someone else's."""
        box = self.query_one("#queue-box")
        if self.viewing is None:
            box.border_title = t("ui.queue.title")
        else:
            box.border_title = t("ui.supervise.queue_of", name=self.viewing.name)

    def load_detail(self, customer_id: int) -> None:
        """Read one customer for the pane; a newer request drops an older one."""
        self.call_service(partial(self.services.customers.detail, customer_id), self.detail_read)

    def detail_read(self, detail: CustomerDetail) -> None:
        """Show a customer read in the background, if still the highlighted one."""
        current = self.current
        if current is not None and current.customer_id == detail.id:
            self.show_detail(detail)

    def show_detail(self, detail: CustomerDetail) -> None:
        """Show ``detail`` in the customer pane."""
        self.detail = detail
        self.query_one(CustomerPane).show(detail, self.services.ctx.clock.today())

    def show_queue(self, queue: Queue) -> None:
        """Fill the table, the count and the meter from ``queue``."""
        self.queue = queue
        table = self.query_one(QueueTable)
        table.show(queue.items, queue.day)
        table.place_cursor(self.cursor_wish.task_id, self.cursor_wish.row)
        empty = not queue.items
        table.display = not empty
        self.query_one("#queue-empty", Static).update(self.empty_text())
        self.query_one("#queue-empty").display = empty
        self.query_one(QuotaMeter).show(queue.successes, queue.quota)
        count = self.query_one("#queue-count", Static)
        if queue.total > len(queue.items):
            count.update(t("ui.queue.count_more", shown=len(queue.items), total=queue.total))
        else:
            count.update(t("ui.queue.count", total=queue.total))
        self.refresh_bindings()
        self.host.ready_for_work.set()
        self.show_current_customer()

    def empty_text(self) -> str:
        """What an empty queue says; someone who sees everyone's work is told how to look
        at a clerk's queue."""
        if self.viewing is None and self.permitted("view_clerk"):
            return t("ui.supervise.empty_viewer")
        return t("ui.queue.empty")

    def show_current_customer(self) -> None:
        """Load the pane for the row under the cursor (or clear it)."""
        current = self.current
        pane = self.query_one(CustomerPane)
        if current is None:
            self.detail = None
            pane.show(None, self.services.ctx.clock.today())
        elif self.detail is None or self.detail.id != current.customer_id:
            self.load_detail(current.customer_id)

    @property
    def current(self) -> QueueItem | None:
        """The callback under the cursor."""
        return self.query_one(QueueTable).current

    @on(DataTable.RowHighlighted, "#queue")
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_current_customer()

    @on(DataTable.RowSelected, "#queue")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        current = self.current
        if current is not None:
            self.open_customer(current.customer_id)

    # Keys --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.permitted(action):
            return False
        if action in CALL_ACTIONS:
            return self.current is not None
        return True

    def action_success(self) -> None:
        from gendan_tui.screens.success_form import SuccessFormScreen, primary_contact

        item = self.current
        if item is None:
            return
        contact = None
        if self.detail is not None and self.detail.id == item.customer_id:
            contact = primary_contact(self.detail)

        record = self.services.callbacks.record_success

        def save(form: SuccessForm) -> CallResult:
            return record(item.task_id, item.version, form)

        self.app.push_screen(
            SuccessFormScreen(item, save, contact),
            lambda result: self.after_call(item, result, "success"),
        )

    def action_failure(self) -> None:
        from gendan_tui.screens.failure_form import FailureFormScreen

        item = self.current
        if item is None:
            return

        record = self.services.callbacks.record_failure

        def save(form: tuple[str, str]) -> CallResult:
            outcome, notes = form
            return record(item.task_id, item.version, outcome, notes)

        self.app.push_screen(
            FailureFormScreen(item, save),
            lambda result: self.after_call(item, result, "failure"),
        )

    def action_complaint(self) -> None:
        from gendan_tui.screens.complaint_form import ComplaintFormScreen

        item = self.current
        if item is None:
            return
        self.app.push_screen(
            ComplaintFormScreen(
                item.customer_id,
                item.customer_name,
                self.services.complaints.take,
                channel="callback",
                phone=item.phone,
            ),
            lambda complaint_id: self.after_complaint(item, complaint_id),
        )

    def action_search(self) -> None:
        from gendan_tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(), self.open_customer)

    def action_view_clerk(self) -> None:
        from gendan_tui.screens.clerk_picker import ClerkPickerScreen

        me = self.services.ctx.require_actor()
        shown = self.viewing or me
        self.app.push_screen(
            ClerkPickerScreen(t("ui.supervise.view_title"), current=shown.login, me=me),
            self.view_clerk,
        )

    def action_reassign(self) -> None:
        from gendan_tui.screens.clerk_picker import ClerkPickerScreen

        item = self.current
        if item is None:
            return
        owner = self.viewing or self.services.ctx.require_actor()
        reassign = self.services.callbacks.reassign

        def hand_over(clerk: Actor | None) -> None:
            if clerk is None:
                return

            def reassigned(_: None) -> None:
                self.notify(
                    t("ui.supervise.reassigned", customer=item.customer_name, name=clerk.name)
                )
                self.detail = None
                self.load_queue()

            self.cursor_wish = CursorWish(None, self.query_one(QueueTable).cursor_row)
            self.call_service(partial(reassign, item.task_id, item.version, clerk), reassigned)

        self.app.push_screen(
            ClerkPickerScreen(
                t("ui.supervise.reassign_title", customer=item.customer_name),
                leave_out=owner.login,
            ),
            hand_over,
        )

    # After a dialog ----------------------------------------------------------------------

    def after_call(self, item: QueueItem, result: CallResult | None, kind: str) -> None:
        """Tell the clerk what was saved and read the queue again; the cursor stays on the
        same row, which now holds the next callback."""
        row = self.query_one(QueueTable).cursor_row
        if result is not None:
            next_on = result.next_callback_on.isoformat() if result.next_callback_on else "-"
            self.notify(t(f"ui.{kind}.saved", customer=item.customer_name, date=next_on))
            self.detail = None
            self.cursor_wish = CursorWish(None, row)
        else:
            self.cursor_wish = CursorWish(item.task_id, row)
        self.load_queue()

    def after_complaint(self, item: QueueItem, complaint_id: int | None) -> None:
        if complaint_id is None:
            return
        self.notify(t("ui.complaint.saved", customer=item.customer_name))
        self.detail = None
        self.cursor_wish = CursorWish(item.task_id, self.query_one(QueueTable).cursor_row)
        self.load_queue()

    def view_clerk(self, clerk: Actor | None) -> None:
        """Show ``clerk``'s queue (one's own when they choose themselves)."""
        if clerk is None:
            return
        me = self.services.ctx.require_actor()
        self.viewing = None if clerk.id == me.id else clerk
        self.detail = None
        self.cursor_wish = CursorWish(None, 0)
        self.show_queue_title()
        self.load_queue()

    def open_customer(self, customer_id: int | None) -> None:
        """Open the customer's own screen (the one picked in the queue or found by search)."""
        from gendan_tui.screens.customer import CustomerScreen

        if customer_id is not None:
            self.app.push_screen(CustomerScreen(customer_id))
