"""One line on the home screen: when the weekly complaint report (《客户投诉周报表》) is due
and whether it has been exported.

The widget reads the state itself, in a thread worker whose outcome only it handles, so
the screen that holds it needs no more than to place it. It first reads once its screen
is painted (so it never holds up the queue), then again when the screen comes back into
view and every minute, as the state changes with the time of day (due before Monday
12:00, late after) and with exports made elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from gendan_tui.core.context import ServiceContext
from gendan_tui.core.report_exports import DUE, EXPORTED, OVERDUE
from gendan_tui.i18n import t, weekday_name

if TYPE_CHECKING:
    from gendan_tui.core.report_exports import ReportDue

WEEKLY_REPORT = "complaints-weekly"
REFRESH_SECONDS = 60
STATES = (DUE, OVERDUE, EXPORTED)


def weekly_report_due(ctx: ServiceContext) -> ReportDue:
    """The weekly complaint report's state now (run in a worker: it reads the database)."""
    from gendan_tui.reports.service import ReportService

    return ReportService(ctx).status(WEEKLY_REPORT)


def due_text(due: ReportDue) -> str:
    """The line for ``due``: which week, when it is due, and whether it was exported."""
    params: dict[str, Any] = {
        "week": due.period.label,
        "due": due.due_at.strftime("%m-%d %H:%M"),
        "weekday": weekday_name(due.due_at),
    }
    if due.export is not None:
        params["at"] = due.export.at.strftime("%m-%d %H:%M")
        params["user"] = due.export.user
    return t(f"ui.report_due.{due.state}", **params)


class ReportDueLine(Static):
    """The weekly report's state in a few words, coloured by how urgent it is."""

    DEFAULT_CLASSES = "report-due"
    STATE_CLASSES: ClassVar[dict[str, str]] = {state: f"-{state}" for state in STATES}

    def on_mount(self) -> None:
        self.set_interval(REFRESH_SECONDS, self.load)
        self.app.screen_change_signal.subscribe(self, self.screen_changed)
        self.call_after_refresh(self.load)

    def screen_changed(self, screen: Screen[Any]) -> None:
        """Read again when the screen holding the line comes back into view."""
        if screen is self.screen:
            self.load()

    def load(self) -> None:
        """Read the state in a worker; a newer read drops an older one."""
        host: Any = self.app
        ctx = host.services.ctx
        self.run_worker(
            lambda: weekly_report_due(ctx),
            thread=True,
            exclusive=True,
            group="report-due",
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        event.stop()
        if event.state is WorkerState.SUCCESS and event.worker.result is not None:
            self.show_due(event.worker.result)
        elif event.state is WorkerState.ERROR:
            self.log.error(repr(event.worker.error))
            self.update("")

    def show_due(self, due: ReportDue) -> None:
        """Show ``due``."""
        for state, css_class in self.STATE_CLASSES.items():
            self.set_class(due.state == state, css_class)
        self.update(due_text(due))
