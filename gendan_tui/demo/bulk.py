"""Fast bulk inserts of plain tuples, on SQLite and on PostgreSQL.

The demo writes millions of rows. Going through model instances would take minutes, so
rows are tuples with explicit ids, written through the DB-API cursor in large batches
(``executemany`` on SQLite, ``execute_values`` on PostgreSQL) inside one transaction.
PostgreSQL's id sequences are moved past the written ids afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from itertools import islice
from typing import Any

import peewee as pw

from gendan_tui.store.models import ALL_MODELS, BaseModel

BATCH_ROWS = 50_000
PG_PAGE_ROWS = 2_000

Row = tuple[Any, ...]


def _plain(value: Any) -> Any:
    """A value as the DB-API drivers of both databases take it."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _defaults(model: type[BaseModel], given: Sequence[str]) -> tuple[list[str], Row]:
    """The fields of ``model`` not in ``given`` that have a default, and their values.

    Columns added to the models later get their defaults without the generator knowing
    about them (peewee's defaults live in Python, not in the schema).
    """
    names: list[str] = []
    values: list[Any] = []
    for name, field in model._meta.fields.items():
        if name in given or field.default is None:
            continue
        default = field.default() if callable(field.default) else field.default
        names.append(name)
        values.append(_plain(default))
    return names, tuple(values)


def _batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


class BulkWriter:
    """Writes rows into the tables of one database; counts what it wrote per table."""

    def __init__(self, db: pw.Database) -> None:
        self.db = db
        self.postgres = isinstance(db, pw.PostgresqlDatabase)
        self.counts: dict[str, int] = {}

    def insert(self, model: type[BaseModel], fields: Sequence[str], rows: Iterable[Row]) -> int:
        """Insert ``rows`` (values in the order of ``fields``) into ``model``'s table."""
        meta = model._meta
        table = meta.table_name
        extra_names, extra_values = _defaults(model, fields)
        if extra_names:
            fields = [*fields, *extra_names]
            rows = (row + extra_values for row in rows)
        columns = ", ".join(f'"{meta.fields[name].column_name}"' for name in fields)
        cursor = self.db.cursor()
        written = 0
        if self.postgres:
            from psycopg2.extras import execute_values

            sql = f'INSERT INTO "{table}" ({columns}) VALUES %s'
            for batch in _batches(rows, BATCH_ROWS):
                execute_values(cursor, sql, batch, page_size=PG_PAGE_ROWS)
                written += len(batch)
        else:
            marks = ", ".join("?" * len(fields))
            sql = f'INSERT INTO "{table}" ({columns}) VALUES ({marks})'
            for batch in _batches(rows, BATCH_ROWS):
                cursor.executemany(sql, batch)
                written += len(batch)
        self.counts[table] = self.counts.get(table, 0) + written
        return written

    def reset_sequences(self) -> None:
        """Move PostgreSQL's id sequences past the explicit ids written (no-op on SQLite)."""
        if not self.postgres:
            return
        for model in ALL_MODELS:
            meta = model._meta
            if not isinstance(meta.primary_key, pw.AutoField):
                continue
            table = meta.table_name
            self.db.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'
            )

    def analyze(self) -> None:
        """Give PostgreSQL's planner statistics on the new rows at once, rather than when
        autovacuum gets round to it; without them the first queries pick poor plans."""
        if self.postgres:
            self.db.execute_sql("ANALYZE")


@contextmanager
def deferred_indexes(models: Sequence[type[BaseModel]]) -> Iterator[None]:
    """Drop the models' indexes while their tables are filled, and build them afterwards:
    one sort per index is much faster than millions of scattered index inserts."""
    for model in models:
        model._schema.drop_indexes()
    yield
    for model in models:
        model._schema.create_indexes()


@contextmanager
def fast_build(db: pw.Database) -> Iterator[None]:
    """Relax SQLite's safety nets for the length of a bulk build of a new database.

    Durability and foreign-key checks are off and the rollback journal is kept in memory
    (WAL would write every page twice); the generator writes consistent rows, and a crash
    part-way leaves a database to delete. The app's settings are restored afterwards.
    """
    if isinstance(db, pw.PostgresqlDatabase):
        yield
        return
    for pragma in (
        "journal_mode = MEMORY",
        "synchronous = OFF",
        "foreign_keys = OFF",
        "cache_size = -262144",
        "temp_store = MEMORY",
    ):
        db.execute_sql(f"PRAGMA {pragma}")
    try:
        yield
    finally:
        for pragma in (
            "temp_store = DEFAULT",
            "cache_size = -32000",
            "foreign_keys = ON",
            "synchronous = NORMAL",
            "journal_mode = WAL",
        ):
            db.execute_sql(f"PRAGMA {pragma}")
