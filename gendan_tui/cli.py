"""The ``gendan`` command: opens the TUI, and runs the same services from the shell.

Every subcommand turns a :class:`UserError` into one line on stderr (in the chosen
language) and exit status 2; nothing is half-saved because services work in transactions.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path

from gendan_tui import i18n
from gendan_tui.config import Settings, demo_database_url, load_settings
from gendan_tui.core.errors import UserError, ValidationError
from gendan_tui.core.validation import parse_date

EXIT_USER_ERROR = 2


def _date_arg(text: str) -> date:
    try:
        return parse_date(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _common(default: object = None) -> argparse.ArgumentParser:
    """Options every subcommand takes; on subcommands they default to "not given" so a value
    given before the subcommand is not overwritten."""
    common = argparse.ArgumentParser(add_help=False, argument_default=default)
    common.add_argument("--db", help="database path or postgresql:// URL")
    common.add_argument("--clerk", help="login of the clerk at work")
    common.add_argument("--lang", help="zh (default) or en")
    common.add_argument("--date", type=_date_arg, help="work as if today were YYYY-MM-DD")
    return common


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="gendan", parents=[_common()])
    common = _common(argparse.SUPPRESS)
    parser.add_argument(
        "--demo", action="store_true", help="open the demo database, creating it on first run"
    )
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo", parents=[common], help="fill a database with demo data")
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--customers", type=int, default=2000)
    demo.add_argument("--callbacks", type=int, default=None, help="call records (default 10×)")

    queue = sub.add_parser("queue", parents=[common], help="print the day's callback queue")
    queue.add_argument("--json", action="store_true", help="print JSON")

    sub.add_parser("init", parents=[common], help="create an empty database")

    clerk = sub.add_parser("clerk", parents=[common], help="list or add clerks")
    clerk_sub = clerk.add_subparsers(dest="clerk_command", required=True)
    clerk_sub.add_parser("list", parents=[common])
    add = clerk_sub.add_parser("add", parents=[common])
    add.add_argument("login")
    add.add_argument("name")

    cal = sub.add_parser("calendar", parents=[common], help="working-day calendar overrides")
    cal_sub = cal.add_subparsers(dest="calendar_command", required=True)
    set_day = cal_sub.add_parser("set", parents=[common], help="mark a day as work or off")
    set_day.add_argument("day", type=_date_arg)
    set_day.add_argument("kind", choices=("work", "off"))
    set_day.add_argument("--note", default="")
    confirm = cal_sub.add_parser("confirm", parents=[common], help="confirm a year is entered")
    confirm.add_argument("year", type=int)
    check = cal_sub.add_parser("check", parents=[common], help="is a day a working day")
    check.add_argument("day", type=_date_arg)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings().with_overrides(
        database_url=args.db, clerk=args.clerk, lang=args.lang, today=args.date
    )
    i18n.set_language(settings.lang)
    return settings


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")


def cmd_open(args: argparse.Namespace, settings: Settings) -> int:
    """Open the TUI (on the demo database with ``--demo``)."""
    from gendan_tui.core.services import clock_for, open_services

    if args.demo and not args.db:
        from gendan_tui.demo import DEMO_CLERK, build_demo

        url = demo_database_url()
        if not Path(url).exists():
            Path(url).parent.mkdir(parents=True, exist_ok=True)
            _print(i18n.t("cli.demo_building", path=url))
            build_demo(url, today=settings.today or date.today())
        settings = settings.with_overrides(database_url=url, clerk=settings.clerk or DEMO_CLERK)
    services = open_services(settings.database_url, clock=clock_for(settings.today))
    services.sign_in(settings.clerk)
    from gendan_tui.app import make_app

    make_app(services, settings).run()
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    """Fill a database with the demo data set."""
    from gendan_tui.demo import build_demo

    url = args.db or demo_database_url()
    if not args.db:
        Path(url).parent.mkdir(parents=True, exist_ok=True)
    summary = build_demo(
        url,
        seed=args.seed,
        customers=args.customers,
        callbacks=args.callbacks,
        today=settings.today or date.today(),
    )
    _print(i18n.t("cli.demo_done", path=url, **asdict(summary)))
    return 0


def cmd_queue(args: argparse.Namespace, settings: Settings) -> int:
    """Print one clerk's queue for the day, as text or JSON."""
    from gendan_tui.core.services import clock_for, open_services

    services = open_services(settings.database_url, clock=clock_for(settings.today))
    services.sign_in(settings.clerk)
    queue = services.callbacks.queue()
    if args.json:
        rows = [
            {
                "customer": item.customer_name,
                "customer_id": item.customer_id,
                "phone": item.phone,
                "why": item.reason,
                "why_text": i18n.t(f"reason.{item.reason}"),
                "due_date": item.due_on.isoformat(),
                "days_overdue": item.days_overdue,
                "attempts": item.attempts,
                "frequent_problems": item.frequent,
            }
            for item in queue.items
        ]
        payload = {
            "date": queue.day.isoformat(),
            "clerk": queue.clerk,
            "total": queue.total,
            "successes_today": queue.successes,
            "quota": queue.quota,
            "items": rows,
        }
        _print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    _print(
        i18n.t(
            "cli.queue_header",
            date=queue.day.isoformat(),
            clerk=queue.clerk,
            total=queue.total,
            done=queue.successes,
            quota=queue.quota,
        )
    )
    for item in queue.items:
        _print(
            "\t".join(
                (
                    item.due_on.isoformat(),
                    i18n.t("cli.overdue_days", days=item.days_overdue) if item.days_overdue else "",
                    i18n.t(f"reason.{item.reason}"),
                    item.customer_name,
                    item.phone,
                    i18n.t("cli.attempts", count=item.attempts) if item.attempts else "",
                )
            )
        )
    return 0


