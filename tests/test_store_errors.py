"""A database that is missing, read-only, locked or unreachable: one clear Chinese line on
stderr, exit status 2, no traceback, and nothing half-saved."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import peewee
import pytest

from gendan_tui import cli
from gendan_tui.core import users
from gendan_tui.core.callbacks import CallbackService, SuccessForm
from gendan_tui.core.services import Services
from gendan_tui.errors import StorageError
from gendan_tui.store.db import close_database, open_database
from gendan_tui.store.models import CallbackRecord, CallbackTask
from tests import factories
from tests.sqlite_lock import writer_holding_the_lock
from tests.unwritable import not_writable

FORM = SuccessForm(contact_name="王经理", discussed="网站使用情况")


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("gendan: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.removeprefix("gendan: ").rstrip("\n")


def _calendar_set(url: str) -> int:
    """A save by the supervisor: a day off in the department's calendar."""
    return cli.main(
        ["calendar", "set", "2025-10-10", "off", "--note", "盘点", "--db", url, "--user", "wang"]
    )


@pytest.fixture
def sqlite_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A SQLite database made by ``gendan init`` with its supervisor, whatever database the
    run is on."""
    path = tmp_path / "desk.sqlite3"
    assert cli.main(["init", "--db", str(path)]) == 0
    open_database(str(path))
    users.add_account("wang", "王主任", ["follow_up_supervisor"], None)
    close_database()
    capsys.readouterr()
    return path


def _overrides(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM calendar_override").fetchone()[0])


@pytest.mark.sqlite_only
def test_missing_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "typo.sqlite3"
    assert cli.main(["queue", "--db", str(path)]) == cli.EXIT_USER_ERROR
    assert _one_line_error(capsys) == (
        f"数据库文件不存在：{path}。新建请运行 gendan init --db {path}，"
        "或运行 gendan demo 生成演示数据。"
    )
    assert not path.exists()


@pytest.mark.sqlite_only
def test_missing_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "no-such-dir" / "gendan.sqlite3"
    for command in ("init", "queue"):
        assert cli.main([command, "--db", str(path)]) == cli.EXIT_USER_ERROR
        assert _one_line_error(capsys) == f"数据库所在目录不存在：{path.parent}"
    assert not path.parent.exists()


@pytest.mark.sqlite_only
def test_read_only_database_refuses_to_save(
    sqlite_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    read_only = f"file:{sqlite_file}?mode=ro"
    assert cli.main(["calendar", "check", "2025-10-10", "--db", read_only]) == 0
    assert capsys.readouterr().out == "2025-10-10 是工作日\n"
    assert _calendar_set(read_only) == cli.EXIT_USER_ERROR
    assert _one_line_error(capsys) == f"数据库是只读的，无法保存：{read_only}"
    assert _overrides(sqlite_file) == 0


@pytest.mark.sqlite_only
def test_file_without_write_permission_is_refused_on_opening(
    sqlite_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with not_writable(sqlite_file):
        assert _calendar_set(str(sqlite_file)) == cli.EXIT_USER_ERROR
    assert _one_line_error(capsys) == f"数据库是只读的，无法保存：{sqlite_file}"
    assert _overrides(sqlite_file) == 0


@pytest.mark.sqlite_only
def test_database_locked_by_another_writer(
    sqlite_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GENDAN_BUSY_TIMEOUT_MS", "200")
    with writer_holding_the_lock(sqlite_file):
        assert _calendar_set(str(sqlite_file)) == cli.EXIT_USER_ERROR
    assert _one_line_error(capsys) == (
        "数据库正被其他人写入（已等待仍未释放），本次未保存任何内容，请稍后重试。"
    )
    assert _overrides(sqlite_file) == 0
    assert _calendar_set(str(sqlite_file)) == 0
    assert _overrides(sqlite_file) == 1


def test_unreachable_postgres_server_without_showing_the_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "postgresql://clerk:top-s3cret@127.0.0.1:1/gendan"
    assert cli.main(["queue", "--db", url]) == cli.EXIT_USER_ERROR
    message = _one_line_error(capsys)
    assert message == "无法连接数据库：postgresql://clerk@127.0.0.1:1/gendan"
    assert "s3cret" not in message


@pytest.fixture
def open_task(services: Services) -> int:
    customer_id = factories.customer(services)
    return factories.task(services, customer_id, date(2025, 10, 9))


def _assert_untouched(task_id: int) -> None:
    task = CallbackTask.get_by_id(task_id)
    assert (task.state, task.version, task.attempts) == ("open", 1, 0)
    assert CallbackRecord.select().count() == 0


@pytest.mark.sqlite_only
def test_record_success_while_locked_saves_nothing(
    services: Services,
    open_task: int,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GENDAN_BUSY_TIMEOUT_MS", "200")
    open_database(db_url)
    with writer_holding_the_lock(db_url), pytest.raises(StorageError) as caught:
        services.callbacks.record_success(open_task, 1, FORM)
    assert caught.value.key == "error.db_locked"
    _assert_untouched(open_task)
    services.callbacks.record_success(open_task, 1, FORM)
    assert CallbackRecord.select().count() == 1


def test_a_failure_half_way_through_a_call_saves_nothing(
    services: Services, open_task: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The task is claimed and the record written before the next callback is scheduled;
    a failure there must undo both."""

    def fail(*args: object) -> None:
        raise peewee.OperationalError("disk I/O error")

    monkeypatch.setattr(CallbackService, "schedule_periodic", fail)
    with pytest.raises(StorageError) as caught:
        services.callbacks.record_success(open_task, 1, FORM)
    assert str(caught.value) == "数据库出错，本次未保存任何内容：disk I/O error"
    _assert_untouched(open_task)
