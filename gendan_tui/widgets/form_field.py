"""A labelled form field with its own line for an error message, and builders for the
usual kinds: a line of text, a fixed choice, and a choice loaded later."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

ChoiceT = TypeVar("ChoiceT")


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


def text_field(
    name: str,
    label: str,
    value: str | None = None,
    *,
    required: bool = False,
    placeholder: str = "",
    password: bool = False,
) -> FormField:
    """A field for one line of text named ``name``; its input's id is ``<name>-input``."""
    control = Input(
        value, placeholder=placeholder, password=password, id=f"{name}-input", compact=True
    )
    return FormField(label, control, id=name, required=required)


def choice_field(
    name: str, label: str, choices: Iterable[tuple[str, ChoiceT]], value: ChoiceT
) -> FormField:
    """A field whose drop-down always has one of ``choices`` chosen, ``value`` at first."""
    control = Select(choices, value=value, allow_blank=False, id=f"{name}-input", compact=True)
    return FormField(label, control, id=name)


def pick_field(name: str, label: str, prompt: str, *, required: bool = False) -> FormField:
    """A field whose drop-down shows ``prompt`` and nothing chosen until its choices are
    loaded and the clerk picks one."""
    control = Select[Any]([], prompt=prompt, id=f"{name}-input", compact=True)
    return FormField(label, control, id=name, required=required)
