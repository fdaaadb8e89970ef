"""transkit check on articles written for these tests (en, ko, vi), with planted errors and traps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from transkit.checks import Checker
from transkit.glossary.model import Concept, Glossary, Role, Term

DATA = Path(__file__).parent / "data" / "check"


def _c(cid: str, type_: str, *terms: Term, scope: str | None = None, roles: tuple[Role, ...] = ()) -> Concept:
    return Concept(cid, type_, tuple(terms), scope=scope, roles=roles)  # type: ignore[arg-type]


def make_glossary() -> Glossary:
    """A small glossary written for these tests (independent of the seed glossary)."""
    T = Term
    concepts = [
        _c("P_KURT", "person", T("Kurt Campbell", "en"), T("커트 캠벨", "ko"), T("Kurt Campbell", "vi"),
           roles=(Role("T_NSC_COORD", "US", date(2021, 1, 20), date(2024, 2, 11)),
                  Role("T_DEPSEC", "US", date(2024, 2, 12), date(2025, 1, 20)))),
        _c("P_CHO", "person", T("Cho Tae-yul", "en"), T("조태열", "ko"), T("Cho Tae-yul", "vi"),
           roles=(Role("T_ROK_FM", "KR", date(2024, 1, 12), date(2025, 7, 31)),)),
        _c("P_CHO_HYUN", "person", T("Cho Hyun", "en"), T("조현", "ko"), T("Cho Hyun", "vi")),
        _c("T_DEPSEC", "title", T("Deputy Secretary of State", "en"), T("Deputy Foreign Minister", "en", "forbidden"),
           T("국무부 부장관", "ko"), T("국무부 차관", "ko", "forbidden"), T("Thứ trưởng Ngoại giao Mỹ", "vi"),
           scope="US"),
        _c("T_VN_DEP_FM", "title", T("Deputy Minister of Foreign Affairs", "en"),
           T("Deputy Foreign Minister", "en", "admitted"), T("베트남 외교부 차관", "ko"),
           T("Thứ trưởng Bộ Ngoại giao", "vi"), scope="VN"),
        _c("T_NSC_COORD", "title", T("Coordinator for Indo-Pacific Affairs", "en"), T("NSC 인도태평양 조정관", "ko"),
           T("Điều phối viên về Ấn Độ Dương - Thái Bình Dương", "vi"), scope="US"),
        _c("T_ROK_FM", "title", T("Minister of Foreign Affairs", "en"), T("Foreign Minister", "en", "admitted"),
           T("외교부 장관", "ko"), T("외교장관", "ko", "admitted"), T("Bộ trưởng Ngoại giao Hàn Quốc", "vi"),
           T("Ngoại trưởng Hàn Quốc", "vi", "admitted"), scope="KR"),
        _c("W_CHIPS", "law", T("CHIPS and Science Act", "en", case_sensitive=True),
           T("Semiconductor Support Act", "en", "forbidden"), T("반도체과학법", "ko"),
           T("Đạo luật CHIPS và Khoa học", "vi")),
        _c("W_IRA", "law", T("Inflation Reduction Act", "en"), T("IRA", "en", "admitted", case_sensitive=True),
           T("인플레이션 감축법", "ko"), T("Đạo luật Giảm lạm phát", "vi")),
        _c("L_WEST_SEA", "place", T("Yellow Sea", "en"), T("West Sea", "en", "admitted"), T("서해", "ko"),
           T("황해", "ko", "admitted"), T("Hoàng Hải", "vi")),
        _c("L_EAST_SEA_KOREA", "place", T("East Sea", "en"), T("동해", "ko"), T("vùng biển phía Đông", "vi")),
        _c("L_SCS", "place", T("South China Sea", "en"), T("East Sea", "en", "admitted"), T("남중국해", "ko"),
           T("동해", "ko", "forbidden"), T("Biển Đông", "vi")),
        _c("L_WASHINGTON", "place", T("Washington", "en"), T("워싱턴", "ko"), T("Washington", "vi")),
    ]
    return Glossary({c.id: c for c in concepts}, version="test-1")


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(make_glossary())


def _found(report) -> list[tuple[str, str]]:
    return [(f.check, f.span) for f in report.findings]


def test_english_article(checker: Checker) -> None:
    report = checker.check((DATA / "en-planted.txt").read_text(encoding="utf-8"))
    assert report.language == "en"
    assert (report.date, report.date_source) == (date(2024, 3, 4), "text")
    assert _found(report) == [
        ("person-title-consistency", "Deputy Foreign Minister"),
        ("non-official-name", "Indo-Pacific Regional Coordinator"),
        ("non-official-name", "Chip and Science Act"),
        ("name-spelling-variant", "Kurt Campell"),
        ("mixed-naming", "West Sea"),
        ("person-title-consistency", "Director"),
    ]
    first = report.findings[0]
    assert (first.line, first.column, first.concept, first.suggestion) == (2, 20, "P_KURT", "Deputy Secretary of State")


def test_korean_article(checker: Checker) -> None:
    report = checker.check((DATA / "ko-planted.txt").read_text(encoding="utf-8"))
    assert report.language == "ko"
    assert _found(report) == [
        ("person-title-consistency", "국무부 차관"),
        ("korean-particle", "는"),
        ("korean-particle", "를"),
        ("korean-particle", "은"),
        ("mixed-naming", "황해"),
        ("name-spelling-variant", "캠밸"),
    ]
    assert [f.suggestion for f in report.findings if f.check == "korean-particle"] == ["은", "을", "는"]


def test_vietnamese_article(checker: Checker) -> None:
    report = checker.check((DATA / "vi-planted.txt").read_text(encoding="utf-8"))
    assert report.language == "vi"
    assert (report.date, report.date_source) == (date(2024, 3, 4), "text")
    assert _found(report) == [
        # the approved title of the Vietnamese deputy minister, not Campbell's post on the date
        ("title-role-mismatch", "Thứ trưởng Bộ Ngoại giao"),
        ("name-spelling-variant", "Cho Huyn"),
    ]
