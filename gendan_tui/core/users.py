"""Accounts: who works in the app, with which roles, and signing in.

An account with a password must give it to sign in; an account without one (a single
clerk's own desk) signs in by login alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from gendan_tui.core import audit
from gendan_tui.core.context import Actor, ServiceContext
from gendan_tui.core.passwords import hash_password, verify_password
from gendan_tui.core.roles import Permission, Role, require
from gendan_tui.core.validation import required
from gendan_tui.errors import NotFoundError, UserError, ValidationError
from gendan_tui.store.db import storage_errors, transaction
from gendan_tui.store.models import User, UserRole

CLERK = Role.CLERK.value


@dataclass(frozen=True)
class Account:
    """An account as listed to an administrator: never the password hash."""

    id: int
    login: str
    name: str
    roles: tuple[str, ...]
    active: bool
    has_password: bool


def _roles_of(user_id: int) -> frozenset[str]:
    return frozenset(r.role for r in UserRole.select().where(UserRole.user == user_id))


def _actor(user: User) -> Actor:
    return Actor(id=user.id, login=user.login, name=user.name, roles=_roles_of(user.id))


def _active_user(login: str) -> User | None:
    return cast(User | None, User.get_or_none((User.login == login.strip()) & User.active))


def has_accounts() -> bool:
    """Whether any account exists (the first run creates the first supervisor)."""
    with storage_errors():
        return cast(bool, User.select().exists())


def find_actor(login: str) -> Actor:
    """The active account ``login``; an unknown or disabled login is refused."""
    with storage_errors():
        user = _active_user(login)
        if user is None:
            raise NotFoundError("error.unknown_clerk", login=login)
        return _actor(user)


def needs_password(login: str) -> bool:
    """Whether signing in as ``login`` takes a password."""
    with storage_errors():
        user = _active_user(login)
        return user is not None and user.password_hash is not None


def authenticate(login: str, password: str) -> Actor:
    """The actor for a correct login and password; any mistake gets the same answer."""
    with storage_errors():
        user = _active_user(login)
    if user is None or not user.password_hash or not verify_password(password, user.password_hash):
        raise UserError("auth.bad_login")
    return _actor(user)


def list_clerks() -> list[Actor]:
    """Active accounts holding the clerk role, by login."""
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


def list_accounts() -> list[Account]:
    """Every account, by login."""
    with storage_errors():
        return [
            Account(
                u.id,
                u.login,
                u.name,
                tuple(sorted(_roles_of(u.id))),
                u.active,
                u.password_hash is not None,
            )
            for u in User.select().order_by(User.login)
        ]


def _check_roles(roles: Iterable[str]) -> list[str]:
    codes = sorted(set(roles))
    if not codes:
        raise ValidationError("auth.no_roles", field="roles")
    known = [r.value for r in Role]
    for code in codes:
        if code not in known:
            raise ValidationError(
                "auth.unknown_role", field="roles", role=code, roles=", ".join(known)
            )
    return codes


def _check_login(login: str) -> str:
    login = required(login, "login")
    if not login.isascii() or not login.replace("_", "").replace(".", "").isalnum():
        raise ValidationError("error.login_invalid", field="login", login=login)
    return login


def add_account(
    login: str,
    name: str,
    roles: Iterable[str],
    password: str | None,
    *,
    by: Actor | None = None,
) -> Actor:
    """Create an account. ``by`` must be allowed to manage accounts; with no ``by``, this is
    allowed only while no account has a password (the first supervisor, or a desk of its own)."""
    login = _check_login(login)
    name = required(name, "name")
    codes = _check_roles(roles)
    hashed = hash_password(password) if password is not None else None
    with transaction():
        if by is not None:
            require(by, Permission.MANAGE_USERS)
        elif User.select().where(User.password_hash.is_null(False)).exists():
            raise UserError("auth.sign_in_first")
        if User.get_or_none(User.login == login):
            raise ValidationError("error.login_taken", field="login", login=login)
        user = User.create(login=login, name=name, password_hash=hashed)
        for code in codes:
            UserRole.create(user=user, role=code)
        audit.log(
            by, "user", user.id, "create", after={"login": login, "name": name, "roles": codes}
        )
    return _actor(user)


def add_clerk(login: str, name: str) -> Actor:
    """Create a clerk account without a password, for a desk that has no accounts yet."""
    return add_account(login, name, [CLERK], None)


def set_password(login: str, password: str, *, by: Actor) -> None:
    """Change a password: one's own, or anyone's with the right to manage accounts."""
    hashed = hash_password(password)
    with transaction():
        user = User.get_or_none(User.login == login)
        if user is None:
            raise NotFoundError("error.unknown_clerk", login=login)
        if user.id != by.id:
            require(by, Permission.MANAGE_USERS)
        User.update(password_hash=hashed, version=User.version + 1).where(
            User.id == user.id
        ).execute()
        audit.log(by, "user", user.id, "password", after={"password": "changed"})


def disable_account(login: str, *, by: Actor) -> None:
    """Stop an account from signing in; its history stays."""
    with transaction():
        require(by, Permission.MANAGE_USERS)
        user = User.get_or_none(User.login == login)
        if user is None:
            raise NotFoundError("error.unknown_clerk", login=login)
        if user.id == by.id:
            raise UserError("auth.cannot_disable_self")
        User.update(active=False, version=User.version + 1).where(User.id == user.id).execute()
        audit.log(by, "user", user.id, "disable", before={"active": True}, after={"active": False})


FIRST_ROLES = (Role.FOLLOW_UP_SUPERVISOR.value, Role.CLERK.value)
"""The first account's roles: the supervisor's (to add everyone else) and the clerk's (to
work callbacks too)."""


class UserService:
    """Accounts through the session: who the acting person may list, add or change is
    checked here, whichever front end asks."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def has_accounts(self) -> bool:
        """Whether any account exists (the first run creates the first supervisor)."""
        return has_accounts()

    def needs_password(self, login: str) -> bool:
        """Whether signing in as ``login`` takes a password."""
        return needs_password(login)

    def uses_passwords(self) -> bool:
        """Whether any account has a password (sign-in is on for the database)."""
        with storage_errors():
            return bool(User.select().where(User.password_hash.is_null(False)).exists())

    def only_clerk(self) -> Actor | None:
        """The single active clerk, when there is exactly one."""
        return only_clerk()

    def clerks(self) -> list[Actor]:
        """Active clerks by login (whose queue to look at, whom to hand work to)."""
        self.ctx.require_actor()
        return list_clerks()

    def names(self) -> dict[int, str]:
        """Everyone's name by account id, for showing who a change names."""
        self.ctx.require_actor()
        with storage_errors():
            return {user.id: user.name for user in User.select(User.id, User.name)}

    def accounts(self) -> list[Account]:
        """Every account, by login (for whoever manages accounts)."""
        require(self.ctx.require_actor(), Permission.MANAGE_USERS)
        return list_accounts()

    def add(self, login: str, name: str, roles: Iterable[str], password: str | None) -> Actor:
        """Create an account as the acting person, who must manage accounts; nobody
        signed in may only while no account has a password (the first account)."""
        return add_account(login, name, roles, password, by=self.ctx.actor)

    def add_first_supervisor(self, login: str, name: str, password: str) -> Actor:
        """On a database without accounts: create the first follow-up supervisor, with a
        password (which turns sign-in on), and sign them in."""
        add_account(login, name, FIRST_ROLES, password)
        self.ctx.actor = authenticate(login, password)
        return self.ctx.actor

    def set_password(self, login: str, password: str) -> None:
        """Change one's own password, or anyone's for whoever manages accounts."""
        set_password(login, password, by=self.ctx.require_actor())

    def disable(self, login: str) -> None:
        """Stop an account from signing in (for whoever manages accounts)."""
        disable_account(login, by=self.ctx.require_actor())
