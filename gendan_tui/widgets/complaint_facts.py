"""One complaint's facts and its timeline, as the complaint detail view shows them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable, Static

from gendan_tui.core.complaint_detail import ComplaintDetail, TimelineEntry, describe_event
from gendan_tui.i18n import t

MOMENT = "%Y-%m-%d %H:%M"


def moment(value: datetime | None) -> str:
    """A moment as the detail view writes it; empty when there is none."""
    return value.strftime(MOMENT) if value else ""


class ComplaintFacts(Static):
    """Who complained, about what, where it stands, who has it and what was done."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"facts--label", "facts--alert", "facts--status"}

    def show(self, detail: ComplaintDetail) -> None:
        """Show ``detail``."""
        self.update(Text("\n").join(self._lines(detail)))

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"facts--{name}")

    def _line(self, label: str, *parts: str | Text) -> Text:
        line = Text(f"{t(label)}：", style=self._style("label"))
        for part in parts:
            line.append_text(part if isinstance(part, Text) else Text(part))
        return line

    def _lines(self, d: ComplaintDetail) -> Iterable[Text]:
        head = Text(t("ui.detail.heading", no=d.id), style="bold")
        head.append(f"  {t(f'status.{d.status}')}", style=self._style("status"))
        head.append(
            f"  {d.category_name} · {t(f'severity.{d.severity}')} · "
            f"{t(f'complaint_channel.{d.channel}')}"
        )
        yield head
        customer = Text(d.customer_name, style="bold")
        if d.frequent:
            customer.append(f" {t('ui.pane.frequent')}", style=self._style("alert"))
        phone = d.phone or d.customer_phone
        extra = " · ".join(part for part in (phone, d.contact_name) if part)
        yield self._line("ui.detail.customer", customer, f"  {extra}" if extra else "")
        yield self._line("ui.detail.received", f"{moment(d.received_at)} {d.taken_by}")
        yield self._line("ui.detail.content", d.content)
        if d.assignee or d.assignee_role:
            who = d.assignee or t(f"role.{d.assignee_role}")
            due = Text(t("ui.detail.due", date=d.due_on.isoformat()) if d.due_on else "")
            if d.overdue:
                due.append(
                    f" {t('ui.detail.overdue', days=d.workdays_overdue)}",
                    style=self._style("alert"),
                )
            yield self._line(
                "ui.detail.responsible",
                f"{who} · {t(f'complaint_dept.{d.department}')} · ",
                due,
            )
        if d.resolution:
            by = f"（{moment(d.resolved_at)} {d.resolved_by}）" if d.resolved_at else ""
            yield self._line("ui.detail.resolution", f"{d.resolution}{by}")
        if d.replied_at:
            method = t(f"complaint_reply_method.{d.reply_method}") if d.reply_method else ""
            note = f" — {d.reply_note}" if d.reply_note else ""
            yield self._line(
                "ui.detail.reply", f"{moment(d.replied_at)} {method} {d.replied_by}{note}"
            )
        elif d.status != "closed":
            yield self._line(
                "ui.detail.reply", Text(t("ui.detail.not_replied"), style=self._style("alert"))
            )
        if d.closed_at:
            yield self._line("ui.detail.closed", moment(d.closed_at))
        if d.reopened_count:
            yield self._line("ui.detail.reopened", str(d.reopened_count))


class TimelineTable(DataTable[Text]):
    """The complaint's history, oldest first: when, and who did what."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for key in ("at", "event"):
            self.add_column(t(f"ui.detail.col.{key}"), key=key)

    def show(self, entries: Iterable[TimelineEntry]) -> None:
        """Replace the rows with ``entries`` and keep the latest in view."""
        self.clear()
        for entry in entries:
            self.add_row(
                Text(moment(entry.at), no_wrap=True),
                Text(describe_event(entry)),
            )
        if self.row_count:
            self.move_cursor(row=self.row_count - 1, animate=False)
