"""Complaint intake (客服部投诉跟踪表): who is complaining, about what, and how it is handled.

Opened for a known customer (from a callback or the customer view) or for any caller (the
intake key, ``gendan --call``): then the clerk finds the customer as they type — the
incoming number, the company name or its pinyin initials — with live results. The
complaint is either solved on the spot (with the resolution), forwarded to a person or
role with a due date in working days (shown as the days are typed), or recorded to be
handled later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from gendan_tui.core.complaint_terms import CHANNELS, Category
from gendan_tui.core.complaints import SEVERITIES, ComplaintForm
from gendan_tui.core.customers import CustomerHit
from gendan_tui.core.validation import phone_digits
from gendan_tui.i18n import t
from gendan_tui.screens.complaint_steps import ForwardingForm
from gendan_tui.widgets.form_field import FormField, choice_field, pick_field, text_field

LATER, ON_SPOT, FORWARD = "later", "on_spot", "forward"
HANDLING = (LATER, ON_SPOT, FORWARD)
PHONE_DIGITS = 7
"""A search typed with at least this many digits is taken to be the caller's number."""


def looks_like_phone(text: str) -> bool:
    """Whether ``text`` is a (part of a) phone number rather than a name."""
    digits = phone_digits(text)
    return len(digits) >= PHONE_DIGITS and len(digits) >= len(text.replace(" ", "")) - 2


