"""The analysis layer's decisions as the checker reports them: dated roles, ranks, combined titles, near names,
house spellings and machine-translation artefacts, in the language each category concerns."""

from __future__ import annotations

from datetime import date

import pytest

from transkit.analysis.roles import compatible, judge, title_parts
from transkit.checks import Checker, Severity
from transkit.glossary.index import TermIndex
from transkit.glossary.model import Concept, Glossary, Role, Term


def _c(cid: str, type_: str, *terms: Term, scope: str | None = None, roles: tuple[Role, ...] = ()) -> Concept:
    return Concept(cid, type_, tuple(terms), scope=scope, roles=roles)  # type: ignore[arg-type]


def make_glossary() -> Glossary:
    """People, dated roles and titles written for these tests."""
    T = Term
    concepts = [
        _c(
            "P_HAN",
            "person",
            T("Han Duck-soo", "en"),
            T("한덕수", "ko"),
            T("Han Duck Soo", "vi"),
            roles=(
                Role("T_KR_PM", "KR", None, date(2025, 5, 1)),
                Role("T_KR_ACTING_PRES", "KR", date(2024, 12, 14), date(2024, 12, 27)),
            ),
        ),
        _c(
            "P_SON",
            "person",
            T("Bui Thanh Son", "en"),
            T("부이 타잉 썬", "ko"),
            T("Bùi Thanh Sơn", "vi"),
            roles=(
                Role("T_VN_FM", "VN", date(2021, 4, 8), date(2024, 8, 27)),
                Role("T_VN_DPM_FM", "VN", date(2024, 8, 28), date(2025, 12, 31)),
            ),
        ),
        _c(
            "P_BLINKEN",
            "person",
            T("Antony Blinken", "en"),
            T("토니 블링컨", "ko"),
            T("Antony Blinken", "vi"),
            roles=(Role("T_US_SECSTATE", "US", date(2021, 1, 26), date(2025, 1, 20)),),
        ),
        _c(
            "P_CAMPBELL",
            "person",
            T("Kurt Campbell", "en"),
            T("커트 캠벨", "ko"),
            T("Kurt Campbell", "vi"),
            roles=(
                Role("T_US_NSC_COORD", "US", date(2021, 1, 20), date(2024, 2, 11)),
                Role("T_US_DEPSEC", "US", date(2024, 2, 12), date(2025, 1, 20)),
            ),
        ),
        _c("P_LEE", "person", T("Lee Jae-myung", "en"), T("이재명", "ko"), T("Lee Jae Myung", "vi")),
        _c(
            "T_KR_PM",
            "title",
            T("Prime Minister", "en"),
            T("국무총리", "ko"),
            T("Thủ tướng Hàn Quốc", "vi"),
            scope="KR",
        ),
        _c("T_KR_PRES", "title", T("President", "en"), T("대통령", "ko"), T("Tổng thống Hàn Quốc", "vi"), scope="KR"),
        _c(
            "T_KR_ACTING_PRES",
            "title",
            T("Acting President", "en"),
            T("대통령 권한대행", "ko"),
            T("권한대행", "ko", "admitted"),
            T("Quyền Tổng thống", "vi"),
            scope="KR",
        ),
        _c(
            "T_VN_FM",
            "title",
            T("Minister of Foreign Affairs", "en"),
            T("외교장관", "ko"),
            T("Bộ trưởng Ngoại giao", "vi"),
            scope="VN",
        ),
        _c(
            "T_VN_DPM_FM",
            "title",
            T("Deputy Prime Minister and Minister of Foreign Affairs", "en"),
            T("부총리 겸 외교장관", "ko"),
            T("Phó Thủ tướng kiêm Bộ trưởng Ngoại giao", "vi"),
            scope="VN",
        ),
        _c(
            "T_US_SECSTATE",
            "title",
            T("Secretary of State", "en"),
            T("국무장관", "ko"),
            T("Ngoại trưởng Mỹ", "vi"),
            scope="US",
        ),
        _c(
            "T_US_DEPSEC",
            "title",
            T("Deputy Secretary of State", "en"),
            T("국무부 부장관", "ko"),
            T("Thứ trưởng Ngoại giao Mỹ", "vi"),
            scope="US",
        ),
        _c(
            "T_US_NSC_COORD",
            "title",
            T("Coordinator for Indo-Pacific Affairs", "en"),
            T("NSC 인도태평양 조정관", "ko"),
            T("Điều phối viên về Ấn Độ Dương - Thái Bình Dương", "vi"),
            scope="US",
        ),
        _c("L_VIET_NAM", "place", T("Viet Nam", "en"), T("베트남", "ko"), T("Việt Nam", "vi")),
        _c("O_VNA", "org", T("Vietnam News Agency", "en"), T("베트남통신", "ko"), T("Thông tấn xã Việt Nam", "vi")),
    ]
    return Glossary({c.id: c for c in concepts}, version="analysis-test")


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(make_glossary())


