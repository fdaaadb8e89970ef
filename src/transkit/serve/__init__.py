"""``transkit serve``: a LibreTranslate-compatible translation and checking service (needs the ``serve`` extra)."""

from __future__ import annotations

from .app import ServeConfig, create_app
from .keys import ApiKeys, read_keys
from .server import run_server

__all__ = ["ApiKeys", "ServeConfig", "create_app", "read_keys", "run_server"]
