"""Time and memory of the monthly complaint report (《每月客户投诉汇总表》) for a big month.

Generates a SQLite database with ``--rows`` complaints (100,000 by default) received in
one month, plus a tenth as many in the month before (the report compares the two), written
straight into the tables: a tenth as many customers as complaints (so nearly every customer
is a repeat customer, the worst case for that sheet), 3 % of the complaints typed so that
they look like formulas, 30 % with a follow-up. Then, each in a fresh Python process so
peak memory is its own:

- ``detail_rows``: the complaint rows, read by the report's own query, written as plain
  values into one sheet by openpyxl's own write-only mode (the strict baseline);
- ``all_rows``: the same, plus the rows of the repeat-customer sheet from the report's own
  query: every sizeable table the report writes, as plain write-only rows;
- ``monthly``: the whole report through ``ReportService.export``: detail, summary and
  chart, comparison with the previous month (read and summed), category ranking and
  chart, repeat customers; with the house standard (widths, filters, print setup, text
  kept as text).

All have imported what they use before the clock starts. Each is run ``--repeat`` times;
the best time counts. Prints ``name: value unit`` lines, including both ratios (target
<= 1.1) and the report's peak resident memory (target < 100 MB).
Run: ``.venv/bin/python bench/report_bench.py [--rows N] [--repeat N] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

MONTH = "2026-11"
TARGET_RATIO = 1.1
TARGET_PEAK_MB = 100.0
BATCH = 5000

CONTENTS = (
    "邮箱收不到外部来信，已经两天了",
    "网站首页图片显示不出来",
    "域名解析后网站打不开，客户很着急",
    "B2B 后台登录不了，提示密码错误",
    "客服电话打了三次都没人接，态度也不好",
    "沙发送货晚了一周，安装师傅没带工具",
    "发票抬头开错了，需要重开",
    "产品展示系统上传图片失败",
)
# Text that would turn into a formula if written carelessly; a few in a hundred complaints.
RISKY_CONTENTS = (
    "=客户要求把报价改成含税价",
    "-1 分的体验，网站太慢",
    "+86 号码打不通，要求更新联系方式",
    "@技术部 邮箱容量不够用了",
)
RISKY_SHARE = 0.03
RESOLUTIONS = (
    "已清理邮箱空间并恢复收信",
    "重新上传图片，清除缓存后恢复",
    "已联系总部修改解析，次日生效",
    "重置密码并电话指导登录",
    "向客户道歉，已安排专人跟进",
    "已安排师傅上门补装",
)
CATEGORIES = ("mailbox", "website", "domain", "b2b", "attitude", "delivery", "other")


def _month_start(label: str) -> datetime:
    year, month = (int(part) for part in label.split("-"))
    return datetime(year, month, 1)


def generate(path: Path, rows: int, seed: int = 2026) -> dict[str, float]:
    """Fill a new SQLite database at ``path``; returns counts and the seconds it took."""
    from gendan_tui.core.clock import FixedClock
    from gendan_tui.core.services import open_services
    from gendan_tui.store.db import database
    from gendan_tui.store.models import (
        Complaint,
        ComplaintEvent,
        Customer,
        Phone,
        User,
        UserRole,
    )

    started = time.perf_counter()
    rng = random.Random(seed)
    open_services(str(path), clock=FixedClock(date(2026, 12, 1)), create=True)
    db = database()
    month_start = _month_start(MONTH)
    previous_start = (month_start - timedelta(days=1)).replace(day=1)
    with db.atomic():
        staff = [("clerk", f"clerk{n}", f"文员{n}") for n in range(8)]
        staff += [("technician", f"tech{n}", f"技术员{n}") for n in range(3)]
        staff += [("production_manager", "prod", "制作经理"), ("sales_rep", "sales", "商务代表")]
        users: dict[str, list[int]] = {}
        for role, login, name in staff:
            user = User.create(login=login, name=name)
            UserRole.create(user=user, role=role)
            users.setdefault(role, []).append(user.id)
        customers = max(10, rows // 10)
        Customer.insert_many(
            [
                {
                    "name": f"客户{n:05d}科技有限公司",
                    "initials": f"kh{n}",
                    "created_on": date(2024, 1, 1),
                }
                for n in range(customers)
            ]
        ).execute()
        customer_ids = [c.id for c in Customer.select(Customer.id)]
        for start in range(0, len(customer_ids), BATCH):
            Phone.insert_many(
                [
                    {
                        "customer": cid,
                        "number": f"138 {cid:04d} {cid % 10000:04d}"[:13],
                        "digits": f"138{cid:08d}"[:11],
                        "kind": "mobile",
                    }
                    for cid in customer_ids[start : start + BATCH]
                ]
            ).execute()
        spans = ((month_start, rows, 30), (previous_start, max(1, rows // 10), 30))
        batch: list[dict[str, object]] = []
        for first, count, days in spans:
            step = days * 86400 / count
            for n in range(count):
                batch.append(_complaint(rng, first, n * step, customer_ids, users))
                if len(batch) == BATCH:
                    Complaint.insert_many(batch).execute()
                    batch = []
        if batch:
            Complaint.insert_many(batch).execute()
        events: list[dict[str, object]] = []
        query = Complaint.select(Complaint.id, Complaint.received_at, Complaint.taken_by)
        for complaint_id, received_at, taken_by in query.tuples().iterator():
            events.append(_event(complaint_id, received_at, taken_by, "taken"))
            if rng.random() < 0.3:
                later = received_at + timedelta(hours=rng.randint(2, 48))
                events.append(_event(complaint_id, later, taken_by, "follow_up", "已催办"))
            if len(events) >= BATCH:
                ComplaintEvent.insert_many(events).execute()
                events = []
        if events:
            ComplaintEvent.insert_many(events).execute()
    db.close()
    return {"customers": customers, "seconds": time.perf_counter() - started}


def _event(
    complaint_id: int, at: datetime, user_id: int, kind: str, note: str = ""
) -> dict[str, object]:
    return {
        "complaint": complaint_id,
        "at": at,
        "user": user_id,
        "kind": kind,
        "note": note,
        "status_after": "open",
    }


def _complaint(
    rng: random.Random,
    first: datetime,
    offset_seconds: float,
    customer_ids: list[int],
    users: dict[str, list[int]],
) -> dict[str, object]:
    received = first + timedelta(seconds=int(offset_seconds))
    clerk = rng.choice(users["clerk"])
    row: dict[str, object] = {
        "customer": rng.choice(customer_ids),
        "received_at": received,
        "taken_by": clerk,
        "channel": rng.choice(("phone", "phone", "phone", "callback", "email")),
        "category": rng.choice(CATEGORIES),
        "content": rng.choice(RISKY_CONTENTS if rng.random() < RISKY_SHARE else CONTENTS),
        "severity": rng.choice(("low", "normal", "normal", "high")),
        "contact_name": rng.choice(("王经理", "李小姐", "张总", "")),
        "updated_at": received,
    }
    fate = rng.random()
    if fate < 0.35:
        row.update(
            status="closed",
            solved_on_spot=True,
            resolution=rng.choice(RESOLUTIONS),
            resolved_at=received,
            resolved_by=clerk,
            replied_at=received,
            reply_method="phone",
            replied_by=clerk,
            closed_at=received,
        )
        return row
    role = rng.choice(("technician", "technician", "production_manager", "sales_rep"))
    row.update(
        status="forwarded",
        assignee=rng.choice(users[role]),
        assignee_role=role,
        forwarded_at=received,
        due_on=(received + timedelta(days=3)).date(),
    )
    if fate < 0.85:
        resolved = received + timedelta(hours=rng.randint(3, 96))
        replied = resolved + timedelta(hours=rng.randint(1, 30))
        row.update(
            status="closed" if fate < 0.75 else "replied",
            resolution=rng.choice(RESOLUTIONS),
            resolved_at=resolved,
            replied_at=replied,
            reply_method=rng.choice(("phone", "email", "fax", "visit")),
            replied_by=clerk,
            reply_note="已告知客户处理结果",
            closed_at=replied if fate < 0.75 else None,
        )
    return row


def peak_rss_mb() -> float:
    """This process's peak resident memory. Read from /proc (VmHWM) where there is one:
    ``ru_maxrss`` of a child started by fork and exec also counts the parent's peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


