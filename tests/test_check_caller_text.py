"""The checker reports into the caller's own text (NFD, CRLF, typography kept), and agrees with the matcher."""

from __future__ import annotations

import argparse
import codecs
import unicodedata
from pathlib import Path

import pytest
from test_check_articles import make_glossary

from transkit.checks import Checker, Finding
from transkit.checks.fix import AppliedFix, apply_fixes
from transkit.cli import check as check_cli
from transkit.glossary.matcher import Matcher
from transkit.glossary.model import Concept, Glossary, Term

DATA = Path(__file__).parent / "data" / "check"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(make_glossary())


def _article(lang: str) -> str:
    return (DATA / f"{lang}-planted.txt").read_text(encoding="utf-8")


def _nfd_crlf(text: str) -> str:
    return unicodedata.normalize("NFD", text).replace("\n", "\r\n")


def _typographic(text: str) -> str:
    """The same English article as a word processor writes it: curly quotes, en dashes, full-width letters."""
    return (
        text.replace("'", "\u2019")
        .replace(" - ", " \u2013 ")
        .replace("Indo-Pacific", "Indo\u2013Pacific")
        .replace("Tae-yul", "Tae\u2010yul")
        .replace("CHIPS", "\uff23\uff28\uff29\uff30\uff33")
    )


def _summary(findings: tuple[Finding, ...]) -> list[tuple[str, str | None, str | None, int]]:
    return [(f.check, f.concept, f.suggestion, f.line) for f in findings]


def _cuts_a_cluster(text: str, offset: int) -> bool:
    return 0 < offset < len(text) and bool(unicodedata.combining(text[offset]) or "\u1160" <= text[offset] <= "\u11ff")


@pytest.mark.parametrize(("lang", "variant"), [("vi", _nfd_crlf), ("ko", _nfd_crlf), ("en", _typographic)])
def test_findings_point_into_the_text_as_given(checker: Checker, lang: str, variant) -> None:
    plain = checker.check(_article(lang))
    text = variant(_article(lang))
    report = checker.check(text)
    assert report.text == text
    assert _summary(report.findings) == _summary(plain.findings) and report.findings
    for f, twin in zip(report.findings, plain.findings, strict=True):
        assert f.span == text[f.start : f.end]
        assert not _cuts_a_cluster(text, f.start) and not _cuts_a_cluster(text, f.end)
        assert unicodedata.normalize("NFC", f.span) == twin.span or variant is _typographic
        line_start = text.rfind("\n", 0, f.start) + 1
        assert f.column == f.start - line_start + 1


def test_typographic_spans_keep_the_callers_characters(checker: Checker) -> None:
    report = checker.check(_typographic(_article("en")))
    assert ("non-official-name", "Indo\u2013Pacific Regional Coordinator") in [
        (f.check, f.span) for f in report.findings
    ]


def _only_changes(original: str, fixed: str, changes: list[AppliedFix]) -> bool:
    """True when ``fixed`` is ``original`` with exactly ``changes`` applied, byte for byte elsewhere."""
    out, last = [], 0
    for c in sorted(changes, key=lambda c: c.finding.start):
        out += (original[last : c.finding.start], c.new)
        last = c.finding.end
    return "".join(out) + original[last:] == fixed


@pytest.mark.parametrize(("lang", "variant"), [("vi", _nfd_crlf), ("ko", _nfd_crlf), ("en", _typographic)])
def test_fix_changes_only_the_fixed_spans(checker: Checker, lang: str, variant) -> None:
    text = variant(_article(lang))
    fixed, changes = apply_fixes(checker.check(text))
    assert changes and _only_changes(text, fixed, changes)
    assert all(text[c.finding.start : c.finding.end] == c.old for c in changes)
    assert fixed.count("\r\n") == text.count("\r\n")
    plain_fixed, _ = apply_fixes(checker.check(_article(lang)))
    if variant is _nfd_crlf:
        assert not unicodedata.is_normalized("NFC", fixed)  # still NFD outside the fixes
        assert unicodedata.normalize("NFC", fixed).replace("\r\n", "\n") == plain_fixed


def _run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="transkit")
    check_cli.register(parser.add_subparsers())
    args = parser.parse_args(["check", *argv])
    return args.run(args)


def test_cli_fix_in_place_keeps_nfd_jamo_crlf_and_bom(tmp_path: Path) -> None:
    (tmp_path / "none.yaml").write_text("", encoding="utf-8")  # an empty glossary (an empty folder is refused)
    text = "캠벨 부장관는 기자들과 만났다.\n조 장관를 다시 초청했다.\n"
    article = tmp_path / "k.txt"
    article.write_bytes(codecs.BOM_UTF8 + _nfd_crlf(text).encode("utf-8"))
    _run_cli(str(article), "--glossary", str(tmp_path / "none.yaml"), "--fix", "--in-place")
    expected = (
        _nfd_crlf("캠벨 부장관")
        + "은"
        + _nfd_crlf(" 기자들과 만났다.\n조 장관")
        + "을"
        + _nfd_crlf(" 다시 초청했다.\n")
    )
    assert article.read_bytes() == codecs.BOM_UTF8 + expected.encode("utf-8")


# Checker and matcher agree: forms that differ only by normalisation are one form.


def _agreement_glossary() -> Glossary:
    concepts = [
        Concept("L_HOA_BINH", "place", (Term("Hòa Bình", "vi"), Term("Hoa Binh", "en"), Term("호아빈", "ko"))),
        Concept("O_KPA", "org", (Term("Korean People's Army", "en"), Term("조선인민군", "ko"))),
        Concept("W_CHIPS", "law", (Term("CHIPS and Science Act", "en", case_sensitive=True),)),
        Concept("T_UNSG", "title", (Term("Secretary-General", "en"), Term("유엔 사무총장", "ko"))),
    ]
    return Glossary({c.id: c for c in concepts})


@pytest.mark.parametrize(
    ("lang", "text", "concept"),
    [
        ("vi", "Tỉnh Hòa Bình đón mưa lớn. Chiều 5/7, lũ tràn qua Hoà Bình và các huyện lân cận.", "L_HOA_BINH"),
        ("vi", "Mưa lớn ở Hoà Bình. Nhà máy thủy điện Hòa Bình mở cửa xả đáy.", "L_HOA_BINH"),
        ("en", "The Korean People\u2019s Army held drills; the Korean People's Army said later.", "O_KPA"),
        (
            "en",
            "The \uff23\uff28\uff29\uff30\uff33 and Science Act funds fabs. The CHIPS and Science Act passed.",
            "W_CHIPS",
        ),
        ("en", "UN Secretary\u2013General Antonio Guterres spoke; the Secretary-General urged calm.", "T_UNSG"),
    ],
)
def test_a_form_the_matcher_finds_is_the_same_form_for_the_checks(lang: str, text: str, concept: str) -> None:
    glossary = _agreement_glossary()
    matches = Matcher(glossary).find(text, lang)
    assert [m.concept for m in matches] == [concept, concept]
    assert len({m.text for m in matches}) == 2  # written two ways
    report = Checker(glossary).check(text, lang=lang)
    assert [(f.check, f.span) for f in report.findings] == []
