"""What a department may change without code, read from ``data/``: pipeline templates, the
complaint vocabulary and the report calendar.

:func:`load_definitions` reads the shipped files, then the department's own from
``data/`` in the user config directory (a file of the same name, or a template of the
same code, overrides the shipped one; others extend them). A file that does not parse or
validate is left out and reported with its path and line; the app opens with the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from gendan_tui import i18n
from gendan_tui.definitions.complaints import ComplaintVocabulary, parse_vocabulary
from gendan_tui.definitions.fields import Names
from gendan_tui.definitions.pipelines import PipelineTemplate, Stage, parse_template
from gendan_tui.definitions.reports import Obligation, parse_obligations
from gendan_tui.definitions.source import Document, Invalid, Problem, files, read, shipped_dir

__all__ = [
    "ComplaintVocabulary",
    "Definitions",
    "Names",
    "Obligation",
    "PipelineTemplate",
    "Problem",
    "Stage",
    "load_definitions",
    "shipped_dir",
]

PIPELINES = "pipelines/*.toml"
COMPLAINTS = "complaints.toml"
REPORTS = "reports.toml"

T = TypeVar("T")


@dataclass(frozen=True)
class Definitions:
    """Every definition in force, and the problems found while reading them."""

    pipelines: dict[str, PipelineTemplate]
    complaints: ComplaintVocabulary
    obligations: dict[str, Obligation]
    problems: tuple[Problem, ...]

    @property
    def default_pipeline(self) -> PipelineTemplate:
        """The template a new order gets unless another is chosen."""
        defaults = [p for p in self.pipelines.values() if p.is_default]
        return defaults[-1] if defaults else next(iter(self.pipelines.values()))

    def register_names(self) -> None:
        """Make the names these definitions give (stages, categories, templates) the
        texts of their translation keys, so screens and reports look them up like any
        other text: ``stage.<code>``, ``category.<code>``, ``pipeline.<code>``."""
        stages: dict[str, Names] = {}
        for template in sorted(self.pipelines.values(), key=lambda p: p.is_default):
            stages.update({stage.code: stage.names for stage in template.stages})
        i18n.add_names("stage", {code: _by_language(n) for code, n in stages.items()})
        i18n.add_names(
            "category",
            {code: _by_language(n) for code, n in self.complaints.categories.items()},
        )
        i18n.add_names(
            "pipeline", {code: _by_language(p.names) for code, p in self.pipelines.items()}
        )


def _by_language(names: Names) -> dict[str, str]:
    return dict(names.by_language)


def _each(
    paths: Sequence[Path], parse: Callable[[Document], T], problems: list[Problem]
) -> list[T]:
    """Parse every file of ``paths``, keeping the good ones and reporting the others."""
    parsed = []
    for path in paths:
        try:
            parsed.append(parse(read(path)))
        except Invalid as invalid:
            problems.append(invalid.problem)
    return parsed


def load_definitions(user_dir: Path | None = None, *, reports: Collection[str] = ()) -> Definitions:
    """Read and check the shipped definitions and those in ``user_dir``; ``reports`` are
    the report codes the app can write (an obligation for another is a problem)."""
    directories = [shipped_dir(), *([user_dir] if user_dir else [])]
    problems: list[Problem] = []
    templates = _each(list(files(directories, PIPELINES)), parse_template, problems)
    pipelines = {template.code: template for template in templates}
    vocabularies = _each(list(files(directories, COMPLAINTS)), parse_vocabulary, problems)
    complaints = ComplaintVocabulary({}, (), {})
    for vocabulary in vocabularies:
        complaints = complaints.merged(vocabulary)
    obligations: dict[str, Obligation] = {}
    for found in _each(
        list(files(directories, REPORTS)), lambda doc: parse_obligations(doc, reports), problems
    ):
        obligations.update(found)
    definitions = Definitions(pipelines, complaints, obligations, tuple(problems))
    definitions.register_names()
    return definitions
