"""The gendan app on a database, headless; exits as soon as the queue is interactive.

Goes the way ``gendan --db URL --clerk LOGIN --date DAY`` goes — collection held from
the first line, the command line's parser, settings, session and ``desk_app`` — except
that the person is signed in without a password. Once the home screen's queue has first been filled
(``GendanApp.ready_for_work``) and then painted, it prints the wall-clock time and leaves.
"""

from __future__ import annotations

from gendan_tui.startup import hold_collection

hold_collection()

import asyncio  # noqa: E402
import sys  # noqa: E402

from first_paint import print_first_paint  # noqa: E402

from gendan_tui.cli import build_parser  # noqa: E402
from gendan_tui.cli.base import open_for, settings_from  # noqa: E402
from gendan_tui.cli.desk import desk_app  # noqa: E402


async def main(argv: list[str]) -> None:
    url, clerk, day = argv
    settings = settings_from(build_parser().parse_args(["--db", url, "--date", day]))
    services = open_for(settings)
    services.act_as(clerk)
    app = desk_app(services, settings)
    await print_first_paint(app, app.ready_for_work)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
