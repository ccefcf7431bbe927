"""The footer of every full screen: Textual's, rebuilt only when the keys it shows change.

A screen refreshes its bindings far more often than they change (each focus change, each
queue read, each save), and Textual's footer rebuilds all its keys every time, once per
refresh request. This one compares what it would show with what it shows and skips the
rebuild when they are the same; start-up alone asks for it three times.
"""

from __future__ import annotations

from textual.widgets import Footer

ShownKeys = tuple[tuple[str, str, bool, str], ...]


class KeysFooter(Footer):
    """A footer that rebuilds itself only when the shown keys or their state changed."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: ShownKeys | None = None

    def keys_to_show(self) -> ShownKeys:
        """Each shown key with its label, whether it can act now, and its tooltip."""
        return tuple(
            (binding.key, binding.description, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )

    async def recompose(self) -> None:
        keys = self.keys_to_show()
        if keys == self.shown:
            return
        self.shown = keys
        await super().recompose()
