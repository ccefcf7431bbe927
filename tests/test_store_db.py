"""Opening the database: SQLite settings, PostgreSQL, safe descriptions, types that travel,
upserts, partial indexes, and transactions that save all or nothing."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import peewee
import psycopg2
import pytest

from gendan_tui.core import audit, department, users
from gendan_tui.core.context import Actor
from gendan_tui.core.roles import PermissionDenied
from gendan_tui.core.services import Services
from gendan_tui.errors import StorageError
from gendan_tui.store import db as store_db
from gendan_tui.store.db import describe, open_database, transaction
from gendan_tui.store.migrations import migrate
from gendan_tui.store.models import CalendarOverride, Customer, Phone, Setting
from tests import factories
from tests.sqlite_lock import writer_holding_the_lock


def _pragma(database: peewee.Database, name: str) -> object:
    return database.execute_sql(f"PRAGMA {name}").fetchone()[0]


@pytest.mark.sqlite_only
def test_sqlite_opens_with_wal_foreign_keys_and_busy_timeout(db_url: str) -> None:
    database = open_database(db_url, create=True)
    assert _pragma(database, "journal_mode") == "wal"
    assert _pragma(database, "foreign_keys") == 1
    assert _pragma(database, "busy_timeout") == store_db.DEFAULT_BUSY_TIMEOUT_MS
    assert _pragma(database, "synchronous") == 1  # NORMAL: safe with WAL, fast


@pytest.mark.sqlite_only
def test_busy_timeout_comes_from_the_environment(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GENDAN_BUSY_TIMEOUT_MS", "1234")
    assert _pragma(open_database(db_url, create=True), "busy_timeout") == 1234


def test_foreign_keys_are_enforced(services: Services) -> None:
    with pytest.raises(peewee.IntegrityError), transaction():
        Phone.create(customer=999_999, number="13812345678", digits="13812345678", kind="mobile")
    assert Phone.select().count() == 0


@pytest.mark.postgres_only
def test_postgres_url_opens_a_postgres_database(db_url: str) -> None:
    database = open_database(db_url)
    assert isinstance(database, peewee.PostgresqlDatabase)
    assert migrate(database) == 0
    assert database.execute_sql("SHOW server_version_num").fetchone()[0] >= "150000"


@pytest.mark.postgres_only
def test_wrong_postgres_password_is_refused_without_showing_it(db_url: str) -> None:
    parts = urlparse(db_url)
    server = f"{parts.username}@{parts.hostname}:{parts.port}"
    url = urlunparse(
        parts._replace(
            netloc=f"{parts.username}:Wr0ng-s3cret@{server[len(parts.username or '') + 1 :]}"
        )
    )
    try:
        open_database(url)
    except StorageError as exc:
        assert exc.key == "error.db_unreachable"
        assert "Wr0ng-s3cret" not in str(exc)
        assert str(exc) == f"无法连接数据库：postgresql://{server}{parts.path}"
    else:
        pytest.skip("this server does not check passwords on TCP connections")


@pytest.mark.postgres_only
def test_a_dropped_postgres_connection_is_opened_again(services: Services, db_url: str) -> None:
    """A server restart or an idle timeout must not leave an open desk broken for good."""
    factories.customer(services)
    backend = store_db.database().execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg2.connect(db_url) as admin, admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", (backend,))
    admin.close()
    assert [hit.name for hit in services.customers.search("bjhx")] == ["北京华信科技有限公司"]
    assert store_db.database().execute_sql("SELECT pg_backend_pid()").fetchone()[0] != backend


def test_unreachable_server_is_a_storage_error_without_the_password() -> None:
    with pytest.raises(StorageError) as caught:
        open_database("postgresql://clerk:pa%24%24word@127.0.0.1:1/gendan")
    assert caught.value.key == "error.db_unreachable"
    assert str(caught.value) == "无法连接数据库：postgresql://clerk@127.0.0.1:1/gendan"


def test_describe_never_shows_a_password() -> None:
    assert describe("postgresql://clerk:s3cret@db.example.cn:5433/gendan") == (
        "postgresql://clerk@db.example.cn:5433/gendan"
    )
    assert describe("postgres://clerk:p%40ss@db/gendan?sslmode=require") == (
        "postgresql://clerk@db/gendan"
    )
    assert describe("postgresql:///gendan") == "postgresql://localhost/gendan"
    assert describe("/srv/gendan/gendan.sqlite3") == "/srv/gendan/gendan.sqlite3"
    assert describe("sqlite:////srv/gendan.sqlite3") == "/srv/gendan.sqlite3"
    assert describe("sqlite:///data/gendan.sqlite3") == "data/gendan.sqlite3"


def test_each_test_gets_an_empty_database_of_its_own(db_url: str, tmp_path: Path) -> None:
    if db_url.startswith("postgresql://"):
        name = urlparse(db_url).path.lstrip("/")
        assert name.startswith("gendan_test_")
        assert open_database(db_url).get_tables() == []
    else:
        assert Path(db_url).parent == tmp_path
        assert not Path(db_url).exists()


def test_dates_times_and_booleans_read_back_as_python_types(services: Services) -> None:
    customer_id = factories.customer(services, is_member=True)
    row = Customer.get_by_id(customer_id)
    assert row.is_member is True
    assert row.created_on == date(2025, 10, 9)
    assert type(row.created_on) is date
    assert Customer.select().where(Customer.is_member).count() == 1
    assert Customer.select().where(~Customer.is_member).count() == 0
    task_id = factories.task(services, customer_id, date(2025, 10, 1))
    services.callbacks.record_failure(task_id, 1, "no_answer")
    first = (
        Customer.select(peewee.fn.MIN(Customer.created_on))
        .where(Customer.id == customer_id)
        .scalar()
    )
    assert first == date(2025, 10, 9)
    detail = services.customers.detail(customer_id)
    assert detail.next_callback_on == date(2025, 10, 1)
    assert isinstance(detail.recent_calls[0].called_at, datetime)
    assert detail.recent_calls[0].called_at.date() == date(2025, 10, 9)


@pytest.fixture
def supervisor(services: Services) -> Actor:
    """Someone who may change the department's settings."""
    return users.add_account("wang", "王主任", ["follow_up_supervisor"], None)


