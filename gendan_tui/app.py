"""The Textual app: a thin shell that holds the session's services and switches screens.

``make_app`` is shared by the ``gendan`` command and the tests. Screens live in
``screens/`` (the number-key registry in ``screens/registry.py``), styles in ``app.tcss``.
The home screen is the base of Textual's default mode, so opening it costs no mode
switch (each first switch re-reads every style sheet). When the command line has not
signed the person in, the start screen covers it until someone is; the home screen starts
its work once it shows to a signed-in person. Dialogs and the other screens are imported
when first opened. The user's ``[keys]`` apply from the first paint; checking them needs
every screen's bindings, so it waits until that paint, then sets aside the entries that
cannot work and says why.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen

from gendan_tui import i18n
from gendan_tui.config import Settings
from gendan_tui.core.first_look import FirstLook
from gendan_tui.core.roles import Permission, can
from gendan_tui.core.services import Services
from gendan_tui.i18n import t, weekday_name
from gendan_tui.screens.palette import PALETTE_ID, ActionsProvider
from gendan_tui.screens.registry import HOME, SCREENS
from gendan_tui.startup import resume_collection
from gendan_tui.widgets.keys import localize_bindings

if TYPE_CHECKING:
    from gendan_tui.screens.start import StartScreen

GLOBAL_ACTIONS = frozenset(
    {"help", "quit", "show_screen", "command_palette", "intake", "export_reports"}
)
SIGNED_IN_ACTIONS = frozenset({"show_screen", "command_palette", "intake", "export_reports"})
APP_PERMISSIONS = {
    "intake": Permission.TAKE_COMPLAINTS,
    "export_reports": Permission.EXPORT_REPORTS,
}


class GendanApp(App[None]):
    """The clerk's desk."""

    CSS_PATH = "app.tcss"
    DEFAULT_MODE = HOME.name
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        entry.name: entry.create for entry in SCREENS if entry is not HOME
    }
    COMMANDS: ClassVar = {ActionsProvider}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                entry.key,
                f"show_screen('{entry.name}')",
                entry.title,
                show=False,
                id=f"screen.{entry.name}",
            )
            for entry in SCREENS
        ),
        Binding("question_mark", "help", "ui.key.help", tooltip="ui.key.help_long", id="help.keys"),
        Binding("q", "quit", "ui.key.quit", tooltip="ui.key.quit_long", id="app.quit"),
        Binding(
            "t", "intake", "ui.intake.key", tooltip="ui.intake.key_long", id="complaint.intake"
        ),
        Binding(
            "e",
            "export_reports",
            "ui.export.key",
            tooltip="ui.export.key_long",
            show=False,
            id="report.export",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "ui.key.palette",
            tooltip="ui.key.palette_long",
            show=False,
            priority=True,
            id=PALETTE_ID,
        ),
    ]

    def __init__(
        self,
        services: Services,
        settings: Settings,
        call: str | None = None,
        first_look: FirstLook | None = None,
    ) -> None:
        super().__init__()
        localize_bindings(self)
        if settings.keymap:
            self.set_keymap(settings.keymap)
        self.services = services
        self.settings = settings
        self.incoming_call = call
        """The number of a call the app was opened for (``gendan --call``), until answered."""
        self.first_look = first_look
        """The home screen's first queue and customer, read as the session opened; taken
        by the home screen's first paint."""
        self.ready_for_work = asyncio.Event()
        """Set once the home screen's queue has first been filled."""
        self.title = t("app.title")

    def get_default_screen(self) -> Screen[Any]:
        return HOME.create()

    def on_mount(self) -> None:
        """Resume collection after the first paint; give the home screen, already the base
        of the default mode, its mode name for its number key; then begin the day, or
        cover the home screen with the start screen until someone signs in."""
        self.call_after_refresh(resume_collection)
        if self.settings.keymap or self.settings.key_problems:
            self.call_after_refresh(self.check_keys)
        self.add_mode(HOME.name, HOME.create)
        for problem in self.services.ctx.definitions.problems:
            self.notify(
                str(problem), title=t("ui.definitions.title"), severity="warning", timeout=20
            )
        if self.services.ctx.actor is not None:
            self.begin_day()
            return
        from gendan_tui.screens.start import StartScreen

        self.push_screen(StartScreen(self.settings.clerk or ""))

    def check_keys(self) -> None:
        """Keep only the ``[keys]`` entries that can work, and tell the user about the
        others, one notification each."""
        problems = list(self.settings.key_problems)
        if self.settings.keymap:
            from gendan_tui.keymap import check_keymap

            keymap, found = check_keymap(self.settings.keymap)
            if found:
                self.set_keymap(keymap)
            problems.extend(found)
        for problem in problems:
            self.notify(str(problem), title=t("keys.title"), severity="warning", timeout=15)

    async def on_start_screen_signed_in(self, message: StartScreen.SignedIn) -> None:
        await self.pop_screen()
        self.begin_day()

    def begin_day(self) -> None:
        """Name the signed-in person and the day in the header; answer the call the app
        was opened for."""
        actor = self.services.ctx.require_actor()
        today = self.services.ctx.clock.today()
        self.sub_title = t(
            "ui.app.subtitle",
            clerk=actor.name,
            date=today.isoformat(),
            weekday=weekday_name(today),
        )
        if self.incoming_call:
            from gendan_tui.screens.incoming import IncomingCallScreen

            self.push_screen(IncomingCallScreen(self.incoming_call))
            self.incoming_call = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Screen switching, help and quitting wait until an open dialog is closed (the
        command palette is not one: it offers them); the screens wait until someone is
        signed in."""
        dialog = isinstance(self.screen, ModalScreen) and not isinstance(
            self.screen, CommandPalette
        )
        if action in GLOBAL_ACTIONS and dialog:
            return False
        actor = self.services.ctx.actor
        if action in APP_PERMISSIONS and actor is not None:
            return can(actor, APP_PERMISSIONS[action])
        return not (action in SIGNED_IN_ACTIONS and actor is None)

    async def action_show_screen(self, name: str) -> None:
        """Switch to the top-level screen ``name``; on it already, go back to its base."""
        if self.current_mode != name:
            await self.switch_mode(name)
            return
        while len(self.screen_stack) > 1:
            await self.pop_screen()

    def action_intake(self) -> None:
        """Take a complaint from any caller (客服部投诉跟踪表)."""
        from gendan_tui.screens.complaint_form import take_complaint

        take_complaint(self, self.services.complaints.take)

    def action_export_reports(self) -> None:
        """Export a complaint report to Excel."""
        from gendan_tui.screens.export import ExportScreen

        self.push_screen(ExportScreen())

    def action_help(self) -> None:
        """List the keys of the current screen."""
        from gendan_tui.screens.help import HelpScreen, key_help

        screen = self.screen
        lines = key_help(screen.active_bindings.values(), self.get_key_display)
        self.push_screen(HelpScreen(screen.title or self.title, lines))

    def action_command_palette(self) -> None:
        """The command palette, with its prompt in the current language."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                CommandPalette(placeholder=t("ui.palette.placeholder"), id="--command-palette")
            )


def make_app(
    services: Services,
    settings: Settings,
    *,
    call: str | None = None,
    first_look: FirstLook | None = None,
) -> GendanApp:
    """The app for an opened session (the database open; the person signed in, or to be
    asked on the start screen); with ``call``, opened onto that incoming number; with
    ``first_look``, the home screen paints it at once instead of reading it."""
    i18n.set_language(settings.lang)
    return GendanApp(services, settings, call, first_look)
