"""Saves that fail: the clerk is told in Chinese, the app keeps running, nothing is saved."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from gendan_tui.core.clock import FixedClock
from gendan_tui.core.services import Services, open_services
from gendan_tui.screens.today import TodayScreen
from gendan_tui.store.db import close_database
from gendan_tui.store.models import CallbackRecord, CallbackTask
from gendan_tui.widgets.quota_meter import QuotaMeter
from tests.conftest import TODAY
from tests.sqlite_lock import writer_holding_the_lock
from tests.tui_helpers import (
    app_for,
    build_desk,
    fill_success_form,
    notifications,
    press,
    queue_names,
    running,
    settle,
    text_of,
    type_text,
)


@pytest.mark.sqlite_only
async def test_locked_database_keeps_the_form_and_saves_nothing(
    services: Services, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_desk(services)
    monkeypatch.setenv("GENDAN_BUSY_TIMEOUT_MS", "50")
    close_database()
    services = open_services(db_url, clock=FixedClock(TODAY))
    services.sign_in("zhangli")
    app = app_for(services, db_url)
    async with running(app) as pilot:
        form = await fill_success_form(pilot, "网站正常")
        with writer_holding_the_lock(db_url):
            await press(pilot, "ctrl+s")
            assert app.screen is form
            assert form.query_one("#form-error").display
            message = text_of(form.query_one("#form-error", Static))
            assert message.startswith("数据库正被其他人写入")
            assert "本次未保存任何内容" in message
            assert CallbackRecord.select().count() == 0
            assert CallbackTask.select().where(CallbackTask.state == "done").count() == 0

        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        assert text_of(app.screen.query_one(QuotaMeter)) == "今日成功回访 1/4"
    assert CallbackRecord.get().discussed == "网站正常"


async def test_callback_handled_elsewhere_first_is_refused_and_refreshed(
    services: Services, db_url: str
) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await fill_success_form(pilot, "网站正常")
        task = CallbackTask.select().order_by(CallbackTask.due_on).get()
        services.callbacks.record_failure(task.id, task.version, "busy")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        assert any("刚被 张丽 处理过，已为您刷新" in text for text in notifications(app))
        assert "北京华信科技有限公司" not in queue_names(app)
    assert [r.outcome for r in CallbackRecord.select()] == ["busy"]


async def test_unexpected_failure_is_a_message_not_a_traceback(
    services: Services, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_desk(services)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    app = app_for(services, db_url)
    async with running(app) as pilot:
        monkeypatch.setattr(services.customers, "search", broken)
        await pilot.press("slash")
        await type_text(pilot, "bjhx")
        await settle(pilot)
        assert app.is_running
        assert any("操作失败（RuntimeError）" in text for text in notifications(app))
