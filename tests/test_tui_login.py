"""Signing in at the start: the login dialog, the first run on an empty database, and who
the ``gendan`` command signs in by itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from gendan_tui import demo
from gendan_tui.app import GendanApp, make_app
from gendan_tui.cli import main
from gendan_tui.cli.desk import sign_in_without_asking
from gendan_tui.config import Settings, demo_database_url
from gendan_tui.core import users
from gendan_tui.core.clock import FixedClock
from gendan_tui.core.services import Services, open_services
from gendan_tui.screens.first_run import FirstAccount, FirstRunScreen
from gendan_tui.screens.login import LoginScreen
from gendan_tui.screens.today import TodayScreen
from gendan_tui.store.db import close_database
from gendan_tui.store.models import User, UserRole
from tests.conftest import TODAY
from tests.tui_helpers import SIZE, build_desk, settle, text_of, type_text

BAD_LOGIN = "登录名或密码不正确。"


@pytest.fixture
def locked(services: Services) -> Services:
    """A desk with sign-in turned on: the supervisor 王主任 (wang) has a password, as does
    the clerk 李娜 (lina); 张丽 (zhangli) owns a queue; nobody is signed in yet."""
    build_desk(services)
    boss = users.add_account("wang", "王主任", ["follow_up_supervisor", "clerk"], "bj2025")
    users.add_account("lina", "李娜", ["clerk"], "ln2025", by=boss)
    services.ctx.actor = None
    return services


def app_as(services: Services, db_url: str, login: str | None = None) -> GendanApp:
    return make_app(services, Settings(database_url=db_url, clerk=login, lang="zh"))


def error_line(app: GendanApp) -> str:
    return text_of(app.screen.query_one("#form-error"))


async def test_wrong_password_is_refused_then_the_right_one_opens_today(
    locked: Services, db_url: str
) -> None:
    app = app_as(locked, db_url, "wang")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert app.screen.query_one("#login-input", Input).value == "wang"
        password = app.screen.query_one("#password-input", Input)
        assert password.password and app.focused is password

        await type_text(pilot, "bj2024")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert error_line(app) == BAD_LOGIN
        assert password.value == "" and app.focused is password
        assert locked.ctx.actor is None

        await pilot.press("1")  # a screen key is typed into the field, it opens nothing
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        await pilot.press("backspace")

        await type_text(pilot, "bj2025")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert locked.ctx.require_actor().login == "wang"
        assert app.sub_title.startswith("王主任 · 2025-10-09")
        assert app.ready_for_work.is_set()


async def test_login_typed_in_full_and_a_passwordless_clerk_by_login_alone(
    locked: Services, db_url: str
) -> None:
    app = app_as(locked, db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        login = app.screen.query_one("#login-input", Input)
        assert app.focused is login
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert error_line(app) == "请输入登录名。"
        assert app.focused is login

        await type_text(pilot, "zhangli")
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#password-input", Input)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert locked.ctx.require_actor().name == "张丽"
        queue = app.screen.queue
        assert queue is not None and len(queue.items) == 6


async def test_disabled_and_unknown_accounts_cannot_sign_in(locked: Services, db_url: str) -> None:
    users.disable_account("lina", by=users.find_actor("wang"))
    app = app_as(locked, db_url, "lina")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "ln2025")
        await pilot.press("enter")
        await settle(pilot)
        assert error_line(app) == BAD_LOGIN

        login = app.screen.query_one("#login-input", Input)
        login.value = "ghost"
        await pilot.press("enter")
        await settle(pilot)
        assert error_line(app) == BAD_LOGIN
        assert isinstance(app.screen, LoginScreen)
        assert locked.ctx.actor is None


@pytest.mark.parametrize("key", ["escape", "ctrl+q"])
async def test_escape_and_ctrl_q_quit_from_the_login(
    locked: Services, db_url: str, key: str
) -> None:
    app = app_as(locked, db_url, "wang")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        await pilot.press(key)
        await pilot.pause()
        assert app._exit
    assert locked.ctx.actor is None


async def test_first_run_creates_the_supervisor_and_signs_them_in(db_url: str) -> None:
    services = open_services(db_url, clock=FixedClock(TODAY), create=True)
    app = app_as(services, db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        for text in ("wq", "王", "abc", "abc"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await settle(pilot)
        assert "密码至少需要 6 个字符" in text_of(app.screen.query_one("#password .field-error"))
        assert User.select().count() == 0

        assert app.focused is app.screen.query_one("#password-input", Input)
        await pilot.press("end", "d", "e", "f", "tab", "end", "d", "e", "X", "ctrl+s")
        await settle(pilot)
        again = text_of(app.screen.query_one("#password_again .field-error"))
        assert again == "两次输入的密码不一致。"
        assert User.select().count() == 0

        confirm = app.screen.query_one("#password_again-input", Input)
        assert confirm.value == "" and app.focused is confirm
        await type_text(pilot, "abcdef")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert services.ctx.require_actor().login == "wq"

    user = User.get(User.login == "wq")
    assert user.name == "王"
    assert user.password_hash and "abcdef" not in user.password_hash
    roles = {r.role for r in UserRole.select().where(UserRole.user == user.id)}
    assert roles == {"follow_up_supervisor", "clerk"}
    assert users.authenticate("wq", "abcdef").id == user.id


def test_the_typed_password_stays_out_of_reprs() -> None:
    assert "boss-pass" not in repr(FirstAccount("wang", "王主任", "boss-pass"))


def test_who_the_command_signs_in_without_asking(services: Services) -> None:
    def signed_in(login: str | None, password: str | None = None) -> str | None:
        services.ctx.actor = None
        sign_in_without_asking(services, Settings(database_url="", clerk=login), password)
        return services.ctx.actor.login if services.ctx.actor else None

    assert signed_in(None) == "zhangli"  # the only clerk, without a password
    boss = users.add_account("wang", "王主任", ["follow_up_supervisor"], "boss-pass")
    assert signed_in(None) == "zhangli"  # still the only clerk
    assert signed_in("wang") is None  # a password: the login screen asks
    assert signed_in("wang", "boss-pass") == "wang"
    assert signed_in("wang", "changed!") is None
    users.add_account("lina", "李娜", ["clerk"], None, by=boss)
    assert signed_in(None) is None  # two clerks: who is it?
    assert signed_in("lina") == "lina"


def test_first_run_and_unknown_people_are_left_to_the_app(db_url: str) -> None:
    services = open_services(db_url, clock=FixedClock(TODAY), create=True)
    sign_in_without_asking(services, Settings(database_url=db_url))
    assert services.ctx.actor is None


def test_demo_opens_as_the_demo_clerk_with_the_demo_password(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str | None] = []

    def run(app: GendanApp) -> None:
        actor = app.services.ctx.actor
        opened.append(actor.login if actor else None)
        close_database()

    monkeypatch.setattr("gendan_tui.app.GendanApp.run", run)
    argv = ["--demo", "--date", "2025-10-09", "--customers", "60"]
    assert main(argv[:3]) == 0
    assert opened == [demo.DEMO_CLERK]
    assert users.needs_password(demo.DEMO_CLERK)

    services = open_services(demo_database_url())
    clerk = services.authenticate(demo.DEMO_CLERK, demo.DEMO_PASSWORD)
    users.set_password(demo.DEMO_CLERK, "changed-pass", by=clerk)
    close_database()
    assert main(argv[:3]) == 0
    assert opened == [demo.DEMO_CLERK, None]  # a changed password: the login screen asks
