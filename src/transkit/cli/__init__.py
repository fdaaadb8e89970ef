"""The ``transkit`` command: one entry point, ``main(argv) -> int``, with subcommands.

Each subcommand lives in its own module with a ``register(subparsers)`` function
that adds its parser and sets ``run`` to a function ``(args) -> int``. Modules
import heavy libraries (torch, transformers) inside ``run`` only, so
``transkit check`` and ``transkit glossary`` start fast.

Exit codes: see :class:`transkit.errors.ExitCode`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys
import traceback
from collections.abc import Sequence

from .._version import __version__
from ..errors import ExitCode, TranskitError

__all__ = ["main"]

# Subcommand modules, in the order `transkit --help` lists them.
SUBCOMMANDS = ("translate", "models", "check", "glossary", "eval", "batch", "tm", "editor", "serve")

EPILOG = """exit codes:
  0  success
  1  findings at or above --fail-on (check, glossary lint)
  2  usage error: bad arguments, unknown language
  3  input error: missing, unreadable or malformed file (glossary, config, article)
  4  model error: a model could not be found or loaded
  70 internal error: a bug in transkit (rerun with -vv and report the traceback)
  130 interrupted
"""


def build_parser() -> argparse.ArgumentParser:
    """The ``transkit`` argument parser, with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="transkit",
        description="Translate en/ko/vi articles with MarianMT, enforce glossaries, check consistency.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"transkit {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    for subparser in subparsers.choices.values():
        _add_common_options(subparser)
    return parser


def _add_common_options(parser: argparse.ArgumentParser) -> None:
    """Let ``-v`` follow any subcommand, and record which parser handled the command (for its usage errors)."""
    parser.add_argument(
        "-v", "--verbose", action="count", default=argparse.SUPPRESS, help="more log output (-vv for debug)"
    )
    parser.set_defaults(command_parser=parser)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                _add_common_options(subparser)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (never calls ``sys.exit`` itself)."""
    _setup_stdio()
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # report an unknown option with the usage of the subcommand it was given to
            getattr(args, "command_parser", parser).error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return int(exc.code or 0)
    logging.basicConfig(
        level=(logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)],
        format="transkit: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return ExitCode.USAGE
    try:
        return int(args.run(args))
    except TranskitError as err:
        print(f"transkit: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("transkit: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as err:  # noqa: BLE001 - a bug: report it as one, never as exit 1 (findings)
        print(f"transkit: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        if args.verbose:
            traceback.print_exc(file=sys.stderr)
        print("  hint: this is a bug in transkit; rerun with -vv and report the traceback", file=sys.stderr)
        return ExitCode.INTERNAL


def _setup_stdio() -> None:
    """UTF-8 streams whatever the locale; quiet exit when piped into `head`."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace" if stream is sys.stderr else "strict")
    if hasattr(signal, "SIGPIPE") and os.name == "posix":
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
