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
from typing import Any, Protocol, TypeVar, cast

from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from gendan_tui.core.errors import UserError
from gendan_tui.core.services import Services
from gendan_tui.i18n import t
from gendan_tui.widgets.keys import localize_bindings

ResultT = TypeVar("ResultT")


class ServicesHost(Protocol):
    """The parts of the app that screens rely on."""

    services: Services
    ready_for_work: asyncio.Event


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
    """A full screen of the app."""

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        localize_bindings(self)


class AppModal(WorkerResults, ModalScreen[ResultT]):
    """A dialog over a screen that returns a value when it closes."""

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        localize_bindings(self)
