"""Records that move through states, in one mechanism: a workflow names its states and its
steps; a step says which states it starts from and where it leads, who may take it (a
permission), what it requires (fields given, checks on the record) and what it triggers.

Complaints and callbacks are workflows; the pipeline board's stages (a step that needs a
document or a customer contact) and the signed forms (a step that needs a signature from a
role) are built the same way: each is a :class:`Requirement` that looks at the attempt.
A refused step names everything that is missing, not only the first thing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Generic, Protocol, TypeVar

from gendan_tui.core.context import Actor, ServiceContext
from gendan_tui.core.roles import Permission, require
from gendan_tui.core.versioned import ModelT, Versioned
from gendan_tui.errors import UserError, ValidationError

RecordT = TypeVar("RecordT")


@dataclass(frozen=True)
class Attempt(Generic[RecordT]):
    """One try at a step: the record as it was read, who tries, what they gave, when, and
    the session it happens in (for what the step triggers)."""

    record: RecordT
    actor: Actor
    inputs: Mapping[str, Any]
    at: datetime
    ctx: ServiceContext


class Requirement(Protocol[RecordT]):
    """Something a step needs; ``unmet`` returns the refusal that names it, or None."""

    def unmet(self, attempt: Attempt[RecordT]) -> UserError | None: ...


@dataclass(frozen=True)
class TextGiven:
    """The input ``field`` holds some text (a note, a resolution, a reason)."""

    field: str

    def unmet(self, attempt: Attempt[Any]) -> UserError | None:
        value = attempt.inputs.get(self.field)
        if isinstance(value, str) and value.strip():
            return None
        return ValidationError("error.required", field=self.field)


@dataclass(frozen=True)
class OneOf:
    """The input ``field`` is one of ``allowed``; else refused with ``key``."""

    field: str
    allowed: Collection[str]
    key: str

    def unmet(self, attempt: Attempt[Any]) -> UserError | None:
        value = attempt.inputs.get(self.field)
        if value in self.allowed:
            return None
        return ValidationError(self.key, field=self.field, value=value, outcome=value)


@dataclass(frozen=True)
class Holds(Generic[RecordT]):
    """``test`` holds for the attempt; else ``refusal`` (given the attempt) says why."""

    test: Callable[[Attempt[RecordT]], bool]
    refusal: Callable[[Attempt[RecordT]], UserError]

    def unmet(self, attempt: Attempt[RecordT]) -> UserError | None:
        return None if self.test(attempt) else self.refusal(attempt)


@dataclass(frozen=True)
class Taken(Generic[RecordT]):
    """A step that was taken: which, by what attempt, and the record before and after."""

    step: Step[RecordT]
    attempt: Attempt[RecordT]
    before: RecordT
    after: RecordT


Trigger = Callable[[Taken[RecordT]], None]
"""Run inside the step's transaction once the record is changed."""


@dataclass(frozen=True)
class Step(Generic[RecordT]):
    """One step: from ``sources`` to ``target`` (None: the state stays); ``refusal`` is the
    message key when the record's state does not allow it; ``action`` names the step in
    the audit trail (default its name). A step not ``offered`` is taken only by the
    service itself (as part of another piece of work), never chosen by a person."""

    name: str
    sources: frozenset[str]
    target: str | None
    refusal: str
    permission: Permission | None = None
    requires: Sequence[Requirement[RecordT]] = ()
    triggers: Sequence[Trigger[RecordT]] = ()
    action: str = ""
    offered: bool = True

    @property
    def audit_action(self) -> str:
        """What the audit trail calls this step."""
        return self.action or self.name


class StepRefused(UserError):
    """A step refused for several reasons at once; ``reasons`` holds each refusal."""

    def __init__(self, reasons: Sequence[UserError]) -> None:
        super().__init__("workflow.refused")
        self.reasons = tuple(reasons)

    def __str__(self) -> str:
        from gendan_tui.i18n import t

        return t(self.key, reasons=t("workflow.separator").join(str(r) for r in self.reasons))


def _state_refusal(step: Step[Any], record: Any) -> UserError:
    return UserError(step.refusal)


@dataclass(frozen=True)
class Workflow(Generic[RecordT]):
    """The states of one kind of record and the steps between them.

    ``state_field`` is the record's field holding its state; ``may_work`` refuses people
    who may not work the record at all (not theirs, not involved); ``refused`` words a
    step the state does not allow (by default the step's own ``refusal``).
    """

    name: str
    states: tuple[str, ...]
    steps: tuple[Step[RecordT], ...]
    state_field: str
    may_work: Callable[[Actor, RecordT], None] | None = None
    refused: Callable[[Step[RecordT], RecordT], UserError] = field(default=_state_refusal)

    def __post_init__(self) -> None:
        names = [step.name for step in self.steps]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: a step name appears twice")
        for step in self.steps:
            unknown = set(step.sources) - set(self.states)
            if step.target is not None and step.target not in self.states:
                unknown.add(step.target)
            if unknown:
                raise ValueError(f"{self.name}.{step.name}: unknown states {sorted(unknown)}")

    def step(self, name: str) -> Step[RecordT]:
        """The step ``name``."""
        for step in self.steps:
            if step.name == name:
                return step
        raise KeyError(f"{self.name} has no step {name!r}")

    def state_of(self, record: RecordT) -> str:
        """The state ``record`` is in."""
        return str(getattr(record, self.state_field))

    def allowed(self, state: str) -> frozenset[str]:
        """The steps a person can choose for a record in ``state``."""
        return frozenset(s.name for s in self.steps if s.offered and state in s.sources)

    def check(self, name: str, attempt: Attempt[RecordT]) -> Step[RecordT]:
        """The step ``name`` if ``attempt`` may take it. Otherwise refused: first who may
        act (permission, then the record's own rule), then the state, then what the step
        requires — each requirement that is missing is named."""
        step = self.step(name)
        if step.permission is not None:
            require(attempt.actor, step.permission)
        if self.may_work is not None:
            self.may_work(attempt.actor, attempt.record)
        if self.state_of(attempt.record) not in step.sources:
            raise self.refused(step, attempt.record)
        missing = [r for r in (req.unmet(attempt) for req in step.requires) if r is not None]
        if len(missing) == 1:
            raise missing[0]
        if missing:
            raise StepRefused(missing)
        return step

    def take(
        self: Workflow[ModelT],
        name: str,
        store: Versioned[ModelT],
        record_id: int,
        version: int,
        *,
        attempt: Callable[[ModelT], Attempt[ModelT]],
        changes: Mapping[str, Any] = MappingProxyType({}),
    ) -> Taken[ModelT]:
        """Take step ``name`` on record ``record_id`` seen at ``version``, inside the
        caller's transaction: load it (unknown: refused), refuse a stale copy naming who
        changed it, check the step (:meth:`check`), save ``changes`` with the new state
        and the audit entry, then run what the step triggers."""
        before = store.load(record_id)
        store.ensure_current(before, version)
        tried = attempt(before)
        step = self.check(name, tried)
        state = {self.state_field: step.target} if step.target is not None else {}
        after = store.update(
            before,
            version,
            {**changes, **state},
            actor=tried.actor,
            action=step.audit_action,
            at=tried.at,
        )
        taken = Taken(step, tried, before, after)
        for trigger in step.triggers:
            trigger(taken)
        return taken
