"""Customers with frequent problems (频繁出现问题的客户): too many complaints in a window.

The count of a customer's complaints in the window is written once, here, and used by the
frequent-problem rule, the complaint lists and detail, and the callback queue.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import peewee as pw

from gendan_tui.core.callback_rules import CallbackPolicy
from gendan_tui.core.clock import start_of
from gendan_tui.store.models import Complaint


def window_start(day: date, policy: CallbackPolicy) -> datetime:
    """The first moment counted when judging frequency as of ``day``."""
    return start_of(day) - timedelta(days=policy.frequent_window_days)


def complaints_in_window(customer: Any, day: date, policy: CallbackPolicy) -> pw.SelectQuery:
    """A query counting the complaints of ``customer`` (an id, or the customer column of an
    outer query, for a correlated count) received in the window ending on ``day``."""
    counted = Complaint.alias("in_window")
    return counted.select(pw.fn.COUNT(counted.id)).where(
        (counted.customer == customer) & (counted.received_at >= window_start(day, policy))
    )


def is_frequent(count: int, policy: CallbackPolicy) -> bool:
    """Whether ``count`` complaints in the window make a customer one with frequent problems."""
    return count > policy.frequent_more_than


def recent_complaints(customer_id: int, day: date, policy: CallbackPolicy) -> int:
    """Complaints from the customer inside the policy's window ending on ``day``."""
    return int(complaints_in_window(customer_id, day, policy).scalar() or 0)


def has_frequent_problems(customer_id: int, day: date, policy: CallbackPolicy) -> bool:
    """Whether the customer counts as having frequent problems on ``day``."""
    return is_frequent(recent_complaints(customer_id, day, policy), policy)
