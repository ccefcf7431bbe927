"""One place that opens the database and builds every service for a session.

The TUI and the CLI both start here, so they share rules, storage and error handling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from gendan_tui.core import department, users
from gendan_tui.core.callbacks import CallbackService
from gendan_tui.core.clock import Clock, FixedClock
from gendan_tui.core.context import Actor, ServiceContext
from gendan_tui.core.customers import CustomerService
from gendan_tui.errors import UserError
from gendan_tui.store.db import open_database
from gendan_tui.store.migrations import migrate

if TYPE_CHECKING:
    from gendan_tui.core.complaints import ComplaintService


@dataclass
class Services:
    """The services of one session, sharing one context. The complaint service is built
    on first use, so opening the desk does not load the complaint workflow."""

    ctx: ServiceContext
    callbacks: CallbackService
    customers: CustomerService

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        return cls(ctx=ctx, callbacks=CallbackService(ctx), customers=CustomerService(ctx))

    @cached_property
    def complaints(self) -> ComplaintService:
        """Complaint intake and follow-up (客服部投诉跟踪表)."""
        from gendan_tui.core.complaints import ComplaintService

        return ComplaintService(self.ctx, self.callbacks)

    def sign_in(self, login: str | None) -> Actor:
        """Make ``login`` (or the only clerk, when none is named) the acting person; only
        for accounts without a password — the others go through :meth:`authenticate`."""
        if login:
            actor = users.find_actor(login)
        else:
            found = users.only_clerk()
            if found is None:
                raise UserError("error.choose_clerk")
            actor = found
        if users.needs_password(actor.login):
            raise UserError("auth.password_required", login=actor.login)
        self.ctx.actor = actor
        return actor

    def act_as(self, login: str) -> Actor:
        """Act as ``login`` without a password: for trusted in-process callers only
        (benchmarks, maintenance scripts, tests), never for what a person types."""
        self.ctx.actor = users.find_actor(login)
        return self.ctx.actor

    def authenticate(self, login: str, password: str) -> Actor:
        """Sign in with a password."""
        self.ctx.actor = users.authenticate(login, password)
        return self.ctx.actor


def open_services(url: str, *, clock: Clock | None = None, create: bool = False) -> Services:
    """Open (and migrate) the database at ``url`` and build the services over it."""
    migrate(open_database(url, create=create))
    ctx = ServiceContext(
        clock=clock or Clock(),
        calendar=department.load_calendar(),
        policy=department.load_policy(),
    )
    return Services.build(ctx)


def clock_for(day: date | None) -> Clock:
    """A clock stopped on ``day`` when one is given, else the wall clock."""
    return FixedClock(day) if day else Clock()
