"""What every subcommand shares: common options, settings, output and signing in."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import TypeAlias

from gendan_tui import i18n
from gendan_tui.config import Settings, definitions_dir, demo_database_url, load_settings
from gendan_tui.core.services import Services, clock_for, department_definitions, open_services
from gendan_tui.core.validation import parse_date, readable
from gendan_tui.errors import UserError, ValidationError

EXIT_USER_ERROR = 2
PASSWORD_ENV = "GENDAN_PASSWORD"

# What each module's ``register`` adds its subcommands to (generic only to the type checker).
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def date_arg(text: str) -> date:
    """An argparse type for dates, with the app's own message."""
    try:
        return parse_date(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


class OnePerson(argparse.Action):
    """``--user`` and ``--clerk`` name the same person: naming two different people is
    refused rather than silently taking the last."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        earlier = getattr(namespace, "_person", None)
        if earlier is not None and earlier != values:
            parser.error(i18n.t("cli.two_people", first=earlier, second=values))
        namespace._person = values
        setattr(namespace, self.dest, values)


def common_options(default: object = None) -> argparse.ArgumentParser:
    """Options every subcommand takes; on subcommands they default to "not given" so a value
    given before the subcommand is not overwritten."""
    common = argparse.ArgumentParser(add_help=False, argument_default=default)
    common.add_argument("--db", help="database path or postgresql:// URL")
    common.add_argument(
        "--user", "--clerk", dest="clerk", action=OnePerson, help="login of the person at work"
    )
    common.add_argument("--lang", help="zh (default) or en")
    common.add_argument("--date", type=date_arg, help="work as if today were YYYY-MM-DD")
    return common


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings from config and environment, overridden by the command line."""
    database_url = getattr(args, "db", None)
    if getattr(args, "demo", False) and not database_url:
        database_url = demo_database_url()
    settings = load_settings().with_overrides(
        database_url=database_url,
        clerk=getattr(args, "clerk", None),
        lang=getattr(args, "lang", None),
        today=getattr(args, "date", None),
    )
    i18n.set_language(settings.lang)
    return settings


def say(text: str) -> None:
    """Print one line to stdout."""
    sys.stdout.write(text + "\n")


def open_for(settings: Settings) -> Services:
    """Open the configured database with the configured clock and the department's
    definitions; a definition file that was left out is named on stderr."""
    definitions = department_definitions(definitions_dir())
    for problem in definitions.problems:
        sys.stderr.write(f"gendan: {problem}\n")
    return open_services(
        settings.database_url, clock=clock_for(settings.today), definitions=definitions
    )


def read_password(prompt_key: str, login: str) -> str:
    """A password from ``GENDAN_PASSWORD`` or, at a terminal, typed without echo."""
    if PASSWORD_ENV in os.environ:
        return readable(os.environ[PASSWORD_ENV], "password", PASSWORD_ENV)
    if sys.stdin.isatty():
        return getpass.getpass(i18n.t(prompt_key, login=login))
    raise UserError("auth.password_required", login=login)


def sign_in(services: Services, settings: Settings) -> None:
    """Sign in as the configured person, asking for the password when the account has one."""
    login = settings.clerk
    if login and services.users.needs_password(login):
        services.authenticate(login, read_password("cli.password_prompt", login))
    else:
        services.sign_in(login)