def _found(checker: Checker, text: str, lang: str, day: date) -> list[tuple[str, str]]:
    report = checker.check(text, lang=lang, date=day)
    return [(f.check, f.span) for f in report.findings if f.severity is not Severity.INFO]


# -- ranks, short forms and combined titles ----------------------------------------------------------------


def test_a_shortening_that_drops_the_rank_is_another_post() -> None:
    assert not compatible("President", "Acting President", "en")
    assert not compatible("Thủ tướng", "Phó Thủ tướng", "vi")
    assert not compatible("장관", "국무부 부장관", "ko")
    assert compatible("Deputy Secretary", "Deputy Secretary of State", "en")
    assert compatible("국방장관", "국방부 장관", "ko") and compatible("통일장관", "통일부 장관", "ko")
    assert compatible("권한대행", "대통령 권한대행", "ko")


def test_a_combined_title_counts_by_its_parts() -> None:
    assert title_parts("Deputy Prime Minister and Minister of Foreign Affairs", "en")[1:] == (
        "Deputy Prime Minister",
        "Minister of Foreign Affairs",
    )
    assert title_parts("부총리 겸 외교장관", "ko")[1:] == ("부총리", "외교장관")
    index = TermIndex(make_glossary())
    after = date(2024, 12, 1)
    assert judge(index, "Bộ trưởng Ngoại giao", "vi", person="P_SON", day=after, country=None).fits
    assert judge(index, "Phó Thủ tướng", "vi", person="P_SON", day=after, country=None).fits
    assert judge(index, "Phó Thủ tướng", "vi", person="P_SON", day=date(2023, 7, 13), country=None).fits is False


# -- titles against dated roles (issue categories: English MT, Vietnamese, Korean) ---------------------


def test_english_president_for_the_acting_president(checker: Checker) -> None:
    text = (
        "SEOUL, Dec. 20 (Yonhap) -- President Han Duck-soo spoke by phone with Secretary of State Antony Blinken. "
        "South Korea's acting President Han Duck-soo is also Prime Minister."
    )
    assert _found(checker, text, "en", date(2024, 12, 20)) == [("title-role-mismatch", "President")]


def test_english_title_in_apposition_after_the_name(checker: Checker) -> None:
    text = "Kurt Campbell, the Deputy Secretary of State, told a forum in Hanoi that ties would deepen."
    assert _found(checker, text, "en", date(2023, 9, 11)) == [("title-role-mismatch", "Deputy Secretary of State")]
    assert _found(checker, text, "en", date(2024, 9, 11)) == []


def test_vietnamese_acting_and_deputy_titles(checker: Checker) -> None:
    wrong = "Ngày 20/12, Tổng thống Hàn Quốc Han Duck Soo điện đàm với Ngoại trưởng Mỹ Antony Blinken."
    assert _found(checker, wrong, "vi", date(2024, 12, 20)) == [("title-role-mismatch", "Tổng thống Hàn Quốc")]
    right = "Ngày 20/12, Quyền Tổng thống Han Duck Soo điện đàm với Ngoại trưởng Mỹ Antony Blinken."
    assert _found(checker, right, "vi", date(2024, 12, 20)) == []
    early = "Phó Thủ tướng Bùi Thanh Sơn đã hội đàm với người đồng cấp tại Jakarta."
    assert _found(checker, early, "vi", date(2023, 7, 13)) == [("title-role-mismatch", "Phó Thủ tướng")]


