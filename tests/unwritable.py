"""Make a file or folder that this process cannot write, whoever runs the tests.

Mode bits do not stop root, so as root the path is made immutable (``chattr +i``), which
the kernel enforces for root too; as an ordinary user it is made read-only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _chattr(flag: str, path: Path) -> bool:
    chattr = shutil.which("chattr")
    if chattr is None:
        return False
    done = subprocess.run([chattr, flag, str(path)], capture_output=True, check=False)
    return done.returncode == 0


@contextmanager
def not_writable(path: Path) -> Iterator[Path]:
    """``path`` (a file or a folder) cannot be written inside the block; restored after."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    if not _chattr("+i", path):
        pytest.fail(f"running as root, and {path} cannot be made immutable (chattr +i)")
    try:
        yield path
    finally:
        _chattr("-i", path)
