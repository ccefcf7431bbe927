"""Every key binding the app defines, found in the app and its screen and widget modules.

The user's ``[keys]`` table rebinds bindings by id, so the ids must be known without
opening every screen; this module imports all of them, which the app does only for a user
who has a ``[keys]`` table, once the first screen is painted.
"""

from __future__ import annotations

import pkgutil
from collections.abc import Iterator
from importlib import import_module

from textual.binding import Binding
from textual.dom import DOMNode

UI_PACKAGES = ("gendan_tui.screens", "gendan_tui.widgets")


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
