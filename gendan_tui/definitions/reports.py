"""The report calendar (``data/reports.toml``): when each regular report falls due and which
period it then covers."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import time

from gendan_tui.core.periods import MONTH, WEEK
from gendan_tui.definitions.fields import Table
from gendan_tui.definitions.source import Document


@dataclass(frozen=True)
class Obligation:
    """Report ``report`` falls due for the ``covers`` period before the current one: on
    ``due_weekday`` (1 = Monday) of the week or on ``due_day`` of the month, at
    ``due_time``; with ``on_workday`` a day off moves it to the next working day."""

    report: str
    covers: str
    due_time: time
    due_weekday: int | None = None
    due_day: int | None = None
    on_workday: bool = False


def _time(entry: Table, key: str) -> time:
    text = entry.text(key)
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise entry.invalid(key, "definitions.bad_time", value=text) from None


def _obligation(entry: Table, reports: Collection[str]) -> Obligation:
    report = entry.choice("report", sorted(reports))
    covers = entry.choice("covers", (WEEK, MONTH))
    due = (
        {"due_weekday": entry.integer("due_weekday", least=1, most=7)}
        if covers == WEEK
        else {"due_day": entry.integer("due_day", least=1, most=28)}
    )
    return Obligation(
        report, covers, _time(entry, "due_time"), on_workday=entry.flag("on_workday"), **due
    )


def parse_obligations(doc: Document, reports: Collection[str]) -> dict[str, Obligation]:
    """The obligations in ``doc`` by report code; ``reports`` are the codes the app can
    write. Anything wrong raises ``Invalid`` with its line."""
    top = Table(doc, (), doc.data)
    found: dict[str, Obligation] = {}
    for entry in top.tables("obligations"):
        obligation = _obligation(entry, reports)
        if obligation.report in found:
            raise entry.invalid("report", "definitions.duplicate", value=obligation.report)
        found[obligation.report] = obligation
    return found
