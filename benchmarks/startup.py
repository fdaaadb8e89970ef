"""Start-up of ``transkit check``: wall and CPU time of the command, run as a subprocess, per article language.

Run from the repository root::

    python3 benchmarks/startup.py [--runs 5] [--glossary glossaries]

Checks ``examples/articles/{en,ko,vi}.md`` with the glossary, each first with an empty transkit cache (a fresh
``$TRANSKIT_CACHE``: the glossary files are parsed and their parse cache written; the OS file cache stays warm, and
transkit's bytecode is compiled beforehand, as an installed package's is, whatever $PYTHONDONTWRITEBYTECODE says) and
then ``--runs`` times with that cache filled; "cache" says whether those runs read the glossary from it (no entry
rewritten). More rows give the floor under those figures: the Python interpreter alone, and the Korean analysers
loaded and run once on one sentence: MeCab as :func:`transkit.lang.korean.morph.analyser` loads it (what transkit
uses), and Kiwi (kiwipiepy, without its dictionaries, the fastest way it loads), when installed, side by side.
CPU is user + system time of the child (steadier than wall time on a shared machine); the load average is printed
before and after, since the figures mean little on a busy machine.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "articles"
SENTENCE = "캠벨 부장관은 서울에서 기자들에게 협력을 강화해 달라고 말했다."
# row name: (module it needs, code that loads the analyser and analyses one sentence)
ANALYSERS = {
    "MeCab load": ("mecab", f"from transkit.lang.korean.morph import analyser; analyser().parse({SENTENCE!r})"),
    "Kiwi load": (
        "kiwipiepy",
        "from kiwipiepy import Kiwi; Kiwi(num_workers=1, load_default_dict=False, load_typo_dict=False, "
        f"load_multi_dict=False).tokenize({SENTENCE!r})",
    ),
}


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def timed(argv: list[str], env: dict[str, str]) -> Timing:
    """Wall and CPU seconds of one run of ``argv``; exit status 0 or 1 (findings) is a run that worked."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        argv, check=False, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def cache_state(cache: Path) -> set[tuple[str, int]]:
    """The glossary parse-cache entries under ``cache`` with their modification times."""
    folder = cache / "glossary"
    return {(p.name, p.stat().st_mtime_ns) for p in folder.iterdir()} if folder.is_dir() else set()


def row(name: str, cold: Timing | None, warm: list[Timing], cache: str) -> str:
    best_wall = min(t.wall for t in warm)
    best_cpu = min(t.cpu for t in warm)
    median_wall = statistics.median(t.wall for t in warm)
    cold_cells = f"{cold.wall:>9.2f} {cold.cpu:>8.2f}" if cold else f"{'-':>9} {'-':>8}"
    return f"{name:<16} {cold_cells} {best_wall:>9.2f} {best_cpu:>8.2f} {median_wall:>11.2f}  {cache}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs per row (best and median are shown)")
    parser.add_argument("--glossary", default="glossaries", help="glossary file or folder (default: glossaries)")
    args = parser.parse_args()

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("TRANSKIT_NO_GLOSSARY_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: transkit's modules are not compiled on every run
    compileall.compile_dir(ROOT / "src" / "transkit", quiet=1)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} CPUs")
    print(f"{'':<16} {'cold':>18} {'warm (best of ' + str(args.runs) + ')':>18} {'warm median':>11}")
    print(f"{'run':<16} {'wall s':>9} {'CPU s':>8} {'wall s':>9} {'CPU s':>8} {'wall s':>11}  glossary cache")
    for lang in ("en", "ko", "vi"):
        with tempfile.TemporaryDirectory() as cache:
            run_env = {**env, "TRANSKIT_CACHE": cache}
            article = str(ARTICLES / f"{lang}.md")
            argv = [sys.executable, "-m", "transkit", "check", article, "--glossary", args.glossary]
            cold = timed(argv, run_env)
            filled = cache_state(Path(cache))
            warm = [timed(argv, run_env) for _ in range(args.runs)]
            hit = "hit" if filled and cache_state(Path(cache)) == filled else "MISSED (entries rewritten)"
        print(row(f"check {lang}.md", cold, warm, hit))
    print(row("python -c pass", None, [timed([sys.executable, "-c", "pass"], env) for _ in range(args.runs)], "-"))
    for name, (module, code) in ANALYSERS.items():
        if importlib.util.find_spec(module) is None:
            print(f"{name:<16} not installed")
            continue
        print(row(name, None, [timed([sys.executable, "-c", code], env) for _ in range(args.runs)], "-"))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
