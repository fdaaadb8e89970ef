"""The annotated-article format and the precision/recall scoring behind benchmarks/accuracy.py."""

from __future__ import annotations

from datetime import date

import pytest

from transkit.checks.accuracy import parse_article, score
from transkit.checks.report import Report
from transkit.errors import InputError
from transkit.findings import Finding, Severity

ARTICLE = """---
lang: vi
date: 2024-02-29
kind: mt
---
Ông Cho gặp ⟦Phó Thủ tướng⟧{title-role-mismatch|person-title-consistency} Kurt Campbell.
⟪Thứ trưởng Ngoại giao⟫ Nguyễn Minh Hằng cũng dự.
"""


def finding(check: str, start: int, end: int, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(check, severity, start, end, "", "")


def report(*findings: Finding) -> Report:
    return Report(
        file=None,
        language="vi",
        findings=findings,
        date=date(2024, 2, 29),
        date_source="option",
        transkit_version="test",
    )


def test_marks_are_removed_and_their_spans_kept() -> None:
    article = parse_article(ARTICLE, "a.txt")
    assert article.text.startswith("Ông Cho gặp Phó Thủ tướng Kurt Campbell.\nThứ trưởng Ngoại giao")
    assert (article.lang, article.date, article.kind) == ("vi", date(2024, 2, 29), "mt")
    (expected,) = article.expected
    assert expected.span(article.text) == "Phó Thủ tướng"
    assert expected.checks == ("title-role-mismatch", "person-title-consistency")
    start, end = article.traps[0]
    assert article.text[start:end] == "Thứ trưởng Ngoại giao"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("no header", "no header"),
        ("---\nlang: en\n---\nan ⟦open mark", "unclosed or malformed"),
        ("---\nlang: en\nkind: correct\n---\n⟦x⟧{repetition}", "cannot mark spans"),
        ("---\nkind: mt\n---\ntext", "header needs lang"),
    ],
)
def test_malformed_articles_are_input_errors_naming_the_file(raw: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        parse_article(raw, "bad.txt")
    assert "bad.txt" in str(err.value)


def test_scoring_counts_right_false_found_and_missed() -> None:
    article = parse_article(ARTICLE, "a.txt")
    start = article.text.index("Phó")
    trap = article.traps[0]
    result = score(
        [article],
        [
            report(
                finding("title-role-mismatch", start, start + 13),  # right
                finding("repetition", start, start + 13),  # overlaps, but a check the span does not name
                finding("title-role-mismatch", *trap),  # a correct usage flagged
                finding("mixed-naming", 0, 3, Severity.INFO),  # style notes do not count
            )
        ],
    )
    assert (result.true["all"], result.false["all"], result.found["all"], result.missed["all"]) == (1, 2, 1, 0)
    assert result.precision() == pytest.approx(1 / 3) and result.recall() == 1.0
    assert result.precision("title-role-mismatch") == 0.5 and result.precision("lang:vi") == pytest.approx(1 / 3)
    empty = score([article], [report()])
    assert empty.recall() == 0.0 and empty.precision() is None and empty.missed_spans[0][1] == "Phó Thủ tướng"


def test_the_checker_meets_its_goals_on_the_annotated_corpus() -> None:
    """The issue's goals on tests/corpus: precision >= 0.95, recall >= 0.90, no warning or error on correct text."""
    from pathlib import Path

    from transkit.checks import Checker
    from transkit.checks.accuracy import read_corpus
    from transkit.glossary import load

    root = Path(__file__).resolve().parents[1]
    articles = read_corpus(root / "tests" / "corpus")
    assert {a.lang for a in articles} == {"en", "ko", "vi"} and len(articles) >= 80
    checker = Checker(load([root / "glossaries"]))
    result = score(articles, [checker.check(a.text, lang=a.lang, date=a.date, file=a.path) for a in articles])
    assert result.false_on_correct == {}, result.false_findings
    assert result.precision() >= 0.95, result.false_findings
    assert result.recall() >= 0.90, result.missed_spans
