"""``gendan calendar``: the department's corrections to the working-day calendar."""

from __future__ import annotations

import argparse

from gendan_tui import i18n
from gendan_tui.cli.base import Subcommands, date_arg, open_for, say, sign_in
from gendan_tui.config import Settings


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Add ``calendar set|confirm|check``."""
    cal = sub.add_parser("calendar", parents=[common], help="working-day calendar overrides")
    cal.set_defaults(handler=cmd_calendar)
    cal_sub = cal.add_subparsers(dest="calendar_command", required=True)
    set_day = cal_sub.add_parser("set", parents=[common], help="mark a day as work or off")
    set_day.add_argument("day", type=date_arg)
    set_day.add_argument("kind", choices=("work", "off"))
    set_day.add_argument("--note", default="")
    confirm = cal_sub.add_parser("confirm", parents=[common], help="confirm a year is entered")
    confirm.add_argument("year", type=int)
    check = cal_sub.add_parser("check", parents=[common], help="is a day a working day")
    check.add_argument("day", type=date_arg)


def cmd_calendar(args: argparse.Namespace, settings: Settings) -> int:
    """Query the working-day calendar, or change it (signed in as someone who may)."""
    services = open_for(settings)
    if args.calendar_command == "check":
        is_work = services.department.is_workday(args.day)
        say(i18n.t("cli.workday" if is_work else "cli.day_off", day=args.day.isoformat()))
        return 0
    sign_in(services, settings)
    if args.calendar_command == "set":
        services.department.set_calendar_day(args.day, args.kind == "work", args.note)
    else:
        services.department.confirm_calendar_year(args.year)
    say(i18n.t("cli.saved"))
    return 0
