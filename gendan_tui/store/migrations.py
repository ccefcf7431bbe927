"""Schema versions and forward migrations.

A new database is created at the newest schema and stamped with its version; an older
one is brought forward one migration at a time, each in its own transaction. Later
releases append to ``MIGRATIONS`` (using ``playhouse.migrate``); nothing is ever edited.
"""

from __future__ import annotations

from collections.abc import Callable

import peewee

from gendan_tui.errors import StorageError
from gendan_tui.store.db import storage_errors
from gendan_tui.store.models import ALL_MODELS, SchemaVersion
from gendan_tui.store.triggers import install_guards

Migration = Callable[[peewee.Database], None]


def _initial_schema(db: peewee.Database) -> None:
    db.create_tables(ALL_MODELS, safe=True)
    install_guards(db)


MIGRATIONS: dict[int, Migration] = {
    1: _initial_schema,
}

SCHEMA_VERSION = max(MIGRATIONS)


def current_version(db: peewee.Database) -> int:
    """The schema version of ``db``: 0 for an empty database."""
    if not db.table_exists(SchemaVersion._meta.table_name):
        return 0
    row = SchemaVersion.select(peewee.fn.MAX(SchemaVersion.version)).scalar()
    return int(row or 0)


def migrate(db: peewee.Database) -> int:
    """Bring ``db`` to ``SCHEMA_VERSION`` and return the version it had before.

    A database written by a newer release is refused rather than guessed at.
    """
    with storage_errors():
        found = current_version(db)
        if found > SCHEMA_VERSION:
            raise StorageError("error.db_too_new", found=found, supported=SCHEMA_VERSION)
        if found == 0:
            with db.atomic():
                _initial_schema(db)
                SchemaVersion.create(version=SCHEMA_VERSION)
            return 0
        for version in range(found + 1, SCHEMA_VERSION + 1):
            with db.atomic():
                MIGRATIONS[version](db)
                SchemaVersion.create(version=version)
        return found