KINDS = ("detail_rows", "all_rows", "monthly")


def child(kind: str, db_path: str, out: str) -> dict[str, float]:
    """One measured run in this (fresh) process."""
    from openpyxl import Workbook

    from gendan_tui.core.clock import FixedClock
    from gendan_tui.core.complaint_report_rows import ReportRow, repeat_customers, report_rows
    from gendan_tui.core.periods import parse_month
    from gendan_tui.core.services import open_services
    from gendan_tui.reports import report_spec
    from gendan_tui.reports.service import ReportService

    importlib.import_module(report_spec("complaints-monthly").writer)
    services = open_services(db_path, clock=FixedClock(date(2026, 12, 1)))
    services.sign_in("clerk0")
    month = parse_month(MONTH)
    ready_mb = peak_rss_mb()
    started = time.perf_counter()
    if kind == "monthly":
        rows = ReportService(services.ctx).export("complaints-monthly", month, out).rows
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("complaints")
        sheet.append(list(ReportRow._fields))
        rows = 0
        for row in report_rows(month.start_at, month.end_at):
            sheet.append(row)
            rows += 1  # noqa: SIM113 - counted as they stream by
        if kind == "all_rows":
            repeat = book.create_sheet("repeat customers")
            for customer in repeat_customers(month.start_at, month.end_at):
                categories = ",".join(f"{code}x{n}" for code, n in customer.categories)
                repeat.append(
                    [
                        customer.customer_id,
                        customer.name,
                        customer.phone,
                        customer.count,
                        customer.still_open,
                        customer.first_at,
                        customer.last_at,
                        categories,
                    ]
                )
        book.save(out)
    seconds = time.perf_counter() - started
    peak_mb = peak_rss_mb()
    return {"seconds": seconds, "peak_mb": peak_mb, "ready_mb": ready_mb, "rows": rows}