def test_settings_are_upserted_not_duplicated(supervisor: Actor) -> None:
    department.set_policy_value(supervisor, "frequent_more_than", 5)
    department.set_policy_value(supervisor, "frequent_more_than", 7)
    assert department.load_policy().frequent_more_than == 7
    assert Setting.select().where(Setting.key == "callbacks.frequent_more_than").count() == 1
    department.confirm_calendar_year(supervisor, 2026)
    department.confirm_calendar_year(supervisor, 2026)
    department.confirm_calendar_year(supervisor, 2027)
    assert Setting.get_by_id("calendar.confirmed_years").value == "[2026, 2027]"
    changes = [entry.changes[0] for entry in audit.history("department", 0) if entry.changes]
    assert [(c.field, c.before, c.after) for c in changes] == [
        ("years", [2026], [2026, 2027]),
        ("years", [], [2026]),
        ("frequent_more_than", 5, 7),
        ("frequent_more_than", 2, 5),
    ]


def test_calendar_override_is_replaced_in_place(supervisor: Actor) -> None:
    department.set_calendar_day(supervisor, date(2026, 1, 2), True, "调休")
    department.set_calendar_day(supervisor, date(2026, 1, 2), False, "公司放假")
    row = CalendarOverride.get_by_id(date(2026, 1, 2))
    assert (row.is_workday, row.note) == (False, "公司放假")
    assert CalendarOverride.select().count() == 1
    assert department.load_calendar().is_workday(date(2026, 1, 2)) is False
    newest = audit.history("calendar_day", 20260102)[0]
    assert [(c.field, c.before, c.after) for c in newest.changes] == [
        ("is_workday", True, False),
        ("note", "调休", "公司放假"),
    ]


def test_a_clerk_may_not_change_department_settings(services: Services) -> None:
    clerk = services.ctx.require_actor()
    with pytest.raises(PermissionDenied):
        department.set_calendar_day(clerk, date(2026, 1, 2), True, "调休")
    with pytest.raises(PermissionDenied):
        department.confirm_calendar_year(clerk, 2026)
    with pytest.raises(PermissionDenied):
        department.set_policy_value(clerk, "frequent_more_than", 5)
    assert CalendarOverride.select().count() == 0
    assert Setting.select().count() == 0
    assert audit.history("department", 0) == []


def test_open_callback_indexes_are_partial(services: Services) -> None:
    database = store_db.database()
    if isinstance(database, peewee.PostgresqlDatabase):
        sql = "SELECT indexdef FROM pg_indexes WHERE indexname = %s"
    else:
        sql = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?"
    for name in ("callbacktask_open_by_clerk", "callbacktask_open_by_day"):
        definition = database.execute_sql(sql, (name,)).fetchone()[0]
        assert "WHERE" in definition.upper() and "open" in definition


def test_a_failed_transaction_saves_nothing(services: Services) -> None:
    with pytest.raises(RuntimeError), transaction():
        Setting.create(key="a", value="1")
        with transaction():
            Setting.create(key="b", value="2")
        raise RuntimeError("stop")
    assert Setting.select().where(Setting.key.in_(["a", "b"])).count() == 0


def test_transaction_start_is_retried_when_sqlite_refuses_at_once(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_atomic = peewee.DatabaseProxy.atomic
    refusals = [peewee.OperationalError("database is locked")] * 2

    def atomic(proxy: object) -> object:
        if refusals:
            raise refusals.pop()
        return real_atomic(proxy)

    monkeypatch.setattr(peewee.DatabaseProxy, "atomic", atomic)
    with transaction():
        Setting.create(key="retried", value="1")
    assert refusals == []
    assert Setting.get_by_id("retried").value == "1"


def test_other_errors_at_transaction_start_are_not_retried(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def atomic(proxy: object) -> object:
        calls.append(1)
        raise peewee.OperationalError("disk I/O error")

    monkeypatch.setattr(peewee.DatabaseProxy, "atomic", atomic)
    with pytest.raises(StorageError) as caught, transaction():
        pass
    assert caught.value.key == "error.db_failed"
    assert calls == [1]


@pytest.mark.sqlite_only
def test_a_held_write_lock_fails_after_the_busy_timeout_not_later(
    services: Services, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GENDAN_BUSY_TIMEOUT_MS", "300")
    open_database(db_url)
    with writer_holding_the_lock(db_url):
        started = time.monotonic()
        with pytest.raises(StorageError) as caught, transaction():
            Setting.create(key="late", value="1")
        waited = time.monotonic() - started
    assert caught.value.key == "error.db_locked"
    assert 0.25 <= waited < 2.0
    assert Setting.get_or_none(Setting.key == "late") is None
