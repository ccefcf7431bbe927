"""The customer pane: one customer's whole picture next to the queue (and on its own screen).

The picture is one text, built from the customer's detail section by section and shown
in a single scrolling widget, which keeps the home screen's first frame quick (a widget
per section made it markedly slower). ``section`` gives the plain text of one part.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from gendan_tui.core.customers import CustomerDetail
from gendan_tui.i18n import t

SECTIONS = ("contacts", "subscriptions", "orders", "complaints", "calls")
RENEWAL_HORIZON = timedelta(days=61)


class CustomerPane(VerticalScroll, can_focus=False):
    """Contacts and phones, memberships and renewals, open orders and complaints, recent calls."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pane--name",
        "pane--title",
        "pane--next",
        "pane--muted",
        "pane--alert",
    }
    DENSE_BELOW = 12
    """Lower than this many lines, sections follow each other without a blank line."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.detail: CustomerDetail | None = None
        self.sections: dict[str, Text] = {}
        self.dense = False

    def on_mount(self) -> None:
        self.border_title = t("ui.pane.title")

    def compose(self) -> ComposeResult:
        yield Static(id="pane-text")

    def on_resize(self) -> None:
        """Keep blank lines between sections only where there is room for them."""
        dense = self.size.height < self.DENSE_BELOW
        if dense != self.dense:
            self.dense = dense
            self._render_sections()

    def section(self, name: str) -> str:
        """The plain text of one part: ``name``, ``facts``, one of ``SECTIONS``, ``next``."""
        return self.sections[name].plain

    def show(self, detail: CustomerDetail | None, today: date) -> None:
        """Show ``detail`` (or an empty pane when no customer is selected)."""
        self.detail = detail
        self.sections = {} if detail is None else self._sections(detail, today)
        self._render_sections()
        self.scroll_home(animate=False)

    def _render_sections(self) -> None:
        text = self.query_one("#pane-text", Static)
        if self.detail is None:
            text.update(Text(t("ui.pane.no_customer"), style=self._style("name")))
            return
        gap = [] if self.dense else [Text()]
        lines = [self.sections["name"], self.sections["facts"]]
        for section in SECTIONS:
            lines += [*gap, Text(t(f"ui.pane.{section}"), style=self._style("title"))]
            lines.append(self.sections[section])
        lines += [*gap, self.sections["next"]]
        text.update(Text("\n").join(lines))

    def _sections(self, detail: CustomerDetail, today: date) -> dict[str, Text]:
        bodies = {
            "contacts": self._contacts(detail),
            "subscriptions": self._subscriptions(detail, today),
            "orders": [
                Text.assemble(o.title, "  ", (t(f"stage.{o.stage}"), "bold"))
                for o in detail.open_orders
            ],
            "complaints": [
                Text(
                    f"{c.received_at:%Y-%m-%d} {t(f'category.{c.category}')} "
                    f"[{t(f'status.{c.status}')}] {c.content}"
                )
                for c in detail.open_complaints
            ],
            "calls": [
                Text(
                    f"{c.called_at:%m-%d} {c.clerk} {t(f'outcome.{c.outcome}')}"
                    + (f" {c.contact_name}：{c.discussed}" if c.discussed else "")
                )
                for c in detail.recent_calls
            ],
        }
        next_on = detail.next_callback_on
        return {
            "name": Text(detail.name, style=self._style("name")),
            "facts": self._facts(detail),
            **{section: self._lines(lines) for section, lines in bodies.items()},
            "next": Text(
                t("ui.pane.next", date=next_on.isoformat()) if next_on else t("ui.pane.no_next"),
                style=self._style("next"),
            ),
        }

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"pane--{name}")

    def _lines(self, lines: Iterable[Text]) -> Text:
        lines = list(lines)
        if not lines:
            return Text(t("ui.pane.none"), style=self._style("muted"))
        return Text("\n").join(lines)

    def _facts(self, detail: CustomerDetail) -> Text:
        parts: list[Text] = [
            Text(t(f"kind.{detail.kind}")),
            Text(t("ui.pane.member") if detail.is_member else t("ui.pane.non_member")),
        ]
        if detail.owner:
            parts.append(Text(t("ui.pane.owner", name=detail.owner)))
        if detail.interval_months:
            parts.append(Text(t("ui.pane.interval", months=detail.interval_months)))
        if detail.frequent:
            parts.append(Text(t("ui.pane.frequent"), style=self._style("alert")))
        return Text(" · ").join(parts)

    def _contacts(self, detail: CustomerDetail) -> list[Text]:
        lines = []
        for contact in detail.contacts:
            name = contact.name or t("ui.pane.unnamed")
            head = Text(name, style="bold")
            if contact.title:
                head.append(f" {contact.title}")
            if contact.is_primary:
                head.append(f" {t('ui.pane.primary')}", style=self._style("muted"))
            lines.append(head)
            if contact.phones:
                lines.append(Text("  " + "  ".join(contact.phones)))
        return lines

    def _subscriptions(self, detail: CustomerDetail, today: date) -> list[Text]:
        lines = []
        for sub in detail.subscriptions:
            lines.append(Text(f"{t(f'subscription.{sub.kind}')} {sub.name}".rstrip()))
            line = Text(f"  {sub.starts_on} → {sub.expires_on}")
            if sub.expires_on < today:
                line.append(f" {t('ui.pane.expired')}", style=self._style("alert"))
            elif sub.expires_on - today <= RENEWAL_HORIZON:
                line.append(f" {t('ui.pane.renew_soon')}", style=self._style("alert"))
            lines.append(line)
        return lines
