"""A bare Textual app showing one 50-row table, headless; prints the wall-clock time once
the filled table is painted, and exits.

The yardstick for ``start_app``: the same process start, Textual import and first paint,
with no database and no services.
"""

from __future__ import annotations

import asyncio
import time

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

ROWS = 50


class BareApp(App[None]):
    """One table of 50 rows."""

    def __init__(self) -> None:
        super().__init__()
        self.ready = asyncio.Event()

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("due", "overdue", "reason", "customer", "phone", "attempts")
        for row in range(ROWS):
            table.add_row("10-09", str(row % 5), "定期回访", f"客户 {row}", "138 0000 0000", "")
        table.focus()
        self.ready.set()


async def main() -> None:
    app = BareApp()
    running = asyncio.create_task(app.run_async(headless=True))
    await app.ready.wait()
    painted = asyncio.Event()
    app.call_after_refresh(painted.set)
    await painted.wait()
    print(time.time())
    app.exit()
    await running


if __name__ == "__main__":
    asyncio.run(main())
