"""Complaints (投诉) as far as the callback desk needs them: taking one down from a call.

Taking a complaint may make the customer one with "frequent problems", which brings their
periodic callback forward.
"""

from __future__ import annotations

from dataclasses import dataclass

from gendan_tui.core.callbacks import CallbackService
from gendan_tui.core.context import ServiceContext
from gendan_tui.core.errors import NotFoundError, ValidationError
from gendan_tui.core.frequent import has_frequent_problems
from gendan_tui.core.validation import required
from gendan_tui.store.db import transaction
from gendan_tui.store.models import CallbackRecord, Complaint, Customer

CATEGORIES = ("mailbox", "website", "domain", "b2b", "attitude", "delivery", "other")
SEVERITIES = ("low", "normal", "high")


@dataclass(frozen=True)
class ComplaintForm:
    """What the clerk writes down when a customer complains."""

    customer_id: int
    category: str
    content: str
    severity: str = "normal"
    channel: str = "phone"
    callback_record_id: int | None = None


class ComplaintService:
    """Intake of complaints."""

    def __init__(self, ctx: ServiceContext, callbacks: CallbackService) -> None:
        self.ctx = ctx
        self.callbacks = callbacks

    def take(self, form: ComplaintForm) -> int:
        """Record a new open complaint and return its id."""
        actor = self.ctx.require_actor()
        content = required(form.content, "content")
        if form.category not in CATEGORIES:
            raise ValidationError("error.category_invalid", field="category", value=form.category)
        if form.severity not in SEVERITIES:
            raise ValidationError("error.severity_invalid", field="severity", value=form.severity)
        with transaction():
            customer = Customer.get_or_none(Customer.id == form.customer_id)
            if customer is None:
                raise NotFoundError("error.unknown_customer", customer=form.customer_id)
            if form.callback_record_id is not None and not CallbackRecord.get_or_none(
                CallbackRecord.id == form.callback_record_id
            ):
                raise NotFoundError("error.unknown_record", record=form.callback_record_id)
            complaint = Complaint.create(
                customer=customer.id,
                received_at=self.ctx.clock.now(),
                taken_by=actor.id,
                channel=form.channel,
                category=form.category,
                content=content,
                severity=form.severity,
                callback_record=form.callback_record_id,
            )
            if has_frequent_problems(customer.id, self.ctx.clock.today(), self.ctx.policy):
                self.callbacks.pull_in_periodic(customer.id, customer.owner_id or actor.id)
        return int(complaint.id)
