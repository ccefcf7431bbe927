"""Every key binding the app defines, and checking a user's ``[keys]`` table against them.

The user's ``[keys]`` table rebinds bindings by id. Knowing every id and every key means
importing every screen and widget module, which the app does only for a user who has a
``[keys]`` table, once its first screen is painted. Textual applies a keymap as it is (an
unknown id or key is ignored, and a key that lands on another binding of the same screen
or widget silently takes it over), so the check finds such entries for the app to leave out.
"""

from __future__ import annotations

import pkgutil
from collections import defaultdict
from collections.abc import Iterator, Mapping
from importlib import import_module

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import REPLACED_KEYS, Keys, _normalize_key_list, key_to_character

from gendan_tui.errors import UserError, ValidationError

UI_PACKAGES = ("gendan_tui.screens", "gendan_tui.widgets")
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(
    name
    for name in (key.value.rpartition("+")[2] for key in Keys)
    if len(name) > 1 and not name.startswith("<")
)


def bound_classes() -> list[type[DOMNode]]:
    """The app and every screen and widget class of the app's own modules."""
    from gendan_tui.app import GendanApp

    classes: list[type[DOMNode]] = [GendanApp]
    for package_name in UI_PACKAGES:
        package = import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__, f"{package_name}."):
            module = import_module(info.name)
            classes.extend(
                value
                for value in vars(module).values()
                if isinstance(value, type)
                and issubclass(value, DOMNode)
                and value.__module__ == module.__name__
            )
    return classes


def defined_bindings() -> Iterator[tuple[type[DOMNode], Binding]]:
    """Each class with each binding its own ``BINDINGS`` define (inherited ones not again)."""
    for node_class in bound_classes():
        for binding in vars(node_class).get("BINDINGS", ()):
            if isinstance(binding, Binding):
                yield node_class, binding


def is_key_name(key: str) -> bool:
    """Whether Textual knows ``key``, written as Textual writes keys ("ctrl+r", "f5",
    "question_mark"; a single character once normalized)."""
    *modifiers, base = key.split("+")
    if not set(modifiers) <= MODIFIERS or not base:
        return False
    if len(base) == 1:
        return base.isalnum()
    return base in NAMED_KEYS or base in REPLACED_KEYS or key_to_character(base) is not None


def check_keymap(keymap: Mapping[str, str]) -> tuple[dict[str, str], list[UserError]]:
    """The entries of ``keymap`` that can work, keys normalized as Textual reads them, and
    a problem for each of the others: an id no binding has, a value that is not a list of
    key names, or a key another binding of the same screen or widget already has."""
    classes = bound_classes()
    ids = {binding.id for node_class in classes for binding in _merged(node_class)}
    usable: dict[str, str] = {}
    problems: list[UserError] = []
    for entry, keys in keymap.items():
        normalized = _normalize_key_list(keys)
        bad = [key for key in normalized.split(",") if not is_key_name(key)]
        if entry not in ids:
            problems.append(ValidationError("keys.unknown", entry=entry))
        elif bad:
            problems.append(ValidationError("keys.bad_key", entry=entry, keys=keys, name=bad[0]))
        else:
            usable[entry] = normalized
    while clashes := _clashes(classes, usable):
        for entry, (key, other) in clashes.items():
            problems.append(
                ValidationError(
                    "keys.clash", entry=entry, keys=keymap[entry], name=key, other=other
                )
            )
            del usable[entry]
    return usable, problems


def _merged(node_class: type[DOMNode]) -> Iterator[Binding]:
    merged = node_class._merged_bindings
    if merged is not None:
        for bindings in merged.key_to_bindings.values():
            yield from bindings


def _clashes(classes: list[type[DOMNode]], keymap: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """Entries of ``keymap`` that give a binding a key which another binding of the same
    class (running another action) has, by default or by ``keymap``: entry → (key, other)."""
    found: dict[str, tuple[str, str]] = {}
    for node_class in classes:
        holders: dict[str, dict[str, str]] = defaultdict(dict)
        for binding in _merged(node_class):
            name = binding.id or binding.action
            keys = keymap[name].split(",") if name in keymap else [binding.key]
            for key in keys:
                holders[key].setdefault(name, binding.action)
        for key, names in holders.items():
            for entry in names.keys() & keymap.keys():
                others = sorted(name for name, action in names.items() if action != names[entry])
                if others and entry not in found:
                    found[entry] = (key, others[0])
    return found
