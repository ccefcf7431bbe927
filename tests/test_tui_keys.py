"""Key bindings: every id names one binding, and every id's area reads in both languages."""

from __future__ import annotations

from collections import defaultdict

import pytest
from textual.binding import Binding

from gendan_tui import i18n
from gendan_tui.keymap import defined_bindings


def test_each_binding_id_names_one_binding() -> None:
    named: dict[str | None, set[Binding]] = defaultdict(set)
    owners: dict[str | None, set[str]] = defaultdict(set)
    for owner, binding in defined_bindings():
        named[binding.id].add(binding)
        owners[binding.id].add(owner.__name__)
    assert None not in named, f"bindings without an id in {sorted(owners[None])}"
    shared = {
        binding_id: sorted(owners[binding_id])
        for binding_id, bindings in named.items()
        if len(bindings) > 1
    }
    assert shared == {}
    assert {"callback.success", "app.quit", "login.leave", "app.back"} <= set(named)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_binding_area_is_translated(lang: str) -> None:
    areas = {(binding.id or "").split(".", 1)[0] for _, binding in defined_bindings()}
    missing = sorted(area for area in areas if not i18n.has_key(f"ui.area.{area}", lang))
    assert missing == []
