"""Key bindings and the ``[keys]`` table: every id names one binding; a rebound key runs its
action, shows in the footer and the help screen, and the old key is free; bad entries are
named in a notification while the good ones still apply."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import DataTable, Tab, Tabs

from gendan_tui import cli, i18n
from gendan_tui.app import GendanApp, make_app
from gendan_tui.config import load_settings, read_keys
from gendan_tui.core import users
from gendan_tui.core.services import Services
from gendan_tui.keymap import defined_bindings
from gendan_tui.screens.help import HelpScreen
from gendan_tui.screens.success_form import SuccessFormScreen
from gendan_tui.screens.today import TodayScreen
from gendan_tui.widgets.keys_footer import KeysFooter
from tests.tui_helpers import build_desk, column, notifications, press, running, shown


def app_with_config(services: Services, db_url: str, home: Path, config: str) -> GendanApp:
    """The app as the ``gendan`` command builds it, with ``config`` as its config.toml."""
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.toml").write_text(config, "utf-8")
    settings = load_settings().with_overrides(database_url=db_url, clerk="zhangli")
    return make_app(services, settings)


def footer_keys(app: GendanApp) -> set[str]:
    """The keys the screen's footer shows."""
    return {str(key.key) for key in app.screen.query_one(KeysFooter).query("FooterKey")}  # type: ignore[attr-defined]


def help_rows(app: GendanApp) -> dict[str, str]:
    """The help screen's lines: what each binding does → its keys."""
    table = shown(app, HelpScreen).query_one("#help-keys", DataTable)
    return dict(zip(column(table, "verb"), column(table, "keys"), strict=True))


def test_each_binding_id_names_one_binding() -> None:
    named: dict[str | None, set[Binding]] = defaultdict(set)
    owners: dict[str | None, set[str]] = defaultdict(set)
    for owner, binding in defined_bindings():
        named[binding.id].add(binding)
        owners[binding.id].add(owner.__name__)
    assert None not in named, f"bindings without an id in {sorted(owners[None])}"
    shared = {
        binding_id: sorted(owners[binding_id])
        for binding_id, bindings in named.items()
        if len(bindings) > 1
    }
    assert shared == {}
    assert {"callback.success", "app.quit", "login.leave", "app.back"} <= set(named)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_binding_area_is_translated(lang: str) -> None:
    areas = {(binding.id or "").split(".", 1)[0] for _, binding in defined_bindings()}
    missing = sorted(area for area in areas if not i18n.has_key(f"ui.area.{area}", lang))
    assert missing == []


def test_keys_table_reads_quoted_and_dotted_ids_and_sets_aside_values_that_are_not_keys() -> None:
    keymap, problems = read_keys(
        {"callback.success": "ctrl+r", "queue": {"down": "n", "up": 2}, "help.keys": ""}
    )
    assert keymap == {"callback.success": "ctrl+r", "queue.down": "n"}
    assert [str(problem) for problem in problems] == [
        '[keys] 中“queue.up”的值应是按键名，如 "ctrl+r" 或 "ctrl+r,f5"；这一项已忽略。',
        '[keys] 中“help.keys”的值应是按键名，如 "ctrl+r" 或 "ctrl+r,f5"；这一项已忽略。',
    ]
    assert read_keys("ctrl+r")[0] == {}
    assert "[keys] 应是一个表" in str(read_keys("ctrl+r")[1][0])


async def test_a_rebound_key_runs_its_action_and_the_old_key_does_nothing(
    services: Services, db_url: str, isolated_home: Path
) -> None:
    build_desk(services)
    app = app_with_config(
        services, db_url, isolated_home, '[keys]\n"callback.success" = "ctrl+r"\n'
    )
    async with running(app) as pilot:
        assert "ctrl+r" in footer_keys(app) and "s" not in footer_keys(app)
        await press(pilot, "s")
        assert isinstance(app.screen, TodayScreen)
        await press(pilot, "ctrl+r")
        shown(app, SuccessFormScreen)
        await press(pilot, "escape")
        await press(pilot, "question_mark")
        rows = help_rows(app)
        assert rows["记录成功回访"] == app.get_key_display(Binding("ctrl+r", "success"))
        assert "s" not in rows.values()
        assert rows["记录未接通（无人接听、占线等）"] == "f"
    assert notifications(app) == []


