"""Romanised Korean names: precision and recall of ``same_name`` on the written gold pairs, and per-call speed.

The gold set is ``tests/data/romanize/name_pairs.tsv`` (Hangul name, spelling, same/different, kind). A pair
counts as judged "same" when ``same_name(spelling, reference, hangul)`` holds, the reference being one of the
name's own ``variants``: when the spelling is a romanisation of the name. Figures per kind of spelling, then overall.

Speed: microseconds per call, the best of ``--repeat`` runs over all gold spellings (or all query spellings),
on a warm cache (each name's model built once) and cold (model built on each call), and the reverse index
(``RomanizedNames``) built over ``--names`` generated Korean names (fixed seed) and queried with spellings
of names in it and of names not in it::

    PYTHONPATH=src python3 benchmarks/romanize.py [--names 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from transkit.lang import romanize
from transkit.lang.romanize import RomanizedNames, romanization_key, same_name, variants

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "romanize" / "name_pairs.tsv"
SEED = 20250604
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허노남심"
GIVEN = "민재현준영석성정호혁우수주은희연훈동진철규경태윤용원상승종근순숙선덕혜창식일환택범학기"


def _pairs() -> list[tuple[str, str, bool, str]]:
    with PAIRS.open(encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    return [(h, s, e == "same", k) for h, s, e, k in rows]


def _best(fn: Callable[[], object], calls: int, repeat: int) -> float:
    """Microseconds per call, the best of ``repeat`` runs of ``fn`` (which makes ``calls`` calls)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best / calls * 1e6


def quality(pairs: list[tuple[str, str, bool, str]]) -> None:
    reference = {h: min(variants(h)) for h, _, _, _ in pairs}  # a spelling known right
    counts: Counter[tuple[str, str]] = Counter()
    for hangul, spelling, same, kind in pairs:
        judged = same_name(spelling, reference[hangul], hangul)
        outcome = ("tp" if same else "fp") if judged else ("fn" if same else "tn")
        counts[(kind, outcome)] += 1
        counts[("all", outcome)] += 1
    same = sum(s for _, _, s, _ in pairs)
    print(f"gold pairs: {len(pairs)} ({same} same, {len(pairs) - same} different)")
    print(f"{'kind':<10} {'pairs':>6} {'TP':>5} {'FP':>4} {'FN':>4} {'TN':>5} {'precision':>10} {'recall':>7}")
    for kind in [*sorted({k for k, _ in counts if k != "all"}), "all"]:
        tp, fp, fn, tn = (counts[(kind, o)] for o in ("tp", "fp", "fn", "tn"))
        precision = f"{tp / (tp + fp):.3f}" if tp + fp else "-"
        recall = f"{tp / (tp + fn):.3f}" if tp + fn else "-"
        print(f"{kind:<10} {tp + fp + fn + tn:>6} {tp:>5} {fp:>4} {fn:>4} {tn:>5} {precision:>10} {recall:>7}")


def _generated_names(count: int) -> list[str]:
    """``count`` distinct names, in the order drawn: a longer list starts with a shorter one."""
    rng = random.Random(SEED)
    names: dict[str, None] = {}
    while len(names) < count:
        names[rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))] = None
    return list(names)


def speed(pairs: list[tuple[str, str, bool, str]], names: int, repeat: int) -> None:
    spellings = [(s, h) for h, s, _, _ in pairs]
    hanguls = sorted({h for h, _, _, _ in pairs})

    def cold() -> None:
        for s, h in spellings:
            romanize._model.cache_clear()  # the name's model and pattern, not the syllables' spellings
            romanize.matches(s, h)

    def index_queries() -> None:
        for q in queries:
            index.find(q)

    (*generated,) = _generated_names(names + 500)
    generated, outside = generated[:names], generated[names:]
    rng = random.Random(SEED)
    inside = [rng.choice(sorted(variants(h))) for h in rng.sample(generated, min(500, names))]
    others = [rng.choice(sorted(variants(h))) for h in outside]
    queries = inside + others
    start = time.perf_counter()
    index = RomanizedNames({h: i for i, h in enumerate(generated)})
    build = time.perf_counter() - start
    found = sum(bool(index.find(q)) for q in inside)
    fits = sum(bool(index.find(q)) for q in others)

    rows = [
        (
            "matches(spelling, hangul), warm",
            _best(lambda: [romanize.matches(s, h) for s, h in spellings], len(spellings), repeat),
        ),
        ("matches(spelling, hangul), cold", _best(cold, len(spellings), max(1, repeat // 2))),
        (
            "same_name(a, b, hangul), warm",
            _best(lambda: [same_name(s, s, h) for s, h in spellings], len(spellings), repeat),
        ),
        ("variants(hangul), warm", _best(lambda: [variants(h) for h in hanguls], len(hanguls), repeat)),
        ("romanization_key(text)", _best(lambda: [romanization_key(s) for s, _ in spellings], len(spellings), repeat)),
        (f"RomanizedNames.find, {names} names", _best(index_queries, len(queries), repeat)),
    ]
    print(f"\nreverse index: {names} generated names, built in {build:.2f} s")
    print(f"  spellings of indexed names found: {found} of {len(inside)}")
    print(f"  spellings of other names that also spell an indexed name: {fits} of {len(others)}")
    print(f"{'call':<40} {'µs/call':>9}")
    for name, micros in rows:
        print(f"{name:<40} {micros:>9.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=10000, help="names in the reverse index (default 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing, best taken (default 5)")
    args = parser.parse_args(argv)
    pairs = _pairs()
    quality(pairs)
    speed(pairs, args.names, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
