"""Department-wide settings kept in the database: callback policy and calendar overrides."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date

from gendan_tui.core.callback_rules import CallbackPolicy
from gendan_tui.core.errors import ValidationError
from gendan_tui.core.workcalendar import WorkCalendar
from gendan_tui.store.db import storage_errors, transaction
from gendan_tui.store.models import CalendarOverride, Setting

POLICY_PREFIX = "callbacks."
CONFIRMED_YEARS = "calendar.confirmed_years"


def _get(key: str, default: object) -> object:
    row = Setting.get_or_none(Setting.key == key)
    return json.loads(row.value) if row else default


def _put(key: str, value: object) -> None:
    Setting.insert(key=key, value=json.dumps(value)).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: json.dumps(value)}
    ).execute()


def load_policy() -> CallbackPolicy:
    """The callback policy with the department's stored overrides applied."""
    with storage_errors():
        values = {
            f.name: int(str(_get(POLICY_PREFIX + f.name, getattr(CallbackPolicy(), f.name))))
            for f in fields(CallbackPolicy)
        }
    return CallbackPolicy(**values)


def set_policy_value(name: str, value: int) -> CallbackPolicy:
    """Change one policy number (for example ``frequent_more_than``) and return the policy."""
    known = asdict(CallbackPolicy())
    if name not in known:
        raise ValidationError("error.unknown_setting", field=name, name=name)
    if value < 1:
        raise ValidationError("error.must_be_positive", field=name, name=name)
    with transaction():
        _put(POLICY_PREFIX + name, value)
    return load_policy()


def load_calendar() -> WorkCalendar:
    """The working-day calendar with the department's overrides and confirmed years."""
    with storage_errors():
        overrides = {row.day: row.is_workday for row in CalendarOverride.select()}
        years = [int(y) for y in _get(CONFIRMED_YEARS, [])]  # type: ignore[attr-defined]
    return WorkCalendar(overrides, years)


def set_calendar_day(day: date, is_workday: bool, note: str = "") -> None:
    """Record that ``day`` is (or is not) a working day, overriding the official data."""
    with transaction():
        CalendarOverride.insert(day=day, is_workday=is_workday, note=note).on_conflict(
            conflict_target=[CalendarOverride.day],
            update={CalendarOverride.is_workday: is_workday, CalendarOverride.note: note},
        ).execute()


def confirm_calendar_year(year: int) -> None:
    """Declare that ``year``'s holidays and make-up days have been entered as overrides."""
    with transaction():
        years = sorted({*(int(y) for y in _get(CONFIRMED_YEARS, [])), year})  # type: ignore[attr-defined]
        _put(CONFIRMED_YEARS, years)
