"""One place that opens the database and builds every service for a session.

The TUI and the CLI both start here, so they share rules, storage, permission checks and
error handling: screens and commands reach accounts, history, reports and settings only
through :class:`Services`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from gendan_tui.core import department, users
from gendan_tui.core.callbacks import CallbackService
from gendan_tui.core.clock import Clock, FixedClock
from gendan_tui.core.context import Actor, ServiceContext
from gendan_tui.core.customers import CustomerService
from gendan_tui.core.department import DepartmentService
from gendan_tui.core.users import UserService
from gendan_tui.definitions import Definitions, load_definitions
from gendan_tui.errors import NotFoundError, UserError
from gendan_tui.reports import REPORTS
from gendan_tui.store.db import open_database
from gendan_tui.store.migrations import migrate

if TYPE_CHECKING:
    from gendan_tui.core.complaints import ComplaintService
    from gendan_tui.core.history import HistoryService
    from gendan_tui.reports.service import ReportService


@dataclass
class Services:
    """The services of one session, sharing one context. The complaint, history and report
    services are built on first use, so opening the desk does not load their modules."""

    ctx: ServiceContext
    callbacks: CallbackService = field(init=False)
    customers: CustomerService = field(init=False)
    users: UserService = field(init=False)
    department: DepartmentService = field(init=False)

    def __post_init__(self) -> None:
        self.callbacks = CallbackService(self.ctx)
        self.customers = CustomerService(self.ctx)
        self.users = UserService(self.ctx)
        self.department = DepartmentService(self.ctx)

    @cached_property
    def complaints(self) -> ComplaintService:
        """Complaint intake and follow-up (客服部投诉跟踪表)."""
        from gendan_tui.core.complaints import ComplaintService

        return ComplaintService(self.ctx, self.callbacks)

    @cached_property
    def history(self) -> HistoryService:
        """Records' audit trails, with the names of the people they mention."""
        from gendan_tui.core.history import HistoryService

        return HistoryService(self.ctx, self.users)

    @cached_property
    def reports(self) -> ReportService:
        """The report list, the report calendar and exporting (built here only)."""
        from gendan_tui.reports.service import ReportService

        return ReportService(self.ctx)

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

    def sign_in_typed(self, login: str, password: str) -> Actor:
        """Sign in with what a person typed at the login prompt: with the password, or an
        account without one (a desk where sign-in is off) by its login alone. Every
        refusal reads the same, so it tells nothing about the login."""
        if password or users.needs_password(login):
            return self.authenticate(login, password)
        try:
            return self.sign_in(login)
        except NotFoundError as unknown:
            raise UserError("auth.bad_login") from unknown

    def act_as(self, login: str) -> Actor:
        """Act as ``login`` without a password: for trusted in-process callers only
        (benchmarks, maintenance scripts, tests), never for what a person types."""
        self.ctx.actor = users.find_actor(login)
        return self.ctx.actor

    def authenticate(self, login: str, password: str) -> Actor:
        """Sign in with a password."""
        self.ctx.actor = users.authenticate(login, password)
        return self.ctx.actor


def open_services(
    url: str,
    *,
    clock: Clock | None = None,
    create: bool = False,
    definitions: Definitions | None = None,
) -> Services:
    """Open (and migrate) the database at ``url`` and build the services over it, with
    ``definitions`` (by default the shipped ones)."""
    migrate(open_database(url, create=create))
    ctx = ServiceContext(
        clock=clock or Clock(),
        calendar=department.load_calendar(),
        policy=department.load_policy(),
        definitions=definitions or department_definitions(None),
    )
    return Services(ctx)


def department_definitions(user_dir: Path | None) -> Definitions:
    """The shipped definitions with the department's own from ``user_dir`` laid over them."""
    return load_definitions(user_dir, reports=REPORTS)


def clock_for(day: date | None) -> Clock:
    """A clock stopped on ``day`` when one is given, else the wall clock."""
    return FixedClock(day) if day else Clock()
