"""The `?` screen: every key of the screen the clerk is on, with what it does."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from gendan_tui.i18n import t
from gendan_tui.screens.base import AppModal
from gendan_tui.widgets.keys import area_of, verb_of


@dataclass(frozen=True)
class KeyHelp:
    """One line of help: the keys, the area and what they do."""

    keys: str
    area: str
    verb: str


def key_help(
    active: Iterable[ActiveBinding], key_display: Callable[[Binding], str]
) -> list[KeyHelp]:
    """Help lines for the app's own bindings (those with an id) among ``active``; keys that
    run the same action on the same widget (``j`` and ``↓``) share one line."""
    lines: dict[tuple[int, str], list[str]] = {}
    bindings: dict[tuple[int, str], Binding] = {}
    for item in active:
        binding = item.binding
        if binding.id is None:
            continue
        slot = (id(item.node), binding.action)
        lines.setdefault(slot, []).append(key_display(binding))
        bindings.setdefault(slot, binding)
    return [
        KeyHelp(" / ".join(lines[slot]), area_of(binding), verb_of(binding))
        for slot, binding in bindings.items()
    ]


class HelpScreen(AppModal[None]):
    """Lists keys; Esc, `?` or `q` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "ui.key.close", id="help.close"),
    ]

    def __init__(self, title: str, lines: list[KeyHelp]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            yield Label(t("ui.help.title", screen=self.title_text), classes="title")
            yield DataTable(cursor_type="none", zebra_stripes=True, id="help-keys")
            yield Static(t("ui.help.palette"), classes="form-hint")

    def on_mount(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        for key in ("keys", "area", "verb"):
            table.add_column(t(f"ui.help.col.{key}"), key=key)
        for line in self.lines:
            table.add_row(Text(line.keys, style="bold"), Text(line.area), Text(line.verb))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
