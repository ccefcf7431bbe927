"""The vocabulary of the 客服部投诉跟踪表: categories, channels, statuses, reply methods and
the departments a complaint can be the responsibility of.

Categories are a department setting: the built-in ones are codes with translated names; a
department may add its own, stored by the name it typed (which is also its code), and may
stop offering any of them while old complaints keep theirs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from gendan_tui import i18n
from gendan_tui.core.context import Actor
from gendan_tui.core.roles import Permission, require
from gendan_tui.core.validation import required
from gendan_tui.errors import ValidationError
from gendan_tui.store.db import storage_errors, transaction
from gendan_tui.store.models import Setting

SEVERITIES = ("low", "normal", "high")
CHANNELS = ("phone", "callback", "email", "fax", "visit", "web", "other")
REPLY_METHODS = ("phone", "email", "fax", "visit")

OPEN = "open"
FORWARDED = "forwarded"
RESOLVED = "resolved"
REPLIED = "replied"
CLOSED = "closed"
STATUSES = (OPEN, FORWARDED, RESOLVED, REPLIED, CLOSED)

CATEGORIES_SETTING = "complaints.categories"
MAX_CATEGORY_LENGTH = 30


@dataclass(frozen=True)
class Category:
    """A complaint category offered at intake: its stored code and the name users see."""

    code: str
    name: str


def category_name(code: str) -> str:
    """The name of a category code: translated for built-in codes, else the code itself."""
    key = f"category.{code}"
    return i18n.t(key) if i18n.has_key(key, i18n.DEFAULT_LANGUAGE) else code


def _stored_codes(defaults: Sequence[str]) -> list[str]:
    row = Setting.get_or_none(Setting.key == CATEGORIES_SETTING)
    return [str(code) for code in json.loads(row.value)] if row else list(defaults)


def _store_codes(codes: list[str]) -> None:
    value = json.dumps(codes, ensure_ascii=False)
    Setting.insert(key=CATEGORIES_SETTING, value=value).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: value}
    ).execute()


def load_categories(defaults: Sequence[str]) -> list[Category]:
    """The categories offered at intake, in the department's order (``defaults``, from the
    department's definitions, until the list is changed in the app)."""
    with storage_errors():
        codes = _stored_codes(defaults)
    return [Category(code, category_name(code)) for code in codes]


def add_category(name: str, *, by: Actor, defaults: Sequence[str]) -> Category:
    """Offer a new category (supervisors and managers); its name is its code."""
    require(by, Permission.SEE_ALL_WORK)
    name = required(name, "category")
    if len(name) > MAX_CATEGORY_LENGTH:
        raise ValidationError("complaint_error.category_too_long", field="category", max=30)
    with transaction():
        codes = _stored_codes(defaults)
        if name in codes or name in {category_name(code) for code in codes}:
            raise ValidationError("complaint_error.category_exists", field="category", name=name)
        _store_codes([*codes, name])
    return Category(name, category_name(name))


def remove_category(code: str, *, by: Actor, defaults: Sequence[str]) -> None:
    """Stop offering a category; complaints already filed under it keep it."""
    require(by, Permission.SEE_ALL_WORK)
    with transaction():
        codes = _stored_codes(defaults)
        if code not in codes:
            raise ValidationError("complaint_error.category_unknown", field="category", value=code)
        if len(codes) == 1:
            raise ValidationError("complaint_error.category_last", field="category")
        _store_codes([c for c in codes if c != code])
