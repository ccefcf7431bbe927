"""Demo customers: companies with contacts, phone numbers and what they renew.

A :class:`CustomerPlan` holds what later steps (orders, calls, complaints) need to know
about a customer; the rows written here are the customer's own tables.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from gendan_tui.demo import names
from gendan_tui.demo.bulk import BulkWriter, Row
from gendan_tui.demo.days import DayTable
from gendan_tui.demo.phrases import SUBSCRIPTION_NAMES
from gendan_tui.store.models import Contact, Customer, Phone, Subscription

NEW_SHARE = 0.25
MEMBER_SHARE = 0.6
INTERVAL_OVERRIDES = ((1, 3), (3, 4), (6, 1))
"""Per-customer callback intervals in months, and their weight among overriding customers."""
OVERRIDE_SHARE = 0.08
CONTACT_COUNTS = ((1, 45), (2, 40), (3, 15))
TLDS = (".com", ".cn", ".com.cn", ".net")
YEAR_DAYS = 365
OLDEST_YEARS = 8
YOUNGEST_OLD_WORKDAYS = 260
"""An old customer has been one for at least about a year (260 working days)."""
_CONTACT_SIZES = tuple(size for size, _ in CONTACT_COUNTS)
_CONTACT_WEIGHTS = tuple(weight for _, weight in CONTACT_COUNTS)

_TITLES = tuple(title for title, _ in names.CONTACT_TITLES)
_TITLE_WEIGHTS = tuple(weight for _, weight in names.CONTACT_TITLES)


@dataclass(slots=True)
class CustomerPlan:
    """One demo customer while the data set is being planned (days are indexes)."""

    id: int
    company: names.CompanyName
    owner: int
    kind: str
    is_member: bool
    interval: int | None
    created: int = 0
    callers: list[tuple[str, str]] = field(default_factory=list)
    """(contact name, phone as written) of the people a clerk reaches."""
    basis: int = -1
    """Working day of the last successful callback."""


def plan_customers(
    rng: random.Random, count: int, clerk_ids: tuple[int, ...], days: DayTable
) -> list[CustomerPlan]:
    """Names, owners and kinds of ``count`` customers; old customers' creation days."""
    companies = names.company_names(rng, count)
    owners = [clerk_ids[i % len(clerk_ids)] for i in range(count)]
    rng.shuffle(owners)
    intervals = [months for months, _ in INTERVAL_OVERRIDES]
    weights = [weight for _, weight in INTERVAL_OVERRIDES]
    oldest = days.at_or_after(days.today - timedelta(days=OLDEST_YEARS * YEAR_DAYS))
    youngest_old = days.past - YOUNGEST_OLD_WORKDAYS
    plans = []
    for index, company in enumerate(companies):
        is_new = rng.random() < NEW_SHARE
        interval = rng.choices(intervals, weights)[0] if rng.random() < OVERRIDE_SHARE else None
        plans.append(
            CustomerPlan(
                id=index + 1,
                company=company,
                owner=owners[index],
                kind="new" if is_new else "old",
                is_member=rng.random() < MEMBER_SHARE,
                interval=interval,
                created=0 if is_new else rng.randint(oldest, youngest_old),
            )
        )
    return plans


def _mobile(rng: random.Random) -> tuple[str, str, str]:
    prefix = names.MOBILE_PREFIXES[int(rng.random() * len(names.MOBILE_PREFIXES))]
    digits = f"{prefix}{int(rng.random() * 100_000_000):08d}"
    return f"{digits[:3]} {digits[3:7]} {digits[7:]}", digits, "mobile"


def _landline(rng: random.Random, area: str) -> tuple[str, str, str]:
    length = 7 if len(area) == 4 and rng.random() < 0.2 else 8
    number = str(rng.randint(2, 8)) + "".join(
        str(int(rng.random() * 10)) for _ in range(length - 1)
    )
    text = f"{area}-{number}"
    if rng.random() < 0.1:
        text += f" 转{rng.randint(100, 899)}"
    return text, area + number, "landline"


def write_customers(
    writer: BulkWriter, rng: random.Random, plans: list[CustomerPlan], days: DayTable
) -> None:
    """Insert customers with their contacts, phones and subscriptions."""
    contacts: list[Row] = []
    phones: list[Row] = []
    for plan in plans:
        area = plan.company.city.area_code
        contact_count = rng.choices(_CONTACT_SIZES, _CONTACT_WEIGHTS)[0]
        for position in range(contact_count):
            contact_id = len(contacts) + 1
            person, _ = names.person_name(rng)
            title = rng.choices(_TITLES, _TITLE_WEIGHTS)[0]
            contacts.append((contact_id, plan.id, person, title, position == 0))
            numbers = [
                _mobile(rng) if position == 0 or rng.random() < 0.8 else _landline(rng, area)
            ]
            if position == 0 and rng.random() < 0.4:
                numbers.append(_landline(rng, area))
            for text, digits, kind in numbers:
                phones.append((len(phones) + 1, plan.id, contact_id, text, digits, kind))
            plan.callers.append((person, numbers[0][0]))
        if rng.random() < 0.25:
            text, digits, kind = _landline(rng, area)
            phones.append((len(phones) + 1, plan.id, None, text, digits, kind))
    writer.insert(
        Customer,
        (
            "id",
            "name",
            "initials",
            "kind",
            "is_member",
            "owner",
            "callback_interval_months",
            "address",
            "notes",
            "created_on",
            "version",
        ),
        _customer_rows(rng, plans, days),
    )
    writer.insert(Contact, ("id", "customer", "name", "title", "is_primary"), contacts)
    writer.insert(Phone, ("id", "customer", "contact", "number", "digits", "kind"), phones)
    writer.insert(
        Subscription,
        ("id", "customer", "kind", "name", "starts_on", "expires_on"),
        _subscription_rows(rng, plans, days),
    )


def _customer_rows(rng: random.Random, plans: list[CustomerPlan], days: DayTable) -> Iterator[Row]:
    for plan in plans:
        yield (
            plan.id,
            plan.company.name,
            plan.company.initials,
            plan.kind,
            plan.is_member,
            plan.owner,
            plan.interval,
            names.address(rng, plan.company.city),
            "",
            days.iso[plan.created],
            1,
        )


def _subscription_rows(
    rng: random.Random, plans: list[CustomerPlan], days: DayTable
) -> Iterator[Row]:
    """Memberships, domains, mailboxes, B2B accounts and hosting, expiring around today:
    some lapsed, some due in the next two months, most later in the year."""
    next_id = 1
    for plan in plans:
        held = []
        if plan.is_member:
            held.append(("membership", rng.choice(SUBSCRIPTION_NAMES["membership"]), 1))
        if rng.random() < 0.85:
            domain = plan.company.brand_pinyin + TLDS[int(rng.random() * len(TLDS))]
            held.append(("domain", domain, rng.randint(1, 3)))
        if rng.random() < 0.6:
            held.append(("mailbox", rng.choice(SUBSCRIPTION_NAMES["mailbox"]), 1))
        if plan.is_member and rng.random() < 0.7:
            held.append(("b2b", rng.choice(SUBSCRIPTION_NAMES["b2b"]), 1))
        if rng.random() < 0.5:
            held.append(("hosting", rng.choice(SUBSCRIPTION_NAMES["hosting"]), 1))
        for kind, name, years in held:
            expires = days.today + timedelta(days=rng.randint(-60, 330))
            starts = expires - timedelta(days=YEAR_DAYS * years)
            yield (next_id, plan.id, kind, name, starts.isoformat(), expires.isoformat())
            next_id += 1
