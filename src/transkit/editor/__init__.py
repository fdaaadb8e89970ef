"""The glossary editor on the web: search, add, edit and review concepts over the glossary files.

Needs the ``editor`` extra (Starlette, Jinja2, uvicorn, python-multipart, itsdangerous)::

    transkit editor --glossary glossaries/
"""

from __future__ import annotations

from .app import EditorConfig, create_app
from .auth import Access, hash_password, read_users, verify_password

__all__ = ["Access", "EditorConfig", "create_app", "hash_password", "read_users", "verify_password"]
