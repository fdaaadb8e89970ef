"""Batch jobs: translation memory, resume after SIGKILL, lock, bad input, QA report, exit codes, CLI."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path, PurePath
from typing import ClassVar

import pytest

from transkit import cli
from transkit.engines import FunctionEngine
from transkit.errors import ConfigError, ExitCode
from transkit.glossary.model import Glossary
from transkit.jobs import runner
from transkit.jobs.display import JobDisplay
from transkit.jobs.job import Job, load_job, output_path
from transkit.jobs.lock import JobLock, JobLocked
from transkit.jobs.qa import QA
from transkit.jobs.runner import run_job
from transkit.jobs.tm import TranslationMemory
from transkit.translator import Translator

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "batch"
SRC = Path(__file__).resolve().parent.parent / "src"


def mark(target: str, text: str) -> str:
    return f"[{target}] {text}"


class Counting:
    """A translator factory whose engines record every text they translate."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, source: str, target: str) -> Translator:
        def translate(text: str) -> str:
            self.seen.append(text)
            return mark(target, text)

        return Translator(source, target, engine=FunctionEngine(source, target, translate))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE / "src", tmp_path / "src")
    return tmp_path / "src"


def make_job(tree: Path, out: Path, **options) -> Job:
    return Job(sources=(str(tree),), targets=("ko", "vi"), out=out, root=tree, **options)


def quiet() -> JobDisplay:
    return JobDisplay(quiet=True)


# A PO header's revision time has minute resolution: two runs a minute apart differ there and nowhere else.
PO_REVISION = re.compile(rb'^"PO-Revision-Date: [^"]*"$', re.MULTILINE)


def outputs(out: Path) -> dict[str, bytes]:
    """The job's output files by path, the PO revision time masked so that runs straddling a minute compare equal."""
    return {p.relative_to(out).as_posix(): PO_REVISION.sub(b'"PO-Revision-Date: -"', p.read_bytes())
            for p in sorted(out.rglob("*"))
            if p.is_file() and ".transkit" not in p.parts and not p.name.startswith(("qa-report", "."))}


