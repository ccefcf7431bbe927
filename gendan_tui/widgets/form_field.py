"""A labelled form field with its own line for an error message."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


class FormField(Vertical):
    """A label and an input on one line, and under them the input's error, if any.

    The field's id is the service's field name, so a ``ValidationError(field=…)`` finds it.
    """

    def __init__(self, label: str, control: Widget, *, id: str, required: bool = False) -> None:
        super().__init__(id=id, classes="form-field")
        self.label = f"{label} *" if required else label
        self.control = control

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(self.label, classes="field-label")
            yield self.control
        yield Static("", classes="field-error")

    def show_error(self, text: str) -> None:
        """Show ``text`` under the field and move the cursor into it."""
        self.add_class("-invalid")
        self.query_one(".field-error", Static).update(text)
        self.control.focus()

    def clear_error(self) -> None:
        """Remove a shown error."""
        self.remove_class("-invalid")
        self.query_one(".field-error", Static).update("")
