"""transkit tm: inspect and maintain a translation memory (stats, TMX import/export, clear)."""

from __future__ import annotations

import argparse
import sys

from ..errors import ExitCode

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``transkit tm`` and its actions to ``subparsers``."""
    parser = subparsers.add_parser(
        "tm", help="translation memory: stats, check, import/export TMX, clear",
        description="Maintain the translation memory of batch jobs (default location OUT/.transkit/tm.sqlite3).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    stats = actions.add_parser("stats", help="entries per engine signature, glossary version and direction")
    stats.add_argument("db", metavar="TM", help="translation memory file")
    check = actions.add_parser("check", help="check the file for damage (SQLite integrity check); exit 3 if damaged")
    check.add_argument("db", metavar="TM")
    imp = actions.add_parser("import", help="add the translations of a TMX file (preferred to machine output)")
    imp.add_argument("db", metavar="TM")
    imp.add_argument("tmx", metavar="FILE.tmx")
    exp = actions.add_parser("export", help="write entries as TMX 1.4")
    exp.add_argument("db", metavar="TM")
    exp.add_argument("tmx", metavar="FILE.tmx")
    exp.add_argument("--signature", help="only the entries of this engine signature")
    clear = actions.add_parser("clear", help="delete entries")
    clear.add_argument("db", metavar="TM")
    clear.add_argument("--signature", help="only the entries of this engine signature")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run one translation-memory action (stats, check, import, export, clear); returns the exit code."""
    from ..jobs.tm import TranslationMemory

    with TranslationMemory(args.db, create=args.action == "import", verify=args.action != "check") as tm:
        if args.action == "check":
            problems = tm.check()
            for problem in problems:
                print(f"{args.db}: {problem}")
            if problems:
                print(f"transkit: {args.db} is damaged: move it aside (mv {args.db} {args.db}.damaged) and run the "
                      "job again; what is no longer in memory is translated again", file=sys.stderr)
                return ExitCode.INPUT
            print(f"{args.db}: ok")
        elif args.action == "stats":
            stats = tm.stats()
            print(f"{stats.path}: {stats.total} entries")
            for signature, glossary, source, target, count in stats.rows:
                print(f"  {count:>8}  {source}→{target}  {signature}  glossary {glossary or 'none'}")
        elif args.action == "import":
            print(f"imported {tm.import_tmx(args.tmx)} entries from {args.tmx}", file=sys.stderr)
        elif args.action == "export":
            exported = tm.export_tmx(args.tmx, signature=args.signature)
            print(f"exported {exported} entries to {args.tmx}", file=sys.stderr)
        else:
            print(f"deleted {tm.clear(signature=args.signature)} entries", file=sys.stderr)
    return ExitCode.OK
