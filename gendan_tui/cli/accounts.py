"""``gendan user``: list, add, change passwords of and disable accounts."""

from __future__ import annotations

import argparse
import getpass
import sys

from gendan_tui import i18n
from gendan_tui.cli.base import Subcommands, open_for, say, sign_in
from gendan_tui.config import Settings
from gendan_tui.core.roles import Role
from gendan_tui.core.validation import readable
from gendan_tui.errors import UserError, ValidationError


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Add ``user list|add|passwd|disable``."""
    user = sub.add_parser("user", parents=[common], help="accounts and roles")
    user.set_defaults(handler=cmd_user)
    user_sub = user.add_subparsers(dest="user_command", required=True)
    user_sub.add_parser("list", parents=[common], help="list accounts")
    add = user_sub.add_parser("add", parents=[common], help="add an account")
    add.add_argument("login")
    add.add_argument("name")
    add.add_argument(
        "--role", action="append", default=[], choices=[r.value for r in Role], dest="roles"
    )
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    passwd = user_sub.add_parser("passwd", parents=[common], help="set a password")
    passwd.add_argument("login")
    passwd.add_argument("--password-stdin", action="store_true")
    disable = user_sub.add_parser("disable", parents=[common], help="disable an account")
    disable.add_argument("login")


def _new_password(args: argparse.Namespace) -> str:
    """The new password: one line of stdin, or typed twice without echo at a terminal."""
    if args.password_stdin:
        try:
            line = sys.stdin.readline()
        except UnicodeDecodeError:
            raise ValidationError(
                "error.unreadable_text", field="--password-stdin", name="--password-stdin"
            ) from None
        return readable(line.rstrip("\n"), "password", "--password-stdin")
    if not sys.stdin.isatty():
        raise UserError("auth.new_password_needed")
    first = getpass.getpass(i18n.t("cli.new_password_prompt", login=args.login))
    if getpass.getpass(i18n.t("cli.repeat_password_prompt", login=args.login)) != first:
        raise UserError("auth.passwords_differ")
    return first


def cmd_user(args: argparse.Namespace, settings: Settings) -> int:
    """Run one ``gendan user`` subcommand as the signed-in person."""
    services = open_for(settings)
    accounts = services.users
    first_account = args.user_command == "add" and not accounts.has_accounts()
    if not first_account:
        sign_in(services, settings)
    if args.user_command == "list":
        for account in accounts.accounts():
            roles = ",".join(account.roles)
            state = "" if account.active else i18n.t("cli.disabled")
            say("\t".join((account.login, account.name, roles, state)).rstrip())
        return 0
    if args.user_command == "add":
        password = _new_password(args)
        created = accounts.add(args.login, args.name, args.roles, password)
        say(i18n.t("cli.user_added", login=created.login, name=created.name))
    elif args.user_command == "passwd":
        accounts.set_password(args.login, _new_password(args))
        say(i18n.t("cli.saved"))
    else:
        accounts.disable(args.login)
        say(i18n.t("cli.saved"))
    return 0
