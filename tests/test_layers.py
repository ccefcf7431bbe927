"""The layer contracts of pyproject.toml hold, and the checker `make lint` runs catches a
module that breaks one: the domain importing Textual, a screen importing peewee."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import gendan_tui

ROOT = Path(gendan_tui.__file__).parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layers_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


def test_a_module_breaking_a_layer_fails_the_check(tmp_path: Path) -> None:
    shutil.copytree(
        ROOT / "gendan_tui", tmp_path / "gendan_tui", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "gendan_tui/core/probe.py").write_text("import textual\n")
    (tmp_path / "gendan_tui/screens/probe.py").write_text("import peewee\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "Domain, storage, definitions, reports and demo never import Textual BROKEN" in (
        result.stdout
    )
    assert "gendan_tui.core.probe -> textual" in result.stdout
    assert "Screens and widgets reach data only through the services BROKEN" in result.stdout
    assert "gendan_tui.screens.probe -> peewee" in result.stdout
