"""Schema versions: a new database is stamped, a current one is left alone, a newer one is
refused, and an older one is brought forward one step at a time (on SQLite and PostgreSQL)."""

from __future__ import annotations

import peewee
import pytest
from playhouse.migrate import SchemaMigrator
from playhouse.migrate import migrate as apply_operations

from gendan_tui import cli
from gendan_tui.core.services import open_services
from gendan_tui.errors import StorageError
from gendan_tui.store import migrations
from gendan_tui.store.db import open_database
from gendan_tui.store.migrations import SCHEMA_VERSION, current_version, migrate
from gendan_tui.store.models import ALL_MODELS, Customer, SchemaVersion


def _tables(database: peewee.Database) -> set[str]:
    return set(database.get_tables())


def _columns(database: peewee.Database, table: str) -> set[str]:
    return {column.name for column in database.get_columns(table)}


def test_a_new_database_is_created_at_the_current_version(db_url: str) -> None:
    database = open_database(db_url, create=True)
    assert current_version(database) == 0
    assert migrate(database) == 0
    assert current_version(database) == SCHEMA_VERSION
    assert [row.version for row in SchemaVersion.select()] == [SCHEMA_VERSION]
    assert {model._meta.table_name for model in ALL_MODELS} <= _tables(database)


def test_migrating_a_current_database_changes_nothing(db_url: str) -> None:
    database = open_database(db_url, create=True)
    migrate(database)
    tables = _tables(database)
    stamped = [(row.version, row.applied_at) for row in SchemaVersion.select()]
    assert migrate(database) == SCHEMA_VERSION
    assert open_services(db_url) is not None
    assert _tables(database) == tables
    assert [(row.version, row.applied_at) for row in SchemaVersion.select()] == stamped


def test_a_database_from_a_newer_release_is_refused(db_url: str) -> None:
    database = open_database(db_url, create=True)
    migrate(database)
    SchemaVersion.create(version=SCHEMA_VERSION + 1)
    with pytest.raises(StorageError) as caught:
        migrate(database)
    assert caught.value.key == "error.db_too_new"
    assert str(caught.value) == (
        f"数据库由更新版本的程序创建（结构版本 {SCHEMA_VERSION + 1}，"
        f"本程序支持 {SCHEMA_VERSION}），请升级程序。"
    )
    assert current_version(database) == SCHEMA_VERSION + 1


def test_the_command_line_refuses_a_newer_database_with_a_message(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["init", "--db", db_url]) == 0
    SchemaVersion.create(version=SCHEMA_VERSION + 1)
    capsys.readouterr()
    assert cli.main(["queue", "--db", db_url]) == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert err.startswith("gendan: 数据库由更新版本的程序创建") and err.count("\n") == 1


def _add_customer_rank(database: peewee.Database) -> None:
    migrator = SchemaMigrator.from_database(database)
    apply_operations(migrator.add_column("customer", "rank", peewee.IntegerField(default=0)))


def test_an_older_database_is_brought_forward_step_by_step(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = open_database(db_url, create=True)
    migrate(database)
    monkeypatch.setitem(migrations.MIGRATIONS, SCHEMA_VERSION + 1, _add_customer_rank)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    assert migrate(database) == SCHEMA_VERSION
    assert current_version(database) == SCHEMA_VERSION + 1
    assert "rank" in _columns(database, "customer")
    assert migrate(database) == SCHEMA_VERSION + 1


def test_a_failing_migration_leaves_the_database_at_its_version(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def add_then_fail(database: peewee.Database) -> None:
        _add_customer_rank(database)
        raise peewee.OperationalError("disk I/O error")

    database = open_database(db_url, create=True)
    migrate(database)
    monkeypatch.setitem(migrations.MIGRATIONS, SCHEMA_VERSION + 1, add_then_fail)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StorageError):
        migrate(database)
    assert current_version(database) == SCHEMA_VERSION
    assert "rank" not in _columns(database, "customer")
    assert Customer.select().count() == 0
