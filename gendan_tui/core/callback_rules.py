"""When a customer is owed a callback (DOMAIN §1), as pure functions of dates and settings.

- mailbox opened → one callback 7 days later; B2B opened → one callback 7 days later;
- website completed → one callback within 7 days (callable from the next working day);
- every customer → a periodic callback every 2 months after the last successful one,
  the interval overridable per customer, and shorter for customers with frequent problems;
- a due date on a non-working day moves to the next working day;
- a failed attempt keeps the callback due and retries on the next working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from gendan_tui.core.workcalendar import WorkCalendar

MAILBOX = "mailbox"
B2B = "b2b"
WEBSITE = "website"
PERIODIC = "periodic"
REASONS = (MAILBOX, B2B, WEBSITE, PERIODIC)

MILESTONE_REASONS = {
    "mailbox_opened": MAILBOX,
    "b2b_opened": B2B,
    "website_completed": WEBSITE,
}


@dataclass(frozen=True)
class CallbackPolicy:
    """The department's tunable numbers for callback scheduling."""

    milestone_days: int = 7
    default_interval_months: int = 2
    frequent_more_than: int = 2
    frequent_window_days: int = 90
    frequent_interval_days: int = 14


@dataclass(frozen=True)
class Schedule:
    """When a callback becomes callable (``next_try_on``) and when it is due (``due_on``)."""

    due_on: date
    next_try_on: date


def milestone_schedule(
    reason: str, event_on: date, calendar: WorkCalendar, policy: CallbackPolicy
) -> Schedule:
    """The callback owed after a mailbox, B2B or website milestone on ``event_on``.

    Mailbox and B2B callbacks are due a week after opening. The website callback is
    "within a week": it may be made from the next working day and is due a week after.
    """
    due = calendar.on_or_after(event_on + timedelta(days=policy.milestone_days))
    if reason == WEBSITE:
        return Schedule(due_on=due, next_try_on=calendar.next_workday(event_on))
    if reason in (MAILBOX, B2B):
        return Schedule(due_on=due, next_try_on=due)
    raise ValueError(reason)


def periodic_schedule(
    last_success_on: date,
    calendar: WorkCalendar,
    policy: CallbackPolicy,
    *,
    interval_months: int | None = None,
    frequent: bool = False,
) -> Schedule:
    """The next periodic callback after a successful one on ``last_success_on``."""
    import pendulum  # only needed when scheduling; kept off the app's start-up path

    months = interval_months or policy.default_interval_months
    target = pendulum.date(last_success_on.year, last_success_on.month, last_success_on.day)
    due: date = target.add(months=months)
    if frequent:
        due = min(due, last_success_on + timedelta(days=policy.frequent_interval_days))
    due = calendar.on_or_after(date(due.year, due.month, due.day))
    return Schedule(due_on=due, next_try_on=due)


def retry_on(attempted_on: date, calendar: WorkCalendar) -> date:
    """When a callback that failed on ``attempted_on`` is tried again."""
    return calendar.next_workday(attempted_on)


def days_overdue(due_on: date, today: date) -> int:
    """Calendar days past the due date; 0 when not yet overdue."""
    return max(0, (today - due_on).days)