def test_tm_keys_on_signature_glossary_and_normalised_source(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite3") as tm:
        assert tm.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tm.store("fake:a:en-ko", "g1", "en", "ko", [("Read   more", "더 보기")])
        assert tm.lookup("fake:a:en-ko", "g1", "en", "ko", ["Read more"]) == {"Read more": "더 보기"}
        assert tm.lookup("fake:b:en-ko", "g1", "en", "ko", ["Read more"]) == {}
        assert tm.lookup("fake:a:en-ko", "g2", "en", "ko", ["Read more"]) == {}
        assert tm.lookup("fake:a:en-ko", "g1", "en", "vi", ["Read more"]) == {}


def test_tmx_export_import_round_trip_and_imports_win(tmp_path):
    with TranslationMemory(tmp_path / "a.sqlite3") as tm:
        tm.store("fake:a:en-vi", "", "en", "vi", [("Read more", "Đọc thêm"), ("Share", "Chia sẻ")])
        assert tm.export_tmx(tmp_path / "x.tmx") == 2
    with TranslationMemory(tmp_path / "b.sqlite3") as tm:
        tm.store("fake:a:en-vi", "", "en", "vi", [("Share", "máy dịch")])
        assert tm.import_tmx(tmp_path / "x.tmx") == 4  # both directions of both units
        assert tm.lookup("fake:a:en-vi", "", "en", "vi", ["Share", "Read more"]) == {
            "Share": "Chia sẻ", "Read more": "Đọc thêm"}
        assert tm.lookup("other", "", "vi", "en", ["Chia sẻ"]) == {"Chia sẻ": "Share"}
        assert tm.stats().total == 5
        assert tm.clear(signature="tmx") == 4


def test_output_naming_rule():
    assert output_path(PurePath("locales/en/app.json"), "en", "ko") == PurePath("ko/locales/ko/app.json")
    assert output_path(PurePath("res/values/strings.xml"), "en", "vi") == PurePath("vi/res/values-vi/strings.xml")
    assert output_path(PurePath("messages.pot"), "en", "ko") == PurePath("ko/messages.po")
    assert output_path(PurePath("docs/entry.md"), "en", "vi") == PurePath("vi/docs/entry.md")


def test_example_job_outputs_qa_report_and_rerun_translates_nothing(tree, tmp_path):
    out = tmp_path / "out"
    engine = Counting()
    summary = run_job(make_job(tree, out), factory=engine, display=quiet())
    assert summary.exit_code("error") == ExitCode.INPUT  # broken.json is bad input
    assert [s.source.endswith("broken.json") for s in summary.skipped] == [True]
    assert "Expecting ',' delimiter" in summary.skipped[0].reason
    files = outputs(out)
    assert sorted(files) == [
        "ko/app/res/values-ko/strings.xml", "ko/articles/ferry-notice.txt", "ko/articles/harbour-festival.md",
        "ko/cat/widget.xlf", "ko/locale/ko/app.po", "ko/web/ko.json",
        "vi/app/res/values-vi/strings.xml", "vi/articles/ferry-notice.txt", "vi/articles/harbour-festival.md",
        "vi/cat/newsletter.xlf", "vi/cat/widget.xlf", "vi/locale/vi/app.po", "vi/web/vi.json",
    ]
    assert '<item quantity="other">[ko] %d unread stories</item>' in files["ko/app/res/values-ko/strings.xml"].decode()
    assert b"```\nschedule: 12 June 10:00-22:00\n```" in files["vi/articles/harbour-festival.md"]
    report = json.loads((out / "qa-report.json").read_text())
    planted = {(Path(f["output"]).relative_to(out).as_posix(), x["check"], x["unit"], x["span"], x["message"])
               for f in report["files"] for x in f["findings"] if x["check"].startswith(("placeholder", "tag"))}
    footer = "Bạn nhận được thư này vì bạn đã đăng ký trên trang của chúng tôi."
    assert planted == {  # span: the translation where it is missing, or the extra one
        ("ko/locale/ko/app.po", "placeholder-missing", "{count} new articles", "새 기사",
         "placeholder {count} of the source is missing"),
        ("vi/locale/vi/app.po", "placeholder-extra", "Read more", "%s", "placeholder %s is not in the source"),
        ("vi/cat/newsletter.xlf", "tag-missing", "newsletter.html#footer", footer,
         'tag <g id="4"> of the source is missing'),
        ("vi/cat/newsletter.xlf", "tag-missing", "newsletter.html#footer", footer, "tag </g> of the source is missing"),
    }
    assert "placeholder-missing" in (out / "qa-report.md").read_text()
    first = len(engine.seen)
    assert first == summary.total("translated") > 40
    again = run_job(make_job(tree, out), factory=engine, display=quiet())
    assert len(engine.seen) == first  # everything came from memory
    assert again.total("from_memory") == summary.total("translated") and again.total("translated") == 0
    assert outputs(out) == files


class CountingQA(QA):
    """The job's QA, recording the first unit id or segment of every file it checks."""

    checked: ClassVar[list[str]] = []

    def units(self, pairs, **options):
        CountingQA.checked.append(pairs[0][0] if pairs else "")
        return super().units(pairs, **options)

    def document(self, segments, **options):
        CountingQA.checked.append(segments[0][0])
        return super().document(segments, **options)


def checked_runs(monkeypatch, job: Job, engine: Counting, **options) -> tuple[int, list[tuple[str, list[dict]]]]:
    """Run ``job``; how many outputs were checked, and the findings of each output in the QA report."""
    monkeypatch.setattr(runner, "QA", CountingQA)
    CountingQA.checked = []
    run_job(job, factory=engine, display=quiet(), **options)
    report = json.loads((job.out / "qa-report.json").read_text())
    return len(CountingQA.checked), [(f["output"], f["findings"]) for f in report["files"]]


def test_qa_cache_serves_unchanged_outputs_and_rechecks_what_changed(tree, tmp_path, monkeypatch):
    job, engine = make_job(tree, tmp_path / "out"), Counting()
    checked, first = checked_runs(monkeypatch, job, engine)
    assert checked == len(first) == 13
    assert sum(len(found) for _, found in first) >= 4  # the planted placeholder and tag errors, at least
    # Nothing changed: nothing is checked again, and the report lists the same findings.
    checked, again = checked_runs(monkeypatch, job, engine)
    assert (checked, again) == (0, first)
    # Another glossary version: every output is checked again (not translated again: a glossary without
    # concepts enforces nothing, so the translations do not depend on it).
    checked, _ = checked_runs(monkeypatch, job, engine, glossary=Glossary(version="g2"))
    assert checked == 13
    checked, _ = checked_runs(monkeypatch, job, engine, glossary=Glossary(version="g2"))
    assert checked == 0
    # One output changes (a new translation in the memory): that output alone is checked again.
    with TranslationMemory(job.tm_path) as tm:
        tm.store(engine("en", "vi").signature, "", "en", "vi", [("Latest news", "Tin mới nhất")])
    checked, report = checked_runs(monkeypatch, job, engine, glossary=Glossary(version="g2"))
    assert CountingQA.checked == [".nav.home"]
    assert "Tin mới nhất" in (job.out / "vi" / "web" / "vi.json").read_text(encoding="utf-8")
    # One source changes: its outputs in both languages are checked again, with their new findings.
    po = tree / "locale" / "vi" / "app.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Đọc thêm %s"', 'msgstr "Đọc thêm"'), encoding="utf-8")
    checked, report = checked_runs(monkeypatch, job, engine, glossary=Glossary(version="g2"))
    assert checked == 1
    assert not any(x["check"] == "placeholder-extra" for _, found in report for x in found)


def test_qa_cache_damaged_is_rebuilt(tree, tmp_path, monkeypatch):
    job, engine = make_job(tree, tmp_path / "out"), Counting()
    _, first = checked_runs(monkeypatch, job, engine)
    (job.state_dir / "qa-cache.json").write_text('{"format": 1, "entr')
    checked, again = checked_runs(monkeypatch, job, engine)
    assert (checked, again) == (13, first)
    assert checked_runs(monkeypatch, job, engine)[0] == 0


def test_unchanged_outputs_are_not_rewritten_and_kept_parses_write_the_same_bytes(tree, tmp_path, monkeypatch):
    job, engine = make_job(tree, tmp_path / "out"), Counting()
    run_job(job, factory=engine, display=quiet())
    run_job(job, factory=engine, display=quiet())  # all from memory: the JSON report's counts change once
    inodes = {p: p.stat().st_ino for p in job.out.rglob("*")
              if p.is_file() and ".transkit" not in p.parts and p.name != "qa-report.md"}  # .md: run time
    assert len(inodes) == 14
    run_job(job, factory=engine, display=quiet())
    assert {p: p.stat().st_ino for p in inodes} == inodes  # none replaced
    monkeypatch.setattr(runner, "_KEEP_PARSED_BYTES", 0)  # every output from a fresh parse
    fresh = make_job(tree, tmp_path / "fresh")
    run_job(fresh, factory=engine, display=quiet())
    assert outputs(fresh.out) == outputs(job.out)


def test_build_cache_reuses_units_and_rebuilds_outputs_edited_or_deleted_by_hand(tree, tmp_path):
    job, engine = make_job(tree, tmp_path / "out"), Counting()
    run_job(job, factory=engine, display=quiet())
    files = outputs(job.out)
    cache = json.loads((job.state_dir / "build-cache.json").read_text(encoding="utf-8"))
    assert len(cache["sources"]) == 8 and len(cache["outputs"]) == 13  # broken.json is not cached
    (job.out / "ko" / "web" / "ko.json").write_text("{}", encoding="utf-8")
    (job.out / "vi" / "locale" / "vi" / "app.po").unlink()
    for name in ("ko/app/res/values-ko/strings.xml", "vi/cat/newsletter.xlf", "ko/articles/harbour-festival.md"):
        (job.out / name).unlink()
    # The units come from the cache (plurals, spans and existing targets included) and the outputs are rebuilt.
    run_job(job, factory=engine, display=quiet())
    assert outputs(job.out) == files
    (job.state_dir / "build-cache.json").write_text("[1, 2")  # damaged: everything parsed and built again
    run_job(job, factory=engine, display=quiet())
    assert outputs(job.out) == files
    assert json.loads((job.state_dir / "build-cache.json").read_text(encoding="utf-8"))["outputs"] == cache["outputs"]


def test_retranslate_and_only_units_that_need_it(tree, tmp_path):
    engine = Counting()
    job = replace(make_job(tree, tmp_path / "out"), sources=(str(tree / "locale"),), targets=("ko",))
    run_job(job, factory=engine, display=quiet())
    # Empty and fuzzy units only ("Read more" and "{count} new articles" are translated already);
    # the engine sees placeholders as tokens, and the plural's `other` form only.
    assert sorted(engine.seen) == ["Share this story", "Welcome back, ZX0Q!", "ZX0Q comments"]
    run_job(replace(job, retranslate=True, tm=tmp_path / "other.sqlite3"), factory=engine, display=quiet())
    assert "Read more" in engine.seen


def test_lock_refuses_a_second_run_with_a_clear_message(tree, tmp_path):
    job = make_job(tree, tmp_path / "out")
    with JobLock(job.state_dir), pytest.raises(JobLocked) as err:
        run_job(job, factory=Counting(), display=quiet())
    assert "another transkit batch is running on this job (pid " in str(err.value)
    assert err.value.exit_code == ExitCode.USAGE
    run_job(job, factory=Counting(), display=quiet())  # released


RUNNER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from transkit.engines import FunctionEngine
    from transkit.jobs.display import JobDisplay
    from transkit.jobs.job import Job
    from transkit.jobs.runner import run_job
    from transkit.translator import Translator

    def slow(target):
        def translate(text):
            time.sleep(float(sys.argv[3]))
            return f"[{target}] {text}"
        return translate

    tree, out = Path(sys.argv[1]), Path(sys.argv[2])
    job = Job(sources=(str(tree),), targets=("ko", "vi"), out=out, root=tree, chunk=3)
    run_job(job, factory=lambda s, t: Translator(s, t, engine=FunctionEngine(s, t, slow(t))),
            display=JobDisplay(quiet=True))
""")


def test_sigkill_in_the_middle_then_resume_gives_identical_outputs(tree, tmp_path):
    script = tmp_path / "run.py"
    script.write_text(RUNNER)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    reference = tmp_path / "reference"
    subprocess.run([sys.executable, str(script), str(tree), str(reference), "0"], env=env, check=True)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, str(script), str(tree), str(out), "0.05"], env=env)
    tm_path = out / ".transkit" / "tm.sqlite3"
    committed = 0
    deadline = time.monotonic() + 30
    while committed < 12 and time.monotonic() < deadline:
        time.sleep(0.05)
        if tm_path.exists():
            with sqlite3.connect(tm_path) as db:
                try:
                    committed = db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
                except sqlite3.OperationalError:
                    committed = 0
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with TranslationMemory(tm_path) as tm:
        done = tm.stats().total
    total = TranslationMemory(reference / ".transkit" / "tm.sqlite3").stats().total
    assert 12 <= done < total
    # No half-written output: every output present is already complete.
    partial = outputs(out)
    expected = outputs(reference)
    assert all(partial[name] == expected[name] for name in partial)
    engine = Counting()
    run_job(make_job(tree, out), factory=engine, display=quiet())
    assert len(engine.seen) == total - done  # finished units are not translated again
    assert outputs(out) == expected


def test_job_file_relative_paths_and_errors(tmp_path):
    (tmp_path / "job.toml").write_text('sources = ["docs"]\nto = ["ko", "vi-VN"]\nout = "build"\n[engine]\nbeam = 2\n')
    job = load_job(tmp_path / "job.toml")
    assert job.sources == (str(tmp_path / "docs"),) and job.targets == ("ko", "vi")
    assert job.out == tmp_path / "build" and job.settings.beam == 2
    assert job.tm_path == tmp_path / "build" / ".transkit" / "tm.sqlite3"
    (tmp_path / "bad.toml").write_text('sources = ["d"]\nto = ["ko"]\ncolour = "red"\n')
    with pytest.raises(ConfigError) as err:
        load_job(tmp_path / "bad.toml")
    assert str(err.value).startswith(f"{tmp_path / 'bad.toml'}: unknown key 'colour'")


def run_cli(argv, monkeypatch):
    monkeypatch.setattr(cli, "SUBCOMMANDS", tuple(dict.fromkeys((*cli.SUBCOMMANDS, "batch", "tm"))))
    return cli.main(argv)


def test_cli_batch_exit_codes_and_tm_commands(tree, tmp_path, monkeypatch, capsys):
    from transkit.jobs import runner

    monkeypatch.setattr(runner, "build_translator", lambda job, s, t, glossary=None: Counting()(s, t))
    out = tmp_path / "out"
    code = run_cli(["batch", str(tree / "articles"), str(tree / "locale"), "--to", "ko", "--out", str(out),
                    "--quiet"], monkeypatch)
    err = capsys.readouterr().err
    assert code == ExitCode.FINDINGS  # the planted placeholder error in locale/ko/app.po
    assert "files: 3 written, 0 skipped (bad input)" in err
    assert run_cli(["batch", str(tree / "articles"), "--to", "ko", "--out", str(out), "--quiet",
                    "--fail-on", "never"], monkeypatch) == ExitCode.OK
    broken = ["batch", str(tree / "web"), "--to", "ko", "--out", str(out), "--quiet"]
    assert run_cli(broken, monkeypatch) == ExitCode.INPUT
    assert "broken.json: not a valid JSON file" in capsys.readouterr().err
    assert run_cli(["batch", str(tree), "--out", str(out)], monkeypatch) == ExitCode.USAGE
    db = str(out / ".transkit" / "tm.sqlite3")
    assert run_cli(["tm", "stats", db], monkeypatch) == 0
    assert "fake:function:en-ko" in capsys.readouterr().out
    assert run_cli(["tm", "export", db, str(tmp_path / "all.tmx")], monkeypatch) == 0
    assert b"<tmx" in (tmp_path / "all.tmx").read_bytes()
    assert run_cli(["tm", "clear", db], monkeypatch) == 0
    assert "deleted" in capsys.readouterr().err