async def test_a_key_bound_to_several_keys_is_rebound_to_all_it_is_given(
    services: Services, db_url: str, isolated_home: Path
) -> None:
    build_desk(services)
    app = app_with_config(services, db_url, isolated_home, '[keys]\nqueue.down = "n, ctrl+n"\n')
    async with running(app) as pilot:
        table = app.screen.query_one("#queue", DataTable)
        await press(pilot, "n")
        assert table.cursor_row == 1
        await press(pilot, "ctrl+n")
        assert table.cursor_row == 2
        await press(pilot, "j")
        assert table.cursor_row == 2
        await press(pilot, "question_mark")
        assert help_rows(app)["下一条"] == "n / ^n"
    assert notifications(app) == []


async def test_bad_entries_are_named_and_the_good_ones_still_apply(
    services: Services, db_url: str, isolated_home: Path
) -> None:
    build_desk(services)
    config = """[keys]
"callback.success" = "ctrl+r"
"callback.sucess" = "ctrl+t"
"callback.failure" = "Ctrl+F"
"customer.search" = 5
"complaint.new" = "f"
"""
    app = app_with_config(services, db_url, isolated_home, config)
    async with running(app) as pilot:
        assert sorted(notifications(app)) == sorted(
            [
                '[keys] 中“customer.search”的值应是按键名，如 "ctrl+r" 或 "ctrl+r,f5"；这一项已忽略。',
                "[keys] 中的“callback.sucess”不是任何快捷键的编号（gendan keys 列出全部编号）；这一项已忽略。",
                '[keys] 中“callback.failure” = "Ctrl+F"：“Ctrl+F”不是按键名（如 ctrl+r、f5、question_mark）；这一项已忽略。',
                '[keys] 中“complaint.new” = "f"：f 已是“callback.failure”的键；这一项已忽略。',
            ]
        )
        assert {"ctrl+r", "f", "c", "slash"} <= footer_keys(app)
        await press(pilot, "f")
        assert type(app.screen).__name__ == "FailureFormScreen"
        await press(pilot, "escape", "ctrl+r")
        shown(app, SuccessFormScreen)


async def test_bad_entries_are_told_in_english_when_the_desk_speaks_english(
    services: Services, db_url: str, isolated_home: Path
) -> None:
    build_desk(services)
    config = 'lang = "en"\n[keys]\n"callback.sucess" = "ctrl+t"\n'
    app = app_with_config(services, db_url, isolated_home, config)
    async with running(app):
        assert notifications(app) == [
            '[keys] "callback.sucess" is not the id of any key (gendan keys lists them all); '
            "the entry was ignored."
        ]


async def test_a_rebound_key_the_person_may_not_use_explains_why(
    services: Services, db_url: str, isolated_home: Path
) -> None:
    build_desk(services)
    users.add_clerk("lina", "李娜")
    app = app_with_config(
        services, db_url, isolated_home, '[keys]\n"callback.reassign" = "ctrl+e"\n'
    )
    async with running(app) as pilot:
        await press(pilot, "r")
        assert notifications(app) == []
        await press(pilot, "ctrl+e")
        assert notifications(app) == ["张丽 没有“重新分配工作”的权限，操作未执行。"]


def test_gendan_keys_lists_every_id_with_the_users_keys_and_tells_bad_entries(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated_home / "config").mkdir(parents=True)
    (isolated_home / "config" / "config.toml").write_text(
        '[keys]\n"callback.success" = "ctrl+r"\n"nope" = "x"\n', "utf-8"
    )
    assert cli.main(["keys"]) == 0
    captured = capsys.readouterr()
    lines = {line.split()[0]: line.split()[1:] for line in captured.out.splitlines()}
    assert lines["callback.success"] == ["ctrl+r", "回访:", "记录成功回访"]
    assert lines["app.quit"] == ["q", "应用:", "退出程序"]
    assert set(lines) == {binding.id for _, binding in defined_bindings()}
    assert captured.err == (
        "gendan: [keys] 中的“nope”不是任何快捷键的编号（gendan keys 列出全部编号）；这一项已忽略。\n"
    )


async def test_the_complaint_tabs_name_the_rebound_keys(
    services: Services, db_url: str, isolated_home: Path
) -> None:
    build_desk(services)
    config = '[keys]\n"complaint.view_overdue" = "v"\n'
    app = app_with_config(services, db_url, isolated_home, config)
    async with running(app) as pilot:
        await press(pilot, "3")
        tabs = app.screen.query_one(Tabs)
        labels = [str(tab.label) for tab in tabs.query(Tab)]
        assert labels == ["o 未结案", "v 已逾期", "m 我的", "w 本周"]
        await press(pilot, "v")
        assert tabs.active == "overdue"
