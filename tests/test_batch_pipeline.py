"""``transkit batch`` and ``transkit translate`` are one pipeline: the same glossary enforcement unit for unit,
the same recovery; and a job refuses what it cannot do well before translating anything.

Engines are phrase tables (:class:`~transkit.engines.faults.PhraseEngine`) put in place of the model, so the
whole command line runs as a user runs it, offline and in seconds.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from transkit import cli
from transkit.engines import FunctionEngine
from transkit.engines.faults import KNOWN_MT_ERRORS, PhraseEngine
from transkit.errors import ExitCode
from transkit.jobs.display import JobDisplay
from transkit.jobs.job import Job
from transkit.jobs.runner import JobRun
from transkit.jobs.translators import build_translator, load_glossary
from transkit.translator import Translator

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
GLOSSARY = [str(ROOT / "glossaries"), str(DATA / "enforce" / "project.yaml")]
DATE = "2024-03-01"  # Kurt Campbell is Deputy Secretary of State


def _phrases(source: str, target: str) -> dict[str, str]:
    lines = [
        line.split("\t")
        for line in (DATA / "enforce" / "phrases.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    header = lines[0]
    rows = [dict(zip(header, row, strict=True)) for row in lines[1:]]
    return {row[source]: row[target] for row in rows}


@pytest.fixture
def phrase_models(monkeypatch):
    """Every Translator's model is a phrase table with the known MT errors (vi->en: "US Deputy Foreign Minister")."""
    calls: list[list[str]] = []

    def engine(self: Translator) -> PhraseEngine:
        table = {
            **_phrases(self.source, self.target),
            **KNOWN_MT_ERRORS.get((self.source, self.target), {}),
        }
        phrase = PhraseEngine(self.source, self.target, table)
        phrase.calls = calls
        return phrase

    monkeypatch.setattr(Translator, "_model_engine", engine)
    return calls


def run_cli(*argv: str) -> int:
    return cli.main(list(argv))


