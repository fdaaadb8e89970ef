"""Who may edit: scrypt password hashes, the users file, the access policy and CSRF tokens.

A users file has one ``NAME:HASH`` line per editor (``#`` starts a comment);
``transkit editor --hash-password NAME`` prints such a line. Hashes are
``scrypt$N$r$p$SALT$KEY`` with base64 salt and key (stdlib ``hashlib.scrypt``).

>>> line = hash_password("secret", n=2**4)
>>> verify_password("secret", line), verify_password("Secret", line)
(True, False)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError

__all__ = [
    "Access",
    "csrf_token",
    "hash_password",
    "is_loopback",
    "read_users",
    "valid_csrf",
    "verify_password",
]

_USER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


def hash_password(password: str, *, n: int = _SCRYPT_N, r: int = _SCRYPT_R, p: int = _SCRYPT_P) -> str:
    """A salted scrypt hash of ``password`` in the users-file format."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(key).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored`` (a :func:`hash_password` string); constant-time."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key, validate=True)
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt, validate=True),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=128 * int(r) * int(n) * 2 + 1024 * 1024,
        )
    except ValueError:
        return False
    return hmac.compare_digest(got, expected)


def read_users(path: str | Path) -> dict[str, str]:
    """``{name: hash}`` from a users file; a malformed line raises :class:`ConfigError` naming it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"cannot read users file: {err.strerror}", path=path) from err
    users: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, stored = line.partition(":")
        if not sep or not _USER.match(name) or not stored.startswith("scrypt$") or stored.count("$") != 5:
            raise ConfigError(
                "expected NAME:scrypt$N$r$p$SALT$KEY",
                path=path,
                line=number,
                hint="create the line with `transkit editor --hash-password NAME`",
            )
        if name in users:
            raise ConfigError(f"user {name} is listed twice", path=path, line=number, hint="keep one line per user")
        users[name] = stored
    return users


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Access:
    """The editing policy: open on a loopback address without credentials, otherwise login first."""

    token: str | None = None
    users: Mapping[str, str] = field(default_factory=dict)
    login_required: bool = False

    @classmethod
    def for_host(cls, host: str, *, token: str | None = None, users: Mapping[str, str] | None = None) -> Access:
        """The policy for a server bound to ``host``; refuses a non-loopback host without credentials."""
        users = dict(users or {})
        if not is_loopback(host) and not token and not users:
            raise ConfigError(
                f"binding to {host} lets other machines reach the editor, so editing needs a login",
                hint="give --token T or --users FILE, or bind to 127.0.0.1",
            )
        return cls(token=token or None, users=users, login_required=bool(token or users or not is_loopback(host)))

    def login(self, name: str, secret: str) -> str | None:
        """The user name to record for valid credentials, or None.

        With users configured, ``name`` and its password; with a token, the token
        (``name`` is then recorded as given, or "token").
        """
        if name in self.users and verify_password(secret, self.users[name]):
            return name
        if self.token and hmac.compare_digest(secret.encode("utf-8"), self.token.encode("utf-8")):
            name = name.strip()
            return f"{name} (token)" if _USER.match(name) else "token"
        return None


def csrf_token(session: dict[str, object]) -> str:
    """The session's CSRF token, created on first use."""
    token = session.get("csrf")
    if not isinstance(token, str):
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def valid_csrf(session: Mapping[str, object], submitted: object) -> bool:
    """True when the form's token equals the session's (constant-time)."""
    expected = session.get("csrf")
    return (
        isinstance(expected, str)
        and isinstance(submitted, str)
        and hmac.compare_digest(expected.encode(), submitted.encode())
    )
