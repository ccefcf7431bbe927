"""The Today screen driven from the keyboard, checked on screen and in the database."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from gendan_tui.app import GendanApp
from gendan_tui.core.clock import FixedClock
from gendan_tui.core.services import Services, open_services
from gendan_tui.screens.customer import CustomerScreen
from gendan_tui.screens.failure_form import FailureFormScreen
from gendan_tui.screens.success_form import SuccessFormScreen
from gendan_tui.screens.today import TodayScreen
from gendan_tui.store.db import close_database
from gendan_tui.store.models import CallbackRecord, CallbackTask
from gendan_tui.widgets.customer_pane import CustomerPane
from gendan_tui.widgets.queue_table import QueueTable
from gendan_tui.widgets.quota_meter import QuotaMeter
from tests.conftest import TODAY
from tests.tui_helpers import (
    DESK,
    app_for,
    build_desk,
    column,
    error_under,
    press,
    queue_names,
    record_success,
    running,
    shown,
    text_of,
    type_text,
)

TWO_MONTHS_ON = date(2025, 12, 9)
NEXT_WORKDAY = date(2025, 10, 10)


def meter(app: GendanApp) -> QuotaMeter:
    return app.screen.query_one(QuotaMeter)


async def test_queue_lists_overdue_first_with_reason_days_and_attempts(
    services: Services, db_url: str
) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app):
        assert app.ready_for_work.is_set()
        table = app.screen.query_one(QueueTable)
        assert queue_names(app) == [
            "北京华信科技有限公司",
            "杭州西湖茶业有限公司",
            "上海东方贸易有限公司",
            "广州南方家具有限公司",
            "成都天府软件有限公司",
            "深圳星辰电子有限公司",
        ]
        assert column(table, "due") == ["09-30", "10-08", "10-09", "10-09", "10-09", "10-14"]
        assert column(table, "overdue") == ["9", "1", "", "", "", ""]
        assert column(table, "reason")[:4] == [
            "定期回访",
            "定期回访",
            "邮箱开通回访",
            "B2B开通回访",
        ]
        assert column(table, "phone")[0] == "138 1234 5678"
        assert [str(c.label) for c in table.columns.values()] == [
            "到期日",
            "逾期",
            "原因",
            "客户",
            "电话",
            "已拨",
            "频",
        ]
        assert text_of(meter(app)) == "今日成功回访 0/4"
        assert not meter(app).has_class("-done")
        assert text_of(app.screen.query_one("#queue-count")) == "共 6 条"
        assert not app.screen.query_one("#calendar-warning").display


async def test_pane_follows_the_cursor(services: Services, db_url: str) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        pane = app.screen.query_one(CustomerPane)
        assert pane.section("name") == "北京华信科技有限公司"
        contacts = pane.section("contacts")
        assert "王伟" in contacts and "010-62345678" in contacts
        await press(pilot, "j")
        assert pane.section("name") == "杭州西湖茶业有限公司"
        await press(pilot, "down", "down")
        assert pane.section("name") == "广州南方家具有限公司"
        await press(pilot, "k")
        assert pane.section("name") == "上海东方贸易有限公司"
        assert "新客户 · 会员" in pane.section("facts")


async def test_clerk_records_four_successes_and_one_failure_and_it_all_survives_a_restart(
    services: Services, db_url: str
) -> None:
    ids = build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "s")
        contact = app.screen.query_one("#contact_name-input", Input)
        assert contact.value == "王伟"
        await press(pilot, "escape")
        assert CallbackRecord.select().count() == 0

        await record_success(pilot, "网站正常", invite=True)
        assert text_of(meter(app)) == "今日成功回访 1/4"
        assert not meter(app).has_class("-done")
        assert queue_names(app)[0] == "杭州西湖茶业有限公司"
        assert app.screen.query_one(QueueTable).cursor_row == 0

        await press(pilot, "f")
        assert isinstance(app.screen, FailureFormScreen)
        await press(pilot, "1")
        assert isinstance(app.screen, TodayScreen)
        assert "杭州西湖茶业有限公司" not in queue_names(app)
        assert text_of(meter(app)) == "今日成功回访 1/4"

        for done, discussed in enumerate(("邮箱可用", "已登录", "续费"), start=2):
            await record_success(pilot, discussed)
            assert text_of(meter(app)) == f"今日成功回访 {done}/4" + (
                "  ✓ 已达标" if done == 4 else ""
            )
            assert meter(app).has_class("-done") == (done == 4)
        assert queue_names(app) == ["深圳星辰电子有限公司"]
        assert text_of(app.screen.query_one("#queue-count")) == "共 1 条"

    reached = [
        "北京华信科技有限公司",
        "上海东方贸易有限公司",
        "广州南方家具有限公司",
        "成都天府软件有限公司",
    ]
    records = list(CallbackRecord.select().order_by(CallbackRecord.id))
    assert [(r.customer_id, r.outcome, r.call_date) for r in records] == [
        (ids[reached[0]], "success", TODAY),
        (ids["杭州西湖茶业有限公司"], "no_answer", TODAY),
        *((ids[name], "success", TODAY) for name in reached[1:]),
    ]
    assert records[0].contact_name == "王伟"
    assert records[0].discussed == "网站正常"
    assert records[0].invited_training is True
    assert records[0].phone == "138 1234 5678"
    assert [r.invited_training for r in records[2:]] == [False, False, False]
    for name in reached:
        tasks = list(CallbackTask.select().where(CallbackTask.customer == ids[name]))
        closed = [t for t in tasks if t.state == "done"]
        assert len(closed) == 1 and closed[0].closed_at is not None
        assert [(t.reason, t.due_on) for t in tasks if t.state == "open"] == [
            ("periodic", TWO_MONTHS_ON)
        ]
    failed = CallbackTask.get(CallbackTask.customer == ids["杭州西湖茶业有限公司"])
    assert (failed.state, failed.attempts, failed.next_try_on) == ("open", 1, NEXT_WORKDAY)
    assert failed.due_on == date(2025, 10, 8)

    close_database()
    again = open_services(db_url, clock=FixedClock(TODAY))
    again.sign_in("zhangli")
    app = app_for(again, db_url)
    async with running(app) as pilot:
        assert text_of(meter(app)) == "今日成功回访 4/4  ✓ 已达标"
        assert meter(app).has_class("-done")
        assert queue_names(app) == ["深圳星辰电子有限公司"]

    close_database()
    tomorrow = open_services(db_url, clock=FixedClock(NEXT_WORKDAY))
    tomorrow.sign_in("zhangli")
    app = app_for(tomorrow, db_url)
    async with running(app) as pilot:
        table = app.screen.query_one(QueueTable)
        assert queue_names(app) == ["杭州西湖茶业有限公司", "深圳星辰电子有限公司"]
        assert column(table, "attempts") == ["1", ""]
        assert column(table, "overdue") == ["2", ""]
        assert text_of(meter(app)) == "今日成功回访 0/4"


async def test_empty_required_field_shows_a_message_and_saves_nothing(
    services: Services, db_url: str
) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "s")
        await press(pilot, "ctrl+s")
        form = shown(app, SuccessFormScreen)
        discussed = form.query_one("#discussed")
        assert discussed.has_class("-invalid")
        assert text_of(discussed.query_one(".field-error")) == "此项为必填项，不能为空。"
        assert app.focused is form.query_one("#discussed-input")
        assert CallbackRecord.select().count() == 0

        await pilot.press("shift+tab", "backspace", "tab")
        await type_text(pilot, "谈了续费")
        await press(pilot, "ctrl+s")
        contact = form.query_one("#contact_name")
        assert contact.has_class("-invalid")
        assert not discussed.has_class("-invalid")
        assert CallbackRecord.select().count() == 0

        await press(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)
        assert text_of(meter(app)) == "今日成功回访 0/4"
        assert len(queue_names(app)) == 6


async def test_every_empty_required_field_is_marked_at_once(
    services: Services, db_url: str
) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "s")
        form = shown(app, SuccessFormScreen)
        form.query_one("#contact_name-input", Input).value = ""
        await press(pilot, "ctrl+s")
        assert error_under(form, "contact_name") == "此项为必填项，不能为空。"
        assert error_under(form, "discussed") == "此项为必填项，不能为空。"
        assert app.focused is form.query_one("#contact_name-input")
        assert CallbackRecord.select().count() == 0


async def test_other_outcome_needs_a_note(services: Services, db_url: str) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "f", "5")
        form = shown(app, FailureFormScreen)
        assert error_under(form, "notes") == "选择“其他”时请填写说明。"
        assert app.focused is form.query_one("#notes-input")
        assert CallbackRecord.select().count() == 0
        await type_text(pilot, "客户在开会")
        await press(pilot, "enter")
        assert isinstance(app.screen, TodayScreen)
    record = CallbackRecord.get()
    assert (record.outcome, record.notes) == ("other", "客户在开会")


async def test_failure_chosen_with_arrows_and_enter(services: Services, db_url: str) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "f", "down", "down", "enter")
        assert isinstance(app.screen, TodayScreen)
    assert CallbackRecord.get().outcome == "wrong_number"


async def test_enter_opens_the_customer_and_escape_or_1_returns(
    services: Services, db_url: str
) -> None:
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await press(pilot, "j", "enter")
        assert isinstance(app.screen, CustomerScreen)
        pane = app.screen.query_one(CustomerPane)
        assert pane.section("name") == "杭州西湖茶业有限公司"
        await press(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one(QueueTable).cursor_row == 1
        await press(pilot, "enter")
        assert isinstance(app.screen, CustomerScreen)
        await press(pilot, "1")
        assert isinstance(app.screen, TodayScreen)


async def test_empty_queue_hides_the_call_keys(services: Services, db_url: str) -> None:
    app = app_for(services, db_url)
    async with running(app) as pilot:
        assert app.ready_for_work.is_set()
        screen = app.screen
        assert screen.query_one("#queue-empty").display
        assert text_of(screen.query_one("#queue-empty")) == "今天没有需要回访的客户。"
        keys = set(screen.active_bindings)
        assert {"s", "f", "c"}.isdisjoint(keys)
        assert {"slash", "question_mark", "q"} <= keys
        await press(pilot, "s", "f", "c")
        assert app.screen is screen


async def test_queue_shows_how_many_are_not_listed(services: Services, db_url: str) -> None:
    clerk = services.ctx.require_actor()
    (customer_id,) = build_desk(services, DESK[:1]).values()
    CallbackTask.insert_many(
        [
            {
                "customer": customer_id,
                "clerk": clerk.id,
                "reason": "periodic",
                "basis_on": TODAY,
                "due_on": TODAY,
                "next_try_on": TODAY,
            }
            for _ in range(204)
        ]
    ).execute()
    app = app_for(services, db_url)
    async with running(app):
        assert app.screen.query_one(QueueTable).row_count == 200
        assert text_of(app.screen.query_one("#queue-count")) == "显示前 200 条，共 205 条"


async def test_calendar_warning_when_next_year_is_not_known(
    services: Services, db_url: str
) -> None:
    services.ctx.clock = FixedClock(date(2026, 11, 2))
    app = app_for(services, db_url)
    async with running(app):
        warning = app.screen.query_one("#calendar-warning")
        assert warning.display
        assert text_of(warning).startswith("2027 年的法定节假日和调休安排尚未录入")


async def test_english_mode(services: Services, db_url: str) -> None:
    build_desk(services)
    app = app_for(services, db_url, lang="en")
    async with running(app):
        table = app.screen.query_one(QueueTable)
        assert [str(c.label) for c in table.columns.values()] == [
            "Due",
            "Late",
            "Why",
            "Customer",
            "Phone",
            "Tries",
            "!!",
        ]
        assert column(table, "reason")[2] == "Mailbox opened"
        assert text_of(meter(app)) == "Reached today 0/4"
        assert app.screen.active_bindings["s"].binding.description == "reached"
