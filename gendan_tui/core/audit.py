"""The audit trail: who did what, when, and what changed (before and after). Append-only.

Services call :func:`log` inside the transaction of the change itself, so a change and its
audit entry are saved together or not at all. The table refuses updates and deletes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import peewee

from gendan_tui.core.context import Actor
from gendan_tui.store.db import storage_errors
from gendan_tui.store.models import AuditLog, User


@dataclass(frozen=True)
class Change:
    """One field's value before and after."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class AuditEntry:
    """One line of a record's history; ``entity`` names the record it is about, which is
    another record than the one asked for when related records' entries are included."""

    at: datetime
    user: str
    action: str
    changes: tuple[Change, ...]
    entity: str = ""


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def log(
    actor: Actor | None,
    entity: str,
    entity_id: int,
    action: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> None:
    """Append an entry; only fields whose value changed are kept."""
    before = {k: _plain(v) for k, v in (before or {}).items()}
    after = {k: _plain(v) for k, v in (after or {}).items()}
    fields = [k for k in {**before, **after} if before.get(k) != after.get(k)]
    AuditLog.create(
        at=at or datetime.now().replace(microsecond=0),
        user=actor.id if actor else None,
        entity=entity,
        entity_id=entity_id,
        action=action,
        changes=json.dumps(
            {k: [before.get(k), after.get(k)] for k in fields}, ensure_ascii=False, default=str
        ),
    )


def history(
    entity: str,
    entity_id: int,
    limit: int = 200,
    *,
    related: Mapping[str, peewee.SelectQuery] | None = None,
) -> list[AuditEntry]:
    """The newest ``limit`` entries for one record, newest first; ``related`` adds the
    entries of other records (entity name → query selecting their ids), such as a
    customer's callbacks."""
    about = (AuditLog.entity == entity) & (AuditLog.entity_id == entity_id)
    for other, ids in (related or {}).items():
        about |= (AuditLog.entity == other) & AuditLog.entity_id.in_(ids)
    with storage_errors():
        rows = (
            AuditLog.select(AuditLog, User.name.alias("user_name"))
            .join(User, peewee.JOIN.LEFT_OUTER, on=AuditLog.user == User.id)
            .where(about)
            .order_by(AuditLog.at.desc(), AuditLog.id.desc())
            .limit(limit)
            .objects()
        )
        return [
            AuditEntry(
                at=row.at,
                user=row.user_name or "",
                action=row.action,
                changes=tuple(
                    Change(field, pair[0], pair[1])
                    for field, pair in json.loads(row.changes).items()
                ),
                entity=row.entity,
            )
            for row in rows
        ]


def last_change(entity: str, entity_id: int) -> tuple[str | None, datetime | None]:
    """Who last changed the record (their name, None when nobody signed in) and when, for
    "changed by …" messages; (None, None) for a record without entries."""
    row = (
        AuditLog.select(AuditLog.at, User.name.alias("user_name"))
        .join(User, peewee.JOIN.LEFT_OUTER, on=AuditLog.user == User.id)
        .where((AuditLog.entity == entity) & (AuditLog.entity_id == entity_id))
        .order_by(AuditLog.id.desc())
        .objects()
        .first()
    )
    return (row.user_name, row.at) if row else (None, None)
