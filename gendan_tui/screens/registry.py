"""The top-level screens, each switched to by its number key and from the command palette.

A new screen is one line in ``SCREENS``: its number key, its name, its title (a
translation key) and its class.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.screen import Screen

from gendan_tui.screens.complaints import ComplaintsScreen
from gendan_tui.screens.today import TodayScreen


@dataclass(frozen=True)
class ScreenEntry:
    """One top-level screen."""

    key: str
    name: str
    title: str
    factory: Callable[[], Screen[Any]]


SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("1", "today", "ui.screen.today", TodayScreen),
    ScreenEntry("3", "complaints", "ui.complaints.title", ComplaintsScreen),
)

HOME = SCREENS[0].name
