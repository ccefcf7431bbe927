"""Saving edits to a record under optimistic locking, with its audit entry: the one way a
versioned record is changed.

The change is applied only if the record is still at the version the person looked at;
otherwise it is refused with a conflict naming whoever changed it last and when. The
record before and after goes into the audit trail in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

import peewee as pw

from gendan_tui.core import audit
from gendan_tui.core.context import Actor
from gendan_tui.errors import ConflictError, Key, UserError

ModelT = TypeVar("ModelT", bound=pw.Model)


@dataclass(frozen=True)
class LastChange:
    """Who changed a record last, and when (None when the trail does not say)."""

    who: str | None
    at: datetime | None

    @property
    def who_or_someone(self) -> str:
        """The name, or "someone else" (translated when shown) when the trail has none."""
        return self.who or Key("error.someone_else")


@dataclass(frozen=True)
class Versioned(Generic[ModelT]):
    """How records of ``model`` are loaded and changed: ``entity`` names them in the audit
    trail, ``snapshot`` picks the fields audited, ``missing`` words an unknown id and
    ``conflict`` a stale version (given the record and its last change)."""

    model: type[ModelT]
    entity: str
    snapshot: Callable[[ModelT], dict[str, Any]]
    missing: Callable[[int], UserError]
    conflict: Callable[[ModelT, LastChange], ConflictError]

    def load(self, record_id: int) -> ModelT:
        """The record ``record_id``; an unknown id is refused."""
        row: ModelT | None = self.model.get_or_none(self.model._meta.primary_key == record_id)
        if row is None:
            raise self.missing(record_id)
        return row

    def last_change(self, record_id: int) -> LastChange:
        """The latest audit entry of the record: who and when."""
        who, at = audit.last_change(self.entity, record_id)
        return LastChange(who, at)

    def refuse_stale(self, row: ModelT) -> ConflictError:
        """The conflict for ``row``, naming whoever changed it last."""
        return self.conflict(row, self.last_change(int(row.get_id())))

    def ensure_current(self, row: ModelT, version: int) -> None:
        """Refuse a change made from a copy older than ``row``."""
        if row.version != version:
            raise self.refuse_stale(row)

    def update(
        self,
        before: ModelT,
        version: int,
        changes: Mapping[str, Any],
        *,
        actor: Actor | None,
        action: str,
        at: datetime,
        where: pw.Expression | None = None,
        audit_before: Mapping[str, Any] | None = None,
        audit_after: Mapping[str, Any] | None = None,
    ) -> ModelT:
        """Apply ``changes`` to ``before`` if it is still at ``version`` (and ``where``
        holds), bump the version and write the audit entry ``action``; returns the record
        as saved. Called inside the caller's transaction."""
        model = self.model
        record_id = before.get_id()
        condition = (model._meta.primary_key == record_id) & (model.version == version)
        if where is not None:
            condition &= where
        updated = model.update(version=model.version + 1, **changes).where(condition).execute()
        if not updated:
            raise self.refuse_stale(before)
        after: ModelT = model.get_by_id(record_id)
        audit.log(
            actor,
            self.entity,
            int(record_id),
            action,
            before={**self.snapshot(before), **(audit_before or {})},
            after={**self.snapshot(after), **(audit_after or {})},
            at=at,
        )
        return after
