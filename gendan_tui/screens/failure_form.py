"""The form for a call that did not reach the customer: pick what happened, 1–5 or arrows."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from gendan_tui.core.callbacks import FAILURE_OUTCOMES, CallResult, QueueItem
from gendan_tui.i18n import t
from gendan_tui.screens.call_heading import call_heading
from gendan_tui.screens.form import FormScreen
from gendan_tui.widgets.form_field import FormField

OTHER = "other"


class FailureFormScreen(FormScreen[CallResult]):
    """A number key records that outcome at once; 其他 (other) first asks for a note.

    The form returns what ``save`` returns; ``save`` receives ``(outcome, notes)``.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            str(number),
            f"pick({number - 1})",
            f"outcome.{code}",
            show=False,
            id=f"form.pick_{code}",
        )
        for number, code in enumerate(FAILURE_OUTCOMES, start=1)
    ]

    def __init__(self, item: QueueItem, save: Callable[[tuple[str, str]], CallResult]) -> None:
        super().__init__(save)
        self.item = item

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield from call_heading("ui.failure.title", self.item)
            yield OptionList(
                *(
                    Option(f"{number}  {t(f'outcome.{code}')}", id=code)
                    for number, code in enumerate(FAILURE_OUTCOMES, start=1)
                ),
                id="outcomes",
            )
            yield FormField(
                t("ui.failure.notes"), Input(id="notes-input", compact=True), id="notes"
            )
            yield self.error_line()
            yield Label(t("ui.failure.hint"), classes="form-hint")

    def on_mount(self) -> None:
        options = self.query_one("#outcomes", OptionList)
        options.highlighted = 0
        options.focus()

    @property
    def outcome(self) -> str:
        """The highlighted outcome code."""
        index = self.query_one("#outcomes", OptionList).highlighted or 0
        return FAILURE_OUTCOMES[index]

    def action_pick(self, index: int) -> None:
        """Choose outcome ``index`` and save (for 其他, once a note is written)."""
        self.query_one("#outcomes", OptionList).highlighted = index
        self.submit()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        """Save the highlighted outcome, unless it is 其他 and the note is still empty."""
        notes = self.query_one("#notes-input", Input)
        if self.outcome == OTHER and not notes.value.strip():
            self.query_one("#notes", FormField).show_error(t("ui.failure.other_needs_note"))
            return
        self.action_save()

    def read_form(self) -> tuple[str, str]:
        return self.outcome, self.query_one("#notes-input", Input).value
