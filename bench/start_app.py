"""The gendan app on a database, headless; exits as soon as the queue is interactive.

Does what ``gendan --db URL --clerk LOGIN --date DAY`` does, then leaves once the home
screen's queue table has first been filled and painted (``GendanApp.ready_for_work``).
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date

from gendan_tui.app import make_app
from gendan_tui.config import Settings
from gendan_tui.core.services import clock_for, open_services


async def main(url: str, clerk: str, today: date) -> None:
    settings = Settings(database_url=url, clerk=clerk, today=today)
    services = open_services(url, clock=clock_for(today))
    services.act_as(clerk)
    app = make_app(services, settings)
    running = asyncio.create_task(app.run_async(headless=True))
    await app.ready_for_work.wait()
    app.call_after_refresh(app.exit)
    await running


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3])))
