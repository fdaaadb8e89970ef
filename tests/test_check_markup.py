"""The placeholder and tag checks are registered checks: ``transkit check --source`` runs them, batch QA runs the
same functions per unit, and check, lint and QA reports all render the one :class:`transkit.findings.Finding`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import jsonschema
import pytest

from transkit.checks import CHECKS, Checker
from transkit.checks.render_json import load_schema, report_dict
from transkit.checks.sarif import sarif_log
from transkit.cli import check as check_cli
from transkit.errors import ExitCode
from transkit.findings import FIELDS, Finding, Severity
from transkit.glossary import lint
from transkit.jobs.qa import QA
from transkit.jobs.results import FileResult, Summary, render_json, render_markdown

LINT_DATA = Path(__file__).parent / "data" / "glossary" / "broken" / "semantic.yaml"

# (source language, source, target language, translation, the check that must fire, what it names)
DROPPED = [
    ("en", "Hello {name}, welcome back.", "ko", "다시 오신 것을 환영합니다.", "placeholder-missing", "{name}"),
    ("en", "You have %s new messages.", "vi", "Bạn có tin nhắn mới.", "placeholder-missing", "%s"),
    ("ko", "<b>속보</b> 부산행 여객선이 출발했다.", "en", "Breaking: the ferry to Busan has left.", "tag-missing",
     "<b>"),
    ("vi", "Xin chào {name}.", "en", "Hello {name} {name}.", "placeholder-extra", "{name}"),
    # full width braces: no placeholder
    ("en", "Hello {name}.", "ko", "｛name｝님, 안녕하세요.", "placeholder-missing", "{name}"),
    ("en", "Read the <b>statement</b> today.", "vi", "Hôm nay hãy đọc tuyên bố. <b></b>", "tag-content-lost",
     "<b>statement</b>"),
]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


def test_the_markup_checks_are_registered_and_need_a_source() -> None:
    ids = ("placeholder-missing", "placeholder-extra", "tag-missing", "tag-extra", "tag-content-lost", "tag-moved")
    assert all(CHECKS[i].needs_source for i in ids)
    assert CHECKS["tag-moved"].severity is Severity.WARNING and CHECKS["tag-missing"].severity is Severity.ERROR


@pytest.mark.parametrize(("src_lang", "source", "lang", "text", "check", "token"), DROPPED)
def test_check_with_source_reports_a_dropped_or_added_placeholder(
    checker: Checker, src_lang: str, source: str, lang: str, text: str, check: str, token: str
) -> None:
    report = checker.check(text, lang=lang, source=source, source_lang=src_lang)
    found = [f for f in report.findings if f.check == check]
    assert any(token in f.message for f in found)
    assert all(f.span == text[f.start : f.end] and f.line == 1 for f in found)
    jsonschema.Draft202012Validator(load_schema()).validate(report_dict(report))
    assert check in {rule["id"] for rule in sarif_log([report])["runs"][0]["tool"]["driver"]["rules"]}
    assert not [f for f in checker.check(text, lang=lang).findings if f.check == check]  # no source: not run


@pytest.mark.parametrize(
    ("src_lang", "source", "lang", "text"),
    [
        ("en", "Hello {name}, you have %s new <b>messages</b>.", "ko", "{name}님, 새 <b>메시지</b>가 %s개 있습니다."),
        ("ko", '<a href="https://example.org">발표문</a>을 읽으세요.', "vi",
         'Hãy đọc <a href="https://example.org">thông cáo</a>.'),
    ],
)
def test_a_translation_keeping_its_markup_has_no_markup_finding(
    checker: Checker, src_lang: str, source: str, lang: str, text: str
) -> None:
    report = checker.check(text, lang=lang, source=source, source_lang=src_lang)
    assert not [f for f in report.findings if f.check.startswith(("placeholder-", "tag-"))]


def test_the_missing_placeholder_points_at_its_sentence(checker: Checker) -> None:
    source = "The ferry left at noon. Call {phone} for tickets."
    text = "Chuyến phà rời bến lúc trưa. Gọi để mua vé."
    (f,) = [f for f in checker.check(text, lang="vi", source=source, source_lang="en").findings
            if f.check == "placeholder-missing"]
    assert (f.span, f.line, f.column) == ("Gọi để mua vé.", 1, 30)


def test_cli_check_source_runs_the_markup_checks_and_exits_1(tmp_path: Path, capsys) -> None:
    src, out = tmp_path / "src.txt", tmp_path / "out.txt"
    src.write_text("Hello {name}, you have %s new messages.\n", encoding="utf-8")
    out.write_text("Xin chào, bạn có tin nhắn mới.\n", encoding="utf-8")
    parser = argparse.ArgumentParser(prog="transkit")
    check_cli.register(parser.add_subparsers())
    (tmp_path / "g.yaml").write_text("[]\n", encoding="utf-8")
    args = parser.parse_args(["check", str(out), "--source", str(src), "--format", "json",
                              "--glossary", str(tmp_path)])
    assert args.run(args) == ExitCode.FINDINGS
    data = json.loads(capsys.readouterr().out)
    assert [(f["check"], f["severity"]) for f in data["findings"]] == [("placeholder-missing", "error")] * 2


def test_batch_qa_runs_the_same_checks_per_unit_and_names_the_unit() -> None:
    pairs = [("greeting", "Hello {name}.", "Xin chào."), ("count", "%d new messages", "%d tin nhắn mới")]
    found = QA().units(pairs, source_lang="en", target_lang="vi")
    (f,) = [f for f in found if f.check.startswith(("placeholder-", "tag-"))]
    assert isinstance(f, Finding)
    assert (f.check, f.severity, f.unit, f.line) == ("placeholder-missing", Severity.ERROR, "greeting", None)
    article = QA().document([("Hello {name}.", "Xin chào."), ("Bye.", "Tạm biệt.")], source="Hello {name}. Bye.",
                            output="Xin chào. Tạm biệt.", source_lang="en", target_lang="vi")
    assert [(f.check, f.unit) for f in article] == [("placeholder-missing", "sentence 1")]


def test_qa_reports_render_the_shared_finding() -> None:
    finding = Finding("tag-missing", Severity.ERROR, span="Xin chào.", message="tag <b> of the source is missing",
                      unit="greeting")
    result = FileResult("src/ui.json", "out/vi/ui.json", "vi", "json", 1, findings=(finding,))
    summary = Summary((result,), ())
    data = json.loads(render_json(summary))
    assert data["files"][0]["findings"] == [{"check": "tag-missing", "severity": "error", "unit": "greeting",
                                             "line": None, "span": "Xin chào.",
                                             "message": "tag <b> of the source is missing", "suggestion": None}]
    assert data["summary"]["findings"] == {"error": 1, "warning": 0, "info": 0}
    assert "| error | tag-missing | greeting | Xin chào. | tag &lt;b&gt; of the source is missing |" in (
        render_markdown(summary))
    assert summary.exit_code("error") == ExitCode.FINDINGS and summary.exit_code("never") == ExitCode.OK
    assert Finding.from_dict(json.loads(json.dumps(finding.to_dict(FIELDS)))) == finding  # the QA cache's round trip


def test_lint_reports_the_shared_finding() -> None:
    problems = lint([LINT_DATA])
    assert problems and all(isinstance(p, Finding) and isinstance(p.severity, Severity) for p in problems)
    p = next(p for p in problems if p.check == "unknown-role-title")
    assert (p.file, p.line, p.hint) == (str(LINT_DATA), 7, "add a title concept T_NOPE, or correct the id")
    assert str(p) == (f"{LINT_DATA}:7: error: P_A: role title T_NOPE is not a concept [unknown-role-title] "
                      "(fix: add a title concept T_NOPE, or correct the id)")


def test_finding_from_damaged_data_raises() -> None:
    with pytest.raises(ValueError, match="'fatal' is not a valid Severity"):
        Finding.from_dict({"check": "x", "severity": "fatal"})
    with pytest.raises(TypeError):
        Finding.from_dict({"check": "x", "severity": "error", "code": "x"})
