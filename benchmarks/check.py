"""Throughput of ``transkit.checks.check`` with the full glossary over ~1 MB of generated en/ko/vi articles.

Run from the repository root::

    PYTHONPATH=src python3 benchmarks/check.py [--size-mb 1.0] [--glossary glossaries] [--scale 1 5]

The articles are generated from templates that mention people with titles,
laws and places (with some planted errors), so every check has work to do.
Prints, for the glossary as it is and grown ``--scale`` times with generated
concepts (``benchmarks/glossary.py``: 5x is the size the house glossary is
planned to reach), the build time of the checker, the check time and MB/s (UTF-8
bytes), by wall clock and by CPU time (steadier on a shared machine), and the load average.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from glossary import SEED, scaled  # noqa: E402  (benchmarks/glossary.py)

from transkit.checks import Checker  # noqa: E402
from transkit.glossary.model import Glossary  # noqa: E402
from transkit.glossary.store import load  # noqa: E402

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
    args = parser.parse_args()
    house = load([args.glossary])
    docs = articles(int(args.size_mb * 1_000_000))
    size = sum(len(t.encode("utf-8")) for _, t in docs)
    print(
        f"glossary {args.glossary}: {len(house)} concepts ({house.version}); {len(docs)} articles, {size / 1e6:.2f} MB"
    )
    print(
        f"{'concepts':>13} {'build (s)':>9} {'wall (s)':>8} {'cpu (s)':>8} {'MB/s wall':>9} {'MB/s cpu':>8} {'findings':>8}"
    )
    for factor in args.scale:
        glossary = scaled(house, factor, random.Random(SEED + factor))
        print(_row(f"{len(glossary)} (x{factor})", glossary, docs, size))
    if hasattr(os, "getloadavg"):
        print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


def _row(label: str, glossary: Glossary, docs: list[tuple[str, str]], size: int) -> str:
    """Build a checker for ``glossary``, check every article once; one table row."""
    t0 = time.perf_counter()
    checker = Checker(glossary)
    checker.check("warm up", lang="en")
    t1, c1 = time.perf_counter(), time.process_time()
    findings = sum(len(checker.check(text, lang=lang).findings) for lang, text in docs)
    t2, c2 = time.perf_counter(), time.process_time()
    mb = size / 1e6
    return (
        f"{label:>13} {t1 - t0:>9.3f} {t2 - t1:>8.2f} {c2 - c1:>8.2f} {mb / (t2 - t1):>9.2f} {mb / (c2 - c1):>8.2f}"
        f" {findings:>8}"
    )


if __name__ == "__main__":
    main()
