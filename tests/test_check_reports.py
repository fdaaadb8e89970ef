"""Report formats (JSON + schema, SARIF 2.1.0, text), the founding example and the check CLI."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from test_check_articles import make_glossary

from transkit.checks import CHECKS, Checker
from transkit.checks.fix import apply_fixes, fixed_path
from transkit.checks.render_json import load_schema, report_dict
from transkit.checks.render_text import render_text
from transkit.checks.sarif import sarif_log
from transkit.cli import check as check_cli
from transkit.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
FOUNDING = ROOT / "examples" / "articles" / "en-mt.txt"  # the founding case, as the project writes it


@pytest.fixture(scope="module")
def en_report():
    return Checker(make_glossary()).check((DATA / "check" / "en-planted.txt").read_text(encoding="utf-8"))


def test_every_check_has_a_title_and_id() -> None:
    assert {"person-title-consistency", "title-role-mismatch", "non-official-name", "name-spelling-variant",
            "mixed-naming", "korean-particle"} <= set(CHECKS)
    for info in CHECKS.values():
        assert info.title and not info.title.endswith(" ") and info.id == info.id.lower()


def test_json_report_validates_against_the_schema(en_report) -> None:
    data = report_dict(en_report)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert list(data) == ["file", "language", "findings", "summary", "signature"]
    assert data["signature"] == {"transkit": en_report.transkit_version, "glossary": "test-1"}
    assert data["summary"]["by_check"]["person-title-consistency"] == 2
    first = data["findings"][0]
    assert list(first) == [
        "check", "severity", "line", "column", "start", "end", "span", "concept", "message", "suggestion"
    ]
    text = en_report.text
    assert text[first["start"] : first["end"]] == first["span"] == "Deputy Foreign Minister"


def test_schema_rejects_a_report_without_findings_fields(en_report) -> None:
    data = report_dict(en_report)
    del data["findings"][0]["span"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(load_schema()).validate(data)


def test_sarif_validates_against_the_official_schema(en_report) -> None:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = sarif_log([en_report])
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == [f.check for f in en_report.findings]
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 20, 43)


def test_mt_artefact_and_untranslated_name_are_registered_and_reported() -> None:
    assert {"mt-artefact", "untranslated-name"} <= set(CHECKS)
    report = Checker(make_glossary()).check("2024년 3월 4일 Campbell은 ROK 측과 만났다.", lang="ko")
    assert {(f.check, f.span) for f in report.findings} >= {("untranslated-name", "Campbell"), ("mt-artefact", "ROK")}
    jsonschema.Draft202012Validator(load_schema()).validate(report_dict(report))
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = sarif_log([report])
    jsonschema.Draft4Validator(schema).validate(log)
    assert {"mt-artefact", "untranslated-name"} <= {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}


def test_text_output_underlines_the_span_without_colour_off_a_terminal(en_report) -> None:
    out = io.StringIO()
    render_text([en_report], out)
    lines = out.getvalue().splitlines()
    assert "\x1b[" not in out.getvalue()
    assert lines[0].startswith("<text>:2:20: error [person-title-consistency] Kurt Campbell is called")
    assert lines[1] == "    The host country's Deputy Foreign Minister Kurt Campbell said the alliance was strong."
    assert lines[2] == " " * 23 + "^" * len("Deputy Foreign Minister")


def test_text_output_colours_only_when_asked(en_report) -> None:
    out = io.StringIO()
    render_text([en_report], out, color=True)
    assert "\x1b[" in out.getvalue()


def test_underline_counts_wide_hangul_cells() -> None:
    report = Checker(make_glossary()).check("캠벨 부장관는 말했다.", lang="ko")
    out = io.StringIO()
    render_text([report], out)
    lines = out.getvalue().splitlines()
    assert [(f.check, f.span) for f in report.findings] == [("korean-particle", "는")]
    assert lines[2] == " " * (4 + len("캠벨 부장관") * 2 - 1) + "^^"  # Hangul: 2 cells, the space: 1


def test_fix_applies_safe_fixes_only(en_report) -> None:
    fixed, changes = apply_fixes(en_report)
    assert [(c.old, c.new) for c in changes] == [
        ("Deputy Foreign Minister", "Deputy Secretary of State"),
        ("Kurt Campell", "Kurt Campbell"),  # a misspelling of a glossary name
    ]
    assert "host country's Deputy Secretary of State Kurt Campbell" in fixed
    assert "Chip and Science Act" in fixed  # a near miss is reported, not rewritten
    assert fixed_path("news/a.txt") == "news/a.fixed.txt"


def test_fix_repairs_korean_particles() -> None:
    report = Checker(make_glossary()).check((DATA / "check" / "ko-planted.txt").read_text(encoding="utf-8"))
    fixed, _ = apply_fixes(report)
    assert "캠벨은 조 장관에게" in fixed and "조 장관을 다시" in fixed and "CHIPS는 물론" in fixed
    assert "캠벨 국무부 부장관은" in fixed


def test_founding_example_with_the_project_glossaries() -> None:
    """The machine translation from Vietnamese: two titles for Campbell, a non-official title and a misnamed law."""
    from transkit.glossary.store import load

    report = Checker(load([ROOT / "glossaries"])).check(FOUNDING.read_text(encoding="utf-8"))
    serious = [(f.check, f.span) for f in report.findings if f.severity.rank >= 1]
    assert serious == [
        ("person-title-consistency", "Deputy Foreign Minister"),
        ("non-official-name", "Indo-Pacific Regional Coordinator"),
        ("non-official-name", "Chip and Science Act"),
    ]


def _run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="transkit")
    check_cli.register(parser.add_subparsers())
    args = parser.parse_args(["check", *argv])
    return args.run(args)


@pytest.fixture
def glossary_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "test.yaml").write_text(
        "- id: L_WEST_SEA\n  type: place\n  terms:\n    en: {preferred: Yellow Sea, admitted: [West Sea]}\n",
        encoding="utf-8",
    )
    return folder


def test_cli_exit_codes_and_fail_on(tmp_path: Path, capsys, glossary_dir: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Ships sailed the West Sea. Later the Yellow Sea froze.\n", encoding="utf-8")
    from transkit.glossary.store import load

    assert len(load([glossary_dir])) == 1
    assert _run_cli(str(article), "--glossary", str(glossary_dir), "--format", "json") == ExitCode.OK
    data = json.loads(capsys.readouterr().out)
    assert [(f["check"], f["span"]) for f in data["findings"]] == [("mixed-naming", "West Sea")]
    assert _run_cli(str(article), "--glossary", str(glossary_dir), "--fail-on", "warning") == ExitCode.FINDINGS


def test_cli_fix_writes_a_copy_and_in_place(tmp_path: Path, capsys) -> None:
    (tmp_path / "none.yaml").write_text("", encoding="utf-8")  # an empty glossary (an empty folder is refused)
    article = tmp_path / "k.txt"
    article.write_text("캠벨 부장관는 말했다.\n", encoding="utf-8")
    assert _run_cli(str(article), "--glossary", str(tmp_path / "none.yaml"), "--fix") == ExitCode.FINDINGS
    assert (tmp_path / "k.fixed.txt").read_text(encoding="utf-8") == "캠벨 부장관은 말했다.\n"
    assert article.read_text(encoding="utf-8") == "캠벨 부장관는 말했다.\n"
    assert "'는' -> '은'" in capsys.readouterr().err
    _run_cli(str(article), "--glossary", str(tmp_path / "none.yaml"), "--fix", "--in-place")
    assert article.read_text(encoding="utf-8") == "캠벨 부장관은 말했다.\n"


def test_cli_rejects_in_place_without_fix(tmp_path: Path) -> None:
    from transkit.errors import UsageError

    article = tmp_path / "a.txt"
    article.write_text("text\n", encoding="utf-8")
    with pytest.raises(UsageError):
        _run_cli(str(article), "--in-place")


def test_check_never_imports_torch_nor_the_file_format_libraries() -> None:
    # translate-toolkit and lxml are for localisation files; the markup checks need only formats.protect
    code = (
        "import sys; from transkit.checks import check; from transkit.cli import check as c; "
        "check('Foreign Minister Cho Tae-yul met Mr. Cho.', source='Bộ trưởng Cho Tae-yul gặp ông Cho.'); "
        "bad = [m for m in ('torch', 'transformers', 'translate', 'lxml') if m in sys.modules]; print(bad); "
        "sys.exit(bool(bad))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_given_date_wins_over_the_text() -> None:
    text = "On March 4, 2024, Foreign Minister Cho Tae-yul spoke."
    report = Checker(make_glossary()).check(text, date=date(2024, 5, 1))
    assert (report.date, report.date_source) == (date(2024, 5, 1), "option")


def test_findings_at_one_span_come_in_the_same_order_in_every_process() -> None:
    # A short Vietnamese text against the English example: a missing-term finding per source term, all at 0:0.
    # Their order once followed the set they passed through, which changes with the process's hashes.
    script = (
        "import json\n"
        "from transkit import check, load_glossary\n"
        "source = open('examples/articles/en.md', encoding='utf-8').read()\n"
        "report = check('Ông Campbell gặp ông Cho.', lang='vi', glossary=load_glossary(['glossaries']),\n"
        "               source=source, source_lang='en')\n"
        "print(json.dumps([(f.start, f.check, f.concept) for f in report.findings]))\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT / "src")},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(runs) == 1
    assert sum(1 for start, check, _ in json.loads(runs.pop()) if (start, check) == (0, "missing-term")) > 5
