"""Bad inputs: how many were tried, how many gave a clear error, and what the worst ones cost.

Three parts, in one run:

1. every case of ``tests/data/bad/cases.toml`` through ``python -m transkit`` in a
   fresh process each: the exit code against the expected one, whether stderr holds
   a traceback or an internal error, wall time and peak memory (max RSS);
2. the huge inputs of issue 15, generated: a 10 MB one-line article (refused), two
   articles just under the 1 MiB limit, in sentences and in one sentence (checked), and
   a 249 KB glossary that repeats one alias of a 9 KB string 60,000 times (refused);
3. every fuzz target of ``tests/fuzz`` for ``--examples`` hypothesis examples each:
   examples run, seconds, and crashes (any exception that is not a ``TranskitError``).

::

    PYTHONPATH=src python3 benchmarks/bad_inputs.py [--examples 500] [--skip-fuzz]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

from transkit.config import read_toml
from transkit.text.io import ARTICLE_MAX_BYTES

BAD = ROOT / "tests" / "data" / "bad"


def run_cli(args: list[str], cwd: Path) -> tuple[int, str, float, float]:
    """Exit code, stderr, seconds and peak RSS (MB) of ``python -m transkit ARGS`` in a fresh process."""
    env = {k: v for k, v in os.environ.items() if k not in ("TRANSKIT_GLOSSARY", "TRANSKIT_CONFIG")}
    env["PYTHONPATH"] = str(ROOT / "src")
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "transkit", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, err, time.monotonic() - started, usage.ru_maxrss / 1024


def corpus(work: Path) -> None:
    cases = read_toml(BAD / "cases.toml", what="cases", hint="")["case"]
    print(f"{'case':<66} {'expected':>8} {'got':>4} {'clear':>6} {'s':>6} {'MB':>6}")
    wrong = crashes = 0
    for case in cases:
        scratch = Path(tempfile.mkdtemp(dir=work))
        shutil.copytree(BAD, scratch / "bad")
        args = [a.replace("{bad}", str(scratch / "bad")) for a in case["args"]]
        code, err, seconds, peak = run_cli(args, scratch)
        crashed = "Traceback" in err or "internal error" in err
        wrong += code != case["exit"]
        crashes += crashed
        print(
            f"{case['name'][:66]:<66} {case['exit']:>8} {code:>4} {'no' if crashed else 'yes':>6} "
            f"{seconds:>6.1f} {peak:>6.0f}"
        )
    print(
        f"\n{len(cases)} bad inputs tried: {len(cases) - wrong} with the expected exit code, "
        f"{crashes} traceback(s) or internal error(s)\n"
    )


def huge_inputs(work: Path) -> None:
    one_line = work / "one-line-10mb.txt"
    one_line.write_text("the minister said the talks on humanitarian aid would continue " * 160_000, encoding="utf-8")
    at_limit = work / "one-line-1mib.txt"
    sentence = "The minister said the talks on humanitarian aid would continue next month. "
    at_limit.write_text(sentence * ((ARTICLE_MAX_BYTES - 1024) // len(sentence)), encoding="utf-8")
    one_line_limit = work / "one-line-1mib-no-break.txt"
    clause = "the minister said the talks on humanitarian aid would continue "
    one_line_limit.write_text(clause * ((ARTICLE_MAX_BYTES - 1024) // len(clause)), encoding="utf-8")
    note = "Minister of Foreign Affairs of the Republic of Korea. " * 170  # about 9 KB
    bomb = work / "alias-bomb.yaml"
    bomb.write_text(
        "- id: P_CHO_TAE_YUL\n  type: person\n  note: &n "
        + note.strip()
        + "\n  sources: ["
        + ", ".join(["*n"] * 60_000)
        + "]\n  terms:\n    en: Cho Tae-yul\n",
        encoding="utf-8",
    )
    runs = [
        ("check, 10 MB one-line article", ["check", str(one_line)]),
        ("translate, 10 MB one-line article", ["translate", "--from", "en", "--to", "ko", str(one_line)]),
        ("check, 1 MiB article (just under the limit)", ["check", str(at_limit)]),
        ("check, 1 MiB article, one sentence", ["check", str(one_line_limit)]),
        ("check --glossary alias bomb", ["check", "--glossary", str(bomb), str(at_limit)]),
        ("glossary lint alias bomb", ["glossary", "lint", str(bomb)]),
    ]
    print(f"{'huge input':<46} {'size':>9} {'exit':>5} {'s':>6} {'MB':>6}")
    for name, args in runs:
        size = Path(args[-1]).stat().st_size if "bomb" not in name else bomb.stat().st_size
        code, _, seconds, peak = run_cli(args, work)
        print(f"{name:<46} {size / 1e6:>7.2f}MB {code:>5} {seconds:>6.1f} {peak:>6.0f}")
    print()


def fuzz(examples: int) -> None:
    import test_fuzz_formats  # noqa: F401  (each module registers its targets)
    import test_fuzz_glossary  # noqa: F401
    import test_fuzz_tm_and_config  # noqa: F401
    from fuzzing import TARGETS
    from hypothesis import HealthCheck, given, settings

    print(f"{'fuzz target':<34} {'examples':>8} {'s':>7} {'crashes':>8}")
    total = found = 0
    for name, (strategy, body) in TARGETS.items():
        count, counted = _counting(body)
        test = settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))(
            given(strategy)(counted)
        )
        started = time.monotonic()
        crashed = 0
        try:
            test()
        except Exception as exc:  # noqa: BLE001 - a crash is what this counts
            crashed = 1
            print(f"  crash: {type(exc).__name__}: {str(exc)[:200]}")
        total += count[0]
        found += crashed
        print(f"{name:<34} {count[0]:>8} {time.monotonic() - started:>7.1f} {crashed:>8}")
    print(f"\n{total} fuzz examples run, {found} crash(es) found")


def _counting(body: Callable[[Any], None]) -> tuple[list[int], Callable[[Any], None]]:
    """``body`` wrapped to count its calls (in the returned one-item list)."""
    count = [0]

    def counted(data: Any) -> None:
        count[0] += 1
        body(data)

    return count, counted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=500, help="hypothesis examples per fuzz target")
    parser.add_argument("--skip-fuzz", action="store_true", help="only the corpus and the huge inputs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus(work)
        huge_inputs(work)
    if not args.skip_fuzz:
        fuzz(args.examples)


if __name__ == "__main__":
    main()
