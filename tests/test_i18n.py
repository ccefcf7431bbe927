"""The translation layer: both catalogs define the same keys, and lookups format."""

from __future__ import annotations

import pytest

from gendan_tui import i18n
from gendan_tui.errors import ValidationError


def test_catalogs_define_the_same_keys() -> None:
    assert i18n.keys("zh") == i18n.keys("en")


def test_lookup_formats_in_the_current_language() -> None:
    i18n.set_language("en")
    assert (
        i18n.t("error.unknown_clerk", login="x") == 'There is no active clerk with the login "x".'
    )
    i18n.set_language("zh")
    assert i18n.t("error.unknown_clerk", login="x") == "没有名为“x”的在职文员。"


def test_errors_render_in_the_current_language() -> None:
    error = ValidationError("error.date_invalid", value="2025-13-01")
    assert "2025-13-01" in str(error) and "日期" in str(error)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        i18n.set_language("fr")
