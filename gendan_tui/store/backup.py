"""Backing up a SQLite database while clerks work, and restoring it from such a backup.

A backup uses SQLite's online backup API: it copies one consistent snapshot even while
other processes write, into a temporary file that is renamed into place only when complete.
A restore first checks that the file is a gendan database of a schema this release knows,
refuses while anyone has the database open, keeps the old database as a ``.bak`` file,
and copies the backup in through the same API. PostgreSQL has its own tools (pg_dump and
pg_restore); both commands refuse a ``postgresql://`` URL and say so.
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from gendan_tui.errors import StorageError
from gendan_tui.store import migrations
from gendan_tui.store.db import (
    busy_timeout_ms,
    close_database,
    create_private_file,
    describe,
    is_postgres_url,
    open_database,
    sqlite_path,
    storage_errors,
)
from gendan_tui.store.models import SchemaVersion

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED


@dataclass(frozen=True)
class BackupResult:
    """A finished backup: where it is, the schema version it holds, and its size."""

    path: Path
    schema_version: int
    size_bytes: int


@dataclass(frozen=True)
class RestoreResult:
    """A finished restore: the database, the version restored, and where the old one went."""

    path: Path
    schema_version: int
    previous: Path | None


def _database_file(url: str, action: str) -> Path:
    """The SQLite file of ``url``; PostgreSQL is refused with a pointer to its own tools."""
    if is_postgres_url(url):
        raise StorageError(f"backup.postgres_{action}", path=describe(url))
    path = sqlite_path(url)
    if path.startswith("file:") or path == ":memory:":
        raise StorageError("backup.not_a_file", path=path)
    return Path(path).expanduser()


def _connect(target: str | Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain SQLite connection that waits for other writers as the app does."""
    timeout = busy_timeout_ms() / 1000
    if read_only:
        uri = f"file:{quote(str(Path(target).resolve()))}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    else:
        conn = sqlite3.connect(str(target), timeout=timeout, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    return conn


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Copy ``source`` into ``target`` in one step (one consistent snapshot); give up when
    a lock is not released within the busy timeout instead of waiting for ever."""
    deadline = time.monotonic() + busy_timeout_ms() / 1000

    def progress(status: int, remaining: int, total: int) -> None:
        if status in BUSY_CODES and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    source.backup(target, pages=-1, progress=progress, sleep=0.02)


def _schema_version(conn: sqlite3.Connection) -> int | None:
    """The gendan schema version stored in ``conn``, or None when it is not a gendan database."""
    table = SchemaVersion._meta.table_name
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    if found is None:
        return None
    version = conn.execute(f'SELECT MAX(version) FROM "{table}"').fetchone()[0]
    return int(version) if version else None


def _check_intact(conn: sqlite3.Connection, path: Path) -> None:
    result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise StorageError("error.db_corrupt", path=str(path))


def backup(url: str, target: Path, *, overwrite: bool = False) -> BackupResult:
    """Copy the SQLite database at ``url`` to ``target`` while others may keep working."""
    source = _database_file(url, "backup")
    target = target.expanduser()
    if not source.is_file():
        raise StorageError("error.db_missing", path=str(source))
    if not target.parent.is_dir():
        raise StorageError("backup.dir_missing", path=str(target.parent))
    if target.is_dir():
        raise StorageError("backup.is_directory", path=str(target))
    if target.exists():
        if target.resolve() == source.resolve():
            raise StorageError("backup.same_file", path=str(target))
        if not overwrite:
            raise StorageError("backup.exists", path=str(target))
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    create_private_file(partial, "backup.dir_not_writable")
    try:
        with storage_errors(str(source)), closing(_connect(source)) as src:
            version = _schema_version(src)
            if version is None:
                raise StorageError("backup.not_gendan", path=str(source))
            with closing(_connect(partial)) as dst:
                _copy(src, dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                _check_intact(dst, target)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(target, version, target.stat().st_size)


def check_backup(path: Path) -> int:
    """The schema version of the backup file at ``path`` if it is an intact gendan database
    this release can open; otherwise a :class:`StorageError` saying what is wrong."""
    path = path.expanduser()
    if not path.is_file():
        raise StorageError("backup.source_missing", path=str(path))
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise StorageError("backup.not_gendan", path=str(path))
    with storage_errors(str(path)), closing(_connect(path, read_only=True)) as conn:
        _check_intact(conn, path)
        version = _schema_version(conn)
    if version is None:
        raise StorageError("backup.not_gendan", path=str(path))
    if version > migrations.SCHEMA_VERSION:
        raise StorageError("error.db_too_new", found=version, supported=migrations.SCHEMA_VERSION)
    return version


def _free_backup_name(path: Path) -> Path:
    """``<name>.bak``, or ``<name>.bak.N`` when earlier ones are kept."""
    candidate = path.with_name(path.name + ".bak")
    number = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak.{number}")
        number += 1
    return candidate


def _lock_exclusively(path: Path) -> sqlite3.Connection:
    """A connection holding the database for itself until closed.

    Every open gendan connection keeps a shared lock on a WAL database, so this fails
    (after the busy timeout) while anyone has the database open, not just while they write.
    """
    conn = _connect(path)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        conn.close()
        raise StorageError("backup.in_use", path=str(path)) from exc
    return conn


def restore(source: Path, url: str) -> RestoreResult:
    """Replace the SQLite database at ``url`` with the backup at ``source``.

    The old database is kept next to it as ``.bak``; a backup of an older schema is
    brought forward by the usual migrations.
    """
    target = _database_file(url, "restore")
    source = source.expanduser()
    version = check_backup(source)
    if not target.parent.is_dir():
        raise StorageError("error.db_dir_missing", path=str(target.parent))
    if target.exists() and target.resolve() == source.resolve():
        raise StorageError("backup.same_file", path=str(target))
    close_database()
    existed = target.exists() and target.stat().st_size > 0
    previous = _free_backup_name(target) if existed else None
    with storage_errors(str(target)):
        live = _lock_exclusively(target) if existed else _connect(target)
        with closing(live), closing(_connect(source, read_only=True)) as src:
            if previous is not None:
                with closing(_connect(previous)) as keep:
                    _copy(live, keep)
                    keep.execute("PRAGMA journal_mode = DELETE")
            _copy(src, live)
            live.execute("PRAGMA journal_mode = WAL")
            _check_intact(live, target)
    migrations.migrate(open_database(str(target)))
    return RestoreResult(target, version, previous)
