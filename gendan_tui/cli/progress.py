"""A progress bar on the terminal for long work: building a demo, writing a report.

The bar is drawn on stderr, only when stderr is a terminal (a script or a pipe gets the
one-line result and nothing else), and it disappears when the work is done. rich is
imported only when a bar is drawn, so short commands do not pay for it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

Tell = Callable[[int, int | None, str | None], None]
"""Moves the bar: ``(done, total, description)``; a total of None is work of unknown size,
a description of None keeps the last one."""


def terminal() -> Console | None:
    """The console to draw on: stderr when it is a terminal, otherwise none."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console

    return Console(stderr=True)


@contextmanager
def progress_bar(description: str) -> Iterator[Tell]:
    """A bar for the length of the block; ``Tell`` does nothing when there is no terminal."""
    console = terminal()
    if console is None:
        yield lambda done, total, text: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(description, total=None)

        def tell(done: int, total: int | None, text: str | None = None) -> None:
            bar.update(task, completed=done, total=total, description=text)

        yield tell
