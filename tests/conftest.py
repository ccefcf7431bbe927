"""Shared fixtures: an isolated home per test, a fresh database, services on a fixed day."""

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

TODAY = date(2025, 10, 9)


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


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A new SQLite file for this test."""
    return str(tmp_path / "gendan.sqlite3")


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
