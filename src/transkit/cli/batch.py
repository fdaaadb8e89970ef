"""transkit batch: localise folders of articles and localisation files into several languages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from ..languages import normalize
from .options import iso_date
from .translate import add_engine_options, engine_settings, parse_models

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``transkit batch`` and its options to ``subparsers``."""
    parser = subparsers.add_parser(
        "batch",
        help="localise a tree of articles and localisation files (PO, XLIFF, JSON, Android, CSV)",
        description="Translate files, folders or globs into one or more languages with a translation memory, "
        "crash-safe resume and a QA report (OUT/qa-report.json, OUT/qa-report.md). Outputs go to "
        "OUT/<lang>/<path>; a folder or file named after the source language is renamed to the target.",
    )
    parser.add_argument("sources", nargs="*", metavar="SRC", help="files, folders or globs (or `sources` in --job)")
    parser.add_argument("--job", metavar="FILE", help="job file (TOML); options given here override it")
    parser.add_argument("--to", metavar="LANGS", help="target languages, comma-separated: ko,vi")
    parser.add_argument("--from", dest="source_lang", metavar="L", help="source language (default en)")
    parser.add_argument("--out", metavar="DIR", help="output folder")
    parser.add_argument(
        "--root", metavar="DIR", help="outputs mirror paths below DIR (default: the sources' common folder)"
    )
    parser.add_argument("--glossary", action="append", metavar="PATH", help="glossary file or folder (repeatable)")
    parser.add_argument("--glossary-mode", choices=("enforce", "verify", "off"),
                        help="enforce (default): approved terms in every unit, as `transkit translate`; "
                        "verify: report misses only; off: the glossary feeds QA only")
    parser.add_argument("--date", type=iso_date, help="the articles' date YYYY-MM-DD for dated titles "
                        "(default: the day the run starts)")
    parser.add_argument("--model", action="append", default=[], metavar="M",
                        help="hub id or folder; DIRECTION=M for one direction (repeatable)")
    parser.add_argument("--retranslate", action="store_true", default=None,
                        help="also translate units that already have a translation")
    parser.add_argument("--mark-fuzzy", action="store_true", default=None,
                        help="mark new translations for review (PO fuzzy, XLIFF state)")
    parser.add_argument("--fail-on", choices=("error", "warning", "info", "never"),
                        help="exit 1 when QA finds something at or above this severity (default error)")
    parser.add_argument("--engine", choices=("local", "ray"), help="local (default) or ray (pip install transkit[ray])")
    parser.add_argument("--ray-address", metavar="A", help="an existing Ray cluster (default: start a local Ray)")
    parser.add_argument("--format", help="read every source as this format (text, markdown, po, xliff, xliff2, "
                        "json, i18next, android, csv)")
    parser.add_argument("--tm", metavar="FILE", help="translation memory (default OUT/.transkit/tm.sqlite3)")
    parser.add_argument("--quiet", action="store_true", help="no progress, only the summary")
    add_engine_options(parser, engine_flag="--model-engine")
    parser.set_defaults(run=run)


def _targets(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(dict.fromkeys(normalize(v) for v in value.split(",") if v.strip()))


def run(args: argparse.Namespace) -> int:
    """Run a batch job as the arguments describe; returns the exit code."""
    from ..config import load_settings
    from ..jobs.display import JobDisplay
    from ..jobs.job import Job, load_job
    from ..jobs.runner import run_job

    job = load_job(args.job, defaults=load_settings(args.config)) if args.job else None
    source_lang = normalize(args.source_lang) if args.source_lang else (job.source_lang if job else "en")
    model, models = parse_models(args.model, source_lang, source_lang)
    settings = engine_settings(args, job.settings if job else None)
    options = dict(
        sources=tuple(args.sources) or None, targets=_targets(args.to), source_lang=source_lang,
        out=Path(args.out) if args.out else None, root=Path(args.root) if args.root else None,
        glossary=tuple(args.glossary) if args.glossary else None, glossary_mode=args.glossary_mode,
        date=args.date, model=model,
        models={**(job.models if job else settings.models), **models}, settings=settings,
        engine=args.engine, ray_address=args.ray_address, retranslate=args.retranslate,
        mark_fuzzy=args.mark_fuzzy, fail_on=args.fail_on, format=args.format, tm=Path(args.tm) if args.tm else None,
    )
    if job is None:
        if not args.sources or not args.to or not args.out:
            raise UsageError(
                "name SRC..., --to and --out, or a --job file", hint="transkit batch docs/ --to ko,vi --out build/"
            )
        job = Job(**{k: v for k, v in options.items() if v is not None})
    else:
        job = job.with_options(**options)
    summary = run_job(job, display=JobDisplay(quiet=args.quiet))
    for skipped in summary.skipped:
        print(f"transkit: skipped {skipped.reason}", file=sys.stderr)
    print(f"transkit: {summary.line()}", file=sys.stderr)
    print(f"transkit: QA report: {job.out / 'qa-report.md'} and {job.out / 'qa-report.json'}", file=sys.stderr)
    return summary.exit_code(job.fail_on)
