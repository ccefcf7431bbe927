"""Snapshots of the main screens as SVG screenshots, at 120x40 and at 80x24.

Each test builds the same small desk (the test desk of ``tui_helpers``, one order and three
complaints) with the clock stopped on 2025-10-09 10:30, opens the app as the ``gendan``
command does and presses the keys a clerk would; the screenshot must match the SVG kept in
``tests/__snapshots__/test_tui_snapshots/``.

When a change to the screens makes one differ, the failing run writes
``snapshot_report.html`` (its path is printed at the end of the run): open it and compare
the snapshot with the new screenshot. Only when the new one is right, accept it with
``pytest tests/test_tui_snapshots.py --snapshot-update`` and commit the changed SVGs
together with the change; a new snapshot test writes its SVG the same way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from gendan_tui.core.complaints import ComplaintForm, Forward
from gendan_tui.core.services import Services
from tests import factories
from tests.tui_helpers import DESK, MomentClock, app_for, build_desk, press, settle

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]
SnapCompare = Callable[..., bool]


def fill_desk(services: Services) -> None:
    """The test desk with an open order of 华信 and complaints taken over two weeks: one of
    华信's forwarded to the technicians and overdue, one of 西湖's forwarded, one of 东方's
    taken this morning; the clock is left at 2025-10-09 10:30."""
    clock = MomentClock(datetime(2025, 9, 29, 9, 15))
    services.ctx.clock = clock
    ids = build_desk(services)
    huaxin, xihu, dongfang = (ids[due.name] for due in DESK[:3])
    factories.order(services, huaxin)
    take = services.complaints.take
    take(
        ComplaintForm(
            huaxin,
            "mailbox",
            "邮箱满了，收不到客户来信",
            forward=Forward(role="technician", workdays=1),
        )
    )
    clock.moment = datetime(2025, 10, 8, 14, 40)
    take(
        ComplaintForm(
            xihu, "website", "网站首页图片不显示", forward=Forward(role="technician", workdays=5)
        )
    )
    clock.moment = datetime(2025, 10, 9, 9, 5)
    take(ComplaintForm(dongfang, "b2b", "B2B 账号登录失败"))
    clock.moment = datetime(2025, 10, 9, 10, 30)


def pressing(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """What the clerk does before the screenshot: wait for the queue, press ``keys``, wait
    again; an input's cursor stops blinking, so it shows whenever the screenshot is taken."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, *keys)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_home_screen(
    snap_compare: SnapCompare, services: Services, db_url: str, size: tuple[int, int]
) -> None:
    """Today's queue with the first customer in the pane."""
    fill_desk(services)
    assert snap_compare(app_for(services, db_url), terminal_size=size, run_before=pressing())


@pytest.mark.parametrize("size", SIZES)
def test_complaints_screen(
    snap_compare: SnapCompare, services: Services, db_url: str, size: tuple[int, int]
) -> None:
    """The open complaints (key 3)."""
    fill_desk(services)
    app = app_for(services, db_url)
    assert snap_compare(app, terminal_size=size, run_before=pressing("3"))


@pytest.mark.parametrize("size", SIZES)
def test_complaint_detail(
    snap_compare: SnapCompare, services: Services, db_url: str, size: tuple[int, int]
) -> None:
    """华信's overdue complaint, forwarded to the technicians: down twice in the open
    complaints and Enter."""
    fill_desk(services)
    app = app_for(services, db_url)
    assert snap_compare(app, terminal_size=size, run_before=pressing("3", "j", "j", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_success_form(
    snap_compare: SnapCompare, services: Services, db_url: str, size: tuple[int, int]
) -> None:
    """The successful-callback form over the first queue row (key s)."""
    fill_desk(services)
    app = app_for(services, db_url)
    assert snap_compare(app, terminal_size=size, run_before=pressing("s"))
