"""Roles on the Today screen: the supervisor looks at any clerk's queue and hands callbacks
on; keys a person's roles do not allow are hidden, and pressed anyway they explain why and
change nothing."""

from __future__ import annotations

from textual.widgets import OptionList

from gendan_tui.app import GendanApp
from gendan_tui.core import audit, users
from gendan_tui.core.context import Actor
from gendan_tui.core.services import Services
from gendan_tui.screens.clerk_picker import ClerkPickerScreen
from gendan_tui.screens.today import TodayScreen
from gendan_tui.store.models import CallbackRecord, CallbackTask
from tests.tui_helpers import (
    DESK,
    app_for,
    build_desk,
    notifications,
    press,
    queue_names,
    running,
)
from tests.tui_helpers import text_of as text

FIRST = DESK[0].name


def team(services: Services) -> dict[str, Actor]:
    """张丽's desk, and the people around her (no passwords: signing in is not the point)."""
    build_desk(services)
    return {
        "zhangli": services.ctx.require_actor(),
        "boss": users.add_account("wang", "王主任", ["follow_up_supervisor", "clerk"], None),
        "lina": users.add_clerk("lina", "李娜"),
        "manager": users.add_account("zhao", "赵经理", ["cs_manager"], None),
        "tech": users.add_account("chen", "陈工", ["technician"], None),
    }


def footer_keys(app: GendanApp) -> set[str]:
    """The keys the footer offers (enabled, shown bindings of the screen)."""
    active = app.screen.active_bindings.values()
    return {item.binding.key for item in active if item.enabled and item.binding.show}


def picker_options(app: GendanApp) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_supervisor_views_a_clerks_queue_and_reassigns_a_callback(
    services: Services, db_url: str
) -> None:
    people = team(services)
    services.ctx.actor = people["boss"]
    first_task = CallbackTask.get(CallbackTask.reason == "periodic").id
    app = app_for(services, db_url)
    async with running(app) as pilot:
        assert queue_names(app) == []
        assert "按 w 查看" in text(app.screen.query_one("#queue-empty"))
        assert {"w", "slash"} <= footer_keys(app)

        await press(pilot, "w")
        assert isinstance(app.screen, ClerkPickerScreen)
        assert picker_options(app) == ["李娜（lina）", "王主任（wang） · 当前", "张丽（zhangli）"]
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, TodayScreen)
        assert len(queue_names(app)) == 6 and queue_names(app)[0] == FIRST
        assert app.screen.query_one("#queue-box").border_title == "张丽 的今日回访队列"
        assert {"r", "s", "f", "c"} <= footer_keys(app)

        await press(pilot, "r")
        assert picker_options(app) == ["李娜（lina）", "王主任（wang）"]
        await press(pilot, "enter")
        assert isinstance(app.screen, TodayScreen)
        assert notifications(app)[-1] == f"已将 {FIRST} 的回访转给 李娜。"
        assert FIRST not in queue_names(app) and len(queue_names(app)) == 5

        await press(pilot, "w")
        await press(pilot, "up", "up", "enter")  # from 张丽 (shown now) up to 李娜
        assert queue_names(app) == [FIRST]
        assert app.screen.query_one("#queue-box").border_title == "李娜 的今日回访队列"

    moved = CallbackTask.get_by_id(first_task)
    assert moved.clerk_id == people["lina"].id and moved.state == "open"
    latest = audit.history("callback_task", first_task)[0]
    assert (latest.user, latest.action) == ("王主任", "reassign")
    assert [(c.field, c.before, c.after) for c in latest.changes] == [
        ("clerk", people["zhangli"].id, people["lina"].id)
    ]


async def test_a_clerk_neither_sees_nor_may_use_the_supervisors_keys(
    services: Services, db_url: str
) -> None:
    team(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        assert {"s", "f", "c"} <= footer_keys(app)
        assert not {"w", "r"} & footer_keys(app)
        await press(pilot, "r")
        assert isinstance(app.screen, TodayScreen)
        assert notifications(app) == ["张丽 没有“重新分配工作”的权限，操作未执行。"]
        await press(pilot, "w")
        assert notifications(app)[-1] == "张丽 没有“查看全部文员的工作”的权限，操作未执行。"
        assert len(queue_names(app)) == 6
    assert (
        CallbackTask.select().where(CallbackTask.clerk != services.ctx.require_actor().id).count()
        == 0
    )


async def test_a_manager_may_look_but_not_record(services: Services, db_url: str) -> None:
    people = team(services)
    services.ctx.actor = people["manager"]
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "w")
        await press(pilot, "end", "enter")  # 张丽, last by login
        assert queue_names(app)[0] == FIRST
        assert "w" in footer_keys(app)
        assert not {"s", "f", "c", "r"} & footer_keys(app)

        await press(pilot, "s")
        assert isinstance(app.screen, TodayScreen)
        assert notifications(app) == ["赵经理 没有“回访工作”的权限，操作未执行。"]
        await press(pilot, "f")
        assert isinstance(app.screen, TodayScreen)
        assert len(notifications(app)) == 2
    assert CallbackRecord.select().count() == 0
    assert CallbackTask.select().where(CallbackTask.attempts > 0).count() == 0


async def test_a_technician_with_a_callback_is_refused_and_nothing_is_saved(
    services: Services, db_url: str
) -> None:
    people = team(services)
    task = CallbackTask.get(CallbackTask.reason == "b2b")
    CallbackTask.update(clerk=people["tech"].id).where(CallbackTask.id == task.id).execute()
    services.ctx.actor = people["tech"]
    app = app_for(services, db_url)
    async with running(app) as pilot:
        assert queue_names(app) == ["广州南方家具有限公司"]
        assert not {"s", "f", "c", "w", "r"} & footer_keys(app)
        await press(pilot, "s")
        assert isinstance(app.screen, TodayScreen)
        assert notifications(app) == ["陈工 没有“回访工作”的权限，操作未执行。"]
        await press(pilot, "c")
        assert notifications(app)[-1] == "陈工 没有“受理投诉”的权限，操作未执行。"
    assert CallbackRecord.select().count() == 0
    assert CallbackTask.get_by_id(task.id).version == task.version
