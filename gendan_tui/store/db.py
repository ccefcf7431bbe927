"""Opening the database named by a path or URL, and turning driver failures into user errors.

A plain path (or ``sqlite:///path``, or a ``file:`` URI) is a SQLite file opened with WAL,
foreign keys and a busy timeout; ``postgresql://user:pass@host:port/db`` is a PostgreSQL
server. All models are bound to one proxy, so the rest of the code never sees which.
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlparse

import peewee
from playhouse.shortcuts import ReconnectMixin

from gendan_tui.errors import StorageError

database_proxy = peewee.DatabaseProxy()

DEFAULT_BUSY_TIMEOUT_MS = 5000
CONNECT_TIMEOUT_S = 10


def busy_timeout_ms() -> int:
    """How long a SQLite writer waits for another one before giving up."""
    return int(os.environ.get("GENDAN_BUSY_TIMEOUT_MS", DEFAULT_BUSY_TIMEOUT_MS))


POSTGRES_SCHEMES = ("postgresql", "postgres")
SQLITE_SCHEMES = ("sqlite", "file")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
_PASSWORD = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*://[^/@:]*):[^@/]*@")


def is_postgres_url(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL server rather than a SQLite file."""
    return url.startswith(("postgresql://", "postgres://"))


def check_scheme(url: str) -> None:
    """Refuse an address of a kind the app cannot open (``mysql://``, a mistyped
    ``pgsql://``), by its scheme, rather than taking it for a file name."""
    match = _SCHEME.match(url)
    if match and match[1].lower() not in (*POSTGRES_SCHEMES, *SQLITE_SCHEMES):
        raise StorageError(
            "error.db_scheme_unknown",
            scheme=match[1],
            path=without_password(url),
            known="postgresql://, sqlite:///",
        )


def without_password(url: str) -> str:
    """``url`` with any password taken out (``scheme://user@host``), safe to show."""
    return _PASSWORD.sub(r"\1@", url)


def sqlite_path(url: str) -> str:
    """The file path (or ``file:`` URI) SQLite should open for ``url``: ``sqlite:///name`` is
    relative and ``sqlite:////srv/name`` absolute, as elsewhere in Python."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///") :]
    return url


def describe(url: str) -> str:
    """The database location as safe to show: a password is never displayed."""
    if not is_postgres_url(url):
        return without_password(sqlite_path(url))
    try:
        parts = urlparse(url)
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return without_password(url)
    user = f"{parts.username}@" if parts.username else ""
    socket = dict(parse_qsl(parts.query)).get("host")
    if not parts.hostname and socket:
        return f"postgresql://{user}{port}{parts.path}?host={socket}"
    return f"postgresql://{user}{parts.hostname or 'localhost'}{port}{parts.path}"


class _PostgresDatabase(ReconnectMixin, peewee.PostgresqlDatabase):
    """A PostgreSQL connection that is opened again when the server dropped it (a restart,
    an idle timeout) and no transaction was under way, so a desk left open keeps working."""

    reconnect_errors = (
        (peewee.OperationalError, "server closed the connection"),
        (peewee.OperationalError, "terminating connection"),
        (peewee.InterfaceError, "connection already closed"),
    )


def _postgres(url: str) -> peewee.Database:
    """A server named by ``url``; parameters in its query (``?host=/tmp&port=5432`` for a
    Unix socket, ``sslmode`` …) override the address's parts, as libpq reads them."""
    try:
        parts = urlparse(url)
        port = parts.port
    except ValueError as exc:
        raise StorageError(
            "error.db_url_invalid", path=without_password(url), reason=str(exc)
        ) from exc
    options: dict[str, object] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "gendan",
        "user": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "host": parts.hostname,
        "port": port,
        **dict(parse_qsl(parts.query)),
    }
    name = str(options.pop("dbname", "") or unquote(parts.path.lstrip("/")))
    return _PostgresDatabase(name, **{k: v for k, v in options.items() if v is not None})


