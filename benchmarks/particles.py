"""Accuracy of Korean particle choice after any word: transkit and the peer libraries, by word class.

Run from the repository root::

    PYTHONPATH=src python3 benchmarks/particles.py [--gold tests/data/particles/gold.tsv]

The gold set (written for transkit) gives, for a few hundred words (Hangul, Latin words, acronyms
read by letter or as a word, numbers, numbers with units, bracketed, quoted, with emoji), the right
form of 은/는, 이/가, 을/를, 으로/로 and 과/와. Each library picks a form for every word and pair; a
choice counts when it is the gold form. transkit answers "unknown" (the tolerance form, (이)가) where
it cannot read a word; that counts as a miss, and the words it cannot read and the words it reads
wrong are counted in their own columns (then listed). Peers are the ones on
PyPI that install offline with pip and import: ``pip install tossi hgtk pyjosa hangul`` (``josa``
needs the Python 2 ``korean`` package, which does not install; ``hangul-utils`` has no particle
helper). A peer that is not installed is left out of the table. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from transkit.lang import korean

ROOT = Path(__file__).resolve().parents[1]
PAIRS = (("은", "는"), ("이", "가"), ("을", "를"), ("으로", "로"), ("과", "와"))
UNKNOWN = "unknown"
Picker = Callable[[str, tuple[str, str]], str]


def _transkit(word: str, pair: tuple[str, str]) -> str:
    ending = korean.ending(word)
    return UNKNOWN if ending is None else korean.agree(pair[1], ending)


def _peers() -> dict[str, Picker]:
    """The peer libraries that import, as pickers: (word, (consonant form, vowel form)) -> chosen form."""
    peers: dict[str, Picker] = {}
    try:
        import tossi  # type: ignore[import-untyped]

        peers["tossi"] = lambda word, pair: tossi.pick(word, pair[1])
    except ImportError:
        pass
    try:
        from hgtk import josa as hgtk_josa  # type: ignore[import-not-found]

        types = {"은": hgtk_josa.EUN_NEUN, "이": hgtk_josa.I_GA, "을": hgtk_josa.EUL_REUL, "으로": hgtk_josa.EURO_RO}
        types["과"] = hgtk_josa.GWA_WA

        peers["hgtk"] = lambda word, pair: hgtk_josa.attach(word, types[pair[0]])[len(word) :]
    except ImportError:
        pass
    try:
        from pyjosa.josa import Josa  # type: ignore[import-not-found]

        peers["pyjosa"] = lambda word, pair: Josa.get_josa(word, pair[1])
    except ImportError:
        pass
    try:
        from hangul.josa import josa_picker  # type: ignore[import-not-found]

        options = {"과": "와/과"}  # es-hangul writes this pair vowel form first
        peers["hangul"] = lambda word, pair: josa_picker(word, options.get(pair[0], "/".join(pair)))
    except ImportError:
        pass
    return peers


def read_gold(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _score(pick: Picker, rows: list[dict[str, str]]) -> dict[str, list[int]]:
    """Per class [right, total] over every (word, pair)."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        for pair in PAIRS:
            try:
                chosen = pick(row["word"], pair)
            except Exception:  # noqa: BLE001  (a peer that cannot handle the word (digits, symbols) scores a miss)
                chosen = ""
            for key in (row["class"], "all"):
                tally[key][0] += chosen == row["/".join(pair)]
                tally[key][1] += 1
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "particles" / "gold.tsv")
    args = parser.parse_args(argv)
    rows = read_gold(args.gold)
    pickers: dict[str, Picker] = {"transkit": _transkit, **_peers()}
    scores = {name: _score(pick, rows) for name, pick in pickers.items()}
    classes = [*dict.fromkeys(row["class"] for row in rows), "all"]
    words = {c: sum(row["class"] == c for row in rows) for c in classes[:-1]}
    words["all"] = len(rows)
    print(f"{len(rows)} words x {len(PAIRS)} particle pairs ({', '.join('/'.join(p) for p in PAIRS)})\n")
    print("| class | words | " + " | ".join(pickers) + " | transkit: words unknown | transkit: words wrong |")
    print("|---|---:|" + "---:|" * (len(pickers) + 2))
    unknown, wrong = _transkit_misses(rows)
    for c in classes:
        cells = [f"{100 * scores[n][c][0] / scores[n][c][1]:.1f}%" for n in pickers]
        print(f"| {c} | {words[c]} | " + " | ".join(cells) + f" | {unknown[c]} | {wrong[c]} |")
    print("\ntranskit wrong: " + ", ".join(row["word"] for row in rows if _transkit_wrong(row)))
    return 0


def _transkit_wrong(row: dict[str, str]) -> bool:
    """transkit gave a form for some pair of ``row`` and it was not the gold one."""
    chosen = [(_transkit(row["word"], pair), row["/".join(pair)]) for pair in PAIRS]
    return any(form not in (gold, UNKNOWN) for form, gold in chosen)


def _transkit_misses(rows: list[dict[str, str]]) -> tuple[dict[str, int], dict[str, int]]:
    """Words transkit cannot read, and words it reads wrong, per class."""
    unknown: dict[str, int] = defaultdict(int)
    wrong: dict[str, int] = defaultdict(int)
    for row in rows:
        for key in (row["class"], "all"):
            unknown[key] += korean.ending(row["word"]) is None
            wrong[key] += _transkit_wrong(row)
    return unknown, wrong


if __name__ == "__main__":
    raise SystemExit(main())
