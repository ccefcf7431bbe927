"""``gendan report``: write the app's Excel reports from the shell (for scheduled exports).

``gendan report --list`` lists every report; ``gendan report complaints-weekly --week
2026-W48 --out FILE.xlsx`` writes one. Without a period, the one now due is written.
"""

from __future__ import annotations

import argparse

from gendan_tui import i18n
from gendan_tui.cli.base import Subcommands, open_for, say, sign_in
from gendan_tui.cli.progress import progress_bar
from gendan_tui.config import Settings
from gendan_tui.core.periods import MONTH, WEEK
from gendan_tui.core.services import Services
from gendan_tui.errors import UserError
from gendan_tui.reports import REPORTS, report_spec

PERIOD_HELP = {
    WEEK: "ISO week such as 2026-W48 (default: last week)",
    MONTH: "month such as 2026-11 (default: last month)",
}


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Add ``report --list`` and one ``report <code>`` per registered report."""
    report = sub.add_parser("report", parents=[common], help="export reports as .xlsx")
    report.add_argument(
        "--list", action="store_true", dest="list_reports", help="list every report"
    )
    report.set_defaults(handler=cmd_report, report_code=None)
    codes = report.add_subparsers(dest="report_code")
    for spec in REPORTS.values():
        one = codes.add_parser(spec.code, parents=[common], help=f"write {spec.code}")
        one.add_argument(f"--{spec.period_kind}", dest="period", help=PERIOD_HELP[spec.period_kind])
        one.add_argument("--out", help="the .xlsx file to write (default: its name, here)")


def _sign_in_for_export(services: Services, settings: Settings) -> None:
    """Sign in as the named person; unnamed, as the only clerk. A desk without passwords
    may also export unnamed (a scheduled job), recorded without a person."""
    if settings.clerk:
        sign_in(services, settings)
        return
    if services.users.uses_passwords():
        sign_in(services, settings)
        return
    try:
        services.sign_in(None)
    except UserError:
        services.ctx.actor = None


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    """List the reports, or write one."""
    if args.list_reports or not args.report_code:
        for spec in REPORTS.values():
            say(i18n.t("report_cli.list_line", code=spec.code, name=spec.name, due=spec.due_text))
        return 0
    spec = report_spec(args.report_code)
    period = spec.parse_period(args.period) if args.period else None
    services = open_for(settings)
    _sign_in_for_export(services, settings)
    reports = services.reports
    period = period or reports.due_period(spec.code)
    out = args.out or reports.default_path(spec.code, period)
    with progress_bar(i18n.t("report_cli.writing", name=spec.name)) as tell:
        result = reports.export(spec.code, period, out, lambda done, total: tell(done, total, None))
    say(
        i18n.t(
            "report_cli.exported",
            name=result.name,
            period=result.period.label,
            rows=result.rows,
            path=str(result.path),
        )
    )
    return 0
