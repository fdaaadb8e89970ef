"""Precision and recall of ``transkit check`` on the annotated corpus in ``tests/corpus/``.

Run from the repository root::

    PYTHONPATH=src python3 benchmarks/accuracy.py [--corpus tests/corpus] [--glossary glossaries] [--show]

Each article marks what a careful editor would flag (``⟦span⟧{check}``) and correct usages that must stay silent
(``⟪span⟫``); see :mod:`transkit.checks.accuracy`. Warnings and errors count; info findings are style notes.
Prints precision and recall overall, per language and per check, and the false findings on the correct articles;
``--show`` lists every false and missed finding.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from transkit.checks import Checker
from transkit.checks.accuracy import Score, read_corpus, score
from transkit.glossary.store import load

ROOT = Path(__file__).resolve().parents[1]


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def table(result: Score, keys: list[str], label: str) -> list[str]:
    rows = [f"| {label} | right | false | found | missed | precision | recall |", "|---|---:|---:|---:|---:|---:|---:|"]
    rows.extend(
        f"| {key.removeprefix('lang:')} | {result.true[key]} | {result.false[key]} | {result.found[key]} "
        f"| {result.missed[key]} | {_ratio(result.precision(key))} | {_ratio(result.recall(key))} |"
        for key in keys
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "tests" / "corpus"))
    parser.add_argument("--glossary", default=str(ROOT / "glossaries"))
    parser.add_argument("--show", action="store_true", help="list every false and missed finding")
    args = parser.parse_args()

    articles = read_corpus(args.corpus)
    checker = Checker(load([args.glossary]))
    started = time.perf_counter()
    reports = [checker.check(a.text, lang=a.lang, date=a.date, file=a.path) for a in articles]
    seconds = time.perf_counter() - started
    result = score(articles, reports)

    correct = [a for a in articles if a.kind == "correct"]
    langs = sorted({f"lang:{a.lang}" for a in articles})
    checks = sorted(
        k
        for k in set(result.true) | set(result.false) | set(result.found) | set(result.missed)
        if k != "all" and not k.startswith("lang:")
    )
    print(
        f"{len(articles)} articles ({len(correct)} correct), {sum(len(a.expected) for a in articles)} annotated "
        f"errors, {sum(len(a.traps) for a in articles)} traps; checked in {seconds:.1f} s\n"
    )
    print("\n".join(table(result, ["all", *langs], "language")), end="\n\n")
    print("\n".join(table(result, checks, "check")), end="\n\n")
    noisy = sum(1 for a in correct if result.false_on_correct[a.path])
    print(
        f"correct articles: {len(correct)}, with a false warning or error: {noisy}, "
        f"false findings: {sum(result.false_on_correct[a.path] for a in correct)}"
    )
    if args.show:
        print("\nfalse findings:")
        for path, f in result.false_findings:
            print(f"  {path}:{f.line}:{f.column} {f.severity} [{f.check}] {f.span!r}: {f.message}")
        print("\nmissed:")
        for path, span, wanted in result.missed_spans:
            print(f"  {path}: {span!r} ({'|'.join(wanted)})")


if __name__ == "__main__":
    main()
