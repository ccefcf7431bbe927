"""Finding customers (by name, pinyin initials or any part of a phone number) and reading
one customer's whole picture for the customer pane."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

import peewee as pw

from gendan_tui.core import audit
from gendan_tui.core.context import ServiceContext
from gendan_tui.core.frequent import has_frequent_problems
from gendan_tui.core.roles import Permission, require
from gendan_tui.core.validation import parse_phone, phone_digits, required
from gendan_tui.core.versioned import LastChange, Versioned
from gendan_tui.errors import ConflictError, NotFoundError, ValidationError
from gendan_tui.store.db import storage_errors, transaction
from gendan_tui.store.models import (
    CallbackRecord,
    CallbackTask,
    Complaint,
    Contact,
    Customer,
    Order,
    Phone,
    Subscription,
    User,
)

SEARCH_LIMIT = 50
CUSTOMER_KINDS = ("new", "old")
RECENT_CALLS = 5


def pinyin_initials(name: str) -> str:
    """Lower-case pinyin initials of a Chinese name ("北京华信" → "bjhx"); latin letters and
    digits are kept whole ("深圳ABC贸易" → "szabcmy")."""
    from pypinyin import Style, lazy_pinyin

    parts = lazy_pinyin(name, style=Style.FIRST_LETTER)
    return "".join(ch for part in parts for ch in part if ch.isascii() and ch.isalnum()).lower()


@dataclass(frozen=True)
class CustomerHit:
    """One row of a customer search."""

    id: int
    name: str
    phone: str
    kind: str
    is_member: bool


@dataclass(frozen=True)
class ContactView:
    name: str
    title: str
    is_primary: bool
    phones: tuple[str, ...]


@dataclass(frozen=True)
class SubscriptionView:
    kind: str
    name: str
    starts_on: date
    expires_on: date


@dataclass(frozen=True)
class OrderView:
    id: int
    title: str
    template: str
    stage: str
    opened_on: date


@dataclass(frozen=True)
class ComplaintView:
    id: int
    received_at: datetime
    category: str
    content: str
    status: str


@dataclass(frozen=True)
class CallView:
    called_at: datetime
    clerk: str
    outcome: str
    contact_name: str
    discussed: str


@dataclass(frozen=True)
class CustomerDetail:
    """Everything the customer pane shows, read in one go."""

    id: int
    name: str
    kind: str
    is_member: bool
    owner: str
    interval_months: int | None
    frequent: bool
    contacts: tuple[ContactView, ...]
    subscriptions: tuple[SubscriptionView, ...]
    open_orders: tuple[OrderView, ...]
    open_complaints: tuple[ComplaintView, ...]
    recent_calls: tuple[CallView, ...]
    next_callback_on: date | None


def initials_prefix(prefix: str) -> pw.Expression:
    """Customers whose pinyin initials start with the lower-case letters ``prefix``.

    The range next to the LIKE lets the database walk the initials index (LIKE alone is
    case-insensitive in SQLite and cannot use it); the upper bound is the next prefix in
    alphabetical order, which sorts the same under any collation.
    """
    condition = Customer.initials.startswith(prefix)
    stem = prefix.rstrip("z")
    if stem:
        upper = stem[:-1] + chr(ord(stem[-1]) + 1)
        condition &= (Customer.initials >= prefix) & (Customer.initials < upper)
    return condition


def first_phone(digits: str = "") -> pw.SelectQuery:
    """A subquery for the first phone number of the customer in the outer query (the first
    one containing ``digits``, when given)."""
    own = Phone.customer == Customer.id
    if digits:
        own &= Phone.digits.contains(digits)
    return Phone.select(Phone.number).where(own).order_by(Phone.id).limit(1)


@dataclass(frozen=True)
class NewContact:
    """A contact person and their phone numbers, as typed."""

    name: str
    phones: tuple[str, ...] = ()
    title: str = ""


@dataclass(frozen=True)
class NewCustomer:
    """A customer as entered by a clerk (or imported)."""

    name: str
    contacts: tuple[NewContact, ...] = ()
    kind: str = "new"
    is_member: bool = False
    owner_id: int | None = None
    callback_interval_months: int | None = None
    address: str = ""


@dataclass(frozen=True)
class CustomerChanges:
    """Edits to a customer's own fields; None leaves a field as it is."""

    name: str | None = None
    kind: str | None = None
    is_member: bool | None = None
    callback_interval_months: int | None = None
    address: str | None = None
    notes: str | None = None

    def validated(self) -> dict[str, object]:
        """The fields to change, checked; a bad value raises ValidationError."""
        values = {k: v for k, v in asdict(self).items() if v is not None}
        if "name" in values:
            values["name"] = required(str(values["name"]), "name")
        if "kind" in values and values["kind"] not in CUSTOMER_KINDS:
            raise ValidationError("error.kind_invalid", field="kind", value=values["kind"])
        interval = values.get("callback_interval_months")
        if interval is not None and not 1 <= int(str(interval)) <= 24:
            raise ValidationError("error.interval_invalid", field="callback_interval_months")
        return values


