"""Customers with frequent problems (频繁出现问题的客户): too many complaints in a window."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import cast

from gendan_tui.core.callback_rules import CallbackPolicy
from gendan_tui.core.clock import start_of
from gendan_tui.store.models import Complaint


def window_start(day: date, policy: CallbackPolicy) -> datetime:
    """The first moment counted when judging frequency as of ``day``."""
    return start_of(day) - timedelta(days=policy.frequent_window_days)


def recent_complaints(customer_id: int, day: date, policy: CallbackPolicy) -> int:
    """Complaints from the customer inside the policy's window ending on ``day``."""
    return cast(
        int,
        Complaint.select()
        .where(
            (Complaint.customer == customer_id)
            & (Complaint.received_at >= window_start(day, policy))
        )
        .count(),
    )


def has_frequent_problems(customer_id: int, day: date, policy: CallbackPolicy) -> bool:
    """Whether the customer counts as having frequent problems on ``day``."""
    return recent_complaints(customer_id, day, policy) > policy.frequent_more_than
