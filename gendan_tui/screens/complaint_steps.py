"""The dialogs for the steps of a complaint after intake: forward, follow-up, resolution,
reply and reopening; and the forwarding fields the intake form shares.

Each dialog saves through the complaint service with the version of the complaint the
clerk was looking at, so a step somebody else got in first is refused and the detail view
reloads (see ``FormScreen``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from gendan_tui.core.complaint_detail import ComplaintDetail
from gendan_tui.core.complaint_targets import ForwardTarget
from gendan_tui.core.complaint_terms import REPLY_METHODS
from gendan_tui.core.complaints import (
    DEFAULT_FORWARD_WORKDAYS,
    MAX_FORWARD_WORKDAYS,
    Forward,
    Reply,
)
from gendan_tui.i18n import t, weekday_name
from gendan_tui.screens.base import ResultT
from gendan_tui.screens.form import FormScreen
from gendan_tui.widgets.form_field import FormField, choice_field, pick_field, text_field

MOMENT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M")
TIME_FORMATS = ("%H:%M",)


def target_value(target: ForwardTarget) -> str:
    """The option value of a forward target: ``user:<id>`` or ``role:<code>``."""
    if target.user_id is not None:
        return f"user:{target.user_id}"
    return f"role:{target.role}"


def day_text(day: date) -> str:
    """A date with its weekday, as the due-date line shows it: 2025-10-14（周二）."""
    return t("ui.forward.day", date=day.isoformat(), weekday=weekday_name(day))


def parse_moment(text: str, today: date) -> datetime | None:
    """A moment typed as ``2025-10-09 15:30`` (or just ``15:30`` for today); None if it does
    not parse."""
    value = " ".join(text.split())
    for fmt in MOMENT_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    for fmt in TIME_FORMATS:
        try:
            return datetime.combine(today, datetime.strptime(value, fmt).time())
        except ValueError:
            continue
    return None


class ForwardingForm(FormScreen[ResultT]):
    """A form with the forwarding fields: to whom (a person or a role), within how many
    working days, and the due date that gives, shown as the clerk types.

    The due date is working-day arithmetic on the department calendar already in memory,
    so it is worked out on the spot; the list of people and roles is read in a worker.
    """

    def forward_fields(self) -> ComposeResult:
        """The target, the working days and the due-date line."""
        yield pick_field("forward", t("ui.forward.to"), t("ui.forward.choose"), required=True)
        yield FormField(
            t("ui.forward.workdays"),
            Input(
                str(DEFAULT_FORWARD_WORKDAYS),
                type="integer",
                max_length=2,
                id="workdays-input",
                compact=True,
            ),
            id="workdays",
            required=True,
        )
        yield Static("", id="due-line", classes="due-line")

    def load_targets(self) -> None:
        """Read the people and roles a complaint can go to."""
        self.call_service(self.services.complaints.forward_targets, self.show_targets)

    def show_targets(self, targets: Iterable[ForwardTarget]) -> None:
        """Offer ``targets`` in the forward field."""
        select = self.query_one("#forward-input", Select)
        select.set_options((target.label, target_value(target)) for target in targets)

    def forward_workdays(self) -> int | None:
        """The working days typed, if they are a number in the allowed range."""
        text = self.query_one("#workdays-input", Input).value.strip()
        if not text.isdigit() or not 1 <= int(text) <= MAX_FORWARD_WORKDAYS:
            return None
        return int(text)

    def show_due(self) -> None:
        """Show the due date the typed working days give (or what to type)."""
        line = self.query_one("#due-line", Static)
        workdays = self.forward_workdays()
        if workdays is None:
            line.update(t("complaint_error.workdays_invalid", max=MAX_FORWARD_WORKDAYS))
            line.add_class("-invalid")
            return
        line.remove_class("-invalid")
        due = self.services.complaints.due_date(workdays)
        line.update(t("ui.forward.due", day=day_text(due), workdays=workdays))

    def read_forward(self, note: str = "") -> Forward | None:
        """The forward as typed, or None after showing what is missing."""
        value = self.query_one("#forward-input", Select).value
        if not isinstance(value, str):
            self.query_one("#forward", FormField).show_error(
                t("complaint_error.forward_to_missing")
            )
            return None
        workdays = self.forward_workdays()
        if workdays is None:
            self.query_one("#workdays", FormField).show_error(
                t("complaint_error.workdays_invalid", max=MAX_FORWARD_WORKDAYS)
            )
            return None
        kind, _, code = value.partition(":")
        if kind == "user":
            return Forward(user_id=int(code), workdays=workdays, note=note)
        return Forward(role=code, workdays=workdays, note=note)


class ForwardFormScreen(ForwardingForm[ComplaintDetail]):
    """Forward a complaint to the responsible person or role with a working-day deadline."""

    def __init__(self, detail: ComplaintDetail, save: Callable[[Forward], ComplaintDetail]) -> None:
        super().__init__(save)
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(step_title("forward", self.detail), classes="title")
            yield Label(self.detail.content, classes="subtitle")
            yield from self.forward_fields()
            yield text_field("note", t("ui.forward.note"))
            yield self.error_line()
            yield self.hint()

    def on_mount(self) -> None:
        self.query_one("#forward-input", Select).focus()
        self.show_due()
        self.load_targets()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "workdays-input":
            self.show_due()

    def read_form(self) -> Forward | None:
        return self.read_forward(self.query_one("#note-input", Input).value)


def step_title(step: str, detail: ComplaintDetail) -> str:
    """The title of a step's dialog: 转交投诉 #12 · 北京华信科技有限公司."""
    return t(f"ui.step.{step}_title", no=detail.id, customer=detail.customer_name)