def test_vietnamese_concurrent_posts_are_one_title(checker: Checker) -> None:
    text = (
        "Phó Thủ tướng kiêm Bộ trưởng Ngoại giao Bùi Thanh Sơn đã điện đàm với Ngoại trưởng Mỹ Antony Blinken. "
        "Bộ trưởng Ngoại giao Bùi Thanh Sơn khẳng định quan hệ hai nước phát triển tốt."
    )
    assert _found(checker, text, "vi", date(2024, 12, 1)) == []


def test_korean_rank_the_person_did_not_hold(checker: Checker) -> None:
    text = "2024년 3월 4일 커트 캠벨 국무부 부장관은 방한했다. 캠벨 장관은 한미 동맹을 강조했다."
    # 장관 names no glossary post by itself: it disagrees with the title that fits Campbell's role on the date
    assert _found(checker, text, "ko", date(2024, 3, 4)) == [("person-title-consistency", "장관")]


def test_a_title_held_only_before_the_date(checker: Checker) -> None:
    text = "Secretary of State Antony Blinken met reporters in Seoul."
    # no post on the date: the name may be the wrong one, so the finding covers name and title
    assert _found(checker, text, "en", date(2025, 3, 1)) == [
        ("title-role-mismatch", "Secretary of State Antony Blinken")
    ]
    assert _found(checker, "Former Secretary of State Antony Blinken met reporters.", "en", date(2025, 3, 1)) == []


def test_titles_in_a_list_stay_with_their_own_person(checker: Checker) -> None:
    text = (
        "Blinken was accompanied by Deputy Secretary of State Kurt Campbell, Coordinator for Indo-Pacific Affairs "
        "Mira Rapp-Hooper and Secretary of State Antony Blinken's chief of staff."
    )
    assert _found(checker, text, "en", date(2024, 5, 2)) == []


# -- names: near glossary spellings, romanised Korean names, possessives, house spellings -----------------


def test_misspelt_glossary_person_without_a_correct_spelling_nearby(checker: Checker) -> None:
    en = "Foreign Minister Cho Tae-yul met Secretary of State Antony Blinkin. Secretary Blinkin said ties were firm."
    assert _found(checker, en, "en", date(2024, 5, 2)) == [
        ("name-spelling-variant", "Antony Blinkin"),
        ("name-spelling-variant", "Blinkin"),
    ]
    vi = "Ngoại trưởng Mỹ Antony Blinkin đã điện đàm với người đồng cấp Hàn Quốc. Ông Blinkin cảm ơn phía Hàn Quốc."
    assert _found(checker, vi, "vi", date(2024, 5, 2)) == [
        ("name-spelling-variant", "Antony Blinkin"),
        ("name-spelling-variant", "Blinkin"),
    ]


def test_another_korean_person_one_syllable_away_stays_silent(checker: Checker) -> None:
    text = "Lee Jae-young, a lawmaker, spoke to reporters; the party declined to comment."
    assert _found(checker, text, "en", date(2024, 5, 2)) == []


def test_house_spelling_with_diacritics_is_style_only(checker: Checker) -> None:
    report = checker.check("Việt Nam and the Republic of Korea marked the anniversary in Hà Nội.", lang="en")
    assert [f.severity for f in report.findings if f.check == "non-official-name"] == [Severity.INFO]
    assert "house style" in report.findings[0].message


def test_lower_case_words_are_not_fuzzy_names(checker: Checker) -> None:
    text = "Ông Han Duck Soo mong muốn Tổng thống sớm được bầu ra, còn Quyền Tổng thống Han Duck Soo giữ ổn định."
    assert _found(checker, text, "vi", date(2024, 12, 20)) == []


# -- artefacts machine translation leaves ---------------------------------------------------------------


def test_english_mt_keeps_vietnamese_press_shorthand(checker: Checker) -> None:
    text = "HANOI (TTXVN) -- The HNCC opened on Monday, a PV reported from the venue."
    assert _found(checker, text, "en", date(2024, 5, 2)) == [
        ("mt-artefact", "TTXVN"),
        ("mt-artefact", "HNCC"),
        ("mt-artefact", "PV"),
    ]


