"""Benchmarks of the clerk's desk on a large demo database; one figure per line.

    python bench/run.py            # 100,000 customers, 1,000,000 call records
    python bench/run.py --quick    # 2,000 customers, 20,000 call records (smoke size)

The database is built under ``bench/.data/`` on first use and reused afterwards (keyed by
size, seed and day). Every line reads ``name: value unit``, with the target where there
is one. The day is fixed, so runs on different dates measure the same queue.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_db import bench_database  # noqa: E402
from queries import measure_queries  # noqa: E402
from startup import app_available, measure_startup  # noqa: E402
from stats import figure  # noqa: E402

from gendan_tui.demo import DEMO_CLERK  # noqa: E402
from gendan_tui.store.db import close_database  # noqa: E402

SEED = 2026
BENCH_DAY = date(2025, 11, 18)
"""A plain working Tuesday: neither after a holiday nor at a month's end."""
FULL = (100_000, 1_000_000)
QUICK = (2_000, 20_000)
QUEUE_TARGET_MS = 5
START_RATIO_TARGET = 1.3
LIST_ROWS_TARGET = 300


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small smoke size")
    parser.add_argument("--runs", type=int, default=5, help="process starts per app")
    args = parser.parse_args(argv)
    customers, callbacks = QUICK if args.quick else FULL
    os.environ.setdefault("GENDAN_HOME", str(Path(__file__).resolve().parent / ".data" / "home"))

    figure("size", f"{customers} customers, {callbacks} call records", note=f"day {BENCH_DAY}")
    data = bench_database(customers, callbacks, SEED, BENCH_DAY)
    figure(
        "demo_build",
        data.summary.seconds,
        "s",
        "built earlier, reused" if data.reused else "target well under 60 s",
    )
    figure("db_size", round(data.size_bytes / 2**20), "MB")
    url = str(data.path)

    times = measure_queries(url, BENCH_DAY)
    figure("queue_query", times.queue_median, "ms", f"median, target <= {QUEUE_TARGET_MS} ms")
    figure("queue_query_p95", times.queue_p95, "ms")
    figure("queue_rows", times.queue_rows, "rows", "largest queue of the clerks timed")
    figure("customer_search_phone", times.search_phone, "ms", "4 digits anywhere in a number")
    figure("customer_search_initials", times.search_initials, "ms", "pinyin initials prefix")
    figure("customer_search_name", times.search_name, "ms", "part of the name")
    figure("customer_detail", times.detail, "ms", "the customer pane's data")
    close_database()

    if not app_available():
        skipped = ("start_app", "start_bare", "start_ratio", "start_layout", "start_layout_ratio")
        for name in (*skipped, "key_to_update", "max_list_rows"):
            figure(name, "n/a", note="app not available")
        return 0
    start = measure_startup(url, DEMO_CLERK, BENCH_DAY, runs=args.runs)
    figure(
        "start_app",
        start.app,
        "ms",
        f"median of {args.runs}, process start to the filled queue painted",
    )
    figure("start_bare", start.bare, "ms", "bare Textual app, its 50-row table painted")
    figure("start_ratio", round(start.ratio, 2), "x", f"target <= {START_RATIO_TARGET}")
    figure("start_layout", start.layout, "ms", "the home screen's layout, no data layer")
    figure("start_layout_ratio", round(start.layout_ratio, 2), "x", "layout alone vs bare")

    from ui import measure_ui

    ui = asyncio.run(measure_ui(url, DEMO_CLERK, BENCH_DAY))
    figure("key_to_update", ui.key_to_update_ms, "ms", f"median of {ui.presses} presses of j")
    figure(
        "max_list_rows",
        ui.max_rows,
        "rows",
        f"{ui.max_rows_where}, target <= {LIST_ROWS_TARGET}",
    )
    close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
