"""Shared fixtures: an isolated home per test, a fresh database, services on a fixed day.

With ``GENDAN_TEST_POSTGRES_URL`` set, ``db_url`` is a new PostgreSQL database per test
instead of a SQLite file; tests marked ``sqlite_only`` or ``postgres_only`` run on one only.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from gendan_tui import i18n
from gendan_tui.core import users
from gendan_tui.core.clock import FixedClock
from gendan_tui.core.context import Actor
from gendan_tui.core.services import Services, open_services
from gendan_tui.store.db import close_database
from tests.pg.databases import DatabaseFactory, server_url

TODAY = date(2025, 10, 9)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: runs only when db_url is a SQLite file")
    config.addinivalue_line("markers", "postgres_only: runs only against a PostgreSQL server")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_postgres = server_url() is not None
    for item in items:
        if on_postgres and item.get_closest_marker("sqlite_only"):
            item.add_marker(pytest.mark.skip(reason="SQLite only; this run is on PostgreSQL"))
        if not on_postgres and item.get_closest_marker("postgres_only"):
            item.add_marker(pytest.mark.skip(reason="needs GENDAN_TEST_POSTGRES_URL"))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep the user's real config and data out of every test, and speak Chinese."""
    home = tmp_path / "home"
    monkeypatch.setenv("GENDAN_HOME", str(home))
    for name in ("GENDAN_DATABASE_URL", "GENDAN_CLERK", "GENDAN_LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.set_language("zh")
    yield home
    close_database()
    i18n.set_language("zh")


@pytest.fixture(scope="session")
def postgres() -> Iterator[DatabaseFactory | None]:
    """The per-process maker of PostgreSQL test databases, or None for a SQLite run."""
    url = server_url()
    if url is None:
        yield None
        return
    factory = DatabaseFactory(url)
    factory.make_templates()
    yield factory
    factory.close()


@pytest.fixture
def db_url(
    tmp_path: Path, postgres: DatabaseFactory | None, request: pytest.FixtureRequest
) -> Iterator[str]:
    """A new SQLite file for this test, or a new PostgreSQL database on a PostgreSQL run.

    The PostgreSQL database is empty like a new file, except that a test which also asks
    for ``services`` gets it already migrated (``services`` would migrate it anyway).
    """
    if postgres is None:
        yield str(tmp_path / "gendan.sqlite3")
        return
    url = postgres.create(migrated="services" in request.fixturenames)
    yield url
    close_database()
    postgres.drop(url)


@pytest.fixture
def services(db_url: str) -> Services:
    """Services over a fresh database with one clerk signed in, on a fixed day."""
    svc = open_services(db_url, clock=FixedClock(TODAY), create=True)
    users.add_clerk("zhangli", "张丽")
    svc.sign_in("zhangli")
    return svc


@pytest.fixture
def clerk(services: Services) -> Actor:
    """The signed-in clerk."""
    return services.ctx.require_actor()
