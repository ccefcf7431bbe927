"""Callback rules of DOMAIN §1, each on exact dates with the Chinese working calendar."""

from __future__ import annotations

from datetime import date

from gendan_tui.core import callback_rules as rules
from gendan_tui.core.callback_rules import CallbackPolicy, Schedule
from gendan_tui.core.workcalendar import WorkCalendar

CAL = WorkCalendar()
POLICY = CallbackPolicy()


def test_mailbox_opened_is_due_a_week_later() -> None:
    got = rules.milestone_schedule(rules.MAILBOX, date(2025, 10, 13), CAL, POLICY)
    assert got == Schedule(due_on=date(2025, 10, 20), next_try_on=date(2025, 10, 20))


def test_due_date_on_national_day_moves_to_the_next_working_day() -> None:
    # Opened Wed 24 Sep 2025: a week later is 1 Oct, a public holiday; 9 Oct is the next working day.
    got = rules.milestone_schedule(rules.MAILBOX, date(2025, 9, 24), CAL, POLICY)
    assert got.due_on == date(2025, 10, 9)


def test_due_date_on_a_make_up_saturday_stays() -> None:
    # B2B opened Sat 1 Feb 2025 (Spring Festival); a week later is Sat 8 Feb, a working day.
    got = rules.milestone_schedule(rules.B2B, date(2025, 2, 1), CAL, POLICY)
    assert got == Schedule(due_on=date(2025, 2, 8), next_try_on=date(2025, 2, 8))


def test_due_date_on_an_ordinary_sunday_moves_to_monday() -> None:
    got = rules.milestone_schedule(rules.B2B, date(2025, 11, 2), CAL, POLICY)
    assert got.due_on == date(2025, 11, 10)


def test_website_completed_is_callable_from_the_next_working_day_and_due_within_a_week() -> None:
    got = rules.milestone_schedule(rules.WEBSITE, date(2025, 11, 5), CAL, POLICY)
    assert got == Schedule(due_on=date(2025, 11, 12), next_try_on=date(2025, 11, 6))


def test_website_completed_before_the_break() -> None:
    got = rules.milestone_schedule(rules.WEBSITE, date(2025, 9, 30), CAL, POLICY)
    assert got == Schedule(due_on=date(2025, 10, 9), next_try_on=date(2025, 10, 9))


def test_old_customer_every_two_months() -> None:
    got = rules.periodic_schedule(date(2025, 9, 15), CAL, POLICY)
    assert got.due_on == date(2025, 11, 17)  # 15 Nov is a Saturday


def test_two_months_landing_on_national_day() -> None:
    got = rules.periodic_schedule(date(2025, 8, 1), CAL, POLICY)
    assert got.due_on == date(2025, 10, 9)


def test_two_months_from_month_end_clamps_to_the_shorter_month() -> None:
    # 31 Dec 2025 + 2 months is 28 Feb 2026, a make-up working Saturday.
    got = rules.periodic_schedule(date(2025, 12, 31), CAL, POLICY)
    assert got.due_on == date(2026, 2, 28)


def test_interval_overridden_per_customer() -> None:
    got = rules.periodic_schedule(date(2025, 6, 16), CAL, POLICY, interval_months=3)
    assert got.due_on == date(2025, 9, 16)


def test_frequent_problems_shorten_the_interval() -> None:
    got = rules.periodic_schedule(date(2025, 11, 3), CAL, POLICY, frequent=True)
    assert got.due_on == date(2025, 11, 17)


def test_frequent_interval_is_configurable_and_follows_the_calendar() -> None:
    policy = CallbackPolicy(frequent_interval_days=10)
    got = rules.periodic_schedule(date(2025, 9, 21), CAL, policy, frequent=True)
    assert got.due_on == date(2025, 10, 9)  # 1 Oct is National Day


def test_frequent_never_lengthens_a_short_override() -> None:
    policy = CallbackPolicy(frequent_interval_days=60)
    got = rules.periodic_schedule(date(2025, 6, 16), CAL, policy, interval_months=1, frequent=True)
    assert got.due_on == date(2025, 7, 16)


def test_failed_attempt_retries_next_working_day() -> None:
    assert rules.retry_on(date(2025, 9, 30), CAL) == date(2025, 10, 9)
    assert rules.retry_on(date(2025, 2, 7), CAL) == date(2025, 2, 8)
    assert rules.retry_on(date(2025, 11, 7), CAL) == date(2025, 11, 10)


def test_days_overdue() -> None:
    assert rules.days_overdue(date(2025, 10, 9), date(2025, 10, 13)) == 4
    assert rules.days_overdue(date(2025, 10, 9), date(2025, 10, 9)) == 0
    assert rules.days_overdue(date(2025, 10, 13), date(2025, 10, 9)) == 0
