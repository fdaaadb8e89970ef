"""transkit eval: BLEU, chrF, glossary term accuracy and checker findings of a translation."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .options import iso_date

__all__ = ["register"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score a translation: BLEU, chrF, term accuracy, checker findings",
        description="Score HYP against --ref (one segment per line, aligned): BLEU and chrF with sacrebleu "
        "signatures; with --src, --from, --to and a glossary, exact-match term accuracy (WMT21/WMT23 "
        "terminology tasks) and the consistency checker's finding counts.",
    )
    parser.add_argument("hypothesis", metavar="HYP", help="the translation to score, one segment per line")
    parser.add_argument("--ref", required=True, metavar="REF", help="the reference translation, aligned with HYP")
    parser.add_argument("--src", metavar="SRC", help="the source text, aligned with HYP")
    parser.add_argument("--from", dest="source", metavar="LANG", help="source language: en, ko, vi")
    parser.add_argument("--to", dest="target", metavar="LANG", help="target language: en, ko, vi")
    parser.add_argument(
        "--glossary",
        action="append",
        metavar="PATH",
        help="glossary file or folder (repeat for layers); default: $TRANSKIT_GLOSSARY or ./glossaries",
    )
    parser.add_argument("--date", type=iso_date, help="article date YYYY-MM-DD for persons' roles; default: today")
    parser.add_argument("--tokenize", metavar="NAME", help="sacrebleu BLEU tokenizer (default 13a)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..evaluate import evaluate
    from ..glossary.store import default_paths, load
    from ..languages import normalize
    from ..text.io import read_text

    if args.src and not (args.source and args.target):
        raise UsageError("--src needs --from and --to", hint="e.g. --src article.vi --from vi --to en")
    hypotheses = _lines(read_text(args.hypothesis))
    references = _lines(read_text(args.ref))
    sources = _lines(read_text(args.src)) if args.src else None
    source = normalize(args.source) if args.source else None
    target = normalize(args.target) if args.target else None
    paths = args.glossary or default_paths()
    glossary = load(paths) if paths else None
    result = evaluate(
        hypotheses,
        references,
        sources=sources,
        source_lang=source,
        target_lang=target,
        glossary=glossary if sources is not None else None,
        date=args.date,
        tokenize=args.tokenize,
        check=target is not None,
    )
    data = result.to_dict()
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(_text(data))
    return 0


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _text(data: dict[str, Any]) -> str:
    out = [
        f"segments       {data['segments']}",
        f"BLEU           {data['bleu']['score']:.2f}  {data['bleu']['signature']}",
        f"chrF           {data['chrf']['score']:.2f}  {data['chrf']['signature']}",
    ]
    terms = data.get("term_accuracy")
    if terms is not None:
        out.append(f"term accuracy  {terms['score']:.2%}  ({terms['matched']}/{terms['required']} exact match)")
        for miss in terms["misses"]:
            out.append(f"  line {miss['line']}: {miss['concept']} missing")
    findings = data.get("findings")
    if findings is not None:
        by_check = ", ".join(f"{k} {v}" for k, v in findings["by_check"].items()) or "none"
        out.append(
            f"findings       {findings['error']} error, {findings['warning']} warning, {findings['info']} info"
            f"  ({by_check})"
        )
    return "\n".join(out)