def test_vietnamese_mt_keeps_english_titles_or_calques_them(checker: Checker) -> None:
    text = (
        "Secretary of State Antony Blinken và thư ký Quốc phòng Lloyd Austin đã tới Seoul; Tổng Thư ký LHQ hoan nghênh."
    )
    assert _found(checker, text, "vi", date(2024, 5, 2)) == [
        ("mt-artefact", "Secretary of State"),
        ("mt-artefact", "thư ký Quốc phòng"),
    ]


def test_korean_keeps_a_latin_name_the_glossary_writes_in_hangul(checker: Checker) -> None:
    text = "2024년 5월 2일 Blinken은 조태열 장관과 만났다. 美 국무부는 韓美 동맹을 강조했다."
    assert _found(checker, text, "ko", date(2024, 5, 2)) == [("untranslated-name", "Blinken")]


# -- Korean news conventions -------------------------------------------------------------------------------


def test_korean_acting_binds_to_the_title_before_it(checker: Checker) -> None:
    text = (
        "2024년 12월 20일 한덕수 대통령 권한대행 국무총리는 블링컨 국무장관과 통화했다. 한 권한대행은 동맹을 강조했다."
    )
    assert _found(checker, text, "ko", date(2024, 12, 20)) == []


def test_korean_one_hanja_abbreviations_are_headline_style(checker: Checker) -> None:
    assert _found(checker, '韓美日 외교장관, 北 도발 규탄…美 "동맹 굳건"', "ko", date(2024, 11, 16)) == []


def test_korean_particle_after_a_surname_only_mention(checker: Checker) -> None:
    text = "2024년 5월 2일 토니 블링컨 국무장관이 방한했다. 블링컨 장관는 회견에서 동맹을 강조했다. 결론을 내야 한다."
    assert _found(checker, text, "ko", date(2024, 5, 2)) == [("korean-particle", "는")]


# -- --fix ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["en-planted.txt", "ko-planted.txt", "vi-planted.txt"])
def test_fix_applies_only_errors_and_the_fixed_text_rechecks_clean(name: str) -> None:
    from test_check_articles import DATA
    from test_check_articles import make_glossary as planted_glossary

    from transkit.checks.fix import apply_fixes

    checker = Checker(planted_glossary())
    report = checker.check((DATA / name).read_text(encoding="utf-8"))
    fixed, changes = apply_fixes(report)
    assert changes and all(c.finding.severity is Severity.ERROR and c.finding.fixable for c in changes)
    again = checker.check(fixed, lang=report.language, date=report.date)
    assert [f for f in again.findings if f.fixable and f.severity is Severity.ERROR] == []
    assert len(again.at_or_above(Severity.ERROR)) < len(report.at_or_above(Severity.ERROR))


def test_english_mt_title_that_is_no_approved_title_at_all(checker: Checker) -> None:
    text = "Special Adviser of the State Department Kurt Campbell arrived in Seoul on May 2, 2024."
    report = checker.check(text, lang="en")
    assert [(f.check, f.severity, f.span) for f in report.findings] == [
        ("title-role-mismatch", Severity.WARNING, "Special Adviser of the State Department Kurt Campbell")
    ]
    assert "Deputy Secretary of State (T_US_DEPSEC, 2024-02-12–2025-01-20)" in report.findings[0].message


def test_korean_misspelt_glossary_names_with_their_titles(checker: Checker) -> None:
    foreign = "2024년 3월 4일 캠밸 국무부 부장관은 서울에 도착해 동맹을 강조했다."
    assert _found(checker, foreign, "ko", date(2024, 3, 4)) == [("name-spelling-variant", "캠밸")]
    korean_name = "2024년 3월 4일 한덕슈 국무총리는 국무회의를 주재했다."
    assert _found(checker, korean_name, "ko", date(2024, 3, 4)) == [("name-spelling-variant", "한덕슈")]
    # one letter from a glossary Korean name, without that person's post: another person
    other = "2024년 3월 4일 한덕슈 교수는 학회에서 발표했다."
    assert _found(checker, other, "ko", date(2024, 3, 4)) == []


