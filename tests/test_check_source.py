"""Checks against a source text, MT failure modes, language detection, article dates, and traps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_check_articles import make_glossary

from transkit.analysis.dates import find_dates, first_date
from transkit.checks import Checker
from transkit.checks.source import numbers
from transkit.glossary import load as load_glossary
from transkit.lang.detect import detect_language

SOURCE_EN = """On March 4, 2024, Foreign Minister Cho Tae-yul met Deputy Secretary of State Kurt Campbell.
They discussed the CHIPS and Science Act and a 1.5 billion dollar fund.
The talks lasted 90 minutes.
Both sides agreed to meet again."""


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(make_glossary())


def test_korean_translation_against_english_source(checker: Checker) -> None:
    target = (
        "2024년 3월 4일 조태열 외교부 장관은 커트 캠벨 국무부 부장관과 만났다.\n"
        "양측은 15억 달러 기금을 논의했다.\n"
        "회담은 95분 동안 이어졌다 이어졌다 이어졌다 이어졌다.\n"
        "Both sides agreed to meet again."
    )
    report = checker.check(target, source=SOURCE_EN, source_lang="en")
    assert [(f.check, f.span) for f in report.findings] == [
        ("length-ratio", "양측은 15억 달러 기금을 논의했다."),
        ("missing-term", "양측은 15억 달러 기금을 논의했다."),
        ("number-mismatch", "95"),
        ("repetition", "이어졌다 이어졌다 이어졌다 이어졌다"),
        ("untranslated", "Both sides agreed to meet again"),
    ]
    assert report.findings[1].suggestion == "반도체과학법"


def test_faithful_vietnamese_translation_has_no_findings(checker: Checker) -> None:
    target = (
        "Ngày 4/3/2024, Bộ trưởng Ngoại giao Hàn Quốc Cho Tae-yul đã gặp Thứ trưởng Ngoại giao Mỹ Kurt Campbell.\n"
        "Hai bên thảo luận về Đạo luật CHIPS và Khoa học và một quỹ 1,5 tỷ USD.\n"
        "Cuộc hội đàm kéo dài 90 phút.\n"
        "Hai bên nhất trí sẽ gặp lại."
    )
    report = checker.check(target, source=SOURCE_EN, source_lang="en")
    assert report.language == "vi"
    assert [(f.check, f.span) for f in report.findings] == []


def test_hangul_left_in_english_output_is_the_wrong_script(checker: Checker) -> None:
    report = checker.check("The minister met 캠벨 부장관 in Washington.", lang="en")
    assert [(f.check, f.span) for f in report.findings] == [("wrong-script", "캠벨 부장관")]


def test_numbers_apply_scales_and_separators() -> None:
    assert [v for _, _, v in numbers("1.5 billion and 2,000", "en")] == [1.5e9, 2000.0]
    assert [v for _, _, v in numbers("15억 달러", "ko")] == [1.5e9]
    assert [v for _, _, v in numbers("1,5 tỷ và 2.000", "vi")] == [1.5e9, 2000.0]
    assert [v for _, _, v in numbers("February 29", "en")] == [2.0, 29.0]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kurt Campbell met Cho Tae-yul in Washington.", "en"),
        ("커트 캠벨 부장관은 워싱턴에서 조태열 장관과 만났다.", "ko"),
        ("Ông Campbell đã gặp ông Cho tại Washington.", "vi"),
        ("Bui Thanh Son met Cho Tae-yul.", "en"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_dates_need_a_year() -> None:
    assert first_date("On February 29, the ministers met.", "en") is None
    assert first_date("Seoul, 29 February 2024 - talks", "en") == date(2024, 2, 29)
    assert first_date("2024년 2월 29일 회담", "ko") == date(2024, 2, 29)
    assert first_date("ngày 29 tháng 2 năm 2024", "vi") == date(2024, 2, 29)
    assert first_date("ngày 30/2/2024 và ngày 1/3/2024", "vi") == date(2024, 3, 1)  # 30 February is no date
    assert [d.start for d in find_dates("March 4, 2024 and May 1, 2024", "en")] == [0, 18]


TRAPS = [
    # Deputy Foreign Minister is right for a Vietnamese official
    ("en", "Vietnamese Deputy Foreign Minister Nguyen Minh Hang met Foreign Minister Cho Tae-yul on March 4, 2024."),
    # East Sea in English from a Vietnamese outlet: ambiguous, no evidence, no finding
    ("en", "Hanoi said on March 4, 2024 that navigation in the East Sea must stay free. Kurt Campbell agreed."),
    # Foreign Minister Cho Tae-yul followed by Mr. Cho and Minister Cho
    ("en", "Foreign Minister Cho Tae-yul spoke on March 4, 2024. Mr. Cho said Foreign Minister Cho would travel."),
    # a title that changed between two dated events
    ("en", "In 2023, then Coordinator for Indo-Pacific Affairs Kurt Campbell visited Hanoi. On March 4, 2024, "
           "Deputy Secretary of State Kurt Campbell returned; Deputy Secretary Campbell met Mr. Cho."),
    ("ko", "2024년 3월 4일 커트 캠벨 국무부 부장관은 조태열 외교부 장관과 만났다. 캠벨 부장관은 조 장관에게 감사했다. "
           "캠벨 전 NSC 인도태평양 조정관은 동해 문제도 거론했다."),
    ("vi", "Ngày 4/3/2024, Thứ trưởng Ngoại giao Mỹ Kurt Campbell gặp Bộ trưởng Ngoại giao Hàn Quốc Cho Tae-yul. "
           "Ông Campbell, nguyên Điều phối viên về Ấn Độ Dương - Thái Bình Dương, cảm ơn ông Cho. "
           "Thứ trưởng Bộ Ngoại giao Nguyễn Minh Hằng cũng có mặt."),
]


@pytest.mark.parametrize(("lang", "text"), TRAPS)
def test_traps_raise_no_finding(checker: Checker, lang: str, text: str) -> None:
    report = checker.check(text)
    assert report.language == lang
    assert [(f.check, f.span) for f in report.findings] == []


def test_title_role_mismatch_uses_the_article_date(checker: Checker) -> None:
    text = "Coordinator for Indo-Pacific Affairs Kurt Campbell met Foreign Minister Cho Tae-yul."
    report = checker.check(text, date=date(2024, 3, 4))
    assert [(f.check, f.span, f.suggestion) for f in report.findings] == [
        ("title-role-mismatch", "Coordinator for Indo-Pacific Affairs", "Deputy Secretary of State")
    ]
    # in 2023 Campbell was the Coordinator, and Cho Tae-yul not yet Foreign Minister (from 12 January 2024)
    assert [(f.check, f.span) for f in checker.check(text, date=date(2023, 6, 1)).findings] == [
        ("title-role-mismatch", "Foreign Minister Cho Tae-yul")
    ]


def test_people_unknown_to_the_glossary_are_compared_by_title(checker: Checker) -> None:
    text = "Ambassador Lee Min-ji hosted. Ambassador Lee said so. Director Lee Min-ji left. Consul Lee Min-ji stayed."
    report = checker.check(text, date=date(2024, 3, 4))
    assert [(f.check, f.span) for f in report.findings] == [("person-title-consistency", "Director")]


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def house_checker() -> Checker:
    return Checker(load_glossary([ROOT / "glossaries"]))


def test_correct_translations_of_the_example_articles_stay_silent_against_their_source(house_checker: Checker) -> None:
    """A term inside a longer term, a forbidden form in the source and a copied URL are no errors."""
    articles = {
        lang: (ROOT / "examples" / "articles" / f"{lang}.md").read_text(encoding="utf-8") for lang in ("en", "ko", "vi")
    }
    for target, source in (("ko", "en"), ("ko", "vi"), ("vi", "en"), ("vi", "ko"), ("en", "ko"), ("en", "vi")):
        report = house_checker.check(articles[target], lang=target, source=articles[source], source_lang=source)
        assert [(f.check, f.span) for f in report.findings] == [], (target, source)


def test_a_forbidden_source_form_requires_no_target_term(house_checker: Checker) -> None:
    # "Deputy Secretary" is forbidden for the ROK First Vice Foreign Minister: it asks for no Korean term.
    report = house_checker.check(
        "캠벨 부장관은 서울을 방문했다.", lang="ko", source="Deputy Secretary Campbell visited Seoul.", source_lang="en"
    )
    assert "missing-term" not in {f.check for f in report.findings}


def test_a_url_copied_from_the_source_is_not_untranslated(house_checker: Checker) -> None:
    report = house_checker.check(
        "공동성명 전문: https://example.org/joint-statement-full-text", lang="ko",
        source="Full joint statement: https://example.org/joint-statement-full-text", source_lang="en",
    )
    assert "untranslated" not in {f.check for f in report.findings}


def test_a_country_named_by_its_adjective_or_capital_is_not_missing(house_checker: Checker) -> None:
    source = "한국과 미국은 공급망 협력을 강화하기로 했다."
    for target in ("Seoul and Washington agreed to deepen supply-chain cooperation.",
                   "Korean and American officials agreed to deepen supply-chain cooperation."):
        report = house_checker.check(target, lang="en", source=source, source_lang="ko")
        assert "missing-term" not in {f.check for f in report.findings}, target
    dropped = house_checker.check("The two sides agreed to deepen supply-chain cooperation.", lang="en",
                                  source=source, source_lang="ko")
    assert {f.concept for f in dropped.findings if f.check == "missing-term"} >= {"L_SOUTH_KOREA"}


def test_an_institution_before_its_title_is_part_of_the_title(house_checker: Checker) -> None:
    source = "백악관 국가안전보장회의(NSC) 인도·태평양 조정관을 지낸 캠벨 부장관은 방한했다."
    target = (
        "Deputy Secretary Campbell, formerly Coordinator for Indo-Pacific Affairs at the National Security Council,"
        " visited."
    )
    report = house_checker.check(target, lang="en", source=source, source_lang="ko", date=date(2024, 2, 29))
    assert "O_WHITE_HOUSE" not in {f.concept for f in report.findings if f.check == "missing-term"}
    alone = house_checker.check(
        "Campbell visited Seoul.", lang="en", source="캠벨은 백악관을 방문했다.", source_lang="ko"
    )
    assert "O_WHITE_HOUSE" in {f.concept for f in alone.findings if f.check == "missing-term"}
