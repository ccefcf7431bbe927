"""One line on the home screen: when the weekly complaint report (《客户投诉周报表》) is due
and whether it has been exported.

The screen that holds it gives it the service call that reads the state; the widget runs
it in a thread worker whose outcome only it handles. It first reads once its screen is
painted (so it never holds up the queue), then again when the screen comes back into view
and every minute, as the state changes with the time of day (due before Monday 12:00, late
after) and with exports made elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.screen import Screen
from textual.widgets import Static

from gendan_tui.core.report_exports import DUE, EXPORTED, OVERDUE
from gendan_tui.i18n import t, weekday_name
from gendan_tui.widgets.service_calls import ServiceCalls

if TYPE_CHECKING:
    from gendan_tui.core.report_exports import ReportDue

WEEKLY_REPORT = "complaints-weekly"
REFRESH_SECONDS = 60
STATES = (DUE, OVERDUE, EXPORTED)


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


class ReportDueLine(ServiceCalls, Static):
    """The weekly report's state in a few words, coloured by how urgent it is; ``read``
    returns the state (a service call, run off the UI thread)."""

    DEFAULT_CLASSES = "report-due"
    STATE_CLASSES: ClassVar[dict[str, str]] = {state: f"-{state}" for state in STATES}

    def __init__(self, read: Callable[[], ReportDue], id: str | None = None) -> None:
        super().__init__(id=id)
        self.read = read

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
        self.call_service(self.read, self.show_due, on_error=self.unknown)

    def unknown(self, error: BaseException | None) -> None:
        """The state could not be read: show nothing rather than a stale line."""
        self.update("")

    def show_due(self, due: ReportDue) -> None:
        """Show ``due``."""
        for state, css_class in self.STATE_CLASSES.items():
            self.set_class(due.state == state, css_class)
        self.update(due_text(due))
