"""Batch job throughput (``transkit batch``): cold with and without glossary enforcement, fully cached, and
local vs Ray, in one run.

Run from the repository root::

    PYTHONPATH=src python3 benchmarks/batch.py                  # 10k units, tiny Marian model
    PYTHONPATH=src python3 benchmarks/batch.py --ray            # + local vs Ray on a 1k-unit job
    PYTHONPATH=src python3 benchmarks/batch.py --engine fake --fake-ms 2 --files 200
    PYTHONPATH=src python3 benchmarks/batch.py --files 20 --units 50 --repeat 3   # enforcement cost, quickly

A tree of ``--files`` PO (or JSON) catalogues of ``--units`` short, distinct
English UI strings each (a third with ``{name}``, ``%s`` or ``%(count)d``
placeholders) is generated in a temporary folder and localised into Korean
through :func:`transkit.jobs.runner.run_job`, so every case pays for parsing,
translation-memory look-up and commits, writing (temp file + rename) and QA.

Cases, all timed in this one process (so their ratios compare like with like
on a shared machine):

* **cold**: an empty translation memory; every unit goes through the engine.
  ``--engine marian`` (default) is a tiny Marian model from
  :func:`transkit.testing.build_tiny_marian` (en->ko, d_model 64, 2+2 layers)
  with *random* weights (``train_steps=0``), loaded through the real engine
  path (``models={"en-ko": folder}``). A random model never predicts ``</s>``,
  so ``--max-length`` caps its output near the length a trained one gives for
  these strings. ``--engine fake`` is a :class:`~transkit.engines.FunctionEngine`
  that sleeps ``--fake-ms`` per unit instead (no CPU used).
* **cold, glossary enforced**: the same job into a fresh output folder with
  the repository's ``glossaries/`` enforced (``glossary_mode = "enforce"``, a
  fixed date), as ``transkit translate --glossary`` does: every unit is
  searched for terms, terms are protected, restored and verified. A third of
  the units name a glossary entry ("for Kurt Campbell", "on the CHIPS and
  Science Act", "from Seoul") so enforcement has work to do. With ``--repeat N``
  both cold cases run N times, alternating, and the fastest of each is shown;
  the last line gives the cost of enforcement over the cold run without it.
* **cached**: the same job again; every unit comes from the memory. Once with
  QA (the runner always checks its outputs) and once with QA replaced by a
  no-op for this benchmark (the runner has no switch to turn it off), so the
  cost of the checks shows.
* **local / ray** (``--ray``): a smaller cold job (``--ray-files``) on the
  local engine and on Ray Data (a local Ray with ``--ray-cpus`` CPUs, started
  here; its start-up is timed apart). The Ray figure includes starting the
  actor pool and loading one model per actor.

Prints a table (case, units, wall seconds, CPU seconds of this process, units/s,
ratio to cold, 1-minute load average after the case) and the command line.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import random
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from transkit.config import Settings
from transkit.glossary.model import Glossary
from transkit.jobs import runner
from transkit.jobs.display import JobDisplay
from transkit.jobs.job import Job
from transkit.jobs.results import Summary
from transkit.jobs.translators import load_glossary

VERBS = ("Open", "Save", "Delete", "Share", "Print", "Edit", "Archive", "Publish", "Review", "Translate",
         "Export", "Import", "Copy", "Move", "Rename", "Download", "Upload", "Restore", "Lock", "Close")
ADJECTIVES = ("the new", "the old", "this", "every", "the shared", "the draft", "the latest", "the hidden",
              "the pinned", "the local", "the remote", "the signed", "the weekly", "the daily", "the main",
              "the second", "the last", "the empty", "the large", "the small", "the public", "the private",
              "the selected", "the unread", "the saved")
NOUNS = ("article", "photo", "caption", "headline", "folder", "comment", "video", "report", "story", "page",
         "file", "note", "draft", "message", "gallery", "chart", "map", "quote", "link", "summary", "list",
         "section", "column", "interview", "podcast")
TAILS = ("", " now", " later", " for {name}", " in %s", " (%(count)d items)", " for Kurt Campbell",
         " on the CHIPS and Science Act", " from Seoul")


@dataclass(frozen=True)
class Case:
    """One timed run of a job."""

    name: str
    units: int
    seconds: float
    cpu_seconds: float
    load: float
    translated: int
    from_memory: int
    terms: int = 0  # glossary terms required (and reported) in all units
    retranslated: int = 0  # units translated a second time, without protection (the model lost a placeholder)

    @property
    def rate(self) -> float:
        return self.units / self.seconds if self.seconds else float("inf")


def unit_texts(count: int, *, seed: int = 0) -> list[str]:
    """``count`` distinct short UI strings; a third end in a placeholder."""
    combos = len(VERBS) * len(ADJECTIVES) * len(NOUNS) * len(TAILS)
    if count > combos:
        raise SystemExit(f"at most {combos} distinct units; lower --files or --units")
    texts = []
    for index in random.Random(seed).sample(range(combos), count):
        rest, tail = divmod(index, len(TAILS))
        rest, noun = divmod(rest, len(NOUNS))
        verb, adjective = divmod(rest, len(ADJECTIVES))
        texts.append(f"{VERBS[verb]} {ADJECTIVES[adjective]} {NOUNS[noun]}{TAILS[tail]}")
    return texts


def write_tree(folder: Path, texts: Sequence[str], *, files: int, fmt: str) -> Path:
    """Write ``texts`` as ``files`` catalogues (``app/part-NNN.po`` or ``.json``) below ``folder``."""
    per_file = -(-len(texts) // files)
    for i in range(files):
        chunk = texts[i * per_file : (i + 1) * per_file]
        path = folder / "app" / f"part-{i:03d}.{fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "po":
            header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: \\n"\n'
            body = "".join(f'\n#: app.py:{n + 1}\nmsgid "{text}"\nmsgstr ""\n' for n, text in enumerate(chunk))
            path.write_text(header + body, encoding="utf-8")
        else:
            rows = ",\n".join(f'  "key{n:04d}": "{text}"' for n, text in enumerate(chunk))
            path.write_text("{\n" + rows + "\n}\n", encoding="utf-8")
    return folder


def fake_factory(milliseconds: float, job: Job, glossary: Glossary | None) -> runner.TranslatorFactory:
    """Translators whose engine sleeps ``milliseconds`` per unit and tags the text as Korean, with the
    glossary (the job's, loaded) and the job's date as :func:`~transkit.jobs.translators.build_translator`
    sets them."""
    from transkit.engines import FunctionEngine
    from transkit.jobs.translators import build_translator

    def translate(text: str) -> str:
        time.sleep(milliseconds / 1000)
        return f"번역: {text}"

    return lambda source, target: build_translator(job, source, target, glossary,
                                                   engine=FunctionEngine(source, target, translate))


def timed(name: str, job: Job, *, fake_ms: float | None = None, backend: runner.Backend | None = None,
          recheck: bool = False, fresh: bool = False) -> Case:
    """Run ``job`` once and time it (wall clock and this process's CPU), loading its glossary once as
    ``transkit batch`` does; ``fake_ms``: on the fake engine instead of the job's models.

    ``recheck`` deletes the job's QA cache first, so every output is checked again.
    """
    display = JobDisplay(quiet=True)
    if fresh:  # a cold run: no memory, no caches, no outputs
        shutil.rmtree(job.out, ignore_errors=True)
    if recheck:
        (job.state_dir / "qa-cache.json").unlink(missing_ok=True)
    gc.collect()  # a collection of the loaded model's objects must not land inside one case only
    wall, cpu = time.perf_counter(), time.process_time()
    glossary = load_glossary(job)
    factory = fake_factory(fake_ms, job, glossary) if fake_ms is not None else None
    summary = runner.run_job(job, factory=factory, backend=backend, display=display, glossary=glossary)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    check_summary(name, summary)
    units = summary.total("translated") + summary.total("from_memory") + summary.total("copied")
    enforcement = [e for f in summary.files for _, e in f.enforcement]
    retranslated = sum(any("retranslated" in note for note in e.notes) for e in enforcement)
    return Case(name, units, wall, cpu, os.getloadavg()[0], summary.total("translated"), summary.total("from_memory"),
                sum(e.required for e in enforcement), retranslated)


def check_summary(name: str, summary: Summary) -> None:
    """Stop when the run did not do the whole job (a skipped file or an unwritten unit)."""
    if summary.skipped or summary.failed:
        reasons = [s.reason for s in summary.skipped] + [r for f in summary.files for _, r in f.failed]
        raise SystemExit(f"{name}: {len(summary.skipped)} file(s) skipped, {summary.failed} unit(s) failed: "
                         + "; ".join(reasons[:3]))


def build_model(folder: Path) -> tuple[Path, float]:
    """A random-weight tiny en->ko Marian model (``train_steps=0``) and the seconds it took."""
    from transkit.testing import build_tiny_marian

    start = time.perf_counter()
    path = build_tiny_marian(folder, source="en", targets=("ko",), train_steps=0)
    return path, time.perf_counter() - start


def ray_cases(args: argparse.Namespace, work: Path, make_job: Callable[..., Job]) -> tuple[list[Case], float]:
    """The smaller job cold on the local engine, then on Ray, then one file on Ray (its fixed cost).

    Returns the cases and Ray's start-up seconds (``ray.init``).
    """
    import ray
    import ray.data

    from transkit.jobs.ray_runner import RayBackend

    texts = unit_texts(args.ray_files * args.units, seed=1)
    src = write_tree(work / "ray-src", texts, files=args.ray_files, fmt=args.format)
    one = write_tree(work / "ray-one", unit_texts(args.units, seed=2), files=1, fmt=args.format)
    local = timed(f"local, {args.ray_files} files", make_job(src, work / "ray-local"))
    # Ray's workers import transkit from the source tree, like this process.
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    start = time.perf_counter()
    ray.init(num_cpus=args.ray_cpus, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    startup = time.perf_counter() - start
    ray.data.DataContext.get_current().enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    cases = [local]
    try:
        ray_cases = ((f"ray, {args.ray_files} files", src, "ray-out"), ("ray, 1 file", one, "ray-one-out"))
        for name, folder, out in ray_cases:
            job = replace(make_job(folder, work / out), engine="ray")
            backend = RayBackend(job, actors=args.ray_actors)
            cases.append(timed(f"{name} ({args.ray_actors} actors)", job, backend=backend))
    finally:
        ray.shutdown()
    return cases, startup


def print_table(cases: Sequence[Case], cold: Case, *, ray_pairs: Sequence[Case] = ()) -> None:
    head = (f"{'case':<34} {'units':>7} {'terms':>6} {'seconds':>8} {'cpu s':>7} {'units/s':>10} {'vs cold':>8}"
            f" {'load1':>6}")
    print(head)
    print("-" * len(head))
    for case in cases:
        base = ray_pairs[0] if case in ray_pairs else cold
        print(f"{case.name:<34} {case.units:>7} {case.terms:>6} {case.seconds:>8.2f} {case.cpu_seconds:>7.2f} "
              f"{case.rate:>10,.0f} {case.rate / base.rate:>7.2f}x {case.load:>6.2f}")
    if ray_pairs:
        print("(the Ray rows are compared with the local run of the same smaller job, not with the 10k cold run)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=100, help="catalogues in the tree (default 100)")
    parser.add_argument("--units", type=int, default=100, help="units per catalogue (default 100)")
    parser.add_argument("--format", choices=("po", "json"), default="po")
    parser.add_argument("--engine", choices=("marian", "fake"), default="marian")
    parser.add_argument("--fake-ms", type=float, default=2.0, help="--engine fake: sleep per unit (default 2 ms)")
    parser.add_argument("--model", type=Path, help="an en->ko Marian folder to use instead of building the tiny one")
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--max-length", type=int, default=24, help="output tokens per unit at most (default 24)")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads (default 1: more spin-waits on a shared 2-core machine)")
    parser.add_argument("--chunk", type=int, default=64, help="units per engine call and TM commit (default 64)")
    parser.add_argument("--glossary", type=Path, default=ROOT / "glossaries",
                        help="glossary folder for the enforced case (default: the repository's glossaries/)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each cold case this many times, alternating; show the fastest (default 1)")
    parser.add_argument("--ray", action="store_true", help="add local vs Ray on a smaller job")
    parser.add_argument("--ray-files", type=int, default=10, help="catalogues in the Ray job (default 10)")
    parser.add_argument("--ray-cpus", type=int, default=2)
    parser.add_argument("--ray-actors", type=int, default=2)
    args = parser.parse_args(argv)
    # The random-weight model drops placeholders, which the translator appends back with a warning per unit.
    logging.getLogger("transkit.translator").setLevel(logging.ERROR)

    print("$ PYTHONPATH=src python3 " + shlex.join(["benchmarks/batch.py", *(sys.argv[1:] if argv is None else argv)]))
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="transkit-bench-") as tmp:
        work = Path(tmp)
        model: Path | None = args.model
        if model is None and (args.engine == "marian" or args.ray):
            model, seconds = build_model(work / "model")
            print(f"built a random-weight tiny Marian en->ko model (train_steps=0) in {seconds:.1f} s")
        models = {"en-ko": str(model)} if model else {}
        settings = Settings(models=models, beam=args.beam, max_length=args.max_length, threads=args.threads)

        def make_job(src: Path, out: Path, **options: object) -> Job:
            return Job(sources=(str(src),), targets=("ko",), out=out, root=src, models=models, settings=settings,
                       chunk=args.chunk, date=date(2024, 3, 1), **options)
        fake_ms = args.fake_ms if args.engine == "fake" else None

        texts = unit_texts(args.files * args.units)
        src = write_tree(work / "src", texts, files=args.files, fmt=args.format)
        job = make_job(src, work / "out")
        glossary_job = make_job(src, work / "out-glossary", glossary=(str(args.glossary),))
        engine = (f"fake engine, {args.fake_ms:g} ms/unit" if args.engine == "fake"
                  else f"tiny Marian, beam {args.beam}, max {args.max_length} tokens, {args.threads} thread(s)")
        print(f"job: {args.files} {args.format.upper()} files x {args.units} units, en->ko; {engine}")
        plain_runs, enforced_runs = [], []
        for _ in range(max(1, args.repeat)):
            plain_runs.append(timed("cold (empty memory)", job, fake_ms=fake_ms, fresh=True))
            enforced_runs.append(timed("cold, glossary enforced", glossary_job, fake_ms=fake_ms, fresh=True))
        cold = min(plain_runs, key=lambda c: c.seconds)
        enforced = min(enforced_runs, key=lambda c: c.seconds)
        if not enforced.terms:
            raise SystemExit("the enforced run required no glossary term: check --glossary")
        cases = [
            cold,
            enforced,
            timed("cached", job, fake_ms=fake_ms),
            timed("cached, QA cache deleted", job, fake_ms=fake_ms, recheck=True),
        ]
        if cases[2].translated or cases[3].translated:
            raise SystemExit("the cached runs translated units: the memory did not serve them")
        ray_pairs: list[Case] = []
        startup = None
        if args.ray:
            ray_pairs, startup = ray_cases(args, work, make_job)
            cases += ray_pairs
    print()
    print_table(cases, cold, ray_pairs=ray_pairs)
    print(f"glossary enforcement in batch: {enforced.seconds:.2f} s vs {cold.seconds:.2f} s without a glossary, "
          f"{100 * (enforced.seconds / cold.seconds - 1):+.1f}% wall, "
          f"{100 * (enforced.cpu_seconds / cold.cpu_seconds - 1):+.1f}% CPU ({enforced.terms} terms required and "
          f"reported, {enforced.retranslated} unit(s) retranslated because the model lost a term's placeholder; "
          f"fastest of {max(1, args.repeat)} alternating run(s) each)")
    if startup is not None:
        print(f"Ray start-up (ray.init, {args.ray_cpus} CPUs): {startup:.1f} s, not included above; the Ray rows"
              " include starting the actor pool and loading one model per actor; cpu s is this process only")
        big, small = ray_pairs[1], ray_pairs[2]
        extra = big.units - small.units
        if extra > 0 and big.seconds > small.seconds:
            fixed = small.seconds - small.units * (big.seconds - small.seconds) / extra
            print(f"Ray beyond its fixed cost: {extra / (big.seconds - small.seconds):,.0f} units/s"
                  f" (from the two Ray rows; fixed cost per job ~{fixed:.1f} s)")
    print("QA: every row includes QA; 'cached' takes unchanged outputs' findings from OUT/.transkit/qa-cache.json,"
          " 'QA cache deleted' runs the placeholder/tag checks and `transkit check` on every output again.")
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
