"""How the desk opens: the first frame already holds the queue and its first customer,
collection waits for that frame, the footer is rebuilt only when its keys change, and
the layout fits the terminal's width from the first frame."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets._footer import FooterKey

from gendan_tui import cli, startup
from gendan_tui.app import GendanApp
from gendan_tui.cli.desk import desk_app
from gendan_tui.config import Settings
from gendan_tui.core.callbacks import Queue
from gendan_tui.core.customers import CustomerDetail
from gendan_tui.core.services import Services
from gendan_tui.screens.failure_form import FailureFormScreen
from gendan_tui.screens.today import TodayScreen
from gendan_tui.widgets.customer_pane import CustomerPane
from gendan_tui.widgets.queue_table import QueueTable
from tests import factories
from tests.tui_helpers import DESK, SIZE, Due, build_desk, column, settle, text_of

HUAXIN = DESK[0].name


@pytest.fixture
def collection_held() -> Iterator[None]:
    """Collection held as the ``gendan`` command holds it; always on again afterwards."""
    startup.hold_collection()
    try:
        yield
    finally:
        gc.enable()


def opened(services: Services, db_url: str) -> GendanApp:
    """The app as ``gendan`` opens it for a signed-in clerk."""
    return desk_app(services, Settings(database_url=db_url, clerk="zhangli"))


def count_reads(services: Services) -> list[str]:
    """Record each later read of the queue or of a customer's detail, by name."""
    reads: list[str] = []
    queue, detail = services.callbacks.queue, services.customers.detail

    def read_queue(*args: Any, **kwargs: Any) -> Queue:
        reads.append("queue")
        return queue(*args, **kwargs)

    def read_detail(customer_id: int) -> CustomerDetail:
        reads.append("detail")
        return detail(customer_id)

    services.callbacks.queue = read_queue  # type: ignore[method-assign]
    services.customers.detail = read_detail  # type: ignore[method-assign]
    return reads


def footer_keys(app: GendanApp) -> list[str]:
    return [key.key for key in app.screen.query(FooterKey)]


async def test_first_frame_shows_the_queue_and_its_first_customer_without_reading_again(
    services: Services, db_url: str
) -> None:
    build_desk(services)
    app = opened(services, db_url)
    reads = count_reads(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reads == []  # the screen did not read the queue or the customer again
        assert isinstance(app.screen, TodayScreen)
        assert app.ready_for_work.is_set()
        assert column(app.screen.query_one(QueueTable), "customer")[0] == HUAXIN
        pane = app.screen.query_one(CustomerPane)
        assert pane.section("name") == HUAXIN
        shown = text_of(pane.query_one("#pane-text")).splitlines()
        assert shown[:2] == [HUAXIN, "老客户 · 会员 · 负责：张丽"]
        assert shown[3:5] == ["联系人", "王伟 经理 主要联系人"]

        await pilot.press("j")  # later reads go through the screen's workers as before
        await settle(pilot)
        assert pane.section("name") == DESK[1].name
        assert reads == ["detail"]


def test_nothing_is_read_before_the_ui_while_nobody_is_signed_in(
    services: Services, db_url: str
) -> None:
    build_desk(services)
    services.ctx.actor = None  # the login screen will ask; the home screen reads after it
    assert opened(services, db_url).first_look is None


async def test_collection_resumes_once_the_first_screen_is_painted(
    services: Services, db_url: str, collection_held: None
) -> None:
    build_desk(services)
    app = opened(services, db_url)
    assert not gc.isenabled()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.isenabled()


def test_other_commands_resume_collection_before_they_work(
    services: Services, db_url: str, collection_held: None, capsys: pytest.CaptureFixture[str]
) -> None:
    factories.task(services, factories.customer(services, HUAXIN, "13812345678"), date(2025, 10, 9))
    assert cli.main(["queue", "--db", db_url, "--clerk", "zhangli", "--date", "2025-10-09"]) == 0
    assert gc.isenabled()
    assert HUAXIN in capsys.readouterr().out


async def test_footer_keeps_its_keys_until_they_change_then_drops_the_call_keys(
    services: Services, db_url: str
) -> None:
    build_desk(services, (Due(HUAXIN, "王伟", ("13812345678",), "periodic", date(2025, 10, 9)),))
    app = opened(services, db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = list(app.screen.query(FooterKey))
        assert {"s", "f", "c"} <= {key.key for key in keys}

        app.screen.refresh_bindings()
        await settle(pilot)
        assert list(app.screen.query(FooterKey)) == keys  # the same widgets: nothing rebuilt

        await pilot.press("f")  # no answer: the only callback leaves today's queue
        await settle(pilot)
        assert isinstance(app.screen, FailureFormScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert not {"s", "f", "c"} & set(footer_keys(app))
        assert "slash" in footer_keys(app)


@pytest.mark.parametrize(("width", "layout"), [(100, "-narrow"), (120, "-wide")])
async def test_the_home_screen_fits_the_terminal_width_from_its_first_frame(
    services: Services, db_url: str, width: int, layout: str
) -> None:
    build_desk(services)
    app = opened(services, db_url)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class(layout)
        assert TodayScreen().has_class(layout)  # styled for the width before it is shown
        queue = screen.query_one(QueueTable).region
        pane = screen.query_one(CustomerPane).region
        if layout == "-narrow":
            assert pane.y >= queue.bottom  # the pane under the queue
        else:
            assert pane.x >= queue.right  # the pane beside it


def test_opening_the_desk_leaves_the_write_paths_unloaded(tmp_path: Path) -> None:
    """Start-up reads the queue only: the workflow, history, complaint and report modules
    load on first use (a fresh interpreter, so other tests' imports do not count)."""
    db = tmp_path / "desk.sqlite3"
    code = (
        "import sys\n"
        "from gendan_tui.cli.base import open_for\n"
        "from gendan_tui.config import Settings\n"
        f"services = open_for(Settings(database_url={str(db)!r}))\n"
        "import gendan_tui.app, gendan_tui.screens.today\n"
        "late = ['gendan_tui.core.workflow', 'gendan_tui.core.history',\n"
        "        'gendan_tui.core.complaints', 'gendan_tui.reports.service', 'openpyxl']\n"
        "print([name for name in late if name in sys.modules])\n"
    )
    assert cli.main(["init", "--db", str(db)]) == 0
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.strip() == "[]"
