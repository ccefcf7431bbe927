"""What every service needs to know: the clock, the calendar, the policy, the department's
definitions and who is acting."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gendan_tui.core.callback_rules import CallbackPolicy
from gendan_tui.core.clock import Clock
from gendan_tui.core.workcalendar import WorkCalendar

if TYPE_CHECKING:
    from gendan_tui.definitions import Definitions


@dataclass(frozen=True)
class Actor:
    """The person the services act for."""

    id: int
    login: str
    name: str
    roles: frozenset[str] = field(default_factory=frozenset)


@dataclass
class ServiceContext:
    """Shared by all services of one session; the actor is set once the clerk is known."""

    clock: Clock
    calendar: WorkCalendar
    policy: CallbackPolicy
    definitions: Definitions
    actor: Actor | None = None

    def require_actor(self) -> Actor:
        """The acting person; services that record work refuse to run without one."""
        from gendan_tui.errors import UserError

        if self.actor is None:
            raise UserError("error.no_clerk")
        return self.actor
