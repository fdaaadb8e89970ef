"""Sentence splitters side by side on the gold sets in ``tests/data/segmentation/``.

Run from the repository root::

    PYTHONPATH=src python3 benchmarks/segmentation.py [--only transkit,pysbd] [--min-seconds 0.5]

For each gold file (language and genre) and each candidate: exact % (cases
whose whole segmentation is right), boundary precision, recall and F1, and
MB/s (UTF-8 bytes of input per CPU second, steadier than wall time on a
shared machine; each candidate is warmed up once, so model loading is not
counted). Candidates: ``transkit`` (``transkit.lang.sentences``), pySBD
(English), sentencex, kss 6 with each backend that loads offline, and Kiwi
(``kiwipiepy``'s ``split_into_sents``). Those not installed are skipped;
``pip install transkit[bench]`` installs them. Prints a Markdown table.

Boundaries are compared as offsets counted in non-space characters, so a
splitter that strips or keeps whitespace scores the same.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from transkit.lang import sentences as transkit_sentences

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "segmentation"

Splitter = Callable[[str], list[str]]


@dataclass(frozen=True)
class Case:
    """One gold case: its input text and its sentences."""

    text: str
    sentences: tuple[str, ...]


def read_gold(path: Path) -> list[Case]:
    """Read a gold file: blocks separated by blank lines, one sentence a line, ``#`` comments.

    The input joins a block's sentences with one space; a sentence written
    with a leading ``+`` joins the previous one with nothing between them.
    """
    cases = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
        if not lines:
            continue
        text = lines[0]
        for line in lines[1:]:
            text += line[1:] if line.startswith("+") else " " + line
        cases.append(Case(text, tuple(line.removeprefix("+") for line in lines)))
    return cases


def boundaries(pieces: Iterable[str]) -> set[int]:
    """Where each piece but the last ends, counted in non-space characters."""
    counts = [sum(not c.isspace() for c in piece) for piece in pieces]
    ends, total = set(), 0
    for count in counts[:-1]:
        total += count
        ends.add(total)
    ends.discard(0)
    return ends


@dataclass(frozen=True)
class Score:
    """Exact-match rate and boundary precision, recall and F1 over a gold set."""

    exact: float
    precision: float
    recall: float
    f1: float


def score(cases: list[Case], split: Splitter) -> Score:
    """Score ``split`` on ``cases``."""
    exact = true_pos = predicted = gold = 0
    for case in cases:
        want, got = boundaries(case.sentences), boundaries(split(case.text))
        exact += want == got
        true_pos += len(want & got)
        predicted += len(got)
        gold += len(want)
    precision = true_pos / predicted if predicted else 1.0
    recall = true_pos / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(exact / len(cases), precision, recall, f1)


def throughput(cases: list[Case], split: Splitter, min_seconds: float) -> float:
    """MB/s of input by CPU time, repeating the gold set for at least ``min_seconds``."""
    size = sum(len(c.text.encode("utf-8")) for c in cases)
    done, start = 0, time.process_time()
    while True:
        for case in cases:
            split(case.text)
        done += size
        spent = time.process_time() - start
        if spent >= min_seconds:
            return done / spent / 1e6


@cache
def candidates(lang: str) -> dict[str, Splitter]:
    """The splitters that can run for ``lang`` here, by name."""

    def transkit(text: str) -> list[str]:
        transkit_sentences._split.cache_clear()  # time the splitting, not the cache of recent results
        return transkit_sentences.sentences(text, lang)

    found: dict[str, Splitter] = {"transkit": transkit}
    if lang == "en":
        with contextlib.suppress(ImportError):
            import pysbd

            segmenter = pysbd.Segmenter(language="en", clean=False)
            found["pysbd"] = segmenter.segment
    with contextlib.suppress(ImportError):
        from sentencex import segment

        found["sentencex"] = lambda text: list(segment(lang, text))
    if lang == "ko":
        found.update(_korean_candidates())
    return found


def _korean_candidates() -> dict[str, Splitter]:
    found: dict[str, Splitter] = {}
    with contextlib.suppress(ImportError):
        import kss

        for backend in ("mecab", "pecab", "fast", "punct"):
            split = _quiet(lambda text, b=backend: kss.split_sentences(text, backend=b))
            try:
                split("테스트 문장입니다. 두 번째 문장")
            except Exception:  # noqa: BLE001  (a kss backend whose dependency is missing fails with any error type)
                continue
            found[f"kss-{backend}"] = split
    with contextlib.suppress(ImportError):
        from kiwipiepy import Kiwi

        kiwi = Kiwi()
        found["kiwi"] = lambda text: [s.text for s in kiwi.split_into_sents(text)]
    return found


def _quiet(split: Splitter) -> Splitter:
    """``split`` with its printed chatter (kss announces its backend) swallowed."""

    def run(text: str) -> list[str]:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return split(text)

    return run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated candidate names (default: all that load)")
    parser.add_argument("--min-seconds", type=float, default=0.5, help="CPU seconds to time each candidate")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    print("| gold set | sentences | splitter | exact % | precision | recall | F1 | MB/s |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for path in sorted(GOLD.glob("*.txt")):
        cases = read_gold(path)
        count = sum(len(c.sentences) for c in cases)
        lang = path.stem.split("-")[0]
        for name, split in candidates(lang).items():
            if only and name not in only:
                continue
            split(cases[0].text)  # warm up: load models and caches
            s = score(cases, split)
            speed = throughput(cases, split, args.min_seconds)
            print(
                f"| {path.stem} | {count} | {name} | {100 * s.exact:.0f} | {s.precision:.3f} | {s.recall:.3f} "
                f"| {s.f1:.3f} | {speed:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