# -- with the house glossary: what real copy writes and must not be flagged -------------------------------------


@pytest.fixture(scope="module")
def house() -> Checker:
    from pathlib import Path

    from transkit.glossary.store import load

    return Checker(load([Path(__file__).resolve().parents[1] / "glossaries"]))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # possessives, a span at an apostrophe, a hyphenated compound holding a shorter concept
        (
            "en",
            "Vietnam's ambassador to Korea met Lee Jae-myung's chief of staff before the Korea-Japan summit on "
            "June 5, 2025.",
        ),
        # titles in a list stay with their own person
        (
            "en",
            "On May 2, 2024, President Joe Biden was accompanied by Treasury Secretary Janet Yellen, Commerce "
            "Secretary Gina Raimondo and Secretary of State Antony Blinken.",
        ),
        # both ambassadors, each with the countries in the right order
        (
            "vi",
            "Đại sứ Việt Nam tại Hàn Quốc Vũ Hồ và Đại sứ Hàn Quốc tại Việt Nam Choi Young-sam dự lễ ngày 2/5/2024.",
        ),
        # Korean short forms and acting titles
        ("ko", "2024년 12월 20일 한덕수 대통령 권한대행은 국방장관과 통일장관을 만났다. 최상목 경제부총리도 참석했다."),
    ],
)
def test_house_glossary_real_copy_stays_silent(house: Checker, lang: str, text: str) -> None:
    assert [(f.check, f.span) for f in house.check(text, lang=lang).findings if f.severity is not Severity.INFO] == []


def test_a_short_given_name_of_a_glossary_person(checker: Checker) -> None:
    text = "Secretary of State Tony Blinken spoke with reporters on May 2, 2024."
    assert _found(checker, text, "en", date(2024, 5, 2)) == [("name-spelling-variant", "Tony Blinken")]
    vi = "Ngoại trưởng Mỹ Tony Blinken ngày 2/5/2024 đã điện đàm với người đồng cấp Hàn Quốc."
    assert _found(checker, vi, "vi", date(2024, 5, 2)) == [("name-spelling-variant", "Tony Blinken")]


def test_vietnamese_title_head_decides_the_post(checker: Checker) -> None:
    text = (
        "Ngày 4/3/2024, Thứ trưởng Ngoại giao Mỹ Kurt Campbell đến Seoul. Bộ trưởng Kurt Campbell cho biết hai bên "
        "sẽ phối hợp chặt chẽ."
    )
    # "Bộ trưởng" shares syllables with "Thứ trưởng Ngoại giao" but heads another post
    assert _found(checker, text, "vi", date(2024, 3, 4)) == [("person-title-consistency", "Bộ trưởng")]


def test_korean_ambassador_with_the_two_countries_swapped(checker: Checker) -> None:
    text = (
        "2025년 3월 20일 하노이에서 열린 행사에는 최영삼 주베트남 한국대사가 참석했다. 최 대사는 축사를 했다.\n"
        "주한 베트남 대사 최영삼은 행사 뒤 기자들과 만났다."
    )
    assert _found(checker, text, "ko", date(2025, 3, 20)) == [("person-title-consistency", "주한 베트남 대사")]


def test_a_misspelt_name_with_a_title_that_is_no_approved_title(checker: Checker) -> None:
    text = "U.S. Foreign Secretary Antony Blinkin arrived in Seoul on May 2, 2024."
    assert _found(checker, text, "en", date(2024, 5, 2)) == [
        ("title-role-mismatch", "Foreign Secretary"),
        ("name-spelling-variant", "Antony Blinkin"),
    ]


def test_english_title_then_name_in_apposition(checker: Checker) -> None:
    text = "Han spoke with the Secretary of State of the United States, Antony Blinken, on December 20, 2024."
    assert _found(checker, text, "en", date(2024, 12, 20)) == []
    wrong = "Han spoke with the Coordinator for Indo-Pacific Affairs, Kurt Campbell, on December 20, 2024."
    assert _found(checker, wrong, "en", date(2024, 12, 20)) == [
        ("title-role-mismatch", "Coordinator for Indo-Pacific Affairs")
    ]
