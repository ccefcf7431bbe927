"""Placeholder until the generator lands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DEMO_CLERK = "zhangli"


@dataclass(frozen=True)
class DemoSummary:
    customers: int
    callbacks: int
    orders: int
    complaints: int
    seconds: float


def build_demo(
    url: str,
    *,
    today: date,
    seed: int = 2026,
    customers: int = 2000,
    callbacks: int | None = None,
) -> DemoSummary:
    """Create and fill the database at ``url``."""
    raise NotImplementedError
