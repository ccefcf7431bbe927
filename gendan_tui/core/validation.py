"""Parsing what clerks type: dates, phone numbers, required text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from gendan_tui.errors import ValidationError

FIRST_YEAR = 1900
LAST_YEAR = 2999
"""The years the desk works in; dates outside are refused where they are typed, so no
reckoning from them (a window back, a week on) runs off the calendar."""

_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")
_SEPARATORS = re.compile(r"[\s\-()（）]")
_EXTENSION_MARK = re.compile(r"转|#|ext\.?|x", re.IGNORECASE)


def _split_extension(text: str) -> tuple[str, str]:
    """Split "020-12345678转808" into the number and its extension."""
    match = _EXTENSION_MARK.search(text)
    if not match:
        return text, ""
    return text[: match.start()], text[match.end() :]


def parse_date(text: str, field: str = "date") -> date:
    """A date typed as 2026-11-28, 2026/11/28, 2026.11.28 or 20261128."""
    value = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            day = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        check_year(day.year, field, text)
        return day
    raise ValidationError("error.date_invalid", field=field, value=text)


def check_year(year: int, field: str, text: str) -> None:
    """Refuse a date, week or month outside the years the desk works in."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            "error.year_out_of_range", field=field, value=text, first=FIRST_YEAR, last=LAST_YEAR
        )


@dataclass(frozen=True)
class PhoneNumber:
    """A normalised Chinese phone number: its digits, kind and how it is written."""

    digits: str
    kind: str
    extension: str = ""

    @property
    def display(self) -> str:
        """The number grouped the way clerks write it."""
        d = self.digits
        if self.kind == "mobile":
            text = f"{d[:3]} {d[3:7]} {d[7:]}"
        else:
            area = 3 if d[:2] in {"01", "02"} else 4
            text = f"{d[:area]}-{d[area:]}"
        return f"{text} 转{self.extension}" if self.extension else text


def parse_phone(text: str, field: str = "phone") -> PhoneNumber:
    """A mobile (13812345678) or landline with area code (020-12345678, ext. after 转 or #)."""
    main, extension = _split_extension(text.strip())
    digits = _SEPARATORS.sub("", main)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    extension = _SEPARATORS.sub("", extension)
    if not digits.isdigit() or (extension and not extension.isdigit()):
        raise ValidationError("error.phone_invalid", field=field, value=text)
    if _MOBILE.match(digits) and not extension:
        return PhoneNumber(digits, "mobile")
    if _LANDLINE.match(digits):
        return PhoneNumber(digits, "landline", extension)
    raise ValidationError("error.phone_invalid", field=field, value=text)


def phone_digits(text: str) -> str:
    """Only the digits of ``text``: what a partial phone search matches on."""
    return "".join(ch for ch in text if ch.isdigit())


def readable(text: str, field: str, label: str | None = None) -> str:
    """``text`` if it can be stored and shown: no bytes that were not UTF-8 (which arrive
    as lone surrogates) and no NUL; otherwise refused for ``field``, named by ``label``
    (an option or variable of the command line) when given, else shown at the field."""
    if "\x00" in text or any("\ud800" <= ch <= "\udfff" for ch in text):
        if label is None:
            raise ValidationError("error.unreadable_field", field=field)
        raise ValidationError("error.unreadable_text", field=field, name=label)
    return text


def required(text: str | None, field: str) -> str:
    """``text`` stripped, or a validation error naming ``field`` when it is empty."""
    value = (text or "").strip()
    if not value:
        raise ValidationError("error.required", field=field)
    return value
