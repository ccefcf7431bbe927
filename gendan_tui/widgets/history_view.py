"""A record's history as a table: when, who, what was done, and each field before → after.

Actions and field names are translated where the catalog knows them; user ids (a callback's
clerk, a customer's owner) are shown as names; coded values (customer kind, complaint
status, role) in words. Anything unknown is shown as stored rather than hidden.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from gendan_tui.core.audit import AuditEntry, Change
from gendan_tui.i18n import DEFAULT_LANGUAGE, has_key, t
from gendan_tui.widgets.keys import localize_bindings

COLUMNS = ("at", "user", "action", "change")
USER_FIELDS = frozenset({"clerk", "owner", "assignee", "replied_by"})
VALUE_CATALOGS = {
    "kind": ("kind.",),
    "status": ("status.",),
    "state": ("ui.history.state.",),
    "assignee_role": ("role.",),
    "roles": ("role.",),
    "reply_method": ("complaint_reply_method.",),
    "reason": ("reason.",),
    "outcome": ("outcome.",),
    "stage": ("stage.",),
    "event": ("ui.history.event.", "stage."),
}
"""Where coded values of a field are put into words: catalog prefixes, tried in order."""
ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?$")
LONGEST_VALUE = 40
EMPTY: tuple[Any, ...] = (None, "", [])


def _known(key: str) -> str | None:
    return t(key) if has_key(key, DEFAULT_LANGUAGE) else None


def _clip(text: str) -> str:
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1] + "…"


def value_text(field: str, value: Any, names: Mapping[int, str]) -> str:
    """One stored value in words: empty as a dash, flags as yes/no, ids as names."""
    if field == "password":
        return t("ui.history.password_changed")
    if value in EMPTY:
        return "—"
    if isinstance(value, bool):
        return t("ui.history.yes") if value else t("ui.history.no")
    if isinstance(value, list):
        return "、".join(value_text(field, item, names) for item in value)
    if field in USER_FIELDS and isinstance(value, int):
        return names.get(value, f"#{value}")
    for prefix in VALUE_CATALOGS.get(field, ()):
        known = _known(f"{prefix}{value}")
        if known is not None:
            return known
    text = str(value)
    timestamp = ISO_TIME.match(text)
    if timestamp:
        text = f"{timestamp.group(1)} {timestamp.group(2)}"
    return _clip(text)


def change_text(change: Change, names: Mapping[int, str], *, before: bool = True) -> str:
    """``field: before → after``; without ``before`` (a record's first entry) and for a
    password, which is never shown, just the new state."""
    field = _known(f"ui.history.field.{change.field}") or change.field
    after = value_text(change.field, change.after, names)
    if not before or change.field == "password":
        return f"{field}：{after}"
    return f"{field}：{value_text(change.field, change.before, names)} → {after}"


def action_text(entry: AuditEntry, entity: str) -> str:
    """What was done; entries about a related record (a customer's callback) say which."""
    action = _known(f"ui.history.action.{entry.action}") or entry.action
    if entry.entity and entry.entity != entity:
        about = _known(f"ui.history.entity.{entry.entity}") or entry.entity
        return f"{about} · {action}"
    return action


def _cell(value: str) -> Text:
    return Text(value, no_wrap=True, overflow="ellipsis", end="")


class HistoryView(DataTable[Text]):
    """The history of one record (``entity``), newest first, one row per changed field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "ui.key.down", show=False, id="history.down"),
        Binding("k", "cursor_up", "ui.key.up", show=False, id="history.up"),
    ]

    def __init__(self, entity: str, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        localize_bindings(self)
        self.entity = entity
        self.entries: tuple[AuditEntry, ...] = ()

    def on_mount(self) -> None:
        for key in COLUMNS:
            self.add_column(t(f"ui.history.col.{key}"), key=key)

    def show(self, entries: Sequence[AuditEntry], names: Mapping[int, str]) -> None:
        """Replace the rows with ``entries``; ``names`` maps user ids to names."""
        self.entries = tuple(entries)
        self.clear()
        for number, entry in enumerate(self.entries):
            created = all(change.before is None for change in entry.changes)
            lines = [
                change_text(change, names, before=not created)
                for change in entry.changes
                if not (created and change.after in EMPTY)
            ] or [""]
            head = (
                entry.at.strftime("%Y-%m-%d %H:%M"),
                entry.user or t("ui.history.system"),
                action_text(entry, self.entity),
            )
            for index, line in enumerate(lines):
                cells = head if index == 0 else ("", "", "")
                self.add_row(*map(_cell, (*cells, line)), key=f"{number}.{index}")
