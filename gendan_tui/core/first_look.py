"""What the home screen shows in its first frame, read while the session opens.

The command line reads it right after signing the person in, before the UI exists, so
the queue and the customer at its top are painted at once instead of one worker round
trip after the screen appears. Later reads go through the screen's workers as usual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from gendan_tui.core.callbacks import Queue
from gendan_tui.core.customers import CustomerDetail
from gendan_tui.errors import UserError

if TYPE_CHECKING:
    from gendan_tui.core.services import Services


@dataclass(frozen=True)
class FirstLook:
    """The signed-in person's queue for the day and the customer of its first callback."""

    queue: Queue
    detail: CustomerDetail | None


def read_first_look(services: Services) -> FirstLook | None:
    """The first look for whoever is signed in; None when nobody is yet or it cannot be
    read now (the screen then reads it itself and shows why it failed)."""
    if services.ctx.actor is None:
        return None
    try:
        queue = services.callbacks.queue()
        first = queue.items[0].customer_id if queue.items else None
        detail = services.customers.detail(first) if first is not None else None
    except UserError:
        return None
    return FirstLook(queue, detail)
