"""The ``gendan`` command: opens the TUI, and runs the same services from the shell.

Each module of this package registers its subcommands; every subcommand turns a
:class:`UserError` into one line on stderr (in the chosen language) and exit status 2.
Nothing is half-saved, because the services work in transactions.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from gendan_tui.cli import accounts, backup, calendar, desk, keys, reports
from gendan_tui.cli.base import EXIT_USER_ERROR, common_options, settings_from
from gendan_tui.core.validation import readable
from gendan_tui.errors import UserError
from gendan_tui.startup import resume_collection

__all__ = ["EXIT_USER_ERROR", "build_parser", "main"]

EXIT_READER_GONE = 141
"""The status of a command whose reader stopped reading (128 + SIGPIPE, as the shell's)."""

MODULES = (desk, accounts, calendar, reports, backup, keys)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="gendan", parents=[common_options()])
    parser.set_defaults(handler=desk.cmd_open)
    desk.add_open_options(parser)
    sub = parser.add_subparsers(dest="command")
    shared = common_options(argparse.SUPPRESS)
    for module in MODULES:
        module.register(sub, shared)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gendan`` with ``argv``; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.handler is not desk.cmd_open:
        resume_collection()
    try:
        for name, value in vars(args).items():
            if isinstance(value, str):
                option = f"--{name.replace('_', '-')}"
                readable(value, name, option)
        settings = settings_from(args)
        status = int(args.handler(args, settings))
        sys.stdout.flush()
        return status
    except UserError as exc:
        sys.stderr.write(f"gendan: {exc}\n")
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # ``gendan … | head``: the reader has what it wanted; say nothing more, and keep
        # the interpreter's last flush from failing again on the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_READER_GONE