def test_batch_with_a_glossary_gives_what_translate_gives_unit_for_unit(phrase_models, tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(DATA / "batch" / "vi.json", src / "vi.json")
    out = tmp_path / "out"
    glossary = [arg for path in GLOSSARY for arg in ("--glossary", path)]
    code = run_cli(
        "batch",
        str(src),
        "--from",
        "vi",
        "--to",
        "en",
        "--out",
        str(out),
        *glossary,
        "--date",
        DATE,
        "--quiet",
        "--fail-on",
        "never",
    )
    assert code == ExitCode.OK, capsys.readouterr().err
    units = json.loads((out / "en" / "en.json").read_text(encoding="utf-8"))["briefing"]
    sources = json.loads((src / "vi.json").read_text(encoding="utf-8"))["briefing"]
    for key, text in sources.items():
        (tmp_path / "one.txt").write_text(text, encoding="utf-8")
        assert (
            run_cli(
                "translate",
                str(tmp_path / "one.txt"),
                "--from",
                "vi",
                "--to",
                "en",
                *glossary,
                "--date",
                DATE,
                "-o",
                str(tmp_path / "one.en.txt"),
            )
            == 0
        )
        assert units[key] == (tmp_path / "one.en.txt").read_text(encoding="utf-8"), key
    assert units["title"] == "Deputy Secretary of State Kurt Campbell discussed CHIPS and Science Act in Seoul."
    assert "https://mofa.go.kr/eng/brd/m_5676/view.do?seq=320" in units["link"] and "{time}" in units["link"]
    # The QA report carries what enforcement did, unit by unit.
    report = json.loads((out / "qa-report.json").read_text(encoding="utf-8"))
    (result,) = report["files"]
    by_unit = {e["unit"]: e for e in result["enforcement"]}
    assert {k: by_unit[".briefing.title"][k] for k in ("required", "enforced", "repaired", "failed")} == {
        "required": 4,
        "enforced": 4,
        "repaired": 0,
        "failed": 0,
    }  # the title, Campbell, the Act, Seoul
    assert by_unit[".briefing.count"]["required"] == 2
    markdown = (out / "qa-report.md").read_text(encoding="utf-8")
    assert "Glossary enforcement per unit" in markdown and "| .briefing.title | 4 | 4 | 0 | 0 |" in markdown


def test_without_enforcement_the_known_error_ships_and_qa_reports_it(phrase_models, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(DATA / "batch" / "vi.json", src / "vi.json")
    job = Job(
        sources=(str(src),),
        targets=("en",),
        out=tmp_path / "out",
        source_lang="vi",
        root=src,
        glossary=tuple(GLOSSARY),
        glossary_mode="off",
    )
    summary = JobRun(job, display=JobDisplay(quiet=True)).run()
    units = json.loads((tmp_path / "out" / "en" / "en.json").read_text(encoding="utf-8"))["briefing"]
    assert units["title"].startswith("US Deputy Foreign Minister")
    (result,) = summary.files
    assert result.enforcement == ()
    # Checked against its own source, the unit that lacks the term is the one named.
    missing = [f for f in result.findings if f.check == "missing-term"]
    assert missing and {f.unit for f in missing} == {".briefing.title"}


def test_the_memory_keys_on_the_glossary_only_when_it_is_enforced(phrase_models, tmp_path):
    job = Job(
        sources=(str(tmp_path),),
        targets=("en",),
        out=tmp_path / "out",
        source_lang="vi",
        glossary=tuple(GLOSSARY),
    )
    glossary = load_glossary(job)
    enforced = build_translator(job, "vi", "en", glossary).signature
    assert glossary.version in enforced and enforced.startswith("transkit-pipeline/")
    off = Job(**{**job.__dict__, "glossary_mode": "off"})
    assert glossary.version not in build_translator(off, "vi", "en", glossary).signature


def _json(path: Path, data: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_colliding_outputs_are_refused_before_anything_is_translated(phrase_models, tmp_path, capsys):
    src = tmp_path / "src"
    _json(src / "locales" / "en" / "app.json", {"hi": "Kurt Campbell met reporters."})
    _json(src / "locales" / "ko" / "app.json", {"hi": "커트 캠벨은 기자들을 만났다."})
    _json(src / "res" / "values" / "strings.json", {"ok": "Seoul"})
    _json(src / "res" / "values-ko" / "strings.json", {"ok": "서울"})
    code = run_cli("batch", str(src), "--to", "ko", "--out", str(tmp_path / "out"), "--quiet")
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE
    assert f"{src / 'locales' / 'en' / 'app.json'} and {src / 'locales' / 'ko' / 'app.json'} both become" in err
    assert str(tmp_path / "out" / "ko" / "locales" / "ko" / "app.json") in err
    assert str(tmp_path / "out" / "ko" / "res" / "values-ko" / "strings.json") in err
    assert phrase_models == [] and not (tmp_path / "out" / "ko").exists()


def test_same_named_symbolic_links_keep_their_own_place(phrase_models, tmp_path):
    src, elsewhere = tmp_path / "src", tmp_path / "elsewhere"
    _json(elsewhere / "a" / "app.json", {"hi": "Seoul"})
    _json(elsewhere / "b" / "app.json", {"hi": "Kurt Campbell"})
    for name in ("news", "sports"):
        (src / name).mkdir(parents=True)
        (src / name / "app.json").symlink_to(elsewhere / ("a" if name == "news" else "b") / "app.json")
    job = Job(sources=(str(src),), targets=("ko",), out=tmp_path / "out", root=src)
    summary = JobRun(job, display=JobDisplay(quiet=True)).run()
    assert sorted(Path(f.output).relative_to(tmp_path / "out").as_posix() for f in summary.files) == [
        "ko/news/app.json",
        "ko/sports/app.json",
    ]


def test_one_model_for_two_targets_is_refused(tmp_path, capsys):
    code = run_cli(
        "batch",
        str(tmp_path),
        "--to",
        "ko,vi",
        "--model",
        str(tmp_path),
        "--out",
        str(tmp_path / "o"),
    )
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE
    assert "one --model for 2 target languages (ko, vi) is ambiguous" in err and "--model en-ko=MODEL" in err


def test_a_catalogue_that_declares_the_source_language_is_translated_and_others_are_listed(phrase_models, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {lang}\\n"\n\n'
    (src / "messages.po").write_text(header.format(lang="en") + 'msgid "Seoul"\nmsgstr ""\n', encoding="utf-8")
    (src / "extra.po").write_text(header.format(lang="vi") + 'msgid "Seoul"\nmsgstr ""\n', encoding="utf-8")
    job = Job(sources=(str(src),), targets=("ko",), out=tmp_path / "out", root=src)
    summary = JobRun(job, display=JobDisplay(quiet=True)).run()
    assert [Path(f.output).name for f in summary.files] == ["messages.po"]
    assert 'msgstr "서울"' in (tmp_path / "out" / "ko" / "messages.po").read_text(encoding="utf-8")
    (passed,) = summary.passed_over
    assert (passed.source, passed.target, passed.reason) == (
        str(src / "extra.po"),
        "ko",
        "it declares Language: vi",
    )
    report = json.loads((tmp_path / "out" / "qa-report.json").read_text(encoding="utf-8"))
    assert report["not_translated"] == [
        {
            "source": str(src / "extra.po"),
            "target": "ko",
            "reason": "it declares Language: vi",
        }
    ]
    assert "## Files not translated" in (tmp_path / "out" / "qa-report.md").read_text(encoding="utf-8")


def test_qa_report_escapes_input_text_and_file_names(phrase_models, tmp_path):
    src = tmp_path / "src"
    _json(
        src / "we`ird|<img src=x onerror=alert(1)>.json",
        {"x": "<img src=x onerror=alert(1)> Seoul reporters"},
    )
    job = Job(sources=(str(src),), targets=("ko",), out=tmp_path / "out", root=src)
    JobRun(job, display=JobDisplay(quiet=True)).run()
    markdown = (tmp_path / "out" / "qa-report.md").read_text(encoding="utf-8")
    assert "<img" not in markdown and "we\\`ird\\|&lt;img src=x onerror=alert\\(1\\)&gt;.json" in markdown
    assert "we`ird" not in markdown
    first = markdown
    JobRun(job, display=JobDisplay(quiet=True)).run()
    again = (tmp_path / "out" / "qa-report.md").read_text(encoding="utf-8")

    def findings(page: str) -> list[str]:
        return [line for line in page.splitlines() if line.startswith(("| warning", "| error", "| info"))]

    assert findings(first) and findings(again) == findings(first)  # the same findings in the same order


def test_a_run_sweeps_temporaries_a_killed_run_left(phrase_models, tmp_path):
    src = tmp_path / "src"
    _json(src / "app.json", {"x": "Seoul"})
    stale = tmp_path / "out" / "ko" / ".app.json.q7x_2kdz.tmp"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")
    kept = tmp_path / "out" / "ko" / "notes.tmp"  # not one of ours
    kept.write_text("mine", encoding="utf-8")
    job = Job(sources=(str(src),), targets=("ko",), out=tmp_path / "out", root=src)
    JobRun(job, display=JobDisplay(quiet=True)).run()
    assert not stale.exists() and kept.exists()
    assert json.loads((tmp_path / "out" / "ko" / "app.json").read_text(encoding="utf-8")) == {"x": "서울"}


FERRY = {
    "The ferry to": "Chuyến phà đến",
    "leaves at noon": "khởi hành lúc trưa",
    "Busan": "Busan",
    "Tickets are sold at": "Vé được bán tại",
    "Gate 3": "Cổng 3",
}


def _dropping_tokens(source: str, target: str) -> FunctionEngine:
    """A phrase-table model that drops every placeholder token, even one glued to a word (``ZX0QBusanZX1Q``)."""
    phrases = PhraseEngine(source, target, FERRY)

    def translate(text: str) -> str:
        dropped = " ".join(re.sub(r"[A-Z]{2}\d+[A-Z]", " ", text).split())
        return phrases.translate([re.sub(r" (?=[.,])", "", dropped)])[0]

    return FunctionEngine(source, target, translate)


def test_xliff_paired_elements_keep_their_content_when_the_model_drops_the_tags(monkeypatch, tmp_path):
    monkeypatch.setattr(
        Translator,
        "_model_engine",
        lambda self: _dropping_tokens(self.source, self.target),
    )
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(DATA / "batch" / "ferry.xlf", src / "ferry.xlf")
    job = Job(sources=(str(src),), targets=("vi",), out=tmp_path / "out", root=src)
    summary = JobRun(job, display=JobDisplay(quiet=True)).run()
    xliff = (tmp_path / "out" / "vi" / "ferry.xlf").read_text(encoding="utf-8")
    assert '<target state="translated">Chuyến phà đến <g id="1">Busan</g> khởi hành lúc trưa.</target>' in xliff
    assert '<target state="translated">Vé được bán tại <g id="2">Cổng 3</g>.</target>' in xliff
    (result,) = summary.files
    assert not [f for f in result.findings if f.check.startswith("tag-")]


def test_qa_flags_a_paired_element_emptied_or_moved_out_of_its_sentence():
    from transkit.findings import Finding, Severity
    from transkit.jobs.qa import QA

    def tags(target: str, lang: str, unit: str = "route") -> list[Finding]:
        found = QA().units([(unit, source, target)], source_lang="en", target_lang=lang)
        return [f for f in found if f.check.startswith("tag-")]

    source = 'The ferry to <g id="1">Busan</g> leaves at noon.'
    (lost,) = tags('Chuyến phà đến Busan khởi hành lúc trưa. <g id="1"> </g>', "vi")
    assert (lost.check, lost.severity, lost.unit, lost.span) == (
        "tag-content-lost",
        Severity.ERROR,
        "route",
        '<g id="1"> </g>',
    )
    (moved,) = tags('부산행 여객선은 정오에 출발한다. <g id="1">부산</g>', "ko")
    assert (moved.check, moved.severity) == ("tag-moved", Severity.WARNING)
    assert tags('<g id="1">부산</g>행 여객선은 정오에 출발한다.', "ko") == []
    source = "Press <b></b> here."
    assert tags("Nhấn <b></b> vào đây.", "vi") == []  # nothing inside to lose


def test_a_markdown_link_whose_target_placeholder_was_dropped_stays_a_link():
    phrases = PhraseEngine("en", "vi", {"Read": "Đọc", "the statement": "tuyên bố", "today": "hôm nay"})

    def translate(text: str) -> str:
        return phrases.translate([" ".join(re.sub(r"[A-Z]{2}\d+[A-Z]", " ", text).split()).replace(" .", ".")])[0]

    translator = Translator("en", "vi", engine=FunctionEngine("en", "vi", translate))
    out = translator.translate(
        "Read [the statement](https://mofa.go.kr/eng/a.do?seq=3) today.\n",
        fmt="markdown",
    )
    assert out == "Đọc [tuyên bố hôm nay](https://mofa.go.kr/eng/a.do?seq=3).\n"


def test_job_file_sets_the_glossary_mode_and_the_date(tmp_path):
    import datetime

    from transkit.errors import ConfigError
    from transkit.jobs.job import load_job

    path = tmp_path / "job.toml"
    path.write_text(
        'sources = ["src"]\nto = ["ko"]\nglossary_mode = "verify"\ndate = 2024-03-01\n',
        encoding="utf-8",
    )
    job = load_job(path)
    assert (job.glossary_mode, job.date) == ("verify", datetime.date(2024, 3, 1))
    path.write_text('sources = ["src"]\nto = ["ko"]\ndate = "1 March"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="date: expected YYYY-MM-DD"):
        load_job(path)
    path.write_text('sources = ["src"]\nto = ["ko"]\nglossary_mode = "strict"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown glossary mode 'strict'"):
        load_job(path)


def test_a_file_of_a_format_transkit_does_not_read_is_listed_not_dropped(phrase_models, tmp_path):
    src = tmp_path / "src"
    _json(src / "app.json", {"x": "Seoul"})
    (src / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    job = Job(sources=(str(src),), targets=("ko", "vi"), out=tmp_path / "out", root=src)
    summary = JobRun(job, display=JobDisplay(quiet=True)).run()
    (passed,) = summary.passed_over
    assert (passed.source, passed.target) == (str(src / "logo.png"), None)
    assert passed.reason.startswith("not a format transkit reads")
    assert summary.exit_code("error") == ExitCode.OK  # not bad input: nobody asked for it by name
    markdown = (tmp_path / "out" / "qa-report.md").read_text(encoding="utf-8")
    assert "logo.png | any | not a format transkit reads" in markdown
