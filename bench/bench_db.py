"""The benchmark database: built once per size, seed and day, then reused.

It lives in ``bench/.data/`` (not in git). A build goes to a temporary name first, so an
interrupted build is never mistaken for a finished one; the build's summary is kept next
to the database so later runs can still report how long the build took.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import gendan_tui
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


def generator_fingerprint() -> str:
    """A short hash of the demo generator and the tables it fills: a database built by
    other code is not reused."""
    package = Path(gendan_tui.__file__).resolve().parent
    sources = sorted((package / "demo").glob("*.py")) + [package / "store" / "models.py"]
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


def _remove(path: Path) -> None:
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        path.with_name(name).unlink(missing_ok=True)


def bench_database(customers: int, callbacks: int, seed: int, today: date) -> BenchData:
    """The database for these parameters, built now if no finished one exists; builds of
    the same parameters by older code are removed (they are large)."""
    DATA_DIR.mkdir(exist_ok=True)
    prefix = f"demo-{customers}c-{callbacks}r-seed{seed}-{today.isoformat()}"
    stem = f"{prefix}-{generator_fingerprint()}"
    path = DATA_DIR / f"{stem}.sqlite3"
    info = DATA_DIR / f"{stem}.json"
    if path.exists() and info.exists():
        return BenchData(path, DemoSummary(**json.loads(info.read_text())), reused=True)
    for old in DATA_DIR.glob(f"{prefix}*"):
        if old.suffix in (".sqlite3", ".json"):
            _remove(old)
    building = DATA_DIR / f"{stem}.building.sqlite3"
    _remove(building)
    summary = build_demo(
        str(building), today=today, seed=seed, customers=customers, callbacks=callbacks
    )
    close_database()
    os.replace(building, path)
    info.write_text(json.dumps(asdict(summary)))
    return BenchData(path, summary, reused=False)
