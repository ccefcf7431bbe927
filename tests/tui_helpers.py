"""Building a small desk for the screen tests, and driving the app until it is idle."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Static
from textual.worker import WorkerState

from gendan_tui.app import GendanApp, make_app
from gendan_tui.config import Settings
from gendan_tui.core.clock import Clock
from gendan_tui.core.customers import NewContact, NewCustomer
from gendan_tui.core.services import Services
from gendan_tui.screens.success_form import SuccessFormScreen
from gendan_tui.screens.today import TodayScreen
from gendan_tui.store.models import CallbackTask
from gendan_tui.widgets.queue_table import QueueTable

SIZE = (120, 40)
ScreenT = TypeVar("ScreenT", bound=Screen[Any])


@dataclass(frozen=True)
class Due:
    """A customer owed a callback: name, contact, phones, why and when."""

    name: str
    contact: str
    phones: tuple[str, ...]
    reason: str
    due_on: date
    next_try_on: date | None = None
    kind: str = "old"
    member: bool = False


# On 2025-10-09 (a Thursday): two overdue, three due today, one callable ahead of its date.
DESK: tuple[Due, ...] = (
    Due(
        "北京华信科技有限公司",
        "王伟",
        ("13812345678", "010-62345678"),
        "periodic",
        date(2025, 9, 30),
        member=True,
    ),
    Due("杭州西湖茶业有限公司", "陈静", ("0571-87654321",), "periodic", date(2025, 10, 8)),
    Due(
        "上海东方贸易有限公司",
        "李娜",
        ("13987654321",),
        "mailbox",
        date(2025, 10, 9),
        kind="new",
        member=True,
    ),
    Due("广州南方家具有限公司", "刘洋", ("020-12345678",), "b2b", date(2025, 10, 9), kind="new"),
    Due("成都天府软件有限公司", "赵敏", ("15011112222",), "periodic", date(2025, 10, 9)),
    Due(
        "深圳星辰电子有限公司",
        "孙磊",
        ("13600001111",),
        "website",
        date(2025, 10, 14),
        next_try_on=date(2025, 10, 9),
        kind="new",
    ),
)


class MomentClock(Clock):
    """A clock stopped at one moment, for what depends on the time of day."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def build_desk(services: Services, desk: tuple[Due, ...] = DESK) -> dict[str, int]:
    """Create the customers of ``desk`` owned by the signed-in clerk, each with one open
    callback; returns customer ids by name."""
    clerk = services.ctx.require_actor()
    ids = {}
    for due in desk:
        customer_id = services.customers.create(
            NewCustomer(
                name=due.name,
                contacts=(NewContact(due.contact, due.phones, title="经理"),),
                kind=due.kind,
                is_member=due.member,
                owner_id=clerk.id,
            )
        )
        CallbackTask.create(
            customer=customer_id,
            clerk=clerk.id,
            reason=due.reason,
            basis_on=due.due_on,
            due_on=due.due_on,
            next_try_on=due.next_try_on or due.due_on,
        )
        ids[due.name] = customer_id
    return ids


def app_for(services: Services, db_url: str, lang: str = "zh") -> GendanApp:
    """The app as the ``gendan`` command builds it."""
    return make_app(services, Settings(database_url=db_url, clerk="zhangli", lang=lang))


def sizing(app: App[Any]) -> bool:
    """Whether a table on screen has rows whose column widths it has yet to work out (a
    table does that when it is next idle, so a screenshot taken before shows it narrow)."""
    return any(table._require_update_dimensions for table in app.screen.query(DataTable))


async def settle(pilot: Pilot[None]) -> None:
    """Wait until no worker is pending or running and the screen has caught up."""
    for _ in range(50):
        await pilot.pause()
        busy = [
            w for w in pilot.app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)
        ]
        if not busy:
            await pilot.pause()
            if sizing(pilot.app):
                continue
            return
        await pilot.app.workers.wait_for_complete(busy)
    raise AssertionError("the app did not settle")


@asynccontextmanager
async def running(app: GendanApp) -> AsyncIterator[Pilot[None]]:
    """Run ``app`` at the tests' window size, settled after opening."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        yield pilot


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press ``keys`` and wait until the app has settled."""
    await pilot.press(*keys)
    await settle(pilot)


def shown(app: App[Any], screen_type: type[ScreenT]) -> ScreenT:
    """The screen on top, after checking that it is a ``screen_type``."""
    screen = app.screen
    assert isinstance(screen, screen_type), f"{type(screen).__name__} is shown"
    return screen


def notifications(app: GendanApp) -> list[str]:
    """The messages of the notifications shown so far."""
    return [n.message for n in app._notifications]


def text_of(widget: Widget) -> str:
    """The plain text a ``Static`` (or ``Label``) shows."""
    assert isinstance(widget, Static), f"{type(widget).__name__} is not a Static"
    return str(widget.content)


def column(table: Widget, key: str) -> list[str]:
    """The plain text of one column of a ``DataTable``, top to bottom."""
    assert isinstance(table, DataTable), f"{type(table).__name__} is not a DataTable"
    return [str(cell) for cell in table.get_column(key)]


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key into the focused widget."""
    await pilot.press(*text)


def error_under(screen: Widget, field: str) -> str:
    """The error shown under a form's field (empty when there is none)."""
    return text_of(screen.query_one(f"#{field} .field-error"))


def queue_names(app: App[Any]) -> list[str]:
    """The customers of the callback queue on screen, top to bottom."""
    return column(app.screen.query_one(QueueTable), "customer")


async def fill_success_form(pilot: Pilot[None], discussed: str) -> SuccessFormScreen:
    """Press s, keep the prefilled contact and write what was discussed (not yet saved)."""
    await press(pilot, "s")
    form = shown(pilot.app, SuccessFormScreen)
    await pilot.press("tab")
    await type_text(pilot, discussed)
    return form


async def record_success(pilot: Pilot[None], discussed: str, *, invite: bool = False) -> None:
    """Record a reached callback from the Today screen and save it with Ctrl+S (ticking
    the training invitation with ``invite``)."""
    await fill_success_form(pilot, discussed)
    if invite:
        await pilot.press("tab", "tab", "tab", "space")
    await press(pilot, "ctrl+s")
    assert isinstance(pilot.app.screen, TodayScreen)
