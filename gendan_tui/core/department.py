"""Department-wide settings kept in the database: callback policy and calendar overrides.

Changing them is for whoever may manage the department's settings (the follow-up
supervisor, the department manager); every change is in the audit trail.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date
from typing import Any, cast

from gendan_tui.core import audit
from gendan_tui.core.callback_rules import CallbackPolicy
from gendan_tui.core.context import Actor, ServiceContext
from gendan_tui.core.roles import Permission, require
from gendan_tui.core.validation import check_year
from gendan_tui.core.workcalendar import WorkCalendar
from gendan_tui.errors import ValidationError
from gendan_tui.store.db import storage_errors, transaction
from gendan_tui.store.models import CalendarOverride, Setting

POLICY_PREFIX = "callbacks."
CONFIRMED_YEARS = "calendar.confirmed_years"
SETTINGS_ENTITY = "department"
CALENDAR_ENTITY = "calendar_day"


def _get(key: str, default: object) -> object:
    row = Setting.get_or_none(Setting.key == key)
    return json.loads(row.value) if row else default


def _confirmed_years() -> list[int]:
    """The years whose holidays have been confirmed, as stored (a JSON list of years)."""
    return [int(y) for y in cast(list[Any], _get(CONFIRMED_YEARS, []))]


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


def set_policy_value(by: Actor, name: str, value: int) -> CallbackPolicy:
    """Change one policy number (for example ``frequent_more_than``) and return the policy."""
    require(by, Permission.MANAGE_SETTINGS)
    known = asdict(CallbackPolicy())
    if name not in known:
        raise ValidationError("error.unknown_setting", field=name, name=name)
    if value < 1:
        raise ValidationError("error.must_be_positive", field=name, name=name)
    with transaction():
        before = _get(POLICY_PREFIX + name, known[name])
        _put(POLICY_PREFIX + name, value)
        audit.log(by, SETTINGS_ENTITY, 0, "policy", before={name: before}, after={name: value})
    return load_policy()


def load_calendar() -> WorkCalendar:
    """The working-day calendar with the department's overrides and confirmed years."""
    with storage_errors():
        overrides = {row.day: row.is_workday for row in CalendarOverride.select()}
        years = _confirmed_years()
    return WorkCalendar(overrides, years)


def set_calendar_day(by: Actor, day: date, is_workday: bool, note: str = "") -> None:
    """Record that ``day`` is (or is not) a working day, overriding the official data."""
    require(by, Permission.MANAGE_SETTINGS)
    with transaction():
        old = CalendarOverride.get_or_none(CalendarOverride.day == day)
        CalendarOverride.insert(day=day, is_workday=is_workday, note=note).on_conflict(
            conflict_target=[CalendarOverride.day],
            update={CalendarOverride.is_workday: is_workday, CalendarOverride.note: note},
        ).execute()
        audit.log(
            by,
            CALENDAR_ENTITY,
            int(day.strftime("%Y%m%d")),
            "set",
            before={"is_workday": old.is_workday, "note": old.note} if old else {},
            after={"is_workday": is_workday, "note": note},
        )


def confirm_calendar_year(by: Actor, year: int) -> None:
    """Declare that ``year``'s holidays and make-up days have been entered as overrides."""
    require(by, Permission.MANAGE_SETTINGS)
    check_year(year, "year", str(year))
    with transaction():
        before = sorted(_confirmed_years())
        years = sorted({*before, year})
        _put(CONFIRMED_YEARS, years)
        audit.log(
            by, SETTINGS_ENTITY, 0, "confirm_year", before={"years": before}, after={"years": years}
        )


class DepartmentService:
    """The department's settings through the session: anyone may ask the calendar; only
    whoever may manage settings changes it or the policy, and the session then works with
    the changed values."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day, with the department's overrides."""
        return self.ctx.calendar.is_workday(day)

    def set_calendar_day(self, day: date, is_workday: bool, note: str = "") -> None:
        """Mark ``day`` as a working day or a day off."""
        set_calendar_day(self.ctx.require_actor(), day, is_workday, note)
        self.ctx.calendar = load_calendar()

    def confirm_calendar_year(self, year: int) -> None:
        """Declare ``year``'s holidays and make-up days entered."""
        confirm_calendar_year(self.ctx.require_actor(), year)
        self.ctx.calendar = load_calendar()

    def set_policy_value(self, name: str, value: int) -> CallbackPolicy:
        """Change one number of the callback policy."""
        self.ctx.policy = set_policy_value(self.ctx.require_actor(), name, value)
        return self.ctx.policy
