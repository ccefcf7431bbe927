"""``gendan backup`` and ``gendan restore``: a round trip, a backup taken while another
process writes, and the refusals that protect the database."""

from __future__ import annotations

import multiprocessing
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import peewee
import pytest

from gendan_tui import cli
from gendan_tui.core.clock import FixedClock
from gendan_tui.core.customers import NewContact, NewCustomer
from gendan_tui.core.services import Services, open_services
from gendan_tui.store import migrations
from gendan_tui.store.db import close_database
from gendan_tui.store.migrations import SCHEMA_VERSION
from tests import factories

TODAY = date(2025, 10, 9)
SPAWN = multiprocessing.get_context("spawn")

pytestmark = pytest.mark.sqlite_only


def _rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.execute(sql).fetchall())


def _customer_names(path: Path) -> list[str]:
    return [row[0] for row in _rows(path, "SELECT name FROM customer ORDER BY id")]


def _error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("gendan: ") and err.count("\n") == 1, err
    return err.removeprefix("gendan: ").rstrip("\n")


@pytest.fixture
def desk(services: Services, db_url: str) -> Path:
    """A desk database with one customer whose callback was tried once."""
    customer_id = factories.customer(services, "北京华信科技有限公司")
    task_id = factories.task(services, customer_id, date(2025, 10, 9))
    services.callbacks.record_failure(task_id, 1, "no_answer")
    return Path(db_url)


