"""Process start-up of the ``gendan`` command: garbage collection waits for the first screen.

Starting the desk creates tens of thousands of objects that live as long as the process
(modules, classes, parsed styles, widgets). Collecting while they are being made finds
nothing to free and costs a good share of the start-up time, so the command holds
collection from its first line; the app resumes it once its first screen is painted
(other subcommands resume it before they start work), after moving everything made so far
out of the collector's way for good (``gc.freeze``).
"""

from __future__ import annotations

import gc


def hold_collection() -> None:
    """Stop automatic collection until :func:`resume_collection`."""
    gc.disable()


def resume_collection() -> None:
    """Keep what exists now out of future collections and collect automatically again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main() -> int:
    """The ``gendan`` console script: start-up with collection held, then the command."""
    hold_collection()
    from gendan_tui.cli import main as cli_main

    return cli_main()
