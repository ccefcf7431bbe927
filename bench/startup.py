"""Process start to interactive, for the gendan app, a bare Textual app and a Textual app
with the home screen's layout but no data layer (see ``start_bare``).

All are spawned the same way (a fresh interpreter running a small script headless) and
timed from just before the spawn to the moment the child has painted its filled table,
which it reports as a wall-clock time on stdout before it exits; the exit itself is not
timed. Runs alternate so that a busy moment of the machine hits both alike.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from stats import median

HERE = Path(__file__).resolve().parent
RUNS = 5
TIMEOUT_S = 120


@dataclass(frozen=True)
class StartTimes:
    """Median wall times in milliseconds."""

    app: float
    bare: float
    layout: float

    @property
    def ratio(self) -> float:
        """How much longer the app takes than the bare app."""
        return self.app / self.bare

    @property
    def layout_ratio(self) -> float:
        """How much longer the home screen's layout alone takes than the bare app."""
        return self.layout / self.bare


def app_available() -> bool:
    """Whether the app can be built (``gendan_tui.app.make_app``)."""
    try:
        from gendan_tui.app import make_app  # noqa: F401
    except ImportError:
        return False
    return True


def _spawn_ms(args: list[str]) -> float:
    """Milliseconds from spawning ``args`` to the table painted, as the child reports it."""
    started = time.time()
    done = subprocess.run(
        [sys.executable, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {done.stderr.decode(errors='replace')[-2000:]}")
    painted = float(done.stdout.decode().split()[-1])
    return (painted - started) * 1000


def measure_startup(url: str, clerk: str, today: date, runs: int = RUNS) -> StartTimes:
    """Median start-to-interactive of the three apps over ``runs`` rounds that take each in
    turn (after one unmeasured run of each, which fills the OS file cache and the bytecode
    cache)."""
    commands = {
        "app": [str(HERE / "start_app.py"), url, clerk, today.isoformat()],
        "bare": [str(HERE / "start_bare.py")],
        "layout": [str(HERE / "start_bare.py"), "--layout"],
    }
    for command in commands.values():
        _spawn_ms(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(_spawn_ms(command))
    return StartTimes(**{name: median(values) for name, values in times.items()})
