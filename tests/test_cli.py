"""The ``gendan`` command line, run in-process through ``cli.main``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gendan_tui import cli
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
    assert cli.main(["clerk", "add", "lina", "李娜", "--db", queued]) == 0
    assert cli.main(["queue", "--db", queued]) == cli.EXIT_USER_ERROR
    assert "--clerk" in capsys.readouterr().err


def test_bad_date_is_refused_by_the_parser(queued: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["queue", "--db", queued, "--date", "2025-02-30"])
    assert caught.value.code == 2
    assert "日期“2025-02-30”无法识别" in capsys.readouterr().err


def test_clerk_add_and_list(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["init", "--db", db_url]) == 0
    assert cli.main(["clerk", "add", "lina", "李娜", "--db", db_url]) == 0
    assert cli.main(["clerk", "add", "lina", "李娜", "--db", db_url]) == cli.EXIT_USER_ERROR
    assert cli.main(["clerk", "add", "王五", "王五", "--db", db_url]) == cli.EXIT_USER_ERROR
    capsys.readouterr()
    assert cli.main(["clerk", "list", "--db", db_url]) == 0
    assert capsys.readouterr().out == "lina\t李娜\n"
    assert User.select().count() == 1


def test_calendar_override_changes_the_rules(
    queued: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["calendar", "check", "2025-10-10", "--db", queued]) == 0
    assert capsys.readouterr().out == "2025-10-10 是工作日\n"
    assert (
        cli.main(["calendar", "set", "2025-10-10", "off", "--note", "公司活动", "--db", queued])
        == 0
    )
    capsys.readouterr()
    assert cli.main(["calendar", "check", "2025-10-10", "--db", queued]) == 0
    assert capsys.readouterr().out == "2025-10-10 是休息日\n"


def test_missing_database_is_not_created_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "typo.sqlite3"
    assert cli.main(["queue", "--db", str(path)]) == cli.EXIT_USER_ERROR
    assert "数据库文件不存在" in capsys.readouterr().err
    assert not path.exists()
