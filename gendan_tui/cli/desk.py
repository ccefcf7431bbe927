"""The clerk's desk from the shell: open the app, fill a demo, create a database, the queue."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from gendan_tui import i18n
from gendan_tui.cli.base import Subcommands, open_for, say, sign_in
from gendan_tui.cli.progress import progress_bar
from gendan_tui.config import Settings, demo_database_url
from gendan_tui.core.callbacks import Queue
from gendan_tui.core.first_look import read_first_look
from gendan_tui.core.services import Services, open_services
from gendan_tui.errors import UserError
from gendan_tui.startup import resume_collection

if TYPE_CHECKING:
    from gendan_tui.app import GendanApp
    from gendan_tui.demo.generate import BuildProgress


def add_open_options(parser: argparse.ArgumentParser) -> None:
    """Options of the bare ``gendan`` command that opens the app."""
    parser.add_argument(
        "--demo", action="store_true", help="open the demo database, creating it on first run"
    )
    parser.add_argument(
        "--call",
        metavar="NUMBER",
        help="open onto an incoming call: the caller's customer view, or complaint intake "
        "with the number filled in (for a softphone to launch)",
    )


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Add ``demo``, ``queue`` and ``init``."""
    demo = sub.add_parser("demo", parents=[common], help="fill a database with demo data")
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--customers", type=int, default=2000)
    demo.add_argument("--callbacks", type=int, default=None, help="call records (default 10x)")
    demo.set_defaults(handler=cmd_demo)

    queue = sub.add_parser("queue", parents=[common], help="print the day's callback queue")
    queue.add_argument("--json", action="store_true", help="print JSON")
    queue.set_defaults(handler=cmd_queue)

    init = sub.add_parser("init", parents=[common], help="create an empty database")
    init.set_defaults(handler=cmd_init)


def sign_in_without_asking(
    services: Services, settings: Settings, password: str | None = None
) -> None:
    """Sign in whoever needs no password: the named account, or the only clerk when nobody
    is named. An account with a password signs in with ``password`` when one is given (the
    demo's); otherwise the app's login screen asks, as it does when the person is unknown,
    and an empty database gets its first supervisor there."""
    accounts = services.users
    if not accounts.has_accounts():
        return
    login = settings.clerk
    if login and accounts.needs_password(login):
        if password is not None:
            with suppress(UserError):  # a changed password: the login screen asks
                services.authenticate(login, password)
        return
    if login:
        services.sign_in(login)
        return
    only = accounts.only_clerk()
    if only is not None and not accounts.needs_password(only.login):
        services.sign_in(only.login)


def cmd_open(args: argparse.Namespace, settings: Settings) -> int:
    """Open the TUI (on the demo database with ``--demo``, as the demo clerk)."""
    password = None
    if getattr(args, "demo", False) and not args.db:
        from gendan_tui import demo

        url = demo_database_url()
        if not Path(url).exists():
            resume_collection()  # building the demo is long work, not start-up
            Path(url).parent.mkdir(parents=True, exist_ok=True)
            say(i18n.t("cli.demo_building", path=url))
            with demo_progress() as progress:
                demo.build_demo(url, today=settings.today or date.today(), progress=progress)
        settings = settings.with_overrides(
            database_url=url, clerk=settings.clerk or demo.DEMO_CLERK
        )
        if settings.clerk == demo.DEMO_CLERK:
            password = demo.DEMO_PASSWORD
    services = open_for(settings)
    sign_in_without_asking(services, settings, password)
    desk_app(services, settings, call=getattr(args, "call", None)).run()
    return 0


def desk_app(services: Services, settings: Settings, call: str | None = None) -> GendanApp:
    """The app for an opened session, with the home screen's first look already read."""
    from gendan_tui.app import make_app

    return make_app(services, settings, call=call, first_look=read_first_look(services))


@contextmanager
def demo_progress() -> Iterator[BuildProgress]:
    """A bar that follows the steps of a demo build, each step named."""
    with progress_bar(i18n.t("demo.phase.staff")) as tell:
        yield lambda phase, done, total: tell(done, total, i18n.t(f"demo.phase.{phase}"))


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    """Fill a database with the demo data set."""
    from gendan_tui.demo import build_demo

    url = args.db or demo_database_url()
    if not args.db:
        Path(url).parent.mkdir(parents=True, exist_ok=True)
    with demo_progress() as progress:
        summary = build_demo(
            url,
            seed=args.seed,
            customers=args.customers,
            callbacks=args.callbacks,
            today=settings.today or date.today(),
            progress=progress,
        )
    say(i18n.t("cli.demo_done", path=url, **asdict(summary)))
    return 0


def queue_json(queue: Queue) -> str:
    """The queue as the JSON document ``gendan queue --json`` prints."""
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
    return json.dumps(payload, ensure_ascii=False, indent=2)


def queue_lines(queue: Queue) -> list[str]:
    """The queue as tab-separated lines under a header."""
    header = i18n.t(
        "cli.queue_header",
        date=queue.day.isoformat(),
        clerk=queue.clerk,
        total=queue.total,
        done=queue.successes,
        quota=queue.quota,
    )
    rows = [
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
        for item in queue.items
    ]
    return [header, *rows]


def cmd_queue(args: argparse.Namespace, settings: Settings) -> int:
    """Print one clerk's queue for the day, as text or JSON."""
    services = open_for(settings)
    sign_in(services, settings)
    queue = services.callbacks.queue()
    say(queue_json(queue) if args.json else "\n".join(queue_lines(queue)))
    return 0


def cmd_init(args: argparse.Namespace, settings: Settings) -> int:
    """Create an empty database at the current schema."""
    if not args.db:
        Path(settings.database_url).parent.mkdir(parents=True, exist_ok=True)
    open_services(settings.database_url, create=True)
    say(i18n.t("cli.init_done", path=settings.database_url))
    return 0
