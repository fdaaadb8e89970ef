"""``transkit editor``: serve the glossary editor on the web (needs the ``editor`` extra).

Binds to 127.0.0.1 by default, where editing needs no login. Bound to any
other address it refuses to start without ``--token`` or ``--users``; every page
then needs a login (``--public-read`` opens the read-only ones). Behind TLS, add
``--secure-cookies``. ``--hash-password NAME`` prints a line for the users file.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from ..errors import ExitCode, UsageError

__all__ = ["register"]

TOKEN_ENV = "TRANSKIT_EDITOR_TOKEN"


def register(subparsers: Any) -> None:
    """Add ``transkit editor`` and its options to ``subparsers``."""
    parser = subparsers.add_parser(
        "editor",
        help="serve the glossary editor in the browser",
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n")[1],
    )
    parser.add_argument(
        "--glossary", metavar="PATH", help="glossary folder or YAML file (default: $TRANSKIT_GLOSSARY or ./glossaries)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--users", metavar="FILE", help="users file: one NAME:HASH line per editor")
    parser.add_argument(
        "--token", metavar="T", help=f"an access token editors log in with (or set ${TOKEN_ENV}, which ps cannot show)"
    )
    parser.add_argument(
        "--public-read", action="store_true", help="with a login required, let anyone search and read (not edit)"
    )
    parser.add_argument(
        "--secure-cookies",
        action="store_true",
        help="send the session cookie over https only (serving over TLS, or behind a TLS proxy)",
    )
    parser.add_argument(
        "--idle-minutes", type=float, default=480, metavar="N", help="end sessions unused for N minutes (default 480)"
    )
    parser.add_argument(
        "--audit", metavar="FILE", help="audit log (default: .transkit-audit.jsonl in the glossary folder)"
    )
    parser.add_argument(
        "--hash-password", metavar="NAME", help="read a password and print NAME:HASH for the users file, then exit"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Serve the glossary editor until interrupted (or hash a password); returns the exit code."""
    try:
        import uvicorn

        from ..editor import Access, EditorConfig, create_app, hash_password, read_users
    except ImportError as err:
        raise UsageError(
            f"the editor needs {err.name}", hint="install the editor extra: pip install 'transkit[editor]'"
        ) from err
    if args.hash_password:
        password = (
            getpass.getpass(f"password for {args.hash_password}: ") if sys.stdin.isatty() else sys.stdin.readline()
        )
        password = password.rstrip("\n")
        if not password:
            raise UsageError("empty password", hint="type a password (or pipe one line into the command)")
        print(f"{args.hash_password}:{hash_password(password)}")
        return ExitCode.OK
    glossary = _glossary_path(args.glossary)
    users = read_users(args.users) if args.users else {}
    access = Access.for_host(args.host, token=args.token or os.environ.get(TOKEN_ENV), users=users)
    hosts = allowed_hosts(args.host)
    config = EditorConfig(
        glossary=glossary,
        access=access,
        audit=Path(args.audit) if args.audit else None,
        allowed_hosts=hosts,
        public_read=args.public_read,
        secure_cookies=args.secure_cookies,
        idle_minutes=args.idle_minutes,
    )
    app = create_app(config)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"transkit editor: {glossary} on http://{shown}:{args.port}/ (Ctrl-C stops it)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return ExitCode.OK


def allowed_hosts(host: str) -> tuple[str, ...]:
    """The Host headers to accept: on loopback only loopback names (no DNS rebinding), the bound one included.

    >>> allowed_hosts("127.1.2.3")
    ('127.0.0.1', 'localhost', '::1', '127.1.2.3')
    >>> allowed_hosts("0.0.0.0")
    ('*',)
    """
    from ..editor import EditorConfig
    from ..hosts import is_loopback

    if not is_loopback(host):
        return ("*",)
    return tuple(dict.fromkeys((*EditorConfig.allowed_hosts, host.strip("[]"))))


def _glossary_path(given: str | None) -> Path:
    from ..glossary.store import ENV_VAR, default_paths

    if given:
        return Path(given)
    paths = default_paths()
    if len(paths) != 1:
        raise UsageError(
            "no glossary given" if not paths else f"${ENV_VAR} names {len(paths)} layers; the editor serves one",
            hint="pass --glossary FOLDER (or a YAML file)",
        )
    return Path(paths[0])
