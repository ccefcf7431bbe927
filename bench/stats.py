"""Small helpers for timing and for printing figures as ``name: value unit``."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def time_ms(call: Callable[[], Any]) -> float:
    """Wall time of one call, in milliseconds."""
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def median(samples: list[float]) -> float:
    """The middle sample."""
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    """The 95th percentile (the sample below which 95 % of them fall)."""
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def figure(name: str, value: float | int | str, unit: str = "", note: str = "") -> None:
    """Print one figure line, flushed at once so a long run shows progress."""
    if isinstance(value, float):
        text = f"{value:.1f}" if value >= 10 else f"{value:.2f}"
    else:
        text = str(value)
    line = f"{name}: {text}"
    if unit:
        line += f" {unit}"
    if note:
        line += f" ({note})"
    print(line, flush=True)
