"""Password hashing with scrypt: slow, salted, and never stored or shown in clear."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from gendan_tui.errors import ValidationError

MIN_LENGTH = 6
_N, _R, _P = 2**14, 8, 1
_SCHEME = "scrypt"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)


def check_strength(password: str) -> None:
    """Refuse passwords too short to be worth hashing."""
    if len(password) < MIN_LENGTH:
        raise ValidationError("auth.password_too_short", field="password", min=MIN_LENGTH)


def hash_password(password: str) -> str:
    """A self-describing hash string ``scrypt$n$r$p$salt$digest``."""
    check_strength(password)
    salt = secrets.token_bytes(16)
    digest = _derive(password, salt, _N, _R, _P)
    return "$".join((_SCHEME, str(_N), str(_R), str(_P), _b64(salt), _b64(digest)))


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored``, compared in constant time."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != _SCHEME:
        return False
    actual = _derive(password, base64.b64decode(salt), int(n), int(r), int(p))
    return hmac.compare_digest(actual, base64.b64decode(digest))