def measure(kind: str, db_path: Path, out: Path) -> dict[str, float]:
    """Run one measurement in a new interpreter and read its result."""
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--db", str(db_path), "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="complaints in the month")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--keep", type=Path, help="folder to keep the database and files in")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if args.child:
        print(json.dumps(child(args.child, args.db, args.out)))
        return 0

    with tempfile.TemporaryDirectory(prefix="gendan-report-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        db_path = folder / "report-bench.sqlite3"
        if db_path.exists():
            db_path.unlink()
        made = generate(db_path, args.rows)
        runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in KINDS}
        for _ in range(args.repeat):
            for kind in KINDS:
                runs[kind].append(measure(kind, db_path, folder / f"{kind}.xlsx"))
        best = {kind: min(r["seconds"] for r in runs[kind]) for kind in KINDS}
        peak = {kind: max(r["peak_mb"] for r in runs[kind]) for kind in KINDS}
        ratio_all = best["monthly"] / best["all_rows"]
        ratio_detail = best["monthly"] / best["detail_rows"]
        of = f"s (best of {args.repeat})"
        lines = [
            ("rows", f"{int(runs['monthly'][0]['rows'])}", "complaints (SQLite file, one month)"),
            ("previous_month_rows", f"{max(1, args.rows // 10)}", "complaints"),
            ("generate", f"{made['seconds']:.1f}", "s"),
            ("write_only_detail_rows", f"{best['detail_rows']:.2f}", of),
            ("write_only_all_rows", f"{best['all_rows']:.2f}", of),
            ("monthly_report", f"{best['monthly']:.2f}", of),
            ("ratio_to_all_rows", f"{ratio_all:.3f}", f"x (target <= {TARGET_RATIO})"),
            ("ratio_to_detail_rows", f"{ratio_detail:.3f}", "x"),
            ("write_only_detail_rows_peak_rss", f"{peak['detail_rows']:.1f}", "MB"),
            ("write_only_all_rows_peak_rss", f"{peak['all_rows']:.1f}", "MB"),
            ("monthly_peak_rss", f"{peak['monthly']:.1f}", f"MB (target < {TARGET_PEAK_MB:.0f})"),
            ("monthly_rss_before_work", f"{runs['monthly'][0]['ready_mb']:.1f}", "MB"),
            (
                "monthly_file",
                f"{(folder / 'monthly.xlsx').stat().st_size / 1_048_576:.1f}",
                "MB",
            ),
            (
                "targets_met",
                "yes" if ratio_all <= TARGET_RATIO and peak["monthly"] < TARGET_PEAK_MB else "no",
                "",
            ),
        ]
        for name, value, unit in lines:
            print(f"report_bench.{name}: {value} {unit}".rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
