"""Key bindings whose texts are translation keys, put into the current language per instance.

``BINDINGS`` are class attributes, read once at import; the language is chosen later (and
tests switch it), so descriptions, tooltips and group labels are written as ``ui.…`` keys
and translated when a screen or widget is built. A binding's ``id`` is ``area.verb``; the
area names the binding in the help screen and the command palette ("回访: 记录成功回访").
An id names one binding, which is what a user rebinds in ``[keys]``; a binding that several
screens offer alike (Esc to go back) is defined here once, so one entry rebinds it on all.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from gendan_tui.i18n import DEFAULT_LANGUAGE, has_key, t

BACK = Binding("escape", "back", "ui.key.back", id="app.back")
"""Esc on a full screen opened over another: back to the one below."""
CANCEL = Binding("escape", "cancel", "ui.key.cancel", id="form.cancel")
"""Esc in a dialog: close it without saving or choosing."""
NEW_COMPLAINT = Binding(
    "c", "complaint", "ui.key.complaint", tooltip="ui.key.complaint_long", id="complaint.new"
)
"""Take a complaint from the customer on screen."""


def _text(value: str) -> str:
    return t(value) if value and has_key(value, DEFAULT_LANGUAGE) else value


def translate_binding(binding: Binding) -> Binding:
    """``binding`` with its description, tooltip and group label in the current language."""
    group = binding.group
    if group is not None:
        group = Binding.Group(_text(group.description), compact=group.compact)
    return replace(
        binding,
        description=_text(binding.description),
        tooltip=_text(binding.tooltip),
        group=group,
    )


def localize_bindings(node: DOMNode) -> None:
    """Replace ``node``'s own bindings with translated copies (call from ``__init__``)."""
    node._bindings = BindingsMap.from_keys(
        {
            key: [translate_binding(binding) for binding in bindings]
            for key, bindings in node._bindings.key_to_bindings.items()
        }
    )


def bound_to(node: DOMNode, key: str) -> list[Binding]:
    """The bindings of ``node`` itself that ``key`` runs, with the app's keymap applied."""
    keymap = node.app._keymap
    if not keymap:
        return node._bindings.key_to_bindings.get(key, [])
    bindings = node._bindings.copy()
    bindings.apply_keymap(keymap)
    return bindings.key_to_bindings.get(key, [])


def key_in_force(node: DOMNode, binding_id: str, default: str) -> str:
    """How the first key of binding ``binding_id`` is shown (for texts that name it): the
    user's key when the keymap rebinds it, else ``default``."""
    keys = node.app._keymap.get(binding_id, default)
    return node.app.get_key_display(Binding(keys.split(",")[0], ""))


def area_of(binding: Binding) -> str:
    """The translated area of a binding ("回访"), from the first part of its id."""
    area = (binding.id or "app").split(".", 1)[0]
    return t(f"ui.area.{area}")


def verb_of(binding: Binding) -> str:
    """What the binding does in a full phrase: its tooltip, else its footer description."""
    return binding.tooltip or binding.description
