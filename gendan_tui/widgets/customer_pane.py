"""The customer pane: one customer's whole picture next to the queue (and on its own screen)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from gendan_tui.core.customers import CustomerDetail
from gendan_tui.i18n import t

SECTIONS = ("contacts", "subscriptions", "orders", "complaints", "calls")
RENEWAL_HORIZON = timedelta(days=61)


class CustomerPane(VerticalScroll, can_focus=False):
    """Contacts and phones, memberships and renewals, open orders and complaints, recent calls."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"pane--muted", "pane--alert"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.detail: CustomerDetail | None = None

    def on_mount(self) -> None:
        self.border_title = t("ui.pane.title")

    def compose(self) -> ComposeResult:
        yield Static(id="pane-name")
        yield Static(id="pane-facts")
        for section in SECTIONS:
            yield Label(t(f"ui.pane.{section}"), classes="pane-title")
            yield Static(id=f"pane-{section}", classes="pane-body")
        yield Static(id="pane-next")

    def show(self, detail: CustomerDetail | None, today: date) -> None:
        """Show ``detail`` (or an empty pane when no customer is selected)."""
        self.detail = detail
        self.set_class(detail is None, "-empty")
        if detail is None:
            self.query_one("#pane-name", Static).update(t("ui.pane.no_customer"))
            return
        self.query_one("#pane-name", Static).update(Text(detail.name))
        self.query_one("#pane-facts", Static).update(self._facts(detail))
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
        for section, lines in bodies.items():
            self.query_one(f"#pane-{section}", Static).update(self._lines(lines))
        next_on = detail.next_callback_on
        self.query_one("#pane-next", Static).update(
            t("ui.pane.next", date=next_on.isoformat()) if next_on else t("ui.pane.no_next")
        )
        self.scroll_home(animate=False)

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
