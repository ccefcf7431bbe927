"""Errors a user can act on, carried as translation keys so every front end words them alike.

A leaf module: the store, the domain and the front ends all raise these, and it imports
nothing of theirs (the translation layer only when a message is shown)."""

from __future__ import annotations

from typing import Any


class Key(str):
    """A parameter that is itself a translation key, translated when the message is shown."""


class UserError(Exception):
    """A refusal or failure to be shown to the user, never as a traceback."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        from gendan_tui.i18n import t

        params = {k: t(v) if isinstance(v, Key) else v for k, v in self.params.items()}
        return t(self.key, **params)


class ValidationError(UserError):
    """Input that does not parse or breaks a rule; ``field`` names the form field when known."""

    def __init__(self, key: str, field: str | None = None, **params: Any) -> None:
        super().__init__(key, **params)
        self.field = field


class NotFoundError(UserError):
    """A customer, clerk or record that does not exist."""


class ConflictError(UserError):
    """A save refused because someone else changed the record first."""


class StorageError(UserError):
    """The database cannot be opened or written: missing, read-only, locked or unreachable."""
