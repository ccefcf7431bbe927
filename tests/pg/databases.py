"""Fresh PostgreSQL databases per test, cloned from templates made once per test process.

``GENDAN_TEST_POSTGRES_URL`` names a server and a maintenance database the role can connect
to; the role needs CREATEDB. Each pytest process (each xdist worker) makes two templates:
an empty one and one already migrated to the current schema, and clones one of them per test.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse, urlunparse

import psycopg2
import psycopg2.extensions

ENV_URL = "GENDAN_TEST_POSTGRES_URL"


def server_url() -> str | None:
    """The PostgreSQL server the suite should use, if any."""
    return os.environ.get(ENV_URL) or None


def with_database(url: str, name: str) -> str:
    """``url`` with its database name replaced by ``name``."""
    return urlunparse(urlparse(url)._replace(path="/" + name))


class DatabaseFactory:
    """Creates and drops per-test databases on one server, named for this process."""

    def __init__(self, url: str) -> None:
        self.url = url
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.prefix = f"gendan_test_{worker}_{os.getpid()}"
        self.count = 0
        self.admin = psycopg2.connect(url)
        self.admin.autocommit = True
        self.empty_template = f"{self.prefix}_empty"
        self.migrated_template = f"{self.prefix}_migrated"

    def _execute(self, sql: str) -> None:
        with self.admin.cursor() as cursor:
            cursor.execute(sql)

    def make_templates(self) -> None:
        """Create the empty and the migrated template for this process."""
        from gendan_tui.store.db import close_database, open_database
        from gendan_tui.store.migrations import migrate

        for name in (self.empty_template, self.migrated_template):
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self._execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        migrate(open_database(with_database(self.url, self.migrated_template)))
        close_database()

    def create(self, *, migrated: bool) -> str:
        """A new database (empty, or at the current schema) and its URL."""
        self.count += 1
        name = f"{self.prefix}_{self.count}"
        template = self.migrated_template if migrated else self.empty_template
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return with_database(self.url, name)

    def drop(self, url: str) -> None:
        """Drop a database made by :meth:`create`, ending any connection still open to it."""
        name = urlparse(url).path.lstrip("/")
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        """Drop the templates and disconnect."""
        for name in (self.empty_template, self.migrated_template):
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.close()
