"""Service-level timings on the benchmark database: the queue, searches, the customer pane.

Each figure is taken warm (every query run once before timing) over many runs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from functools import partial

from stats import median, p95, time_ms

from gendan_tui.core import users
from gendan_tui.core.clock import FixedClock
from gendan_tui.core.services import Services, open_services
from gendan_tui.store.models import Customer, Phone

QUEUE_CLERKS = 10
QUEUE_ROUNDS = 30
SEARCH_RUNS = 30
DETAIL_RUNS = 100


@dataclass(frozen=True)
class QueryTimes:
    """Milliseconds per call: medians, and the queue's 95th percentile."""

    queue_median: float
    queue_p95: float
    queue_rows: int
    search_phone: float
    search_initials: float
    search_name: float
    detail: float


def _services(url: str, today: date) -> Services:
    services = open_services(url, clock=FixedClock(today))
    services.act_as(users.list_clerks()[0].login)
    return services


def _queue_times(services: Services) -> tuple[list[float], int]:
    """Time ``queue()`` for several clerks, round-robin."""
    clerks = users.list_clerks()[:QUEUE_CLERKS]
    supervisor = services.ctx.actor
    samples: list[float] = []
    rows = 0
    for clerk in clerks:
        services.ctx.actor = clerk
        rows = max(rows, len(services.callbacks.queue().items))
    for _ in range(QUEUE_ROUNDS):
        for clerk in clerks:
            services.ctx.actor = clerk
            samples.append(time_ms(services.callbacks.queue))
    services.ctx.actor = supervisor
    return samples, rows


def _search_terms(rng: random.Random) -> tuple[list[str], list[str]]:
    """Phone fragments (four middle digits of real numbers) and initials prefixes."""
    top = Customer.select().count()
    picks = [rng.randint(1, top) for _ in range(SEARCH_RUNS)]
    phones = [
        digits[3:7]
        for (digits,) in Phone.select(Phone.digits).where(Phone.customer.in_(picks)).tuples()
    ][:SEARCH_RUNS]
    initials = [
        initials[:4]
        for (initials,) in Customer.select(Customer.initials).where(Customer.id.in_(picks)).tuples()
    ]
    return phones, initials


def _median_of(services: Services, terms: list[str]) -> float:
    for term in terms[:3]:
        services.customers.search(term)
    return median([time_ms(partial(services.customers.search, term)) for term in terms])


def measure_queries(url: str, today: date) -> QueryTimes:
    """All service-level figures."""
    services = _services(url, today)
    queue, rows = _queue_times(services)
    rng = random.Random(7)
    phones, initials = _search_terms(rng)
    names = ["华信", "电子科技", "深圳市", "鑫达", "有限公司"]
    top = Customer.select().count()
    ids = [rng.randint(1, top) for _ in range(DETAIL_RUNS)]
    for customer_id in ids[:5]:
        services.customers.detail(customer_id)
    detail = median([time_ms(partial(services.customers.detail, c)) for c in ids])
    return QueryTimes(
        queue_median=median(queue),
        queue_p95=p95(queue),
        queue_rows=rows,
        search_phone=_median_of(services, phones),
        search_initials=_median_of(services, initials),
        search_name=_median_of(services, names),
        detail=detail,
    )
