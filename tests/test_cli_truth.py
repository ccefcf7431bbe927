"""Messages that tell the truth: a folder that cannot be written is named as such (as root
too), a year out of range is not "saved", one person per command, the commands the
messages point to exist, ``--demo`` works with every subcommand; and what the app creates
is readable by its owner only."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from gendan_tui import cli
from gendan_tui.config import demo_database_url


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[Path]:
    """A folder this process cannot create files in: a read-only folder for an ordinary
    user, ``/proc`` for root (whom file permissions do not stop)."""
    if os.geteuid() == 0:
        yield Path("/proc")
        return
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def error_of(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().err.strip()


@pytest.mark.sqlite_only
def test_init_into_a_folder_that_cannot_be_written_says_so(
    unwritable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["init", "--db", str(unwritable / "desk.sqlite3")]) == 2
    err = error_of(capsys)
    assert f"无法在文件夹 {unwritable} 中新建数据库" in err
    assert "不存在" not in err.split("：")[0]


@pytest.mark.sqlite_only
def test_backup_into_a_folder_that_cannot_be_written_says_so(
    tmp_path: Path, unwritable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = tmp_path / "desk.sqlite3"
    assert cli.main(["init", "--db", str(desk)]) == 0
    capsys.readouterr()
    assert cli.main(["backup", str(unwritable / "backup.sqlite3"), "--db", str(desk)]) == 2
    assert f"无法在文件夹 {unwritable} 中写入备份" in error_of(capsys)


@pytest.mark.sqlite_only
def test_the_database_and_its_backup_are_the_owners_alone(tmp_path: Path) -> None:
    desk, copy = tmp_path / "desk.sqlite3", tmp_path / "copy.sqlite3"
    assert cli.main(["init", "--db", str(desk)]) == 0
    assert cli.main(["backup", str(copy), "--db", str(desk)]) == 0
    for path in (desk, copy):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


@pytest.mark.parametrize("year", ["0", "-5", "99999"])
def test_confirming_a_year_out_of_range_is_refused(
    db_url: str, year: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.main(["init", "--db", db_url]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("pass1234\n"))
    monkeypatch.setenv("GENDAN_PASSWORD", "pass1234")
    add = ["user", "add", "wang", "王", "--role", "follow_up_supervisor", "--password-stdin"]
    assert cli.main([*add, "--db", db_url]) == 0
    capsys.readouterr()
    assert cli.main(["calendar", "confirm", year, "--db", db_url, "--user", "wang"]) == 2
    captured = capsys.readouterr()
    assert "年份须在 1900 到 2999 之间" in captured.err
    assert "已保存" not in captured.out


def test_two_people_in_one_command_are_refused(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:
        cli.main(["queue", "--db", db_url, "--clerk", "lina", "--user", "zhangli"])
    assert refused.value.code == 2
    assert "只能指定一个人" in capsys.readouterr().err


def test_the_message_for_a_missing_person_names_a_command_that_exists(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["init", "--db", db_url]) == 0
    assert cli.main(["queue", "--db", db_url]) == 2
    err = error_of(capsys)
    assert "gendan user list" in err


@pytest.mark.sqlite_only
def test_demo_applies_to_every_subcommand(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    Path(demo_database_url()).parent.mkdir(parents=True, exist_ok=True)
    assert cli.main(["demo", "--customers", "50"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("GENDAN_PASSWORD", "demo1234")
    assert cli.main(["--demo", "user", "list", "--user", "zhaoqiang"]) == 0
    assert "zhangli\t张丽\tclerk" in capsys.readouterr().out
