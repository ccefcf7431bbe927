"""The benchmark database: built once per size, seed and day, then reused.

It lives in ``bench/.data/`` (not in git). A build goes to a temporary name first, so an
interrupted build is never mistaken for a finished one; the build's summary is kept next
to the database so later runs can still report how long the build took.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from gendan_tui.demo import DemoSummary, build_demo
from gendan_tui.store.db import close_database

DATA_DIR = Path(__file__).resolve().parent / ".data"


@dataclass(frozen=True)
class BenchData:
    """A ready benchmark database and how it was made."""

    path: Path
    summary: DemoSummary
    reused: bool

    @property
    def size_bytes(self) -> int:
        """The database file with its write-ahead log."""
        wal = self.path.with_name(self.path.name + "-wal")
        return self.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def bench_database(customers: int, callbacks: int, seed: int, today: date) -> BenchData:
    """The database for these parameters, built now if no finished one exists."""
    DATA_DIR.mkdir(exist_ok=True)
    stem = f"demo-{customers}c-{callbacks}r-seed{seed}-{today.isoformat()}"
    path = DATA_DIR / f"{stem}.sqlite3"
    info = DATA_DIR / f"{stem}.json"
    if path.exists() and info.exists():
        return BenchData(path, DemoSummary(**json.loads(info.read_text())), reused=True)
    building = DATA_DIR / f"{stem}.building.sqlite3"
    for leftover in (building, *(building.with_name(building.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    summary = build_demo(
        str(building), today=today, seed=seed, customers=customers, callbacks=callbacks
    )
    close_database()
    os.replace(building, path)
    info.write_text(json.dumps(asdict(summary)))
    return BenchData(path, summary, reused=False)
