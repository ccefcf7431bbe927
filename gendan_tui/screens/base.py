"""What every screen of the app shares: the session's services, translated keys, and one
place where background work reports back.

Service calls run in thread workers that never touch widgets (see
:class:`~gendan_tui.widgets.service_calls.ServiceCalls`).
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar, Protocol, TypeVar, cast

from textual import events
from textual.app import App
from textual.screen import ModalScreen, Screen

from gendan_tui.core.first_look import FirstLook
from gendan_tui.core.roles import Permission, PermissionDenied, require
from gendan_tui.core.services import Services
from gendan_tui.i18n import t
from gendan_tui.widgets.keys import bound_to, localize_bindings
from gendan_tui.widgets.service_calls import ServiceCalls

ResultT = TypeVar("ResultT")


class ServicesHost(Protocol):
    """The parts of the app that screens rely on."""

    services: Services
    ready_for_work: asyncio.Event
    first_look: FirstLook | None


def width_class(app: App[Any]) -> str:
    """The app's horizontal breakpoint class for its current width. A screen made with it
    is already styled for the terminal when its first resize arrives; without it that
    resize restyles every widget of the screen once more."""
    width = app.size.width
    reached = [(least, name) for least, name in app.HORIZONTAL_BREAKPOINTS or () if width >= least]
    return max(reached)[1] if reached else ""


class WorkerResults(ServiceCalls):
    """Mixin for screens and dialogs: service calls, and the session's services."""

    @property
    def host(self) -> ServicesHost:
        """The app, seen through what screens need of it."""
        return cast(ServicesHost, cast(Screen[Any], self).app)

    @property
    def services(self) -> Services:
        """The services of this session (the database is open, the clerk signed in)."""
        return self.host.services


class AppScreen(WorkerResults, Screen[None]):
    """A full screen of the app.

    ``ACTION_PERMISSIONS`` names the permission each guarded action needs. A guarded key
    the person's roles do not allow is left out of the footer (screens ask ``permitted``
    in ``check_action``); pressed anyway, it says why, in the words the services use when
    they refuse — the services check again whatever the screen shows.
    """

    ACTION_PERMISSIONS: ClassVar[dict[str, Permission]] = {}

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=width_class(self.app))
        localize_bindings(self)

    def refusal(self, action: str) -> PermissionDenied | None:
        """Why the signed-in person may not run ``action`` here, or None if they may."""
        permission = self.ACTION_PERMISSIONS.get(action)
        if permission is None:
            return None
        try:
            require(self.services.ctx.require_actor(), permission)
        except PermissionDenied as refused:
            return refused
        return None

    def permitted(self, action: str) -> bool:
        """Whether someone is signed in and their roles allow ``action``."""
        return self.services.ctx.actor is not None and self.refusal(action) is None

    def on_key(self, event: events.Key) -> None:
        """A key bound here to an action the person may not run explains the refusal."""
        for binding in bound_to(self, event.key):
            refused = self.refusal(binding.action.split("(", 1)[0])
            if refused is not None:
                event.stop()
                event.prevent_default()
                self.notify(str(refused), title=t("ui.error.title"), severity="error", timeout=8)
                return


class AppModal(WorkerResults, ModalScreen[ResultT]):
    """A dialog over a screen that returns a value when it closes."""

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        localize_bindings(self)
