"""Start-up of ``transkit check``: wall and CPU time of the command, run as a subprocess, per article language.

Run from the repository root::

    python3 benchmarks/startup.py [--runs 5] [--glossary glossaries]

Checks ``examples/articles/{en,ko,vi}.md`` with the glossary, each first with an empty transkit cache (a fresh
``$TRANSKIT_CACHE``: the glossary files are parsed and their parse cache written; the OS file cache stays warm, and
transkit's bytecode is compiled beforehand, as an installed package's is, whatever $PYTHONDONTWRITEBYTECODE says) and
then ``--runs`` times with that cache filled; "cache" says whether those runs read the glossary from it (no entry
rewritten). Two more rows give the floor under those figures: the Python interpreter alone, and Kiwi loaded as
:func:`transkit.lang.korean.morph.kiwi` loads it plus its first (empty) analysis, which finishes its lazy start.
A last line says whether loading Kiwi in a background thread could overlap other work: the CPU time the main
thread gets while another thread loads Kiwi.
CPU is user + system time of the child (steadier than wall time on a shared machine); the load average is printed
before and after, since the figures mean little on a busy machine.
"""

from __future__ import annotations

import argparse
import compileall
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
KIWI_LOAD = "from transkit.lang.korean.morph import kiwi; kiwi().tokenize('')"
# Kiwi loaded in a background thread while the main thread spins: the CPU each thread got. Were the GIL released
# during the load, the main thread would get about as much CPU as the loading thread.
KIWI_THREAD = """
import threading, time
import kiwipiepy  # imported first: only the load itself is timed
from transkit.lang.korean.morph import kiwi
loader = {}
def load():
    kiwi().tokenize("")
    loader["cpu"] = time.thread_time()
thread = threading.Thread(target=load)
start = time.thread_time()
thread.start()
while thread.is_alive():
    pass
print(f"{loader['cpu']:.2f} {time.thread_time() - start:.2f}")
"""


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
    print(row("Kiwi load", None, [timed([sys.executable, "-c", KIWI_LOAD], env) for _ in range(args.runs)], "-"))
    loader, main_thread = subprocess.run(
        [sys.executable, "-c", KIWI_THREAD], check=True, env=env, capture_output=True, text=True
    ).stdout.split()
    print(f"Kiwi loading in a thread took {loader} s CPU; the main thread got {main_thread} s CPU meanwhile")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
