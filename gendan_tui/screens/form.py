"""Dialogs that save through a service: Ctrl+S saves in a worker, Esc cancels.

The dialog stays open until the save succeeds, so a refused save (an empty required field,
a locked database) loses nothing the clerk typed: the message appears under the field or
at the foot of the dialog. A save refused because someone else changed the record closes
the dialog, so the screen below can show the fresh state.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input, Static

from gendan_tui.core.workflow import StepRefused
from gendan_tui.errors import ConflictError, ValidationError
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppModal, ResultT
from gendan_tui.widgets.form_field import FormField
from gendan_tui.widgets.keys import CANCEL
from gendan_tui.widgets.service_calls import error_text


class FormScreen(AppModal[ResultT | None]):
    """A dialog that reads a form and saves it with ``save`` (run off the UI thread)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "ui.key.save", id="form.save", priority=True),
        CANCEL,
    ]

    def __init__(self, save: Callable[[Any], ResultT]) -> None:
        super().__init__()
        self._save = save
        self.saving = False

    def read_form(self) -> object:
        """The form as typed, to be handed to ``save``."""
        raise NotImplementedError

    def hint(self) -> Static:
        """The line at the foot of the dialog that says how to save and cancel."""
        return Static(t("ui.form.hint"), classes="form-hint")

    def error_line(self) -> Static:
        """Where errors that belong to no single field are shown."""
        line = Static("", id="form-error", classes="form-error")
        line.display = False
        return line

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        if self.saving:
            return
        for field in self.query(FormField):
            field.clear_error()
        self.show_form_error("")
        form = self.read_form()
        if form is None:
            return
        self.saving = True
        self.run_save(form)

    def run_save(self, form: object) -> None:
        """Save ``form`` in a worker; the outcome comes back to ``saved`` or ``save_failed``."""
        self.call_service(partial(self._save, form), self.saved, on_error=self.save_failed)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on to the next field, as Tab does."""
        event.stop()
        self.focus_next()

    def saved(self, result: ResultT) -> None:
        """The form was saved: close with what the save returned."""
        self.saving = False
        self.dismiss(result)

    def save_failed(self, error: BaseException | None) -> None:
        """Show why the save was refused: each reason at its field, the others at the foot
        of the dialog; a conflict closes the dialog (the screen below reads the record
        again)."""
        self.saving = False
        if isinstance(error, ConflictError):
            self.service_failed(error)
            self.dismiss(None)
            return
        reasons = error.reasons if isinstance(error, StepRefused) else (error,)
        # Last to first, so the cursor ends in the first field that needs fixing.
        unplaced = [r for r in reversed(reasons) if not self.show_at_field(r)][::-1]
        if unplaced:
            self.show_form_error("\n".join(error_text(reason) for reason in unplaced))

    def show_at_field(self, error: BaseException | None) -> bool:
        """Show a validation error under the field it names; whether there was one."""
        if not isinstance(error, ValidationError) or not error.field:
            return False
        field = next(iter(self.query(f"#{error.field}").results(FormField)), None)
        if field is None:
            return False
        field.show_error(str(error))
        return True

    def show_form_error(self, text: str) -> None:
        """Show (or, with no text, hide) the error line at the foot of the dialog."""
        line = self.query_one("#form-error", Static)
        line.update(text)
        line.display = bool(text)
