"""``transkit editor``: serve the glossary editor on the web (needs the ``editor`` extra).

Binds to 127.0.0.1 by default, where editing needs no login. Bound to any
other address it refuses to start without ``--token`` or ``--users``; editors
then log in. ``--hash-password NAME`` prints a line for the users file.
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
        "--audit", metavar="FILE", help="audit log (default: .transkit-audit.jsonl in the glossary folder)"
    )
    parser.add_argument(
        "--hash-password", metavar="NAME", help="read a password and print NAME:HASH for the users file, then exit"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from ..editor import Access, EditorConfig, create_app, hash_password, read_users
        from ..editor.auth import is_loopback
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
    hosts = EditorConfig.allowed_hosts if is_loopback(args.host) else ("*",)  # loopback: no DNS rebinding
    config = EditorConfig(
        glossary=glossary, access=access, audit=Path(args.audit) if args.audit else None, allowed_hosts=hosts
    )
    app = create_app(config)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"transkit editor: {glossary} on http://{shown}:{args.port}/ (Ctrl-C stops it)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return ExitCode.OK


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
