"""transkit check: a Korean name romanised otherwise than the glossary spells it (name-spelling-variant)."""

from __future__ import annotations

import pytest

from transkit.checks import Checker
from transkit.glossary.model import Concept, Glossary, Term

T = Term


def _person(cid: str, *terms: Term) -> Concept:
    return Concept(cid, "person", terms)


@pytest.fixture(scope="module")
def checker() -> Checker:
    concepts = [
        _person("P_LEE", T("Lee Jae-myung", "en"), T("이재명", "ko"), T("Lee Jae Myung", "vi")),
        _person(
            "P_YOON",
            T("Yoon Suk Yeol", "en"),
            T("Yoon Suk-yeol", "en", "admitted"),
            T("윤석열", "ko"),
            T("Yoon Suk Yeol", "vi"),
        ),
        _person("P_CHO_TY", T("Cho Tae-yul", "en"), T("조태열", "ko"), T("Cho Tae-yul", "vi")),
        _person(
            "P_CHO_TYONG",
            T("Cho Tae-yong", "en"),
            T("Cho Tae-yul", "en", "forbidden"),
            T("조태용", "ko"),
            T("Cho Tae-yong", "vi"),
        ),
        _person("P_CHUNG_DY", T("Chung Dong-young", "en"), T("정동영", "ko"), T("Chung Dong-young", "vi")),
        _person("P_CHUNG_DYONG", T("Jeong Dong-yong", "en"), T("정동용", "ko"), T("Jeong Dong-yong", "vi")),
        _person("P_KURT", T("Kurt Campbell", "en"), T("커트 캠벨", "ko"), T("Kurt Campbell", "vi")),
    ]
    return Checker(Glossary({c.id: c for c in concepts}, version="test-romanized"))


def _variants(checker: Checker, text: str, lang: str) -> list[tuple[str, str | None, bool, str | None]]:
    report = checker.check(text, lang=lang)
    return [(f.span, f.suggestion, f.fixable, f.concept) for f in report.findings if f.check == "name-spelling-variant"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Lee Jae Myung met Kurt Campbell in Seoul on Monday.", [("Lee Jae Myung", "Lee Jae-myung")]),
        ("The opposition leader, Yi Chae-myŏng, spoke first.", [("Yi Chae-myŏng", "Lee Jae-myung")]),
        ("Former President Yoon Seok-yeol did not attend.", [("Yoon Seok-yeol", "Yoon Suk Yeol")]),
        ("Foreign Minister Cho Tae-yeol arrived on Tuesday.", [("Cho Tae-yeol", "Cho Tae-yul")]),
        ("National Security Adviser Jo Tae-yong said so.", [("Jo Tae-yong", "Cho Tae-yong")]),
    ],
)
def test_english_romanisation_variants_are_flagged_with_the_glossary_spelling(
    checker: Checker, text: str, expected: list[tuple[str, str]]
) -> None:
    found = _variants(checker, text, "en")
    assert [(span, suggestion) for span, suggestion, _, _ in found] == expected
    assert all(fixable for _, _, fixable, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "President Lee Jae-myung met Kurt Campbell in Seoul on Monday.",
        "Lee Jae-myung's party welcomed the deal; Lee Jae-myung’s aides did too.",
        "Former President Yoon Suk-yeol and Yoon Suk Yeol's lawyers declined to comment.",
        "Foreign Minister Cho Tae-yul met National Security Adviser Cho Tae-yong.",
        "Lee Jae-young, a lawmaker, and Kim Min-seok, a spokesman, spoke.",  # not glossary persons
        "Chung Dong-yong spoke.",  # 정동영 or 정동용: the spelling fits both, so neither is suggested
    ],
)
def test_english_glossary_spellings_possessives_and_other_names_stay_silent(checker: Checker, text: str) -> None:
    assert _variants(checker, text, "en") == []


def test_vietnamese_press_spellings_follow_the_vietnamese_glossary(checker: Checker) -> None:
    text = "Tổng thống Lee Jae-myung đã gặp ông Kurt Campbell tại Seoul."
    assert _variants(checker, text, "vi") == [("Lee Jae-myung", "Lee Jae Myung", True, "P_LEE")]
    assert _variants(checker, "Ông Lee Jae Myung đã gặp ông Kurt Campbell tại Seoul.", "vi") == []
    # a capitalised word before the name ("Ông" opens the sentence) is not part of the flagged span
    assert _variants(checker, "Ông Yoon Seok Yeol vắng mặt tại phiên tòa.", "vi") == [
        ("Yoon Seok Yeol", "Yoon Suk Yeol", True, "P_YOON")
    ]


def test_korean_text_is_not_romanised(checker: Checker) -> None:
    assert _variants(checker, "이재명 대통령은 커트 캠벨 부장관을 만났다.", "ko") == []


def test_message_names_the_hangul_form(checker: Checker) -> None:
    report = checker.check("President Lee Jae Myung spoke.", lang="en")
    (finding,) = [f for f in report.findings if f.check == "name-spelling-variant"]
    assert "이재명" in finding.message and "Lee Jae-myung" in finding.message
