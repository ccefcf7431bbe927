"""What the command line is given at the edges: dates at the ends of the calendar, database
addresses that are mistyped or malformed, bytes that are not UTF-8. Each is refused with one
clear line and exit status 2 (never a traceback), and no message shows a password."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from gendan_tui import cli
from gendan_tui.core.services import open_services
from gendan_tui.store.db import close_database, describe


def gendan(
    *args: bytes, env: dict[bytes, bytes] | None = None, stdin: bytes = b""
) -> tuple[int, str]:
    """``gendan`` in its own process with arguments as raw bytes, as a shell passes them;
    returns the exit status and what it wrote on stderr."""
    environment: dict[bytes, bytes] = {**os.environb, **(env or {})}
    done = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"gendan_tui", *args],
        env=environment,
        capture_output=True,
        input=stdin,
        timeout=60,
    )
    return done.returncode, done.stderr.decode("utf-8", "replace")


def status_of(args: list[str]) -> int:
    """``gendan`` in this process: its exit status, also when argparse refuses an option."""
    try:
        return cli.main(args)
    except SystemExit as refused:
        return int(refused.code or 0)


@pytest.fixture
def desk(tmp_path: Path) -> str:
    path = tmp_path / "desk.sqlite3"
    assert cli.main(["init", "--db", str(path)]) == 0
    return str(path)


EDGE_DATES = [
    ["queue", "--date", "0001-01-01", "--clerk", "x"],
    ["queue", "--date", "0001-01-03", "--clerk", "x"],
    ["queue", "--date", "9999-12-31", "--clerk", "x"],
    ["report", "complaints-weekly", "--week", "9999-W52"],
    ["report", "complaints-weekly", "--week", "0001-W01"],
    ["report", "complaints-monthly", "--month", "9999-12"],
    ["report", "complaints-monthly", "--month", "0001-01"],
]


@pytest.mark.parametrize("args", EDGE_DATES, ids=[" ".join(a[-2:]) for a in EDGE_DATES])
def test_dates_at_the_ends_of_the_calendar_are_refused(
    desk: str, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert status_of([*args, "--db", desk]) == 2
    assert "年份须在 1900 到 2999 之间" in capsys.readouterr().err


SECRET = "S3cretPASS"
BAD_ADDRESSES = {
    f"pgsql://u:{SECRET}@host/x": "不认识的数据库类型“pgsql”",
    f"postgresql+psycopg2://u:{SECRET}@host/x": "不认识的数据库类型“postgresql+psycopg2”",
    f"mysql://u:{SECRET}@host/x": "不认识的数据库类型“mysql”",
    f"postgresql://u:{SECRET}@[::1/x": "Invalid IPv6 URL",
    f"postgresql://u:{SECRET}@localhost:99999/x": "Port out of range",
}


@pytest.mark.parametrize("url", BAD_ADDRESSES)
def test_a_bad_database_address_is_refused_without_its_password(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["queue", "--db", url, "--clerk", "x"]) == 2
    err = capsys.readouterr().err
    assert BAD_ADDRESSES[url] in err
    assert SECRET not in err
    assert "Traceback" not in err


def test_describe_takes_the_password_out_of_any_address() -> None:
    assert describe(f"mysql://u:{SECRET}@h/x") == "mysql://u@h/x"
    assert describe(f"postgresql://u:{SECRET}@[::1/x") == "postgresql://u@[::1/x"
    assert describe(f"postgresql://u:{SECRET}@/x?host=/run/pg") == "postgresql://u@/x?host=/run/pg"


NOT_UTF8 = b"\xff\xfe"


def test_bytes_that_are_not_utf8_are_refused_by_name(desk: str) -> None:
    db = os.fsencode(desk)
    code, err = gendan(b"queue", b"--db", db, b"--clerk", NOT_UTF8)
    assert code == 2 and "“--clerk”中有无法识别的字符" in err
    code, err = gendan(b"calendar", b"set", b"2026-01-05", b"off", b"--note", NOT_UTF8, b"--db", db)
    assert code == 2 and "“--note”中有无法识别的字符" in err
    add = (b"user", b"add", b"wang", "王".encode(), b"--role", b"follow_up_supervisor", b"--db", db)
    code, err = gendan(*add, b"--password-stdin", stdin=NOT_UTF8 + b"\n")
    assert code == 2 and "“--password-stdin”中有无法识别的字符" in err
    assert gendan(*add, b"--password-stdin", stdin=b"pass1234\n")[0] == 0
    code, err = gendan(
        b"user", b"list", b"--db", db, b"--user", b"wang", env={b"GENDAN_PASSWORD": NOT_UTF8}
    )
    assert code == 2 and "“GENDAN_PASSWORD”中有无法识别的字符" in err
    assert "Traceback" not in err


@pytest.mark.postgres_only
def test_a_unix_socket_address_opens(db_url: str) -> None:
    """The libpq form for a server on a Unix socket: no host, the socket's folder in the
    query (``postgresql://u:p@/db?host=/run/postgresql&port=5432``)."""
    close_database()
    parts = urlparse(db_url)
    socket_dir = os.environ["GENDAN_TEST_PGDATA"]
    url = (
        f"postgresql://{parts.username}:{parts.password}@{parts.path}"
        f"?host={socket_dir}&port={parts.port}"
    )
    services = open_services(url)
    assert services.users.has_accounts() is False
    close_database()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--customers", "1000000000000"], "最多 1000000 家客户"),
        (["--customers", "100", "--callbacks", "99999999"], "最多 10000 条回访记录"),
    ],
)
def test_a_demo_too_big_to_build_is_refused_before_any_work(
    tmp_path: Path, args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "huge.sqlite3"
    assert cli.main(["demo", "--db", str(target), *args]) == 2
    assert words in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "command", [["keys"], ["report", "--list"], ["calendar", "check", "2025-10-10"]]
)
def test_a_reader_that_stops_reading_gets_no_traceback(desk: str, command: list[str]) -> None:
    """``gendan … | head -0``: the pipe is closed before anything is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "gendan_tui", *command, "--db", desk],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert done.stderr.decode() == ""
    assert done.returncode == cli.EXIT_READER_GONE
