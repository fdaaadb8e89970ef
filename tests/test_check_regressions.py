"""Regressions of ``transkit check`` with the project's glossaries: misses found after the checker landed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from transkit.checks import Checker
from transkit.checks.checked_text import CheckedText
from transkit.glossary import Glossary, load
from transkit.lang.detect import detect_language

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load([ROOT / "glossaries"])


@pytest.fixture(scope="module")
def checker(glossary: Glossary) -> Checker:
    return Checker(glossary)


def _found(checker: Checker, text: str, lang: str) -> list[tuple[str, str]]:
    return [(f.check, f.span) for f in checker.check(text, lang=lang).findings]


# -- a forbidden form with no person attached ----------------------------------------------------

CAMPBELL_EN = "US Deputy Secretary of State Kurt Campbell met Cho Tae-yul on February 29, 2024.\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "Mr. Campbell was formerly the Indo-Pacific Regional Coordinator at the White House National Security Council.",
        "Mr. Campbell served as the Indo-Pacific Regional Coordinator on the White House National Security Council.",
    ],
)
def test_forbidden_title_is_flagged_with_or_without_a_person(checker: Checker, sentence: str) -> None:
    report = checker.check(CAMPBELL_EN + sentence, lang="en")
    assert [(f.check, f.span, f.suggestion) for f in report.findings] == [
        ("non-official-name", "Indo-Pacific Regional Coordinator", "Coordinator for Indo-Pacific Affairs")
    ]


def test_forbidden_title_standing_alone(checker: Checker) -> None:
    assert _found(checker, "The Indo-Pacific Regional Coordinator spoke.", "en") == [
        ("non-official-name", "Indo-Pacific Regional Coordinator")
    ]
    assert _found(checker, "The Chief of National Security spoke.", "en") == [
        ("non-official-name", "Chief of National Security")
    ]


def test_forbidden_forms_that_name_other_titles_need_context(checker: Checker) -> None:
    # "Deputy Secretary" shortens "Deputy Secretary of State"; "head of state" is a description.
    assert _found(checker, "Deputy Secretary Kurt Campbell met the head of state.", "en") == []
    # approved for the ROK and Viet Nam, forbidden for the US: the person decides
    assert _found(checker, "Foreign Minister Cho Tae-yul met Mr. Cho's staff.", "en") == []


# -- a title the glossary does not know, against the person's role ---------------------------------


def test_vietnamese_unknown_title_conflicts_with_the_glossary_role(checker: Checker) -> None:
    text = (
        "Ngày 29/2/2024, Bộ trưởng Ngoại giao Hàn Quốc Cho Tae-yul đã gặp Thứ trưởng Ngoại giao Mỹ Kurt Campbell"
        " tại Washington.\nÔng Cho đề nghị Phó Thủ tướng Kurt Campbell quan tâm."
    )
    report = checker.check(text, lang="vi")
    assert [(f.check, f.span, f.suggestion) for f in report.findings] == [
        ("person-title-consistency", "Phó Thủ tướng", "Thứ trưởng Ngoại giao Mỹ")
    ]


def test_korean_unknown_title_conflicts_with_the_glossary_role(checker: Checker) -> None:
    text = "2024년 2월 29일 조태열 외교부 장관은 커트 캠벨 미국 국무부 부장관과 만났다.\n캠벨 부총리는 감사를 표했다."
    assert _found(checker, text, "ko") == [("person-title-consistency", "부총리")]


def test_english_wrong_title_conflicts_with_the_glossary_role(checker: Checker) -> None:
    # "Deputy Prime Minister" is a house title now (Viet Nam's and Korea's): against Campbell's dated role it is
    # a title-role mismatch, the more precise finding than a conflict with the title on line 1.
    text = CAMPBELL_EN + "Deputy Prime Minister Kurt Campbell said the alliance was strong."
    assert _found(checker, text, "en") == [("title-role-mismatch", "Deputy Prime Minister")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", CAMPBELL_EN + "Deputy Secretary Campbell said the alliance was strong."),
        (
            "ko",
            "2024년 2월 29일 커트 캠벨 미국 국무부 부장관은 조태열 외교부 장관과 만났다.\n캠벨 부장관은 감사를 표했다.",
        ),
        ("vi", "Ngày 29/2/2024, Thứ trưởng Ngoại giao Mỹ Kurt Campbell gặp ông Cho.\nThứ trưởng Campbell cho biết."),
        ("en", CAMPBELL_EN + "Mr. Campbell, then Coordinator for Indo-Pacific Affairs, is now Deputy Secretary."),
    ],
)
def test_short_and_past_titles_stay_consistent(checker: Checker, lang: str, text: str) -> None:
    assert _found(checker, text, lang) == []


# -- the project's example articles ----------------------------------------------------------------

EXAMPLES = {
    "en.md": [],
    "ko.md": [],
    "vi.md": [],
    "en-mt.txt": [
        ("person-title-consistency", "Deputy Foreign Minister"),
        ("non-official-name", "Indo-Pacific Regional Coordinator"),
        ("non-official-name", "Chip and Science Act"),
    ],
    "ko-mt.txt": [("person-title-consistency", "국무차관"), ("korean-particle", "는"), ("korean-particle", "은")],
    "vi-mt.txt": [
        ("person-title-consistency", "Phó Thủ tướng"),
        ("non-official-name", "Dự luật chip"),
        ("non-official-name", "Biển Tây"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_articles(checker: Checker, name: str) -> None:
    report = checker.check((ARTICLES / name).read_text(encoding="utf-8"))
    assert [(f.check, f.span) for f in report.findings] == EXAMPLES[name]


# -- near misses are searched outside exact matches only: same result as the full search -----------


@pytest.mark.parametrize(
    "path",
    sorted(ARTICLES.iterdir()) + sorted((ROOT / "tests" / "data" / "check").glob("*.txt")),
    ids=lambda p: p.name,
)
def test_near_misses_outside_exact_matches_equal_the_full_search(checker: Checker, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lang = detect_language(text)
    doc = CheckedText(text, lang, date(2024, 2, 29), "option", checker.index, checker.matcher)
    full = checker.matcher.near_misses(text, lang)  # type: ignore[union-attr]
    assert doc.near_misses == full


def test_near_misses_next_to_exact_matches(checker: Checker) -> None:
    text = "US Deputy Secretary of State Kurt Campell praised the CHIPS and Sciense Act in the Yellow Sea port."
    doc = CheckedText(text, "en", date(2024, 2, 29), "option", checker.index, checker.matcher)
    assert [(m.text, m.concept) for m in doc.near_misses] == [
        ("Kurt Campell", "P_KURT_CAMPBELL"),
        ("CHIPS and Sciense Act", "W_CHIPS"),
    ]
    assert doc.near_misses == checker.matcher.near_misses(text, "en")  # type: ignore[union-attr]
