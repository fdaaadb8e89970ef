"""Overhead of glossary enforcement, as a share of the engine's own time on the same input.

Run from the repository root::

    PYTHONPATH=src python3 benchmarks/enforce.py [--model DIR] [--cost-ms 40] [--repeat 3]

The input is a news article of ~40 Korean sentences (the toy corpus plus
sentences that name people, titles, laws and places of the glossary), translated
ko -> en with the full glossary (``glossaries/``) by two engines:

* a fake engine with a fixed per-sentence cost (``--cost-ms``, like a CPU MarianMT
  model) that copies placeholder tokens, so enforcement never needs to recover;
* the tiny trained MarianMT model (``--model DIR``, built here when not given),
  which has never seen a placeholder: every protected segment is retranslated,
  so its figures include that recovery.

For each engine it prints the plain translation time, the enforced time, the
time spent inside the engine during enforcement, and the overhead of the
enforcement logic itself (enforced time less engine time) relative to the plain
time. Target: at most 10 % of engine time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from transkit.enforce import EnforcementReport, GlossaryEngine
from transkit.engines import Engine
from transkit.engines.faults import PhraseEngine
from transkit.glossary.store import load
from transkit.testing import toy_corpus

NEWS = [
    "2024년 3월 4일 조태열 외교부 장관은 워싱턴에서 커트 캠벨 미국 국무부 부장관과 만났다.",
    "캠벨 부장관은 한미 동맹이 굳건하다고 말했다.",
    "양측은 반도체과학법과 인플레이션 감축법 이행을 논의했다.",
    "두 사람은 서해 정세와 한반도 안보를 논의했다.",
    "토니 블링컨 국무장관은 서울을 방문할 예정이다.",
    "외교부는 베트남 외교부와 포괄적 전략 동반자 관계를 강화하기로 했다.",
    "커트 캠벨 부장관은 하노이에서 베트남 당국자들을 만났다.",
]


class Timed:
    """Passes calls to an engine and adds up the time spent in it."""

    def __init__(self, inner: Engine) -> None:
        self.inner, self.seconds = inner, 0.0
        self.source, self.target = inner.source, inner.target

    @property
    def signature(self) -> str:
        return self.inner.signature

    @property
    def max_tokens(self) -> int:
        return self.inner.max_tokens

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def translate(self, texts: Sequence[str], *, progress=None) -> list[str]:
        start = time.perf_counter()
        try:
            return self.inner.translate(texts, progress=progress)
        finally:
            self.seconds += time.perf_counter() - start


def article() -> list[str]:
    sentences = [row["ko"] for row in toy_corpus()]
    return sentences + NEWS


def slow_copy_engine(cost: float) -> PhraseEngine:
    """Copies its input (placeholders included) after ``cost`` seconds per sentence."""
    engine = PhraseEngine("ko", "en", {}, name=f"sleep{cost * 1000:.0f}ms")
    plain = engine.function

    def translate(text: str) -> str:
        time.sleep(cost)
        return plain(text)

    engine.function = translate
    return engine


def measure(name: str, inner: Engine, glossary, sentences: list[str], repeat: int) -> None:
    timed = Timed(inner)
    start = time.perf_counter()
    enforcing = GlossaryEngine(timed, glossary)
    build = time.perf_counter() - start
    inner.translate(sentences[:2])  # warm up (model load, caches)
    enforcing.translate(sentences[:2])
    plain_times, total_times, engine_times = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        inner.translate(sentences)
        plain_times.append(time.perf_counter() - start)
        timed.seconds = 0.0
        enforcing.report = EnforcementReport()
        start = time.perf_counter()
        enforcing.translate(sentences)
        total_times.append(time.perf_counter() - start)
        engine_times.append(timed.seconds)
    plain = statistics.median(plain_times)
    total = statistics.median(total_times)
    inside = statistics.median(engine_times)
    summary = enforcing.report.summary
    print(f"{name}")
    print(
        f"  sentences            {len(sentences)}  "
        f"(terms required: {summary['required']}, term accuracy {summary['term_accuracy']:.0%})"
    )
    print(f"  glossary engine build {build * 1000:8.1f} ms  (once per process)")
    print(f"  plain translation    {plain * 1000:8.1f} ms")
    print(f"  enforced translation {total * 1000:8.1f} ms  (engine {inside * 1000:.1f} ms)")
    print(
        f"  enforcement logic    {(total - inside) * 1000:8.1f} ms = "
        f"{(total - inside) / plain:6.1%} of plain engine time"
    )
    print(
        f"  total ratio          {total / plain:8.2f} x  "
        f"(segments retranslated or repaired: {summary['recovered_segments']})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glossary", default="glossaries")
    parser.add_argument("--model", help="a saved ko->en Marian model folder (default: build the tiny one)")
    parser.add_argument("--cost-ms", type=float, default=40.0, help="per-sentence cost of the fake engine")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    glossary = load([args.glossary])
    sentences = article()
    print(f"glossary: {len(glossary)} concepts; article: {len(sentences)} Korean sentences, ko -> en\n")
    measure(
        f"fake engine, {args.cost_ms:.0f} ms per sentence",
        slow_copy_engine(args.cost_ms / 1000),
        glossary,
        sentences,
        args.repeat,
    )
    from transkit.engines.marian import MarianEngine

    with tempfile.TemporaryDirectory() as scratch:
        model = args.model
        if model is None:
            from transkit.testing import build_tiny_marian

            model = str(Path(scratch) / "ko-en")
            build_tiny_marian(model, source="ko", targets=("en",), train_steps=300)
        measure(
            "tiny MarianMT model (CPU)",
            MarianEngine(model, source="ko", target="en", device="cpu"),
            glossary,
            sentences,
            args.repeat,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
