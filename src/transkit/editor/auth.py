"""Who may edit: scrypt password hashes, the users file, the access policy, sessions, login throttling, CSRF.

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
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import ConfigError
from ..hosts import is_loopback

__all__ = [
    "MIN_TOKEN_LENGTH",
    "Access",
    "Sessions",
    "Throttle",
    "csrf_token",
    "hash_password",
    "read_users",
    "valid_csrf",
    "verify_password",
]

_USER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
MIN_TOKEN_LENGTH = 16
"""The shortest access token accepted (``secrets.token_urlsafe(16)`` gives 22 characters)."""


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
        if token and len(token) < MIN_TOKEN_LENGTH:
            raise ConfigError(
                f"the access token is {len(token)} characters long: anyone could guess it",
                hint=f"use at least {MIN_TOKEN_LENGTH} random characters, e.g. from "
                "`python -c 'import secrets; print(secrets.token_urlsafe(24))'`",
            )
        if not is_loopback(host) and not token and not users:
            raise ConfigError(
                f"binding to {host} lets other machines reach the editor, so editing needs a login",
                hint="give --token T or --users FILE, or bind to 127.0.0.1",
            )
        return cls(token=token or None, users=users, login_required=bool(token or users or not is_loopback(host)))

    def login(self, name: str, secret: str) -> str | None:
        """The user name to record for valid credentials, or None.

        With users configured, ``name`` and its password; with a token, the token
        (``name`` is then recorded as given, or "token"). An unknown name costs the
        same scrypt work as a known one, so the answer time tells nothing.
        """
        known = name in self.users
        if verify_password(secret, self.users[name] if known else _decoy_hash()) and known:
            return name
        if self.token and hmac.compare_digest(secret.encode("utf-8"), self.token.encode("utf-8")):
            name = name.strip()
            return f"{name} (token)" if _USER.match(name) else "token"
        return None


@cache
def _decoy_hash() -> str:
    """A hash no password matches, checked for unknown user names (same work as a real check)."""
    return hash_password(secrets.token_urlsafe(32))


class Sessions:
    """Logged-in sessions held on the server: logout ends one for good, and idle ones expire.

    The session cookie only carries a random id; a copy of the cookie is worth
    nothing once the session is over.

    >>> s = Sessions(idle_seconds=60); sid = s.start("minji")
    >>> s.user(sid), s.end(sid), s.user(sid)
    ('minji', None, None)
    """

    def __init__(self, idle_seconds: float = 8 * 3600) -> None:
        self.idle_seconds = idle_seconds
        self._live: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def start(self, user: str) -> str:
        """Start a session for ``user``; returns its id."""
        sid = secrets.token_urlsafe(32)
        with self._lock:
            self._live[sid] = (user, time.monotonic())
        return sid

    def user(self, sid: object) -> str | None:
        """The user of a live session (which counts as activity), or None when it ended or idled out."""
        if not isinstance(sid, str):
            return None
        now = time.monotonic()
        with self._lock:
            found = self._live.get(sid)
            if found is None:
                return None
            if now - found[1] > self.idle_seconds:
                del self._live[sid]
                return None
            self._live[sid] = (found[0], now)
            return found[0]

    def end(self, sid: object) -> None:
        """End session ``sid`` (nothing happens for an unknown or missing id)."""
        if isinstance(sid, str):
            with self._lock:
                self._live.pop(sid, None)


class Throttle:
    """Failed logins counted per key (a user name, an address) in a sliding window.

    >>> t = Throttle(limit=2, window=60); t.failed("ip:1"); t.failed("ip:1")
    >>> t.wait("ip:1") > 0, t.wait("ip:2")
    (True, 0.0)
    """

    def __init__(self, limit: int = 5, window: float = 900) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def wait(self, *keys: str) -> float:
        """Seconds until another attempt for any of ``keys`` is allowed (0.0: allowed now)."""
        now = time.monotonic()
        with self._lock:
            waits = [
                self.window - (now - times[0]) for key in keys if len(times := self._recent(key, now)) >= self.limit
            ]
        return max(waits, default=0.0)

    def failed(self, *keys: str) -> None:
        """Count a failed attempt against each of ``keys``."""
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)


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