def cmd_init(args: argparse.Namespace, settings: Settings) -> int:
    """Create an empty database at the current schema."""
    from gendan_tui.core.services import open_services

    if not args.db:
        Path(settings.database_url).parent.mkdir(parents=True, exist_ok=True)
    open_services(settings.database_url, create=True)
    _print(i18n.t("cli.init_done", path=settings.database_url))
    return 0


def cmd_clerk(args: argparse.Namespace, settings: Settings) -> int:
    """List clerks, or add one."""
    from gendan_tui.core import users
    from gendan_tui.core.services import open_services

    open_services(settings.database_url)
    if args.clerk_command == "add":
        actor = users.add_clerk(args.login, args.name)
        _print(i18n.t("cli.clerk_added", login=actor.login, name=actor.name))
        return 0
    for actor in users.list_clerks():
        _print(f"{actor.login}\t{actor.name}")
    return 0


def cmd_calendar(args: argparse.Namespace, settings: Settings) -> int:
    """Change or query the working-day calendar."""
    from gendan_tui.core import department
    from gendan_tui.core.services import open_services

    open_services(settings.database_url)
    if args.calendar_command == "set":
        department.set_calendar_day(args.day, args.kind == "work", args.note)
    elif args.calendar_command == "confirm":
        department.confirm_calendar_year(args.year)
    else:
        is_work = department.load_calendar().is_workday(args.day)
        _print(i18n.t("cli.workday" if is_work else "cli.day_off", day=args.day.isoformat()))
        return 0
    _print(i18n.t("cli.saved"))
    return 0


COMMANDS: dict[str | None, Callable[[argparse.Namespace, Settings], int]] = {
    None: cmd_open,
    "demo": cmd_demo,
    "queue": cmd_queue,
    "init": cmd_init,
    "clerk": cmd_clerk,
    "calendar": cmd_calendar,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gendan`` with ``argv``; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        settings = _settings(args)
        return COMMANDS[args.command](args, settings)
    except UserError as exc:
        sys.stderr.write(f"gendan: {exc}\n")
        return EXIT_USER_ERROR
