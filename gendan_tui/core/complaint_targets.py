"""Whom a complaint can be forwarded to: the department's forwarding roles, then every
active person with their roles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gendan_tui import i18n
from gendan_tui.store.db import storage_errors
from gendan_tui.store.models import User, UserRole


@dataclass(frozen=True)
class ForwardTarget:
    """Someone (or a role) a complaint can be forwarded to, as the picker lists it."""

    user_id: int | None
    role: str | None
    label: str


def forward_targets(roles: Sequence[str]) -> list[ForwardTarget]:
    """The forwarding ``roles`` (in the department's order), then every active person with
    their roles."""
    targets = [ForwardTarget(None, role, i18n.t(f"role.{role}")) for role in roles]
    with storage_errors():
        held: dict[int, list[str]] = {}
        for user_id, role in UserRole.select(UserRole.user, UserRole.role).tuples():
            held.setdefault(user_id, []).append(role)
        for user in User.select().where(User.active).order_by(User.name):
            titles = "、".join(i18n.t(f"role.{r}") for r in sorted(held.get(user.id, [])))
            label = i18n.t("complaint.target_person", name=user.name, roles=titles)
            targets.append(ForwardTarget(user.id, None, label))
    return targets
