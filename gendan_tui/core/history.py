"""A record's history for whoever is signed in: its audit trail (a customer's with that of
their callbacks) and the names of the people its changes mention."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from gendan_tui.core import audit
from gendan_tui.core.context import ServiceContext
from gendan_tui.core.users import UserService
from gendan_tui.store.models import CallbackTask


@dataclass(frozen=True)
class RecordHistory:
    """The entries of one record, newest first, and the names of people by account id."""

    entries: list[audit.AuditEntry]
    names: dict[int, str]


def related_records(entity: str, entity_id: int) -> dict[str, pw.SelectQuery]:
    """Other records whose entries belong in the history of ``entity`` ``entity_id``."""
    if entity == "customer":
        callbacks = CallbackTask.select(CallbackTask.id).where(CallbackTask.customer == entity_id)
        return {"callback_task": callbacks}
    return {}


class HistoryService:
    """Reads audit trails; anyone signed in may read the history of a record they see."""

    def __init__(self, ctx: ServiceContext, users: UserService) -> None:
        self.ctx = ctx
        self.users = users

    def entries(self, entity: str, entity_id: int) -> list[audit.AuditEntry]:
        """The audit trail of one record (with its related records'), newest first."""
        self.ctx.require_actor()
        return audit.history(entity, entity_id, related=related_records(entity, entity_id))

    def read(self, entity: str, entity_id: int) -> RecordHistory:
        """The record's entries and the names its changes mention."""
        return RecordHistory(self.entries(entity, entity_id), self.users.names())
