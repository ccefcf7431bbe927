"""In-process UI figures on the benchmark database, driven by Textual's pilot.

- ``key_to_update``: press ``j`` on the queue and time until the customer pane shows the
  customer of the newly highlighted row (workers awaited, never slept on);
- ``max_list_rows``: the most rows any list widget holds, on the home screen after loading
  and in the dialogs opened from it (search with a query that matches every customer, the
  customer screen, help, the failure form).
"""

from __future__ import annotations

import asyncio
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import Any

from stats import median
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, ListView, OptionList
from textual.worker import WorkerCancelled

from gendan_tui.app import make_app
from gendan_tui.config import Settings
from gendan_tui.core.services import clock_for, open_services

KEY_PRESSES = 30
SIZE = (160, 50)
WAIT_S = 30
BROAD_SEARCH = "有限公司"


@dataclass(frozen=True)
class UiTimes:
    """The median key-to-update time and the largest list seen (with where)."""

    key_to_update_ms: float
    presses: int
    max_rows: int
    max_rows_where: str


def _list_rows(app: App[Any]) -> tuple[int, str]:
    """The largest row count of any list widget on the current screen."""
    best, where = 0, ""
    for widget in app.screen.query("*"):
        if isinstance(widget, DataTable):
            rows = widget.row_count
        elif isinstance(widget, ListView):
            rows = len(widget.children)
        elif isinstance(widget, OptionList):
            rows = widget.option_count
        else:
            continue
        if rows > best:
            best, where = rows, f"{type(app.screen).__name__}#{widget.id or type(widget).__name__}"
    return best, where


async def _settle(app: App[Any], pilot: Pilot[Any]) -> None:
    """Let running workers finish (a cancelled one was replaced by a newer one) and the
    messages they posted be handled."""
    with suppress(WorkerCancelled):
        await app.workers.wait_for_complete()
    await pilot.pause()


def _pane_current(screen: Any) -> bool:
    """Whether the customer pane shows the customer of the highlighted queue row."""
    current = screen.current
    return (
        current is not None
        and screen.detail is not None
        and screen.detail.id == current.customer_id
    )


async def _key_presses(app: App[Any], pilot: Pilot[Any]) -> list[float]:
    """Press ``j`` and time until the pane shows the new row's customer and the screen
    has been repainted. Rows of the same customer as the row before are stepped over:
    the pane has nothing to load for them."""
    screen: Any = app.screen
    pane: Any = screen.query_one("#pane")
    shown = asyncio.Event()
    painted_at = 0.0
    original = pane.show

    def painted() -> None:
        nonlocal painted_at
        painted_at = time.perf_counter()
        shown.set()

    def show(detail: Any, today: date) -> None:
        original(detail, today)
        if _pane_current(screen):
            app.call_after_refresh(painted)

    pane.show = show
    rows = screen.query_one("#queue", DataTable).row_count
    samples: list[float] = []
    for _ in range(rows - 1):
        before = screen.current.customer_id
        shown.clear()
        started = time.perf_counter()
        await pilot.press("j")
        if screen.current.customer_id == before:
            continue
        await asyncio.wait_for(shown.wait(), timeout=WAIT_S)
        samples.append((painted_at - started) * 1000)
        if len(samples) == KEY_PRESSES:
            break
    pane.show = original
    return samples


async def _visit(app: App[Any], pilot: Pilot[Any], keys: tuple[str, ...]) -> tuple[int, str]:
    """Open a dialog with ``keys``, count its list rows, close it again."""
    depth = len(app.screen_stack)
    await pilot.press(*keys)
    await _settle(app, pilot)
    await _settle(app, pilot)
    found = _list_rows(app)
    while len(app.screen_stack) > depth:
        await pilot.press("escape")
        await _settle(app, pilot)
    return found


async def measure_ui(url: str, clerk: str, today: date) -> UiTimes:
    """Run the app under the pilot and take both figures."""
    services = open_services(url, clock=clock_for(today))
    services.act_as(clerk)
    app = make_app(services, Settings(database_url=url, clerk=clerk, today=today))
    async with app.run_test(size=SIZE) as pilot:
        await app.ready_for_work.wait()
        while not _pane_current(app.screen):
            await _settle(app, pilot)
        await pilot.pause()
        largest = _list_rows(app)
        samples = await _key_presses(app, pilot)
        for keys in (("slash", *BROAD_SEARCH), ("enter",), ("question_mark",), ("f",)):
            largest = max(largest, await _visit(app, pilot, keys))
        await pilot.press("q")
    return UiTimes(median(samples), len(samples), largest[0], largest[1])
