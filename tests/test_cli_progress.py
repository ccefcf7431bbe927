"""Long work on the command line shows a progress bar on a terminal, and nothing on a pipe."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from gendan_tui import cli
from gendan_tui.cli import progress
from gendan_tui.demo import build_demo
from gendan_tui.demo.generate import PHASES
from tests.test_reports_cli import complaint_db, export_week_41

__all__ = ["complaint_db"]


@pytest.fixture
def screen(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """What a terminal on stderr would be shown."""
    shown = io.StringIO()
    console = Console(file=shown, force_terminal=True, width=100)
    monkeypatch.setattr(progress, "terminal", lambda: console)
    return shown


def test_a_demo_build_tells_each_step_in_order(db_url: str) -> None:
    told: list[tuple[str, int, int]] = []
    build_demo(db_url, today=date(2025, 10, 9), customers=50, progress=lambda *a: told.append(a))
    assert told == [(p, i, len(PHASES)) for i, p in enumerate(PHASES)] + [
        ("done", len(PHASES), len(PHASES))
    ]


@pytest.mark.sqlite_only
def test_demo_on_a_terminal_shows_its_steps(tmp_path: Path, screen: io.StringIO) -> None:
    url = str(tmp_path / "demo.sqlite3")
    assert cli.main(["demo", "--customers", "50", "--db", url]) == 0
    assert "生成演示数据：员工与账户" in screen.getvalue()
    assert "演示数据已生成" in screen.getvalue()


def test_report_on_a_terminal_shows_a_bar(
    complaint_db: str, tmp_path: Path, screen: io.StringIO
) -> None:
    assert export_week_41(complaint_db, tmp_path / "week.xlsx") == 0
    assert "正在写入《客户投诉周报表》" in screen.getvalue()
    assert "1/1" in screen.getvalue()


def test_report_into_a_pipe_writes_only_its_result_line(
    complaint_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export_week_41(complaint_db, tmp_path / "week.xlsx") == 0
    written = capsys.readouterr()
    assert written.err == ""
    assert written.out.count("\n") == 1
