"""``gendan keys``: every key binding by id, with the keys it has after ``[keys]``.

The ids are what ``[keys]`` in config.toml rebinds, so this is where a user finds them;
entries of ``[keys]`` that cannot work are told on stderr, as the app tells them on screen.
"""

from __future__ import annotations

import argparse
import sys

from gendan_tui.cli.base import Subcommands, say
from gendan_tui.config import Settings


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Add ``keys``."""
    keys = sub.add_parser("keys", parents=[common], help="list the keys by binding id")
    keys.set_defaults(handler=cmd_keys)


def cmd_keys(args: argparse.Namespace, settings: Settings) -> int:
    """Print one line per binding id: the id, its keys, and what it does."""
    from gendan_tui.keymap import check_keymap, defined_bindings
    from gendan_tui.widgets.keys import area_of, translate_binding, verb_of

    keymap, problems = check_keymap(settings.keymap)
    for problem in (*settings.key_problems, *problems):
        sys.stderr.write(f"gendan: {problem}\n")
    bindings = {binding.id: binding for _, binding in defined_bindings()}
    rows = [
        (binding_id, keymap.get(binding_id, binding.key), translate_binding(binding))
        for binding_id, binding in sorted(bindings.items(), key=lambda item: str(item[0]))
        if binding_id is not None
    ]
    id_width = max(len(binding_id) for binding_id, _, _ in rows)
    keys_width = max(len(keys) for _, keys, _ in rows)
    for binding_id, keys, binding in rows:
        say(
            f"{binding_id:<{id_width}}  {keys:<{keys_width}}  {area_of(binding)}: {verb_of(binding)}"
        )
    return 0
