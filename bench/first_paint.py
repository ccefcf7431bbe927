"""How every start-up script ends: run the app headless, print when it first showed work."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from textual.app import App


async def print_first_paint(app: App[Any], ready: asyncio.Event) -> None:
    """Run ``app`` headless until ``ready`` is set and the next frame is painted, print the
    wall-clock time then, and exit; every start-up figure is measured this one way."""
    running = asyncio.create_task(app.run_async(headless=True))
    await ready.wait()
    painted = asyncio.Event()
    app.call_after_refresh(painted.set)
    await painted.wait()
    print(time.time())
    app.exit()
    await running
