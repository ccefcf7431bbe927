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

from gendan_tui.errors import ConflictError, ValidationError
from gendan_tui.i18n import t
from gendan_tui.screens.base import AppModal, ResultT, error_text
from gendan_tui.widgets.form_field import FormField
from gendan_tui.widgets.keys import CANCEL

SAVE_GROUP = "save"


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
        """Save ``form`` in a worker; the outcome comes back to ``worker_succeeded``."""
        self.call_service(partial(self._save, form), SAVE_GROUP)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on to the next field, as Tab does."""
        event.stop()
        self.focus_next()

    def worker_succeeded(self, group: str, result: Any) -> None:
        if group == SAVE_GROUP:
            self.saving = False
            self.dismiss(result)

    def worker_failed(self, group: str, error: BaseException | None) -> None:
        if group != SAVE_GROUP:
            super().worker_failed(group, error)
            return
        self.saving = False
        if isinstance(error, ValidationError) and error.field:
            fields = self.query(f"#{error.field}").results(FormField)
            field = next(iter(fields), None)
            if field is not None:
                field.show_error(str(error))
                return
        if isinstance(error, ConflictError):
            super().worker_failed(group, error)
            self.dismiss(None)
            return
        self.show_form_error(error_text(error))

    def show_form_error(self, text: str) -> None:
        """Show (or, with no text, hide) the error line at the foot of the dialog."""
        line = self.query_one("#form-error", Static)
        line.update(text)
        line.display = bool(text)