def _editable(customer: Customer) -> dict[str, object]:
    return {
        "name": customer.name,
        "kind": customer.kind,
        "is_member": customer.is_member,
        "callback_interval_months": customer.callback_interval_months,
        "address": customer.address,
        "notes": customer.notes,
        "owner": customer.owner_id,
    }


def _changed(customer: Customer, last: LastChange) -> ConflictError:
    return ConflictError(
        "error.record_changed",
        name=customer.name,
        who=last.who_or_someone,
    )


CUSTOMERS: Versioned[Customer] = Versioned(
    Customer,
    "customer",
    _editable,
    missing=lambda customer: NotFoundError("error.unknown_customer", customer=customer),
    conflict=_changed,
)
"""How customers are loaded and their own fields saved."""


class CustomerService:
    """Reads about customers; writes live with the work that changes them."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def create(self, new: NewCustomer) -> int:
        """Validate and store a customer with contacts and phones in one transaction."""
        name = required(new.name, "name")
        if new.kind not in CUSTOMER_KINDS:
            raise ValidationError("error.kind_invalid", field="kind", value=new.kind)
        if new.callback_interval_months is not None and not 1 <= new.callback_interval_months <= 24:
            raise ValidationError("error.interval_invalid", field="callback_interval_months")
        contacts = [
            (required(c.name, "contact_name"), c.title.strip(), [parse_phone(p) for p in c.phones])
            for c in new.contacts
        ]
        actor = self.ctx.require_actor()
        initials = pinyin_initials(name)  # before the write lock: the first call loads a dictionary
        with transaction():
            require(actor, Permission.EDIT_CUSTOMERS)
            customer = Customer.create(
                name=name,
                initials=initials,
                kind=new.kind,
                is_member=new.is_member,
                owner=new.owner_id,
                callback_interval_months=new.callback_interval_months,
                address=new.address.strip(),
                created_on=self.ctx.clock.today(),
            )
            for index, (contact_name, title, phones) in enumerate(contacts):
                contact = Contact.create(
                    customer=customer, name=contact_name, title=title, is_primary=index == 0
                )
                for phone in phones:
                    Phone.create(
                        customer=customer,
                        contact=contact,
                        number=phone.display,
                        digits=phone.digits,
                        kind=phone.kind,
                    )
            audit.log(
                actor,
                "customer",
                customer.id,
                "create",
                after={**_editable(customer), "contacts": [c[0] for c in contacts]},
                at=self.ctx.clock.now(),
            )
        return int(customer.id)

    def update(self, customer_id: int, version: int, changes: CustomerChanges) -> int:
        """Save edits to a customer's own fields if nobody saved since ``version``; returns
        the new version. A refused save names who changed the customer."""
        actor = self.ctx.require_actor()
        values = changes.validated()
        with transaction():
            require(actor, Permission.EDIT_CUSTOMERS)
            before = CUSTOMERS.load(customer_id)
            if "name" in values:
                values["initials"] = pinyin_initials(str(values["name"]))
            after = CUSTOMERS.update(
                before, version, values, actor=actor, action="update", at=self.ctx.clock.now()
            )
        return int(after.version)

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[CustomerHit]:
        """Customers matching ``text``: digits match any part of a phone number (the hit
        shows the number that matched), latin letters match the start of the pinyin
        initials, anything else part of the name."""
        query_text = text.strip()
        if not query_text:
            return []
        digits = phone_digits(query_text)
        shown_phone = first_phone()
        if digits and len(digits) >= 3 and len(digits) >= len(query_text.replace(" ", "")) - 2:
            ids = Phone.select(Phone.customer).where(Phone.digits.contains(digits))
            condition = Customer.id.in_(ids)
            shown_phone = first_phone(digits)
        elif query_text.isascii() and query_text.replace(" ", "").isalpha():
            condition = initials_prefix(query_text.replace(" ", "").lower())
        else:
            condition = Customer.name.contains(query_text)
        with storage_errors():
            rows = (
                Customer.select(
                    Customer.id,
                    Customer.name,
                    Customer.kind,
                    Customer.is_member,
                    shown_phone.alias("phone"),
                )
                .where(condition)
                .order_by(Customer.name)
                .limit(limit)
                .dicts()
            )
            return [
                CustomerHit(r["id"], r["name"], r["phone"] or "", r["kind"], r["is_member"])
                for r in rows
            ]

    def find_by_phone(self, text: str) -> list[CustomerHit]:
        """Customers whose phone numbers end with the digits of an incoming call."""
        digits = phone_digits(text)
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
        return self.search(digits) if digits else []

    def detail(self, customer_id: int) -> CustomerDetail:
        """The customer pane's content for ``customer_id``."""
        with storage_errors():
            customer = Customer.get_or_none(Customer.id == customer_id)
            if customer is None:
                raise NotFoundError("error.unknown_customer", customer=customer_id)
            owner = User.get_or_none(User.id == customer.owner_id)
            phones: dict[int | None, list[str]] = {}
            for phone in Phone.select().where(Phone.customer == customer_id).order_by(Phone.id):
                phones.setdefault(phone.contact_id, []).append(phone.number)
            contacts = [
                ContactView(c.name, c.title, c.is_primary, tuple(phones.pop(c.id, [])))
                for c in Contact.select()
                .where(Contact.customer == customer_id)
                .order_by(Contact.is_primary.desc(), Contact.id)
            ]
            if phones.get(None):
                contacts.append(ContactView("", "", False, tuple(phones[None])))
            subscriptions = tuple(
                SubscriptionView(s.kind, s.name, s.starts_on, s.expires_on)
                for s in Subscription.select()
                .where(Subscription.customer == customer_id)
                .order_by(Subscription.expires_on)
            )
            orders = tuple(
                OrderView(o.id, o.title, o.template, o.stage, o.opened_on)
                for o in Order.select()
                .where((Order.customer == customer_id) & (Order.status == "open"))
                .order_by(Order.opened_on)
            )
            complaints = tuple(
                ComplaintView(c.id, c.received_at, c.category, c.content, c.status)
                for c in Complaint.select()
                .where((Complaint.customer == customer_id) & (Complaint.status != "closed"))
                .order_by(Complaint.received_at.desc())
            )
            calls = tuple(
                CallView(r.called_at, r.clerk_name, r.outcome, r.contact_name, r.discussed)
                for r in CallbackRecord.select(
                    CallbackRecord.called_at,
                    CallbackRecord.outcome,
                    CallbackRecord.contact_name,
                    CallbackRecord.discussed,
                    User.name.alias("clerk_name"),
                )
                .join(User)
                .where(CallbackRecord.customer == customer_id)
                .order_by(CallbackRecord.called_at.desc())
                .limit(RECENT_CALLS)
                .objects()
            )
            next_task = (
                CallbackTask.select(pw.fn.MIN(CallbackTask.due_on))
                .where((CallbackTask.customer == customer_id) & (CallbackTask.state == "open"))
                .scalar()
            )
            frequent = has_frequent_problems(customer_id, self.ctx.clock.today(), self.ctx.policy)
        return CustomerDetail(
            id=customer.id,
            name=customer.name,
            kind=customer.kind,
            is_member=customer.is_member,
            owner=owner.name if owner else "",
            interval_months=customer.callback_interval_months,
            frequent=frequent,
            contacts=tuple(contacts),
            subscriptions=subscriptions,
            open_orders=orders,
            open_complaints=complaints,
            recent_calls=calls,
            next_callback_on=next_task,
        )
