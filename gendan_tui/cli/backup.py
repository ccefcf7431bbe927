"""``gendan backup FILE`` and ``gendan restore FILE``: a SQLite database to a file and back.

Backups are taken online (clerks may keep working); PostgreSQL is refused with a pointer
to pg_dump and pg_restore. The backup code is loaded only when one of them runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from gendan_tui import i18n
from gendan_tui.cli.base import Subcommands, say
from gendan_tui.config import Settings


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Add ``backup FILE [--overwrite]`` and ``restore FILE``."""
    take = sub.add_parser("backup", parents=[common], help="copy the database to FILE")
    take.set_defaults(handler=cmd_backup)
    take.add_argument("file", type=Path)
    take.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    restore = sub.add_parser("restore", parents=[common], help="replace the database by FILE")
    restore.set_defaults(handler=cmd_restore)
    restore.add_argument("file", type=Path)


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    """Write a consistent copy of the database to the given file."""
    from gendan_tui.store import backup as store_backup

    done = store_backup.backup(settings.database_url, args.file, overwrite=args.overwrite)
    say(
        i18n.t(
            "backup.done",
            path=str(done.path),
            version=done.schema_version,
            size=f"{done.size_bytes / 1024:.0f}",
        )
    )
    return 0


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    """Replace the database by a backup, keeping the old one as ``.bak``."""
    from gendan_tui.store import backup as store_backup

    done = store_backup.restore(args.file, settings.database_url)
    say(i18n.t("backup.restored", source=str(args.file), path=str(done.path)))
    if done.previous is not None:
        say(i18n.t("backup.previous_kept", path=str(done.previous)))
    return 0
