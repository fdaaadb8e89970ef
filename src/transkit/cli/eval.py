"""transkit eval: BLEU, chrF, glossary term accuracy and checker findings of a translation."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .options import iso_date

__all__ = ["register"]


_EPILOG = """\
term annotations (--terms), one entry per segment of HYP, in the formats of the WMT terminology tasks:
  WMT21 SGML   <srcset> or <refset> with <seg id="1">... <term id="7" src="President" tgt="대통령">President</term>
               ...</seg>; tgt lists the accepted target forms separated by |; in a <refset> file the tagged
               reference text is accepted too
  WMT23 JSONL  one JSON list per line, terms keyed by language code: [{"en": "President", "ko": "대통령"}]
               (an empty line or [] for a segment without terms)

A term is matched when one of its target forms appears in the hypothesis segment at a place no earlier term of the
segment took. The WMT21 scorer matches only between spaces; that figure is printed as "space-delimited". transkit's
figure also accepts punctuation next to a form and, in Korean, a particle glued to it (대통령은, 통일부가), and
compares forms under transkit's normalisation (NFC, typography, Vietnamese tone placement; case kept).

HYP, --ref and --src may be plain text (one segment per line) or WMT SGML (<seg> elements). Any language pair
sacrebleu handles can be scored; the checker and glossary term accuracy run for en, ko and vi.
"""


def register(subparsers: Any) -> None:
    """Add ``transkit eval`` and its options to ``subparsers``."""
    parser = subparsers.add_parser(
        "eval",
        help="score a translation: BLEU, chrF, term accuracy, checker findings",
        description="Score HYP against --ref (aligned segments): BLEU and chrF with sacrebleu signatures; "
        "exact-match term accuracy (WMT21/WMT23 terminology tasks) from per-segment --terms annotations, or from "
        "a glossary with --src; and the consistency checker's finding counts.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("hypothesis", metavar="HYP", help="the translation to score, one segment per line or SGML")
    parser.add_argument("--ref", required=True, metavar="REF", help="the reference translation, aligned with HYP")
    parser.add_argument("--src", metavar="SRC", help="the source text, aligned with HYP")
    parser.add_argument(
        "--terms", metavar="FILE", help="per-segment term annotations, WMT21 SGML or WMT23 JSONL (see below)"
    )
    parser.add_argument("--from", dest="source", metavar="LANG", help="source language, e.g. en, ko, vi")
    parser.add_argument("--to", dest="target", metavar="LANG", help="target language, e.g. en, ko, vi")
    parser.add_argument(
        "--glossary",
        action="append",
        metavar="PATH",
        help="glossary file or folder (repeat for layers); default: $TRANSKIT_GLOSSARY or ./glossaries",
    )
    parser.add_argument("--date", type=iso_date, help="article date YYYY-MM-DD for persons' roles; default: today")
    parser.add_argument(
        "--tokenize",
        metavar="NAME",
        help="sacrebleu BLEU tokenizer; default: sacrebleu's for the target language (zh for Chinese, ja-mecab for "
        "Japanese, 13a for most), 13a for Korean (ko-mecab needs sacrebleu[ko])",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Score the translation against its reference and print the figures; returns the exit code."""
    from ..errors import UsageError
    from ..evaluate import evaluate
    from ..glossary.store import default_paths, load
    from ..languages import LANGUAGES
    from ..term_annotations import read_annotations
    from ..text.io import read_text

    if args.src and not (args.source and args.target):
        raise UsageError("--src needs --from and --to", hint="e.g. --src article.vi --from vi --to en")
    if args.terms and not (args.source and args.target):
        raise UsageError("--terms needs --from and --to", hint="e.g. --terms terms.jsonl --from en --to ko")
    hypotheses = _segments(read_text(args.hypothesis))
    references = _segments(read_text(args.ref))
    sources = _segments(read_text(args.src)) if args.src else None
    source = _language(args.source) if args.source else None
    target = _language(args.target) if args.target else None
    annotations = None
    if args.terms and source and target:  # --terms without both languages was refused above
        annotations = read_annotations(read_text(args.terms), source_lang=source, target_lang=target, path=args.terms)
    ours = target in LANGUAGES and (sources is None or source in LANGUAGES)
    paths = args.glossary or default_paths()
    glossary = load(paths) if paths and ours else None
    result = evaluate(
        hypotheses,
        references,
        sources=sources,
        source_lang=source,
        target_lang=target,
        glossary=glossary if sources is not None else None,
        annotations=annotations,
        date=args.date,
        tokenize=args.tokenize,
        check=ours,
    )
    data = result.to_dict()
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(_text(data))
    return 0


def _segments(text: str) -> list[str]:
    """The segments of a file: the ``<seg>`` texts of WMT SGML, else one per line."""
    from ..term_annotations import read_segments

    segments = read_segments(text)
    if segments is not None:
        return segments
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _language(code: str) -> str:
    """transkit's code for en, ko and vi (any accepted form); for another language, its ISO 639 code."""
    from babel import Locale, UnknownLocaleError

    from ..errors import LanguageError, UsageError
    from ..languages import normalize

    try:
        return normalize(code)
    except LanguageError:
        pass
    try:
        return Locale.parse(code.replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        raise UsageError(
            f"unknown language {code!r}", hint="give an ISO 639 code such as en, ko, vi, fr or zh"
        ) from None


def _text(data: dict[str, Any]) -> str:
    out = [
        f"segments       {data['segments']}",
        f"BLEU           {data['bleu']['score']:.2f}  {data['bleu']['signature']}",
        f"chrF           {data['chrf']['score']:.2f}  {data['chrf']['signature']}",
    ]
    terms = data.get("term_accuracy")
    if terms is not None:
        annotated = f", {terms['from'].upper()} annotations" if terms["from"] != "glossary" else ""
        out.append(
            f"term accuracy  {terms['score']:.2%}  ({terms['matched']}/{terms['required']} exact match{annotated})"
        )
        strict = terms.get("space_delimited")
        if strict is not None:
            out.append(
                f"  space-delimited {strict['score']:.2%}  ({strict['matched']}/{strict['required']}, "
                "the WMT21 scorer's rule)"
            )
        out.extend(f"  line {miss['line']}: {miss['concept']} missing" for miss in terms["misses"])
    findings = data.get("findings")
    if findings is not None:
        by_check = ", ".join(f"{k} {v}" for k, v in findings["by_check"].items()) or "none"
        out.append(
            f"findings       {findings['error']} error, {findings['warning']} warning, {findings['info']} info"
            f"  ({by_check})"
        )
    return "\n".join(out)
