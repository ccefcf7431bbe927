"""Customers with frequent problems: more than the policy's count of complaints received in
its window, checked at the exact edges of both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from gendan_tui.core.clock import Clock
from gendan_tui.core.complaints import ComplaintForm
from gendan_tui.core.frequent import has_frequent_problems, recent_complaints, window_start
from gendan_tui.core.services import Services
from tests import factories

TODAY = date(2025, 10, 9)


@dataclass
class StoppedClock(Clock):
    at: datetime

    def now(self) -> datetime:
        return self.at


def complaint_at(services: Services, customer: int, at: datetime) -> int:
    """A complaint from ``customer`` received at ``at``, with the clock back on today after."""
    services.ctx.clock = StoppedClock(at)
    try:
        return services.complaints.take(ComplaintForm(customer, "website", "网站打不开"))
    finally:
        services.ctx.clock = StoppedClock(datetime(2025, 10, 9, 17, 0))


def frequent_everywhere(services: Services, customer: int) -> bool:
    """Whether the customer counts as frequent, asserting the customer detail agrees."""
    frequent = has_frequent_problems(customer, TODAY, services.ctx.policy)
    assert services.customers.detail(customer).frequent is frequent
    return frequent


def test_the_default_is_more_than_two_in_ninety_days(services: Services) -> None:
    policy = services.ctx.policy
    assert (policy.frequent_more_than, policy.frequent_window_days) == (2, 90)
    assert window_start(TODAY, policy) == datetime(2025, 7, 11, 0, 0)


def test_exactly_the_threshold_is_not_frequent_one_more_is(services: Services) -> None:
    customer = factories.customer(services)
    first = complaint_at(services, customer, datetime(2025, 10, 9, 9, 0))
    complaint_at(services, customer, datetime(2025, 10, 9, 10, 0))
    assert recent_complaints(customer, TODAY, services.ctx.policy) == 2
    assert not frequent_everywhere(services, customer)
    assert not services.complaints.detail(first).frequent

    complaint_at(services, customer, datetime(2025, 10, 9, 11, 0))
    assert recent_complaints(customer, TODAY, services.ctx.policy) == 3
    assert frequent_everywhere(services, customer)
    assert services.complaints.detail(first).frequent


def test_a_complaint_just_outside_the_window_does_not_count_one_just_inside_does(
    services: Services,
) -> None:
    start = window_start(TODAY, services.ctx.policy)
    customer = factories.customer(services)
    complaint_at(services, customer, start - timedelta(seconds=1))
    complaint_at(services, customer, start)
    complaint_at(services, customer, datetime(2025, 10, 9, 9, 0))
    assert recent_complaints(customer, TODAY, services.ctx.policy) == 2
    assert not frequent_everywhere(services, customer)

    complaint_at(services, customer, start + timedelta(seconds=1))
    assert recent_complaints(customer, TODAY, services.ctx.policy) == 3
    assert frequent_everywhere(services, customer)
    # A day later the window starts a day later, and both complaints of its first day are out.
    tomorrow = TODAY + timedelta(days=1)
    assert recent_complaints(customer, tomorrow, services.ctx.policy) == 1
    assert not has_frequent_problems(customer, tomorrow, services.ctx.policy)
