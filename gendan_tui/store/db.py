"""Opening the database named by a path or URL, and turning driver failures into user errors.

A plain path (or ``sqlite:///path``, or a ``file:`` URI) is a SQLite file opened with WAL,
foreign keys and a busy timeout; ``postgresql://user:pass@host:port/db`` is a PostgreSQL
server. All models are bound to one proxy, so the rest of the code never sees which.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

import peewee

from gendan_tui.core.errors import StorageError

database_proxy = peewee.DatabaseProxy()

DEFAULT_BUSY_TIMEOUT_MS = 5000


def busy_timeout_ms() -> int:
    """How long a SQLite writer waits for another one before giving up."""
    return int(os.environ.get("GENDAN_BUSY_TIMEOUT_MS", DEFAULT_BUSY_TIMEOUT_MS))


def is_postgres_url(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL server rather than a SQLite file."""
    return url.startswith(("postgresql://", "postgres://"))


def sqlite_path(url: str) -> str:
    """The file path (or ``file:`` URI) SQLite should open for ``url``."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///") - 1 :] if url.startswith("sqlite:////") else url[10:]
    return url


def describe(url: str) -> str:
    """The database location as safe to show: a PostgreSQL password is never displayed."""
    if not is_postgres_url(url):
        return sqlite_path(url)
    parts = urlparse(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}@" if parts.username else ""
    return f"postgresql://{user}{host}{port}{parts.path}"


def _postgres(url: str) -> peewee.Database:
    parts = urlparse(url)
    return peewee.PostgresqlDatabase(
        unquote(parts.path.lstrip("/")),
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        host=parts.hostname,
        port=parts.port,
        autorollback=True,
    )


def _sqlite(url: str, *, create: bool) -> peewee.Database:
    path = sqlite_path(url)
    is_uri = path.startswith("file:")
    if not is_uri and path != ":memory:":
        file = Path(path).expanduser()
        if not file.parent.is_dir():
            raise StorageError("error.db_dir_missing", path=str(file.parent))
        if not file.exists() and not create:
            raise StorageError("error.db_missing", path=str(file))
        if file.exists() and not os.access(file, os.W_OK):
            raise StorageError("error.db_readonly", path=str(file))
        path = str(file)
    return peewee.SqliteDatabase(
        path,
        uri=is_uri,
        lock_type="IMMEDIATE",
        pragmas={
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": busy_timeout_ms(),
            "synchronous": "normal",
            "cache_size": -32000,
        },
    )


def open_database(url: str, *, create: bool = False) -> peewee.Database:
    """Bind the models to the database at ``url`` and check that it can be reached.

    ``create`` allows a new SQLite file; otherwise a missing file is an error, so a
    mistyped path never silently starts an empty database.
    """
    db = _postgres(url) if is_postgres_url(url) else _sqlite(url, create=create)
    database_proxy.initialize(db)
    with storage_errors(url):
        db.connect(reuse_if_open=True)
    return db


def close_database() -> None:
    """Close this thread's connection, if the proxy is bound and open."""
    if database_proxy.obj is not None and not database_proxy.is_closed():
        database_proxy.close()


def _classify(exc: Exception) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "error.db_locked"
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "error.db_readonly"
    if "unable to open" in text or "no such file" in text:
        return "error.db_missing"
    if "could not connect" in text or "connection" in text or "server" in text:
        return "error.db_unreachable"
    if "not a database" in text or "malformed" in text:
        return "error.db_corrupt"
    return "error.db_failed"


@contextmanager
def storage_errors(url: str | None = None) -> Iterator[None]:
    """Re-raise driver errors that the user can act on as :class:`StorageError`."""
    try:
        yield
    except (peewee.OperationalError, peewee.InterfaceError, sqlite3.OperationalError) as exc:
        where = describe(url) if url else ""
        raise StorageError(_classify(exc), path=where, reason=str(exc)) from exc
    except peewee.DatabaseError as exc:
        if isinstance(exc, peewee.IntegrityError):
            raise
        where = describe(url) if url else ""
        raise StorageError(_classify(exc), path=where, reason=str(exc)) from exc


@contextmanager
def transaction() -> Iterator[None]:
    """One all-or-nothing unit of work; SQLite takes the write lock at the start."""
    with storage_errors(), database_proxy.atomic():
        yield


def database() -> peewee.Database:
    """The database the models are bound to."""
    db = database_proxy.obj
    if db is None:
        raise StorageError("error.db_not_open", path="")
    return db
