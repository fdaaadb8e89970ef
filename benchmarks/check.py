"""Throughput of ``transkit.checks.check`` with the full glossary over ~1 MB of generated en/ko/vi articles.

Run from the repository root::

    PYTHONPATH=src python3 benchmarks/check.py [--size-mb 1.0] [--glossary glossaries] [--scale 1 5]

The articles are generated from templates that mention people with titles,
laws and places (with some planted errors), so every check has work to do.
Prints, for the glossary as it is and grown ``--scale`` times with generated
concepts (``benchmarks/glossary.py``: 5x is the size the house glossary is
planned to reach), the build time of the checker (with MeCab loaded and one article
checked per language first: start-up is not counted as throughput), the check time and MB/s
(UTF-8 bytes), by wall clock and by CPU time (steadier on a shared machine), overall
and per language; then the CPU seconds of each check and of the shared document
analysis (glossary matches, near misses, names, mentions), each counted once, by
language; the same for the annotated real-text articles of ``--corpus`` (the
generated Korean articles give MeCab almost nothing to read; these give it what
real news does); and the load average.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from glossary import SEED, scaled

from transkit.checks import CHECKS, Checker
from transkit.checks.accuracy import read_corpus
from transkit.checks.checked_text import CheckedText
from transkit.glossary.model import Glossary
from transkit.glossary.store import load
from transkit.lang.korean.morph import noun_particles

TEMPLATES = {
    "en": [
        "On March 4, 2024, Foreign Minister Cho Tae-yul met US Deputy Secretary of State Kurt Campbell in Washington.",
        "The host country's Deputy Foreign Minister Kurt Campbell said the alliance was strong.",
        "Mr. Campbell served as the Indo-Pacific Regional Coordinator on the National Security Council.",
        "They discussed the Chip and Science Act and the Inflation Reduction Act (IRA) in {n} meetings.",
        "Vietnamese Deputy Foreign Minister Nguyen Minh Hang said navigation in the East Sea must stay free.",
        "Ambassador Lee Min-ji hosted {n} guests; Director Lee Min-ji later briefed reporters.",
    ],
    "ko": [
        "2024년 3월 4일 조태열 외교부 장관은 워싱턴에서 커트 캠벨 미국 국무부 부장관과 만났다.",
        "캠벨 국무부 차관은 한미 동맹이 굳건하다고 말했다.",
        "캠벨는 조 장관에게 감사를 표했고 양측은 CHIPS은 물론 인플레이션 감축법 이행도 논의했다.",
        "두 사람은 서해 정세를 논의했으며 황해에서의 훈련 {n}건도 언급했다.",
    ],
    "vi": [
        "Ngày 4/3/2024, Bộ trưởng Ngoại giao Hàn Quốc Cho Tae-yul đã gặp Thứ trưởng Ngoại giao Mỹ Kurt Campbell.",
        "Thứ trưởng Bộ Ngoại giao Kurt Campbell cho biết hai bên sẽ phối hợp chặt chẽ.",
        "Hai bên thảo luận về Đạo luật CHIPS và Khoa học và tình hình Biển Đông trong {n} phút.",
        "Ông Campbell cảm ơn ông Cho; ông Cho Huyn nói rằng quan hệ rất tốt đẹp.",
    ],
}

LANGS = sorted(TEMPLATES)
# Before timing, MeCab is loaded (and run once) and one article per language (another seed) is checked: it
# builds the matcher and the glossary's lazily built person indexes. That is start-up, not throughput.
WARM_UP_SEED = 8


def articles(size_bytes: int, seed: int = 7) -> list[tuple[str, str]]:
    """(lang, text) articles of 8-14 sentences each, about ``size_bytes`` UTF-8 bytes in all."""
    rng = random.Random(seed)
    out, total = [], 0
    while total < size_bytes:
        lang = rng.choice(sorted(TEMPLATES))
        lines = [rng.choice(TEMPLATES[lang]).format(n=rng.randint(2, 999)) for _ in range(rng.randint(8, 14))]
        text = "\n".join(lines) + "\n"
        out.append((lang, text))
        total += len(text.encode("utf-8"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--glossary", default="glossaries")
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 5], help="sizes of the glossary to measure")
    parser.add_argument("--corpus", default="tests/corpus", help="also check these real-text articles ('' for none)")
    args = parser.parse_args()
    house = load([args.glossary])
    docs = articles(int(args.size_mb * 1_000_000))
    sizes = {lang: sum(len(t.encode("utf-8")) for g, t in docs if g == lang) for lang in LANGS}
    print(
        f"glossary {args.glossary}: {len(house)} concepts ({house.version}); {len(docs)} articles, "
        f"{sum(sizes.values()) / 1e6:.2f} MB (" + ", ".join(f"{g} {sizes[g] / 1e6:.2f}" for g in LANGS) + ")"
    )
    clock = ExclusiveClock()
    clock.install()
    breakdowns = []
    print(
        f"{'concepts':>13} {'lang':>4} {'build (s)':>9} {'wall (s)':>8} {'cpu (s)':>8} {'MB/s wall':>9}"
        f" {'MB/s cpu':>8} {'findings':>8}"
    )
    for factor in args.scale:
        glossary = scaled(house, factor, random.Random(SEED + factor))
        label = f"{len(glossary)} (x{factor})"
        clock.reset()
        for line in _rows(label, glossary, docs, sizes, clock):
            print(line)
        breakdowns.append((label, dict(clock.cpu)))
    if args.corpus:
        corpus = read_corpus(args.corpus)
        dated = {a.text: a.date for a in corpus}
        texts = [(a.lang, a.text) for a in corpus]
        corpus_sizes = {g: sum(len(t.encode("utf-8")) for lang, t in texts if lang == g) for g in LANGS}
        print(f"{args.corpus} ({len(texts)} articles, {sum(corpus_sizes.values()) / 1e6:.2f} MB), house glossary:")
        clock.reset()
        for line in _rows("corpus", house, texts, corpus_sizes, clock, dated):
            print(line)
        breakdowns.append(("corpus, house", dict(clock.cpu)))
    for label, cpu in breakdowns:
        print(f"\nCPU seconds by check and shared analysis, {label} concepts (each counted once, nested calls apart):")
        print(f"{'':>26}" + "".join(f"{g:>7}" for g in LANGS) + f"{'all':>7}")
        parts = sorted({part for part, _ in cpu}, key=lambda part: -sum(cpu.get((part, g), 0.0) for g in LANGS))
        for part in parts:
            row = [cpu.get((part, g), 0.0) for g in LANGS]
            print(f"{part:>26}" + "".join(f"{x:>7.2f}" for x in row) + f"{sum(row):>7.2f}")
    if hasattr(os, "getloadavg"):
        print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


class ExclusiveClock:
    """CPU time of each check and each shared :class:`CheckedText` analysis, by language, nested calls subtracted.

    A shared analysis (``doc.mentions``) is computed by whichever check asks first; timing it apart
    keeps it from being charged to that check.
    """

    SHARED = ("matches", "near_misses", "names", "mentions")

    def __init__(self) -> None:
        self.cpu: dict[tuple[str, str], float] = {}
        self._stack: list[float] = []  # CPU seconds of the callees of each open frame

    def reset(self) -> None:
        self.cpu.clear()

    def timed(self, part: str, func: Callable[[CheckedText], Any]) -> Callable[[CheckedText], Any]:
        def run(doc: CheckedText) -> Any:
            self._stack.append(0.0)
            t0 = time.process_time()
            result = func(doc)
            if part in CHECKS:  # a check is a generator: run it here
                result = list(result)
            spent = time.process_time() - t0
            inner = self._stack.pop()
            key = (part, doc.lang)
            self.cpu[key] = self.cpu.get(key, 0.0) + spent - inner
            if self._stack:
                self._stack[-1] += spent
            return result

        return run

    def install(self) -> None:
        """Wrap every registered check and the shared document analyses."""
        for check_id, info in list(CHECKS.items()):
            CHECKS[check_id] = replace(info, func=self.timed(check_id, info.func))
        for name in self.SHARED:
            prop = cached_property(self.timed(f"(shared) {name}", getattr(CheckedText, name).func))
            prop.__set_name__(CheckedText, name)
            setattr(CheckedText, name, prop)


def _rows(
    label: str,
    glossary: Glossary,
    docs: list[tuple[str, str]],
    sizes: dict[str, int],
    clock: ExclusiveClock,
    dates: dict[str, date | None] | None = None,
) -> list[str]:
    """Build a checker for ``glossary``, check every article once (on its date in ``dates``); table rows, all
    languages then each."""
    t0 = time.perf_counter()
    checker = Checker(glossary)
    noun_particles("캠벨는 말했다.")  # loads MeCab
    warm_up = dict(articles(30_000, seed=WARM_UP_SEED))
    for lang in LANGS:
        checker.check(warm_up[lang], lang=lang)
    build = time.perf_counter() - t0
    clock.reset()
    wall = dict.fromkeys(LANGS, 0.0)
    cpu = dict.fromkeys(LANGS, 0.0)
    findings = dict.fromkeys(LANGS, 0)
    for lang, text in docs:
        t1, c1 = time.perf_counter(), time.process_time()
        findings[lang] += len(checker.check(text, lang=lang, date=(dates or {}).get(text)).findings)
        wall[lang] += time.perf_counter() - t1
        cpu[lang] += time.process_time() - c1
    rows = [
        _line(label, "all", build, sum(wall.values()), sum(cpu.values()), sum(sizes.values()), sum(findings.values()))
    ]
    rows += [_line("", g, None, wall[g], cpu[g], sizes[g], findings[g]) for g in LANGS]
    return rows


def _line(label: str, lang: str, build: float | None, wall: float, cpu: float, size: int, findings: int) -> str:
    mb = size / 1e6
    built = f"{build:>9.3f}" if build is not None else f"{'':>9}"
    return f"{label:>13} {lang:>4} {built} {wall:>8.2f} {cpu:>8.2f} {mb / wall:>9.2f} {mb / cpu:>8.2f} {findings:>8}"


if __name__ == "__main__":
    main()
