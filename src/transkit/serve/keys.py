"""API keys and per-key rate limits.

A keys file has one ``NAME:KEY`` line per client, optionally ``NAME:KEY:PER_MINUTE``
to give that client its own limit (``#`` starts a comment). Keys are compared in
constant time; the name, never the key, appears in logs and metrics.

>>> keys = ApiKeys({"cms": ("k-8f2c", None)})
>>> keys.client("k-8f2c"), keys.client("wrong"), keys.client(None)
('cms', None, None)
>>> bucket = RateLimiter(per_minute=2)
>>> [bucket.acquire("cms", now=0.0) for _ in range(3)]
[0.0, 0.0, 30.0]
"""

from __future__ import annotations

import hmac
import re
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError

__all__ = ["ApiKeys", "RateLimiter", "read_keys"]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")


@dataclass(frozen=True)
class ApiKeys:
    """``{name: (key, per-minute limit or None)}``; empty: no key needed."""

    clients: dict[str, tuple[str, int | None]]

    def __bool__(self) -> bool:
        return bool(self.clients)

    def client(self, key: str | None) -> str | None:
        """The name of the client holding ``key``, or None."""
        if not key:
            return None
        found = None
        for name, (expected, _) in self.clients.items():  # compare with every key: no early exit to time
            if hmac.compare_digest(key.encode("utf-8"), expected.encode("utf-8")):
                found = name
        return found

    def limit(self, name: str) -> int | None:
        """The requests per minute allowed to client ``name`` (None: no limit of its own)."""
        return self.clients[name][1] if name in self.clients else None


def read_keys(path: str | Path) -> ApiKeys:
    """The keys of a keys file; a malformed line raises :class:`ConfigError` naming it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"cannot read API keys file: {err.strerror}", path=path) from err
    clients: dict[str, tuple[str, int | None]] = {}
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, _, rest = line.partition(":")
        key, _, limit = rest.partition(":")
        if not _NAME.match(name) or len(key) < 16 or (limit and not limit.isdigit()):
            raise ConfigError(
                "expected NAME:KEY or NAME:KEY:PER_MINUTE, with a key of 16 characters or more",
                path=path,
                line=number,
                hint="make a key with: python -c 'import secrets; print(secrets.token_urlsafe(24))'",
            )
        if name in clients or key in seen:
            raise ConfigError("a name or key is listed twice", path=path, line=number, hint="one line per client")
        clients[name] = (key, int(limit) if limit else None)
        seen.add(key)
    if not clients:
        raise ConfigError("no API keys in the file", path=path, hint="add a NAME:KEY line")
    return ApiKeys(clients)


class RateLimiter:
    """A token bucket per client: ``per_minute`` requests a minute, in bursts of up to that many."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, time)
        self._pruned = 0.0

    def acquire(self, client: str, *, limit: int | None = None, now: float | None = None) -> float:
        """Take one request from ``client``'s bucket: 0.0 when allowed, else the seconds to wait."""
        rate = limit or self.per_minute
        if rate <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        if now - self._pruned > 60:  # a bucket untouched for a minute is full again: forget it
            self._buckets = {c: (t, at) for c, (t, at) in self._buckets.items() if now - at < 60}
            self._pruned = now
        tokens, then = self._buckets.get(client, (float(rate), now))
        tokens = min(float(rate), tokens + (now - then) * rate / 60)
        if tokens >= 1:
            self._buckets[client] = (tokens - 1, now)
            return 0.0
        self._buckets[client] = (tokens, now)
        return (1 - tokens) * 60 / rate
