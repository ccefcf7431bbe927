"""Another program writing to a SQLite database, for the tests of a locked desk."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def writer_holding_the_lock(path: str | Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a write transaction on the database file."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()