def create_private_file(path: Path, refusal: str) -> None:
    """Create the empty file ``path`` readable and writable by its owner only (a database
    and its backups hold password hashes); a folder that cannot be written to is refused
    with ``refusal``, naming the folder."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise StorageError(refusal, path=str(path.parent), reason=exc.strerror or str(exc)) from exc


def _sqlite(url: str, *, create: bool) -> peewee.Database:
    path = sqlite_path(url)
    is_uri = path.startswith("file:")
    if not is_uri and path != ":memory:":
        file = Path(path).expanduser()
        if not file.parent.is_dir():
            raise StorageError("error.db_dir_missing", path=str(file.parent))
        if not file.exists() and not create:
            raise StorageError("error.db_missing", path=str(file))
        if not file.exists():
            create_private_file(file, "error.db_dir_not_writable")
        if file.exists() and not os.access(file, os.W_OK):
            raise StorageError("error.db_readonly", path=str(file))
        path = str(file)
    timeout_ms = busy_timeout_ms()
    return peewee.SqliteDatabase(
        path,
        uri=is_uri,
        timeout=timeout_ms / 1000,
        lock_type="IMMEDIATE",
        pragmas={
            "busy_timeout": timeout_ms,
            "journal_mode": "wal",
            "foreign_keys": 1,
            "synchronous": "normal",
            "cache_size": -32000,
        },
    )


def open_database(url: str, *, create: bool = False) -> peewee.Database:
    """Bind the models to the database at ``url`` and check that it can be reached.

    ``create`` allows a new SQLite file; otherwise a missing file is an error, so a
    mistyped path never silently starts an empty database.
    """
    check_scheme(url)
    db = _postgres(url) if is_postgres_url(url) else _sqlite(url, create=create)
    database_proxy.initialize(db)
    with storage_errors(url):
        db.connect(reuse_if_open=True)
    return db


def close_database() -> None:
    """Close this thread's connection, if the proxy is bound and open."""
    if database_proxy.obj is not None and not database_proxy.is_closed():
        database_proxy.close()


def _is_busy(exc: Exception) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _classify(exc: Exception) -> str:
    text = str(exc).lower()
    if _is_busy(exc):
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


def _location() -> str:
    """Where the bound database is, as safe to show."""
    db = database_proxy.obj
    if db is None:
        return ""
    if isinstance(db, peewee.PostgresqlDatabase):
        params = db.connect_params
        host = params.get("host") or "localhost"
        port = f":{params['port']}" if params.get("port") else ""
        user = f"{params['user']}@" if params.get("user") else ""
        return f"postgresql://{user}{host}{port}/{db.database}"
    return str(db.database)


@contextmanager
def storage_errors(url: str | None = None) -> Iterator[None]:
    """Re-raise driver errors that the user can act on as :class:`StorageError`."""
    try:
        yield
    except (peewee.OperationalError, peewee.InterfaceError, sqlite3.OperationalError) as exc:
        where = describe(url) if url else _location()
        raise StorageError(_classify(exc), path=where, reason=str(exc)) from exc
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        if isinstance(exc, peewee.IntegrityError | sqlite3.IntegrityError):
            raise
        where = describe(url) if url else _location()
        raise StorageError(_classify(exc), path=where, reason=str(exc)) from exc


def _begin(stack: ExitStack) -> None:
    """Enter a transaction; if SQLite reports another writer, try again within the busy timeout.

    Only the start is retried: SQLite takes the write lock at ``BEGIN IMMEDIATE``, so a
    refusal there means nothing of the unit of work has run yet and trying again is safe.
    SQLite's own busy handler already waits; this covers the refusals it returns at once.
    """
    deadline = time.monotonic() + busy_timeout_ms() / 1000
    while True:
        try:
            stack.enter_context(database_proxy.atomic())
            return
        except peewee.OperationalError as exc:
            nested = database_proxy.transaction_depth() > 0
            left = deadline - time.monotonic()
            if nested or left <= 0 or not _is_busy(exc):
                raise
            time.sleep(min(left, random.uniform(0.005, 0.05)))


@contextmanager
def transaction() -> Iterator[None]:
    """One all-or-nothing unit of work; SQLite takes the write lock at the start.

    Keep the body short (no prompts, no slow reads): other writers wait while it runs.
    """
    with storage_errors(), ExitStack() as stack:
        _begin(stack)
        yield


def database() -> peewee.Database:
    """The database the models are bound to."""
    db = database_proxy.obj
    if db is None:
        raise StorageError("error.db_not_open", path="")
    return db
