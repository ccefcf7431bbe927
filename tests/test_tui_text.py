"""Every text the screens look up exists in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gendan_tui import i18n

UI_SOURCES = [
    Path(i18n.__file__).parent / "app.py",
    *sorted((Path(i18n.__file__).parent / "screens").glob("*.py")),
    *sorted((Path(i18n.__file__).parent / "widgets").glob("*.py")),
]
KEY = re.compile(r"""["'](ui\.[a-z_]+(?:\.[a-z_]+)+)["']""")


def ui_keys() -> set[str]:
    return {key for path in UI_SOURCES for key in KEY.findall(path.read_text("utf-8"))}


def test_the_screens_use_translation_keys() -> None:
    assert {"ui.quota.meter", "ui.key.success", "ui.queue.count_more"} <= ui_keys()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_key_the_screens_use_is_translated(lang: str) -> None:
    missing = sorted(key for key in ui_keys() if not i18n.has_key(key, lang))
    assert missing == []
