"""One complaint on a whole screen: its facts, its timeline, and every step by one key.

Each step saves with the version of the complaint on screen. When someone else changed it
first, the service refuses, the clerk is told who, and the complaint is read again. Closing
before the reply is recorded is refused by the service with its own message, so the key
stays available until the complaint is closed.
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Header, Label

from gendan_tui.core.complaint_detail import ComplaintDetail
from gendan_tui.core.complaint_terms import CLOSED
from gendan_tui.core.roles import Permission
from gendan_tui.errors import ConflictError
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppScreen
from gendan_tui.screens.complaint_steps import ForwardFormScreen, NoteFormScreen, ReplyFormScreen
from gendan_tui.widgets.complaint_facts import ComplaintFacts, TimelineTable
from gendan_tui.widgets.keys import BACK
from gendan_tui.widgets.keys_footer import KeysFooter

STEP_ACTIONS = frozenset({"forward", "follow_up", "resolve", "reply", "reopen"})


class ComplaintDetailScreen(AppScreen):
    """The complaint with its timeline; f u r p x o take the steps, Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        BACK,
        Binding(
            "f",
            "forward",
            "ui.step.forward",
            tooltip="ui.step.forward_long",
            id="complaint.forward",
        ),
        Binding(
            "u",
            "follow_up",
            "ui.step.follow_up",
            tooltip="ui.step.follow_up_long",
            id="complaint.follow_up",
        ),
        Binding(
            "r",
            "resolve",
            "ui.step.resolve",
            tooltip="ui.step.resolve_long",
            id="complaint.resolve",
        ),
        Binding("p", "reply", "ui.step.reply", tooltip="ui.step.reply_long", id="complaint.reply"),
        Binding("x", "close", "ui.step.close", tooltip="ui.step.close_long", id="complaint.close"),
        Binding(
            "o", "reopen", "ui.step.reopen", tooltip="ui.step.reopen_long", id="complaint.reopen"
        ),
    ]
    ACTION_PERMISSIONS: ClassVar[dict[str, Permission]] = {
        action: Permission.HANDLE_COMPLAINTS for action in (*STEP_ACTIONS, "close")
    }

    def __init__(self, complaint_id: int) -> None:
        super().__init__()
        self.complaint_id = complaint_id
        self.detail: ComplaintDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="complaint-facts-box"):
            yield ComplaintFacts(id="complaint-facts")
        yield Label(t("ui.detail.timeline"), id="timeline-title")
        yield TimelineTable(id="timeline")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = f"{t('app.title')} · {t('ui.detail.title', no=self.complaint_id)}"
        self.query_one(TimelineTable).focus()
        self.load()

    def load(self) -> None:
        """Read the complaint in a worker."""
        self.call_service(partial(self.services.complaints.detail, self.complaint_id), self.show)

    def service_failed(self, error: BaseException | None) -> None:
        """Say why; after a conflict, show the complaint as the other person left it."""
        super().service_failed(error)
        if isinstance(error, ConflictError):
            self.load()

    def show(self, detail: ComplaintDetail) -> None:
        """Show ``detail`` and offer the steps it can take now."""
        self.detail = detail
        self.query_one(ComplaintFacts).show(detail)
        self.query_one(TimelineTable).show(detail.timeline)
        self.refresh_bindings()

    # Keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.permitted(action):
            return False
        if action in STEP_ACTIONS:
            return self.detail is not None and action in self.detail.steps
        if action == "close":
            return self.detail is not None and self.detail.status != CLOSED
        return True

    def action_back(self) -> None:
        self.dismiss(None)

    def action_forward(self) -> None:
        if self.detail is not None:
            detail = self.detail
            save = partial(self.services.complaints.forward, detail.id, detail.version)
            self.app.push_screen(
                ForwardFormScreen(detail, save), partial(self.after_step, "forward")
            )

    def action_follow_up(self) -> None:
        self.note_step("follow_up", "note", self.services.complaints.follow_up)

    def action_resolve(self) -> None:
        self.note_step("resolve", "resolution", self.services.complaints.resolve)

    def action_reopen(self) -> None:
        self.note_step("reopen", "reason", self.services.complaints.reopen)

    def note_step(self, step: str, field: str, service: Any) -> None:
        """Ask for the one text ``step`` needs and save it with ``service``."""
        if self.detail is not None:
            detail = self.detail
            save = partial(service, detail.id, detail.version)
            self.app.push_screen(
                NoteFormScreen(step, field, detail, save), partial(self.after_step, step)
            )

    def action_reply(self) -> None:
        if self.detail is not None:
            detail = self.detail
            save = partial(self.services.complaints.reply, detail.id, detail.version)
            ctx = self.services.ctx
            self.app.push_screen(
                ReplyFormScreen(detail, save, me=ctx.require_actor().id, now=ctx.clock.now()),
                partial(self.after_step, "reply"),
            )

    def action_close(self) -> None:
        if self.detail is not None:
            detail = self.detail
            self.call_service(
                partial(self.services.complaints.close, detail.id, detail.version),
                partial(self.after_step, "close"),
                group="step",
            )

    def after_step(self, step: str, detail: ComplaintDetail | None) -> None:
        """Show the complaint as the step left it; after a cancelled or refused step, read
        it again (someone else may have changed it)."""
        if detail is None:
            self.load()
            return
        self.notify(t(f"ui.step.{step}_done", no=detail.id))
        self.show(detail)
