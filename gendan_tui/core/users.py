"""The people who work in the app, as plain records."""

from __future__ import annotations

from gendan_tui.core.context import Actor
from gendan_tui.core.errors import NotFoundError, ValidationError
from gendan_tui.core.validation import required
from gendan_tui.store.db import storage_errors, transaction
from gendan_tui.store.models import User, UserRole

CLERK = "clerk"


def _actor(user: User) -> Actor:
    roles = frozenset(r.role for r in UserRole.select().where(UserRole.user == user))
    return Actor(id=user.id, login=user.login, name=user.name, roles=roles)


def find_actor(login: str) -> Actor:
    """The active user with ``login``; an unknown or disabled login is refused."""
    with storage_errors():
        user = User.get_or_none((User.login == login.strip()) & User.active)
        if user is None:
            raise NotFoundError("error.unknown_clerk", login=login)
        return _actor(user)


def list_clerks() -> list[Actor]:
    """Active users holding the clerk role, by login."""
    with storage_errors():
        query = (
            User.select()
            .join(UserRole)
            .where(User.active & (UserRole.role == CLERK))
            .order_by(User.login)
        )
        return [_actor(u) for u in query]


def only_clerk() -> Actor | None:
    """The single active clerk, when there is exactly one (so nobody has to name them)."""
    clerks = list_clerks()
    return clerks[0] if len(clerks) == 1 else None


def add_clerk(login: str, name: str) -> Actor:
    """Create a clerk account."""
    login = required(login, "login")
    name = required(name, "name")
    if not login.isascii() or not login.replace("_", "").replace(".", "").isalnum():
        raise ValidationError("error.login_invalid", field="login", login=login)
    with transaction():
        if User.get_or_none(User.login == login):
            raise ValidationError("error.login_taken", field="login", login=login)
        user = User.create(login=login, name=name)
        UserRole.create(user=user, role=CLERK)
    return _actor(user)
