"""transkit tm: inspect and maintain a translation memory (stats, TMX import/export, clear)."""

from __future__ import annotations

import argparse
import sys

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "tm", help="translation memory: stats, import/export TMX, clear",
        description="Maintain the translation memory of batch jobs (default location OUT/.transkit/tm.sqlite3).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    stats = actions.add_parser("stats", help="entries per engine signature, glossary version and direction")
    stats.add_argument("db", metavar="TM", help="translation memory file")
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
    from ..jobs.tm import TranslationMemory

    with TranslationMemory(args.db) as tm:
        if args.action == "stats":
            stats = tm.stats()
            print(f"{stats.path}: {stats.total} entries")
            for signature, glossary, source, target, count in stats.rows:
                print(f"  {count:>8}  {source}→{target}  {signature}  glossary {glossary or 'none'}")
        elif args.action == "import":
            print(f"imported {tm.import_tmx(args.tmx)} entries from {args.tmx}", file=sys.stderr)
        elif args.action == "export":
            print(f"exported {tm.export_tmx(args.tmx, signature=args.signature)} entries to {args.tmx}", file=sys.stderr)
        else:
            print(f"deleted {tm.clear(signature=args.signature)} entries", file=sys.stderr)
    return 0
