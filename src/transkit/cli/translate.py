"""transkit translate: translate an article between English, Korean and Vietnamese."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..config import Settings, load_settings
from ..errors import UsageError
from ..languages import normalize
from .options import iso_date

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``transkit translate`` and its options to ``subparsers``."""
    parser = subparsers.add_parser(
        "translate",
        help="translate an article (plain text or Markdown)",
        description="Translate an article between en, ko and vi with MarianMT (OPUS-MT) models. "
        "ko<->vi goes through English. Reads FILE (or stdin), writes --out (or stdout).",
    )
    parser.add_argument("file", nargs="?", default="-", help="input file, or - for stdin (default)")
    parser.add_argument("--from", dest="source", required=True, metavar="LANG", help="source language: en, ko, vi")
    parser.add_argument("--to", dest="target", required=True, metavar="LANG", help="target language: en, ko, vi")
    parser.add_argument(
        "--model",
        action="append",
        default=[],
        metavar="M",
        help="hub id or local folder for this direction; for one leg of a pivot use DIRECTION=M (e.g. ko-en=DIR); "
        "repeatable",
    )
    parser.add_argument("-o", "--out", default="-", help="output file (default: stdout)")
    parser.add_argument(
        "--format", choices=("auto", "text", "markdown"), default="auto", help="auto: markdown for .md files"
    )
    parser.add_argument(
        "--glossary",
        action="append",
        metavar="PATH",
        help="glossary file or folder (repeatable; later layers win); default: $TRANSKIT_GLOSSARY or ./glossaries "
        "when --glossary-mode is given",
    )
    parser.add_argument(
        "--glossary-mode",
        choices=("enforce", "verify", "off"),
        help="enforce (default with a glossary): approved terms in the output; verify: report misses only",
    )
    parser.add_argument(
        "--date", type=iso_date, help="article date YYYY-MM-DD for dated titles (default: from the text)"
    )
    parser.add_argument("--report", metavar="FILE", help="write the glossary enforcement report (JSON) here")
    parser.add_argument(
        "--nbest",
        type=int,
        default=0,
        metavar="K",
        help="with a glossary: where protection fails, generate K hypotheses and keep the one with the required terms",
    )
    add_engine_options(parser)
    parser.add_argument(
        "--progress", choices=("auto", "always", "never"), default="auto", help="auto: for inputs over 20 sentences"
    )
    parser.set_defaults(run=run)


def add_engine_options(parser: argparse.ArgumentParser, *, engine_flag: str = "--engine") -> None:
    """Options shared by the commands that run a model (``transkit batch`` names the engine flag differently)."""
    parser.add_argument("--config", metavar="FILE", help="transkit.toml with per-direction models and engine settings")
    parser.add_argument(
        engine_flag,
        dest="kind",
        choices=("transformers", "ct2"),
        help="transformers (default) or ct2: CTranslate2, converted once and cached (extra transkit[fast])",
    )
    parser.add_argument("--compute-type", help="ct2: auto (int8 on CPU, float16 on CUDA), int8, float32 ...")
    parser.add_argument("--inter-threads", type=int, metavar="N", help="ct2: translations run in parallel")
    parser.add_argument("--device", help="auto (default), cpu, cuda or cuda:N")
    parser.add_argument("--beam", type=int, metavar="N", help="beam size (default 4)")
    parser.add_argument("--max-length", type=int, metavar="N", help="most target tokens per sentence (default 512)")
    parser.add_argument("--batch-tokens", type=int, metavar="N", help="padded source tokens per batch (default 4096)")
    parser.add_argument("--threads", type=int, metavar="N", help="torch CPU threads")


def engine_settings(args: argparse.Namespace, base: Settings | None = None) -> Settings:
    """``base`` (by default the config file's settings) with the options of :func:`add_engine_options` applied."""
    return (base or load_settings(args.config)).with_options(
        kind=args.kind,
        compute_type=args.compute_type,
        inter_threads=args.inter_threads,
        device=args.device,
        beam=args.beam,
        max_length=args.max_length,
        batch_tokens=args.batch_tokens,
        threads=args.threads,
    )


def load_glossary(paths: list[str] | None, mode: str | None):
    """The glossary the options ask for, or None (mode off, or no glossary anywhere)."""
    from ..glossary import default_paths, load

    if mode == "off":
        return None
    paths = paths or (default_paths() if mode else [])
    if not paths:
        if mode:
            raise UsageError(f"--glossary-mode {mode} needs a glossary", hint="pass --glossary PATH")
        return None
    return load(paths)


def parse_models(values: list[str], source: str, target: str) -> tuple[str | None, dict[str, str]]:
    """Split ``--model`` values into one for the direct route and ``{"ko-en": M}`` overrides."""
    single: str | None = None
    per_direction: dict[str, str] = {}
    for value in values:
        key, sep, model = value.partition("=")
        if sep and "-" in key and not Path(value).exists():
            a, _, b = key.partition("-")
            per_direction[f"{normalize(a)}-{normalize(b)}"] = model
        elif single is None:
            single = value
        else:
            raise UsageError("--model given twice without a direction", hint="use DIRECTION=M, e.g. ko-en=DIR")
    return single, per_direction


def run(args: argparse.Namespace) -> int:
    """Translate the input article and write the result; returns the exit code."""
    from ..progress import reporter
    from ..text import read_text, write_text
    from ..text.io import ARTICLE_MAX_BYTES, check_writable
    from ..translator import Translator

    source, target = normalize(args.source), normalize(args.target)
    for path in (args.out, args.report):  # fail now, not after minutes of translation
        if path is not None:
            check_writable(path)
    text = read_text(args.file, max_bytes=ARTICLE_MAX_BYTES)
    settings = engine_settings(args)
    model, models = parse_models(args.model, source, target)
    glossary = load_glossary(args.glossary, args.glossary_mode)
    if glossary is None and (args.report or args.nbest):
        raise UsageError(
            "--report and --nbest need a glossary",
            hint="pass --glossary PATH (or --glossary-mode enforce to use $TRANSKIT_GLOSSARY or ./glossaries)",
        )
    translator = Translator(
        source,
        target,
        model=model,
        models=models,
        settings=settings,
        glossary=glossary,
        glossary_mode=args.glossary_mode or "enforce",
        date=args.date,
        nbest=args.nbest,
    )
    fmt = args.format
    if fmt == "auto":
        fmt = "markdown" if Path(args.file).suffix.lower() in {".md", ".markdown"} else "text"
    progress = None
    if args.progress == "always" or (args.progress == "auto" and text.count("\n") + text.count(". ") > 20):
        progress = reporter(f"{source}→{target}")
    result = translator.translate(text, fmt=fmt, progress=progress) if text.strip() else text
    write_text(args.out, result)
    if args.out != "-":
        print(f"transkit: wrote {args.out} ({translator.signature})", file=sys.stderr)
    report = translator.enforcement
    if report is not None:
        _summarise(report)
        if args.report:
            write_text(args.report, json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    return 0


def _summarise(report) -> None:
    """One line of glossary figures, and one line per term that could not be enforced."""
    s = report.summary
    print(
        f"transkit: glossary {report.mode}: {s['required']} term(s) required, {s['enforced']} enforced, "
        f"{s['repaired']} repaired, {s['failed']} failed (term accuracy {100 * s['term_accuracy']:.1f}%)",
        file=sys.stderr,
    )
    for index, outcome in report.failures:
        print(
            f"transkit: sentence {index + 1}: {outcome.concept} {outcome.source!r} -> {outcome.target!r}: "
            f"{outcome.how}",
            file=sys.stderr,
        )
