"""The command palette (Ctrl+P): every key of the current screen as "area: verb".

Commands are read from the screen's active key bindings, so the palette and the keys can
never disagree, and an action that cannot run now (no callback selected) is not offered.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.types import IgnoreReturnCallbackType

from gendan_tui.widgets.keys import area_of, verb_of

PALETTE_ID = "app.palette"


class ActionsProvider(Provider):
    """Offers the current screen's bound actions, in the current language."""

    def commands(self) -> Iterator[tuple[str, IgnoreReturnCallbackType, str]]:
        """(title, callback, key) for each action bound on the screen that can run now."""
        seen: set[tuple[int, str]] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            slot = (id(active.node), binding.action)
            if binding.id in (None, PALETTE_ID) or not active.enabled or slot in seen:
                continue
            seen.add(slot)
            title = f"{area_of(binding)}: {verb_of(binding)}"
            run = partial(self.app.run_action, binding.action, active.node)
            yield title, run, self.app.get_key_display(binding)

    async def discover(self) -> Hits:
        for title, run, key in self.commands():
            yield DiscoveryHit(title, run, help=key)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run, key in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, text=title, help=key)