class NoteFormScreen(FormScreen[ComplaintDetail]):
    """A step that needs one text: a follow-up note, the resolution, or why it reopens.

    ``field`` is the name the service gives that text in its errors (``note``,
    ``resolution``, ``reason``), so a refusal shows under the field.
    """

    def __init__(
        self,
        step: str,
        field: str,
        detail: ComplaintDetail,
        save: Callable[[str], ComplaintDetail],
    ) -> None:
        super().__init__(save)
        self.step = step
        self.field = field
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(step_title(self.step, self.detail), classes="title")
            yield Label(self.detail.content, classes="subtitle")
            yield text_field(self.field, t(f"ui.step.{self.step}_label"), required=True)
            yield self.error_line()
            yield self.hint()

    def on_mount(self) -> None:
        self.query_one(f"#{self.field}-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the only field saves."""
        event.stop()
        event.prevent_default()
        self.action_save()

    def read_form(self) -> str:
        return self.query_one(f"#{self.field}-input", Input).value


class ReplyFormScreen(FormScreen[ComplaintDetail]):
    """The reply to the customer: how, when (default now), by whom (default the clerk) and
    what was said. A time left as offered means now, to the second, so a reply in the
    minute the complaint came in is not taken for one before it."""

    def __init__(
        self,
        detail: ComplaintDetail,
        save: Callable[[Reply], ComplaintDetail],
        *,
        me: int,
        now: datetime,
    ) -> None:
        super().__init__(save)
        self.detail = detail
        self.me = me
        self.now = now
        self.default_at = now.strftime(MOMENT_FORMATS[0])

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(step_title("reply", self.detail), classes="title")
            yield Label(self.detail.resolution, classes="subtitle")
            yield choice_field(
                "method",
                t("ui.reply.method"),
                [(t(f"complaint_reply_method.{code}"), code) for code in REPLY_METHODS],
                "phone",
            )
            yield text_field("at", t("ui.reply.at"), self.default_at, required=True)
            yield pick_field("by", t("ui.reply.by"), t("ui.reply.me"))
            yield text_field("note", t("ui.reply.note"))
            yield self.error_line()
            yield self.hint()

    def on_mount(self) -> None:
        self.query_one("#method-input", Select).focus()
        self.call_service(self.services.complaints.forward_targets, self.show_people)

    def show_people(self, targets: list[ForwardTarget]) -> None:
        """Offer the people who may have replied, the signed-in person first chosen."""
        people = [
            (target.label, target.user_id) for target in targets if target.user_id is not None
        ]
        by = self.query_one("#by-input", Select)
        by.set_options(people)
        if any(user_id == self.me for _, user_id in people):
            by.value = self.me

    def read_form(self) -> Reply | None:
        typed = self.query_one("#at-input", Input).value
        at = parse_moment(typed, self.now.date())
        if at is None:
            self.query_one("#at", FormField).show_error(t("ui.reply.at_invalid"))
            return None
        if typed == self.default_at:
            at = None  # "now", to the second, as the service records it
        method = self.query_one("#method-input", Select).value
        by = self.query_one("#by-input", Select).value
        return Reply(
            method=method if isinstance(method, str) else "phone",
            note=self.query_one("#note-input", Input).value,
            at=at,
            by_user_id=by if isinstance(by, int) else None,
        )
