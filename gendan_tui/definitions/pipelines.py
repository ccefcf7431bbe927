"""Pipeline templates (``data/pipelines/*.toml``): the stages an order moves through, who is
responsible for each, how long it may take, what it needs and what entering it triggers.

The website order is the default; export orders, e-commerce orders and deliveries with
installation are templates of the same shape (DOMAIN §2).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gendan_tui.core.callback_rules import MILESTONE_REASONS
from gendan_tui.core.roles import Role
from gendan_tui.definitions.fields import Names, Table
from gendan_tui.definitions.source import Document

CALLBACK = "callback"
TECHNICIAN_TASK = "technician_task"
EFFECT_KINDS = (CALLBACK, TECHNICIAN_TASK)
CALLBACK_REASONS = tuple(sorted(set(MILESTONE_REASONS.values())))


@dataclass(frozen=True)
class Effect:
    """Something entering a stage triggers: a callback owed (by reason) or a task for the
    technician (by kind)."""

    kind: str
    value: str


@dataclass(frozen=True)
class Stage:
    """One stage of a template."""

    code: str
    names: Names
    role: str
    limit_workdays: int
    documents: tuple[str, ...]
    contacts: tuple[str, ...]
    on_enter: tuple[Effect, ...]


@dataclass(frozen=True)
class PipelineTemplate:
    """A kind of order and its stages in order; ``version`` is kept on each order opened
    with it, so a changed template never changes orders in flight."""

    code: str
    version: int
    names: Names
    is_default: bool
    stages: tuple[Stage, ...]
    documents: dict[str, Names]
    contacts: dict[str, Names]
    source: Path

    def stage(self, code: str) -> Stage | None:
        """The stage ``code``, if the template has it."""
        return next((stage for stage in self.stages if stage.code == code), None)


def _effect(entry: Table) -> Effect:
    kinds = [kind for kind in EFFECT_KINDS if entry.has(kind)]
    if len(kinds) != 1:
        raise entry.invalid(None, "definitions.effect_kind", kinds=", ".join(EFFECT_KINDS))
    kind = kinds[0]
    value = entry.choice(kind, CALLBACK_REASONS) if kind == CALLBACK else entry.code(kind)
    return Effect(kind, value)


def _stage(entry: Table, documents: dict[str, Names], contacts: dict[str, Names]) -> Stage:
    return Stage(
        code=entry.code("code"),
        names=entry.names(),
        role=entry.choice("role", [role.value for role in Role]),
        limit_workdays=entry.integer("limit_workdays", least=1, most=250),
        documents=entry.codes("documents", documents),
        contacts=entry.codes("contacts", contacts),
        on_enter=tuple(_effect(effect) for effect in entry.tables("on_enter")),
    )


def _named(table: Table, key: str) -> dict[str, Names]:
    return {code: table.table(key).names(code) for code in table.mapping(key)}


def parse_template(doc: Document) -> PipelineTemplate:
    """The template in ``doc``; anything wrong raises ``Invalid`` with its line."""
    top = Table(doc, (), doc.data)
    documents = _named(top, "documents")
    contacts = _named(top, "contacts")
    entries = top.tables("stages")
    if not entries:
        raise top.invalid("stages", "definitions.no_stages")
    stages = tuple(_stage(entry, documents, contacts) for entry in entries)
    seen: set[str] = set()
    for entry, stage in zip(entries, stages, strict=True):
        if stage.code in seen:
            raise entry.invalid("code", "definitions.duplicate", value=stage.code)
        seen.add(stage.code)
    return PipelineTemplate(
        code=top.code("code"),
        version=top.integer("version", least=1, most=10_000),
        names=top.names(),
        is_default=top.flag("default"),
        stages=stages,
        documents=documents,
        contacts=contacts,
        source=doc.path,
    )
