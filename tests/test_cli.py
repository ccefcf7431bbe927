"""The ``gendan`` command line, run in-process through ``cli.main``."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from gendan_tui import cli
from gendan_tui.core import audit, users
from gendan_tui.core.services import Services
from gendan_tui.store.models import User
from tests import factories


@pytest.fixture
def queued(services: Services, db_url: str) -> str:
    overdue = factories.customer(services, "北京华信科技有限公司", "13812345678")
    today = factories.customer(services, "广州南方家具有限公司", "020-87654321")
    factories.task(services, overdue, date(2025, 9, 29), attempts=2)
    factories.task(services, today, date(2025, 10, 9), reason="mailbox")
    return db_url


def test_queue_json_carries_what_the_clerk_needs(
    queued: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(
        ["queue", "--db", queued, "--clerk", "zhangli", "--date", "2025-10-09", "--json"]
    )
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert (payload["date"], payload["clerk"], payload["total"]) == ("2025-10-09", "zhangli", 2)
    first, second = payload["items"]
    assert first == {
        "customer": "北京华信科技有限公司",
        "customer_id": first["customer_id"],
        "phone": "138 1234 5678",
        "why": "periodic",
        "why_text": "定期回访",
        "due_date": "2025-09-29",
        "days_overdue": 10,
        "attempts": 2,
        "frequent_problems": False,
    }
    assert (second["customer"], second["why"], second["days_overdue"]) == (
        "广州南方家具有限公司",
        "mailbox",
        0,
    )


def test_queue_text_in_english(queued: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["--lang", "en", "queue", "--db", queued, "--date", "2025-10-09"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Callback queue of zhangli for 2025-10-09: 2 in all" in out
    assert "10 days overdue" in out and "Mailbox opened" in out


def test_queue_for_one_clerk_without_naming_them(
    queued: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["queue", "--db", queued, "--date", "2025-10-09"]) == 0
    assert "zhangli 的回访队列：共 2 条" in capsys.readouterr().out


def test_database_from_environment(
    queued: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GENDAN_DATABASE_URL", queued)
    assert cli.main(["queue", "--date", "2025-10-09", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 2


def test_unknown_clerk_gets_a_message_not_a_traceback(
    queued: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["queue", "--db", queued, "--clerk", "nobody"]) == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert err == "gendan: 没有名为“nobody”的在职文员。\n"


def test_two_clerks_and_none_named(queued: str, capsys: pytest.CaptureFixture[str]) -> None:
    users.add_clerk("lina", "李娜")
    assert cli.main(["queue", "--db", queued]) == cli.EXIT_USER_ERROR
    assert "--clerk" in capsys.readouterr().err


def test_bad_date_is_refused_by_the_parser(queued: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["queue", "--db", queued, "--date", "2025-02-30"])
    assert caught.value.code == 2
    assert "日期“2025-02-30”无法识别" in capsys.readouterr().err


def test_first_account_then_accounts_by_the_supervisor(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.main(["init", "--db", db_url]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("boss-pass\n"))
    add_boss = [
        "user",
        "add",
        "wang",
        "王主任",
        "--role",
        "follow_up_supervisor",
        "--password-stdin",
    ]
    assert cli.main([*add_boss, "--db", db_url]) == 0
    # Once an account has a password, adding accounts needs signing in.
    monkeypatch.setattr("sys.stdin", io.StringIO("lina-pass\n"))
    add_lina = ["user", "add", "lina", "李娜", "--role", "clerk", "--password-stdin"]
    assert cli.main([*add_lina, "--db", db_url]) == cli.EXIT_USER_ERROR
    monkeypatch.setenv("GENDAN_PASSWORD", "wrong-pass")
    monkeypatch.setattr("sys.stdin", io.StringIO("lina-pass\n"))
    assert cli.main([*add_lina, "--db", db_url, "--user", "wang"]) == cli.EXIT_USER_ERROR
    assert "登录名或密码不正确" in capsys.readouterr().err
    monkeypatch.setenv("GENDAN_PASSWORD", "boss-pass")
    monkeypatch.setattr("sys.stdin", io.StringIO("lina-pass\n"))
    assert cli.main([*add_lina, "--db", db_url, "--user", "wang"]) == 0
    capsys.readouterr()
    assert cli.main(["user", "list", "--db", db_url, "--user", "wang"]) == 0
    assert capsys.readouterr().out == "lina\t李娜\tclerk\nwang\t王主任\tfollow_up_supervisor\n"
    assert cli.main(["user", "disable", "lina", "--db", db_url, "--user", "wang"]) == 0
    monkeypatch.setenv("GENDAN_PASSWORD", "lina-pass")
    assert cli.main(["queue", "--db", db_url, "--user", "lina"]) == cli.EXIT_USER_ERROR
    assert User.select().count() == 2


def test_password_account_needs_a_password_without_a_terminal(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.main(["init", "--db", db_url])
    monkeypatch.setattr("sys.stdin", io.StringIO("lina-pass\n"))
    assert (
        cli.main(
            ["user", "add", "lina", "李娜", "--role", "clerk", "--password-stdin", "--db", db_url]
        )
        == 0
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.main(["queue", "--db", db_url, "--user", "lina"]) == cli.EXIT_USER_ERROR
    assert "GENDAN_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("GENDAN_PASSWORD", "lina-pass")
    assert cli.main(["queue", "--db", db_url, "--user", "lina"]) == 0


def test_calendar_override_changes_the_rules_and_only_a_supervisor_may_set_one(
    queued: str, capsys: pytest.CaptureFixture[str]
) -> None:
    users.add_account("wang", "王主任", ["follow_up_supervisor"], None)
    set_off = ["calendar", "set", "2025-10-10", "off", "--note", "公司活动", "--db", queued]
    assert cli.main(["calendar", "check", "2025-10-10", "--db", queued]) == 0
    assert capsys.readouterr().out == "2025-10-10 是工作日\n"

    assert cli.main([*set_off, "--user", "zhangli"]) == cli.EXIT_USER_ERROR
    assert "张丽 没有“修改部门设置（工作日历、回访规则）”的权限" in capsys.readouterr().err
    assert cli.main(["calendar", "check", "2025-10-10", "--db", queued]) == 0
    assert capsys.readouterr().out == "2025-10-10 是工作日\n"  # nothing saved

    assert cli.main([*set_off, "--user", "wang"]) == 0
    capsys.readouterr()
    assert cli.main(["calendar", "check", "2025-10-10", "--db", queued]) == 0
    assert capsys.readouterr().out == "2025-10-10 是休息日\n"
    entry = audit.history("calendar_day", 20251010)[0]
    assert (entry.user, entry.action) == ("王主任", "set")


def test_missing_database_is_not_created_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "typo.sqlite3"
    assert cli.main(["queue", "--db", str(path)]) == cli.EXIT_USER_ERROR
    assert "数据库文件不存在" in capsys.readouterr().err
    assert not path.exists()
