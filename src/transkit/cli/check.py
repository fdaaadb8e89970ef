"""``transkit check``: consistency checks for translated articles (text, JSON or SARIF report)."""

from __future__ import annotations

import argparse
import codecs
import sys
from typing import Any

from ..errors import ExitCode, InputError, UsageError
from .options import iso_date

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add ``transkit check`` and its options to ``subparsers``."""
    parser = subparsers.add_parser(
        "check",
        help="check translated articles for title and name consistency",
        description="Check articles for inconsistent person titles, non-official names, spelling variants, "
        "mixed naming and Korean particles; with --source, also missing terms, numbers, placeholders and "
        "tags, untranslated spans, wrong script, repetition and length ratio.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="article(s) to check; - reads stdin")
    parser.add_argument("--lang", help="language of FILE (en, ko, vi); detected when omitted")
    parser.add_argument("--source", metavar="SRC", help="the source text FILE was translated from")
    parser.add_argument("--from", dest="source_lang", metavar="L", help="language of SRC; detected when omitted")
    parser.add_argument(
        "--glossary", action="append", metavar="PATH", help="glossary file or folder (repeat for layers); "
        "default: $TRANSKIT_GLOSSARY or ./glossaries",
    )
    parser.add_argument(
        "--date", type=iso_date, help="article date YYYY-MM-DD; default: a date stated in the text, else today"
    )
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"), default="error",
                        help="exit 1 when a finding at or above this severity is found (default: error)")
    parser.add_argument("--fix", action="store_true", help="write a corrected copy (FILE.fixed.EXT or -o)")
    parser.add_argument("--in-place", action="store_true", help="with --fix: correct FILE itself")
    parser.add_argument("-o", "--output", metavar="PATH", help="with --fix: where to write the corrected copy")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the given articles and print the report; returns the exit code."""
    from ..checks import Checker, Severity
    from ..checks.fix import apply_fixes, fixed_path
    from ..glossary.model import Glossary
    from ..glossary.store import default_paths, load
    from ..text.io import ARTICLE_MAX_BYTES, read_text, write_text

    if (args.in_place or args.output) and not args.fix:
        raise UsageError("--in-place and -o need --fix", hint="add --fix")
    if args.fix and len(args.files) > 1 and args.output:
        raise UsageError("-o takes one FILE", hint="check one file at a time, or use --in-place")
    if args.source and len(args.files) > 1:
        raise UsageError("--source takes one FILE", hint="check each translation against its own source")
    paths = args.glossary or default_paths()
    glossary = load(paths) if paths else Glossary()
    _glossary_notice(paths, glossary)
    checker = Checker(glossary)
    source = read_text(args.source, max_bytes=ARTICLE_MAX_BYTES) if args.source else None
    reports = []
    unreadable = 0
    for path in args.files:  # an unreadable file is reported and the others are still checked
        try:
            text = read_text(path, max_bytes=ARTICLE_MAX_BYTES)
        except InputError as err:
            print(f"transkit: error: {err}", file=sys.stderr)
            unreadable += 1
            continue
        report = checker.check(text, lang=args.lang, source=source, source_lang=args.source_lang, date=args.date)
        reports.append(type(report)(**{**report.__dict__, "file": path}))
    _write(reports, args.format)
    if args.fix:
        for report in reports:
            fixed, changes = apply_fixes(report)
            assert report.file is not None  # every report above names its file
            target = report.file if args.in_place else (args.output or fixed_path(report.file or "stdin.txt"))
            if report.file == "-" and not args.output:
                sys.stdout.write(fixed)
            else:
                write_text(target, _bom(report.file) + fixed)
            for c in changes:
                print(f"fixed {report.file}:{c.finding.line}:{c.finding.column}: '{c.old}' -> '{c.new}' "
                      f"[{c.finding.check}]", file=sys.stderr)
            print(f"{len(changes)} change(s) written to {target}", file=sys.stderr)
    if unreadable:
        return ExitCode.INPUT
    fail_on = Severity(args.fail_on)
    return ExitCode.FINDINGS if any(r.at_or_above(fail_on) for r in reports) else ExitCode.OK


def _bom(path: str | None) -> str:
    """The byte-order mark FILE starts with ("" for none): read_text drops it, a fixed copy keeps it."""
    if path is None or path == "-":
        return ""
    with open(path, "rb") as f:
        return "\ufeff" if f.read(3) == codecs.BOM_UTF8 else ""


def _glossary_notice(paths: list[str], glossary: Any) -> None:
    """Say on stderr which glossary the checks use, or that none is: the name checks depend on it."""
    if paths:
        print(f"transkit: glossary: {', '.join(paths)} ({len(glossary)} concepts, version {glossary.version})",
              file=sys.stderr)
    else:
        print("transkit: glossary: none (no --glossary, $TRANSKIT_GLOSSARY unset, no ./glossaries folder); "
              "name and title checks that need one do not run", file=sys.stderr)


def _write(reports: list[Any], fmt: str) -> None:
    if fmt == "json":
        from ..checks.render_json import render_json

        sys.stdout.write(render_json(reports))
    elif fmt == "sarif":
        from ..checks.sarif import render_sarif

        sys.stdout.write(render_sarif(reports))
    else:
        from ..checks.render_text import render_text

        render_text(reports, sys.stdout)
