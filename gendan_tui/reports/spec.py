"""What a report is to the rest of the app: its code, its name as users know it, what period
it covers, and the function that writes it (when it is due is the report calendar's, in
``data/reports.toml``)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gendan_tui import i18n
from gendan_tui.core.periods import Period, parse_period
from gendan_tui.core.workcalendar import WorkCalendar
from gendan_tui.definitions import ComplaintVocabulary

Progress = Callable[[int, int], None]
"""Told ``(done, total)`` rows as a report is written; the TUI shows a progress bar."""


@dataclass(frozen=True)
class ReportRequest:
    """Everything a report writer needs, as plain values."""

    period: Period
    out: Path
    now: datetime
    calendar: WorkCalendar
    vocabulary: ComplaintVocabulary
    prepared_by: str = ""
    progress: Progress | None = None


@dataclass(frozen=True)
class ReportSpec:
    """One report of the app. ``writer`` names the module whose ``write(request) -> rows``
    writes it; it is imported only when a report is written, so starting the app stays fast."""

    code: str
    period_kind: str
    writer: str

    def write(self, request: ReportRequest) -> int:
        """Write the workbook for ``request``; returns the rows of its main table."""
        rows: int = importlib.import_module(self.writer).write(request)
        return rows

    @property
    def name(self) -> str:
        """The report's name as users know it, e.g. 客户投诉周报表."""
        return i18n.t(f"report_name.{self.code}")

    @property
    def due_text(self) -> str:
        """When the report is due, in words."""
        return i18n.t(f"report_due.{self.code}")

    def parse_period(self, text: str) -> Period:
        """The period ``text`` names (a week such as 2026-W48 or a month such as 2026-11)."""
        return parse_period(self.period_kind, text)

    def file_name(self, period: Period) -> str:
        """A file name for the report of ``period``: 客户投诉周报表_2026-W48.xlsx."""
        return f"{self.name}_{period.label}.xlsx"
