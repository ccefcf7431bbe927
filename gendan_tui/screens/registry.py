"""The top-level screens, each switched to by its number key and from the command palette.

A new screen is one line in ``SCREENS``: its number key, its name, its title (a
translation key) and where its class lives. A screen's module is imported when the
screen is first opened, so starting the app loads only the home screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from textual.screen import Screen


@dataclass(frozen=True)
class ScreenEntry:
    """One top-level screen."""

    key: str
    name: str
    title: str
    module: str
    class_name: str

    def create(self) -> Screen[Any]:
        """A new instance of the screen."""
        screen_class: type[Screen[Any]] = getattr(import_module(self.module), self.class_name)
        return screen_class()


SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("1", "today", "ui.screen.today", "gendan_tui.screens.today", "TodayScreen"),
    ScreenEntry(
        "3",
        "complaints",
        "ui.complaints.title",
        "gendan_tui.screens.complaints",
        "ComplaintsScreen",
    ),
)

HOME = SCREENS[0]
"""The screen the day's work opens on."""