class ComplaintFormScreen(ForwardingForm[int]):
    """The intake form; saving returns the new complaint's id.

    With ``customer_id`` the customer is known; without it the form starts with the
    customer finder, holding ``find`` (an incoming number) when given. ``channel`` says
    how the complaint came in ("callback" when heard during a callback, "phone" for a call
    from the customer) and ``phone`` the number it came from.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move_hit(1)", "ui.key.down", show=False, id="intake.hit_down"),
        Binding("up", "move_hit(-1)", "ui.key.up", show=False, id="intake.hit_up"),
    ]

    def __init__(
        self,
        customer_id: int | None,
        customer_name: str,
        save: Callable[[ComplaintForm], int],
        *,
        channel: str = "phone",
        phone: str = "",
        find: str = "",
    ) -> None:
        super().__init__(save)
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.finding = customer_id is None
        self.channel = channel
        self.phone = phone
        self.find = find
        self.hits: list[CustomerHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog intake-dialog"):
            if self.finding:
                yield Label(t("ui.intake.title"), classes="title")
                yield text_field(
                    "customer",
                    t("ui.intake.customer"),
                    self.find,
                    placeholder=t("ui.intake.find_placeholder"),
                    required=True,
                )
                hits = OptionList(id="caller-hits")
                hits.can_focus = False
                hits.display = False
                yield hits
                yield Static(t("ui.intake.find_help"), id="caller-status")
            else:
                yield Label(t("ui.complaint.title", customer=self.customer_name), classes="title")
            yield pick_field(
                "category", t("ui.complaint.category"), t("ui.complaint.choose"), required=True
            )
            yield choice_field(
                "severity",
                t("ui.complaint.severity"),
                [(t(f"severity.{code}"), code) for code in SEVERITIES],
                "normal",
            )
            yield text_field("content", t("ui.complaint.content"), required=True)
            yield choice_field(
                "handling",
                t("ui.intake.handling"),
                [(t(f"ui.intake.handling_{code}"), code) for code in HANDLING],
                LATER,
            )
            yield text_field("resolution", t("ui.intake.resolution"), required=True)
            yield from self.forward_fields()
            yield text_field("contact_name", t("ui.intake.contact"))
            yield text_field("phone", t("ui.intake.phone"), self.phone)
            yield choice_field(
                "channel",
                t("ui.intake.channel"),
                [(t(f"complaint_channel.{code}"), code) for code in CHANNELS],
                self.channel if self.channel in CHANNELS else "phone",
            )
            yield self.error_line()
            yield self.hint()

    def on_mount(self) -> None:
        self.show_handling(LATER)
        self.show_due()
        if self.finding:
            self.query_one("#customer-input", Input).focus()
            if self.find:
                self.search(self.find)
        else:
            self.query_one("#category-input", Select).focus()
        self.call_service(self.services.complaints.categories, self.show_categories)
        self.load_targets()

    # Finding the customer ------------------------------------------------------------

    def search(self, text: str) -> None:
        """Look the caller up: by phone when ``text`` is digits, else by name or initials."""
        customers = self.services.customers
        find = customers.find_by_phone if looks_like_phone(text) else customers.search
        self.call_service(lambda: (text, find(text)), self.hits_read)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "workdays-input":
            self.show_due()
        elif event.input.id == "customer-input":
            event.stop()
            if self.customer_id is not None and event.value != self.customer_name:
                self.customer_id = None
                self.customer_name = ""
            if event.value.strip():
                self.search(event.value)
            else:
                self.show_hits(event.value, [])

    def show_hits(self, text: str, hits: list[CustomerHit]) -> None:
        """List the customers found for ``text``; say so when there are none."""
        self.hits = hits
        options = self.query_one("#caller-hits", OptionList)
        options.clear_options()
        options.add_options(Option(f"{hit.name}  {hit.phone}", id=str(hit.id)) for hit in hits[:20])
        options.display = bool(hits)
        if hits:
            options.highlighted = 0
        status = self.query_one("#caller-status", Static)
        status.set_class(bool(text.strip()) and not hits, "-unknown")
        if not text.strip():
            status.update(t("ui.intake.find_help"))
        elif not hits and looks_like_phone(text):
            status.update(t("ui.intake.unknown_number", number=text.strip()))
        elif not hits:
            status.update(t("ui.intake.unknown_customer", text=text.strip()))
        else:
            status.update(t("ui.intake.found", count=len(hits)))

    def choose(self, hit: CustomerHit) -> None:
        """Take the complaint for ``hit``; a number typed to find them is the caller's."""
        finder = self.query_one("#customer-input", Input)
        typed = finder.value
        self.customer_id = hit.id
        self.customer_name = hit.name
        phone = self.query_one("#phone-input", Input)
        if not phone.value.strip() and looks_like_phone(typed):
            phone.value = typed.strip()
        with finder.prevent(Input.Changed):
            finder.value = hit.name
        self.query_one("#caller-hits", OptionList).display = False
        self.query_one("#caller-status", Static).update(
            t("ui.intake.chosen", customer=hit.name, phone=hit.phone)
        )
        self.query_one("#customer", FormField).clear_error()
        self.query_one("#category-input", Select).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move_hit":
            return self.finding and bool(self.hits) and self.customer_id is None
        return True

    def action_move_hit(self, step: int) -> None:
        options = self.query_one("#caller-hits", OptionList)
        current = options.highlighted or 0
        options.highlighted = max(0, min(current + step, len(self.hits) - 1))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the finder takes the highlighted customer (elsewhere it moves on, as
        in every form)."""
        if event.input.id != "customer-input":
            return
        event.stop()
        event.prevent_default()
        options = self.query_one("#caller-hits", OptionList)
        if self.customer_id is None and self.hits:
            self.choose(self.hits[options.highlighted or 0])
        elif self.customer_id is not None:
            self.focus_next()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(self.hits[event.option_index])

    # Handling ------------------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "handling-input" and isinstance(event.value, str):
            self.show_handling(event.value)

    def show_handling(self, handling: str) -> None:
        """Show the resolution for on-the-spot, the forwarding fields for a forward."""
        self.query_one("#resolution").display = handling == ON_SPOT
        for field in ("#forward", "#workdays", "#due-line"):
            self.query_one(field).display = handling == FORWARD

    def show_categories(self, categories: list[Category]) -> None:
        """Offer the department's categories."""
        select = self.query_one("#category-input", Select)
        select.set_options((category.name, category.code) for category in categories)

    def hits_read(self, found: tuple[str, list[CustomerHit]]) -> None:
        """Show the callers found, if nobody is chosen yet and the text is still typed."""
        text, hits = found
        if self.customer_id is None and text == self.query_one("#customer-input", Input).value:
            self.show_hits(text, hits)

    # Saving --------------------------------------------------------------------------

    def read_form(self) -> ComplaintForm | None:
        if self.customer_id is None:
            self.query_one("#customer", FormField).show_error(t("ui.intake.customer_missing"))
            return None
        category = self.query_one("#category-input", Select).value
        if not isinstance(category, str):
            self.query_one("#category", FormField).show_error(t("ui.complaint.choose"))
            return None
        severity = self.query_one("#severity-input", Select).value
        channel = self.query_one("#channel-input", Select).value
        handling = self.query_one("#handling-input", Select).value
        forward = None
        if handling == FORWARD:
            forward = self.read_forward()
            if forward is None:
                return None
        return ComplaintForm(
            customer_id=self.customer_id,
            category=category,
            severity=severity if isinstance(severity, str) else "normal",
            content=self.query_one("#content-input", Input).value,
            channel=channel if isinstance(channel, str) else self.channel,
            contact_name=self.query_one("#contact_name-input", Input).value,
            phone=self.query_one("#phone-input", Input).value.strip(),
            solved_on_spot=handling == ON_SPOT,
            resolution=self.query_one("#resolution-input", Input).value,
            forward=forward,
        )


def take_complaint(app: App[Any], take: Callable[[ComplaintForm], int], number: str = "") -> None:
    """Open the intake form for a caller not yet known, holding the incoming ``number`` if
    any; a saved complaint is announced with its number."""

    def saved(complaint_id: int | None) -> None:
        if complaint_id is not None:
            app.notify(t("ui.intake.saved", no=complaint_id))

    form = ComplaintFormScreen(None, "", take, channel="phone", phone=number, find=number)
    app.push_screen(form, saved)
