"""What every screen of the app shares: the session's services, translated keys, and one
place where background work reports back.

Service calls run in thread workers that never touch widgets; a worker's result or failure
arrives here as ``Worker.StateChanged`` and is handed to ``worker_succeeded`` or
``worker_failed`` on the UI thread. A :class:`UserError` becomes a notification in the
user's language; anything else a short generic one (the details go to the log).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, ClassVar, Protocol, TypeVar, cast

from textual import events
from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from gendan_tui.core.first_look import FirstLook
from gendan_tui.core.roles import Permission, PermissionDenied, require
from gendan_tui.core.services import Services
from gendan_tui.errors import UserError
from gendan_tui.i18n import t
from gendan_tui.widgets.keys import bound_to, localize_bindings

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


def error_text(error: BaseException | None) -> str:
    """The message a user sees for a failed piece of work."""
    if isinstance(error, UserError):
        return str(error)
    return t("ui.error.unexpected", error=type(error).__name__)


class WorkerResults:
    """Mixin for screens: dispatches their workers' outcomes to two overridable methods."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        event.stop()
        worker = event.worker
        if event.state is WorkerState.SUCCESS:
            self.worker_succeeded(worker.group, worker.result)
        elif event.state is WorkerState.ERROR:
            if not isinstance(worker.error, UserError):
                cast(Screen[Any], self).log.error(repr(worker.error))
            self.worker_failed(worker.group, worker.error)

    def worker_succeeded(self, group: str, result: Any) -> None:
        """A worker of ``group`` finished with ``result``."""

    def worker_failed(self, group: str, error: BaseException | None) -> None:
        """A worker of ``group`` raised ``error``; by default the user is told in a toast."""
        cast(Screen[Any], self).notify(
            error_text(error), title=t("ui.error.title"), severity="error", timeout=8
        )

    def call_service(self, call: Callable[[], Any], group: str) -> None:
        """Run ``call`` (a service method with its arguments bound on the UI thread) in a
        thread worker of ``group``; a newer call of the same group drops the older one."""
        cast(Screen[Any], self).run_worker(
            call, thread=True, exclusive=True, group=group, exit_on_error=False
        )

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
