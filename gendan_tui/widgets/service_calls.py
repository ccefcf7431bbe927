"""The typed worker seam: a screen or widget runs a service call off the UI thread and gets
its result back on it, in the handler it named.

``call_service(call, on_done)`` runs ``call`` in a thread worker and hands its result to
``on_done`` on the UI thread. A failure goes to ``service_failed`` (or the call's own
``on_error``): a :class:`UserError` becomes a notification in the user's language,
anything else a short generic one (the details go to the log).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from textual.dom import DOMNode
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from gendan_tui.errors import UserError
from gendan_tui.i18n import t

ResultT = TypeVar("ResultT")
Failure = Callable[[BaseException | None], None]
FINISHED = frozenset({WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED})


def error_text(error: BaseException | None) -> str:
    """The message a user sees for a failed piece of work."""
    if isinstance(error, UserError):
        return str(error)
    return t("ui.error.unexpected", error=type(error).__name__)


class ServiceCalls:
    """Mixin for screens and widgets: service calls in thread workers, each with its own
    result handler, and one place where failures are shown."""

    def call_service(
        self,
        call: Callable[[], ResultT],
        on_done: Callable[[ResultT], None],
        *,
        on_error: Callable[[BaseException | None], None] | None = None,
        group: str | None = None,
    ) -> None:
        """Run ``call`` (a service method with its arguments bound on the UI thread) in a
        thread worker; ``on_done`` gets its result on the UI thread, ``on_error`` (by
        default :meth:`service_failed`) its failure. A newer call of the same group (by
        default, with the same handler) drops the older one, whose outcome is ignored."""
        worker = cast(DOMNode, self).run_worker(
            call,
            thread=True,
            exclusive=True,
            group=group or str(getattr(on_done, "__name__", "service")),
            exit_on_error=False,
        )
        self._handlers()[worker] = (on_done, on_error or self.service_failed)

    def _handlers(self) -> dict[Worker[Any], tuple[Callable[[Any], None], Failure]]:
        handlers: dict[Worker[Any], tuple[Callable[[Any], None], Failure]]
        handlers = self.__dict__.setdefault("_service_handlers", {})
        return handlers

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        event.stop()
        if event.state not in FINISHED:
            return
        handlers = self._handlers().pop(event.worker, None)
        if handlers is None:
            return
        on_done, on_error = handlers
        if event.state is WorkerState.SUCCESS:
            on_done(event.worker.result)
        elif event.state is WorkerState.ERROR:
            if not isinstance(event.worker.error, UserError):
                cast(DOMNode, self).log.error(repr(event.worker.error))
            on_error(event.worker.error)

    def service_failed(self, error: BaseException | None) -> None:
        """A service call failed; by default the user is told in a toast."""
        cast(Widget, self).notify(
            error_text(error), title=t("ui.error.title"), severity="error", timeout=8
        )
