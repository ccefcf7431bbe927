"""The heading of the dialogs that record a callback: the customer, why and which number."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label

from gendan_tui.core.callbacks import QueueItem
from gendan_tui.i18n import t


def call_heading(title_key: str, item: QueueItem) -> ComposeResult:
    """The title ``title_key`` naming the customer, then the callback's reason and phone, so
    both call dialogs open alike."""
    yield Label(t(title_key, customer=item.customer_name), classes="title")
    yield Label(f"{t(f'reason.{item.reason}')} · {item.phone}", classes="subtitle")