def test_backup_and_restore_round_trip(
    desk: Path, services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "备份" / "gendan-2025-10-09.sqlite3"
    saved.parent.mkdir()
    assert cli.main(["backup", str(saved), "--db", str(desk)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"已备份到 {saved}（结构版本 {SCHEMA_VERSION}，约 ")
    assert _rows(saved, "PRAGMA journal_mode") == [("delete",)]
    assert list(saved.parent.iterdir()) == [saved]

    factories.customer(services, "广州南方家具有限公司", "020-87654321")
    assert _customer_names(desk) == ["北京华信科技有限公司", "广州南方家具有限公司"]

    assert cli.main(["restore", str(saved), "--db", str(desk)]) == 0
    previous = desk.with_name(desk.name + ".bak")
    assert capsys.readouterr().out == (
        f"已用备份 {saved} 恢复数据库 {desk}。\n原来的数据库已保存为 {previous}。\n"
    )
    assert _customer_names(desk) == ["北京华信科技有限公司"]
    assert _customer_names(previous) == ["北京华信科技有限公司", "广州南方家具有限公司"]
    assert _rows(desk, "PRAGMA journal_mode") == [("wal",)]

    restored = open_services(str(desk), clock=FixedClock(TODAY))
    restored.sign_in("zhangli")
    (item,) = restored.callbacks.queue(day=date(2025, 10, 10)).items
    assert (item.customer_name, item.attempts, item.version) == ("北京华信科技有限公司", 1, 2)


def test_a_second_restore_keeps_every_earlier_database(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "saved.sqlite3"
    assert cli.main(["backup", str(saved), "--db", str(desk)]) == 0
    assert cli.main(["restore", str(saved), "--db", str(desk)]) == 0
    assert cli.main(["restore", str(saved), "--db", str(desk)]) == 0
    assert capsys.readouterr().out.endswith(f"原来的数据库已保存为 {desk}.bak.1。\n")
    assert Path(f"{desk}.bak").exists() and Path(f"{desk}.bak.1").exists()


def test_restore_creates_a_new_database(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "saved.sqlite3"
    fresh = tmp_path / "new-desk.sqlite3"
    assert cli.main(["backup", str(saved), "--db", str(desk)]) == 0
    assert cli.main(["restore", str(saved), "--db", str(fresh)]) == 0
    assert capsys.readouterr().out.endswith(f"已用备份 {saved} 恢复数据库 {fresh}。\n")
    assert _customer_names(fresh) == ["北京华信科技有限公司"]
    assert not Path(f"{fresh}.bak").exists()


def _writer(url: str, started: Any, stop: Any, results: Any) -> None:
    """Create customers (with a contact and a phone, in one transaction each) until told to
    stop; say when the first few are saved."""
    services = open_services(url, clock=FixedClock(TODAY))
    actor = services.sign_in("zhangli")
    saved = errors = 0
    while not stop.is_set() and saved < 5000:
        new = NewCustomer(
            name=f"并发客户{saved}",
            contacts=(NewContact("赵经理", (f"136{saved:08d}",)),),
            owner_id=actor.id,
        )
        try:
            services.customers.create(new)
            saved += 1
        except Exception:  # counted; the test fails on any
            errors += 1
        if saved == 20:
            started.set()
    started.set()
    results.put({"saved": saved, "errors": errors})
    close_database()


def test_backup_while_another_process_writes_is_consistent(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    close_database()
    started, stop, results = SPAWN.Event(), SPAWN.Event(), SPAWN.Queue()
    writer = SPAWN.Process(target=_writer, args=(str(desk), started, stop, results), daemon=True)
    writer.start()
    try:
        assert started.wait(timeout=60)
        saved = tmp_path / "during.sqlite3"
        assert cli.main(["backup", str(saved), "--db", str(desk)]) == 0
        stop.set()
        report = results.get(timeout=60)
    finally:
        stop.set()
        writer.join(timeout=30)
    assert report["errors"] == 0
    assert capsys.readouterr().err == ""

    assert _rows(saved, "PRAGMA integrity_check") == [("ok",)]
    in_backup = _rows(saved, "SELECT COUNT(*) FROM customer WHERE name LIKE '并发客户%'")[0][0]
    assert 20 <= in_backup <= report["saved"]
    unmatched = _rows(
        saved,
        "SELECT COUNT(*) FROM customer c WHERE "
        "(SELECT COUNT(*) FROM contact WHERE customer_id = c.id) != 1 "
        "OR (SELECT COUNT(*) FROM phone WHERE customer_id = c.id) != 1",
    )
    assert unmatched == [(0,)]
    with capsys.disabled():
        print(
            f"\nbackup while writing: writer saved {report['saved']} customers, "
            f"{in_backup} were in the snapshot, 0 half-saved, writer errors {report['errors']}"
        )

    fresh = tmp_path / "restored.sqlite3"
    assert cli.main(["restore", str(saved), "--db", str(fresh)]) == 0
    assert len(_customer_names(fresh)) == in_backup + 1


def test_restore_is_refused_while_the_database_is_open(
    desk: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    saved = tmp_path / "saved.sqlite3"
    assert cli.main(["backup", str(saved), "--db", str(desk)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("GENDAN_BUSY_TIMEOUT_MS", "200")
    other_desk = sqlite3.connect(desk)
    other_desk.execute("SELECT COUNT(*) FROM customer").fetchall()
    try:
        assert cli.main(["restore", str(saved), "--db", str(desk)]) == cli.EXIT_USER_ERROR
    finally:
        other_desk.close()
    assert _error(capsys) == (
        f"数据库 {desk} 正被其他程序打开（可能有人正在使用跟单工作台）。"
        "请大家先退出，再恢复；未做任何改动。"
    )
    assert not Path(f"{desk}.bak").exists()
    assert cli.main(["restore", str(saved), "--db", str(desk)]) == 0


def test_restore_refuses_what_is_not_a_gendan_backup(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("客户名单\n", encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE things (x)")
    for candidate in (text, other):
        assert cli.main(["restore", str(candidate), "--db", str(desk)]) == cli.EXIT_USER_ERROR
        assert _error(capsys) == f"{candidate} 不是跟单工作台的数据库备份，未做任何改动。"
    missing = tmp_path / "missing.sqlite3"
    assert cli.main(["restore", str(missing), "--db", str(desk)]) == cli.EXIT_USER_ERROR
    assert _error(capsys) == f"备份文件不存在：{missing}"
    assert _customer_names(desk) == ["北京华信科技有限公司"]
    assert not Path(f"{desk}.bak").exists()


def test_restore_refuses_a_damaged_backup(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "saved.sqlite3"
    assert cli.main(["backup", str(saved), "--db", str(desk)]) == 0
    capsys.readouterr()
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(saved.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xff" * 8192
    damaged.write_bytes(bytes(data))
    assert cli.main(["restore", str(damaged), "--db", str(desk)]) == cli.EXIT_USER_ERROR
    assert _error(capsys) == f"这不是有效的数据库文件，或文件已损坏：{damaged}"
    assert _customer_names(desk) == ["北京华信科技有限公司"]


def test_restore_refuses_a_backup_from_a_newer_release(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "saved.sqlite3"
    assert cli.main(["backup", str(saved), "--db", str(desk)]) == 0
    with closing(sqlite3.connect(saved)) as conn, conn:
        conn.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?, '2027-01-01')",
            (SCHEMA_VERSION + 1,),
        )
    capsys.readouterr()
    assert cli.main(["restore", str(saved), "--db", str(desk)]) == cli.EXIT_USER_ERROR
    assert _error(capsys).startswith(f"数据库由更新版本的程序创建（结构版本 {SCHEMA_VERSION + 1}")
    assert _rows(desk, "SELECT MAX(version) FROM schema_version") == [(SCHEMA_VERSION,)]


def test_restore_brings_an_older_backup_forward(
    desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = tmp_path / "saved.sqlite3"
    assert cli.main(["backup", str(saved), "--db", str(desk)]) == 0

    def add_rank(database: peewee.Database) -> None:
        database.execute_sql("ALTER TABLE customer ADD COLUMN rank INTEGER NOT NULL DEFAULT 0")

    monkeypatch.setitem(migrations.MIGRATIONS, SCHEMA_VERSION + 1, add_rank)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    assert cli.main(["restore", str(saved), "--db", str(desk)]) == 0
    assert _rows(desk, "SELECT MAX(version) FROM schema_version") == [(SCHEMA_VERSION + 1,)]
    assert _rows(desk, "SELECT name, rank FROM customer") == [("北京华信科技有限公司", 0)]


def test_backup_refuses_to_overwrite_or_to_copy_onto_itself(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "saved.sqlite3"
    saved.write_text("yesterday", encoding="utf-8")
    assert cli.main(["backup", str(saved), "--db", str(desk)]) == cli.EXIT_USER_ERROR
    assert _error(capsys) == (f"备份文件 {saved} 已存在。要覆盖请加 --overwrite，或换一个文件名。")
    assert saved.read_text(encoding="utf-8") == "yesterday"
    assert cli.main(["backup", str(saved), "--overwrite", "--db", str(desk)]) == 0
    assert _customer_names(saved) == ["北京华信科技有限公司"]
    capsys.readouterr()
    assert cli.main(["backup", str(desk), "--overwrite", "--db", str(desk)]) == 2
    assert _error(capsys) == f"备份文件和数据库是同一个文件：{desk}"
    assert cli.main(["backup", str(tmp_path / "nope" / "x.sqlite3"), "--db", str(desk)]) == 2
    assert _error(capsys) == f"备份文件所在目录不存在：{tmp_path / 'nope'}"
    missing = tmp_path / "missing.sqlite3"
    assert cli.main(["backup", str(tmp_path / "y.sqlite3"), "--db", str(missing)]) == 2
    assert _error(capsys).startswith(f"数据库文件不存在：{missing}")


@pytest.mark.parametrize(("command", "tool"), [("backup", "pg_dump"), ("restore", "pg_restore")])
def test_postgres_is_pointed_to_its_own_tools(
    command: str, tool: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql://clerk:s3cret@db.example.cn/gendan"
    saved = tmp_path / "saved.sqlite3"
    if command == "restore":
        with closing(sqlite3.connect(saved)) as conn, conn:
            conn.execute("CREATE TABLE schema_version (version INTEGER, applied_at TEXT)")
            conn.execute("INSERT INTO schema_version VALUES (1, '2025-10-09')")
    assert cli.main([command, str(saved), "--db", url]) == cli.EXIT_USER_ERROR
    message = _error(capsys)
    assert tool in message and "postgresql://clerk@db.example.cn/gendan" in message
    assert "s3cret" not in message


def test_backup_message_in_english(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "saved.sqlite3"
    assert cli.main(["--lang", "en", "backup", str(saved), "--db", str(desk)]) == 0
    assert capsys.readouterr().out.startswith(f"Backed up to {saved} (schema version ")
