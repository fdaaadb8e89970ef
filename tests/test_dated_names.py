"""Names that change with the date: the model, the store, the checker and the enforcer, in en/ko/vi."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from transkit.checks import Checker
from transkit.enforce import GlossaryEngine
from transkit.engines.faults import PhraseEngine
from transkit.glossary import load
from transkit.glossary.index import TermIndex
from transkit.glossary.store import dump

DATA = Path(__file__).parent / "data" / "dated_names"
BEFORE = date(2024, 11, 20)  # before the merger of March 2025 and the renames of September/October 2025
AFTER = date(2026, 1, 15)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(load([DATA]))


def dated(checker: Checker, text: str, lang: str, day: date | None) -> list[tuple[str, str | None, str]]:
    report = checker.check(text, lang=lang, date=day)
    return [(f.span, f.suggestion, f.severity.value) for f in report.findings if f.check == "dated-name"]


def test_store_reads_and_writes_term_dates(tmp_path: Path) -> None:
    glossary = load([DATA])
    mpi = glossary.concepts["O_VN_MPI"]
    assert [(t.text, t.start, t.end) for t in mpi.terms_in("vi")] == [
        ("Bộ Kế hoạch và Đầu tư", None, date(2025, 2, 28))
    ]
    dump(glossary, tmp_path / "copy.yaml")
    assert load([tmp_path / "copy.yaml"]).concepts == glossary.concepts


@pytest.mark.parametrize(
    ("lang", "day", "expected"),
    [
        ("en", BEFORE, "Ministry of Trade, Industry and Energy"),
        ("en", date(2025, 10, 1), "Ministry of Trade and Industry"),
        ("ko", date(2025, 9, 30), "산업통상자원부"),
        ("ko", AFTER, "산업통상부"),
        ("vi", BEFORE, "Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc"),
        ("vi", AFTER, "Bộ Thương mại và Công nghiệp Hàn Quốc"),
    ],
)
def test_the_name_on_a_day(lang: str, day: date, expected: str) -> None:
    index = TermIndex(load([DATA]))
    assert index.target("O_ROK_MOTIE", lang, day).text == expected  # type: ignore[union-attr]
    assert index.target("O_ROK_MOTIE", lang).text == index.preferred_text("O_ROK_MOTIE", lang)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("lang", "text", "day", "found"),
    [
        # A merged ministry named as if it still existed.
        (
            "en",
            "The Ministry of Planning and Investment said on Monday that FDI rose.",
            AFTER,
            [("Ministry of Planning and Investment", None, "warning")],
        ),
        (
            "vi",
            "Bộ Kế hoạch và Đầu tư cho biết vốn FDI tăng mạnh.",
            AFTER,
            [("Bộ Kế hoạch và Đầu tư", None, "warning")],
        ),
        ("ko", "베트남 기획투자부는 외국인 투자가 늘었다고 밝혔다.", AFTER, [("베트남 기획투자부", None, "warning")]),
        # A new name used before the rename; the old name of that day is suggested.
        ("ko", "산업통상부는 수출 동향을 발표했다.", BEFORE, [("산업통상부", "산업통상자원부", "warning")]),
        (
            "en",
            "The Ministry of Trade and Industry released export data.",
            BEFORE,
            [("Ministry of Trade and Industry", "Ministry of Trade, Industry and Energy", "warning")],
        ),
        (
            "vi",
            "Bộ Thương mại và Công nghiệp Hàn Quốc công bố số liệu xuất khẩu.",
            BEFORE,
            [("Bộ Thương mại và Công nghiệp Hàn Quốc", "Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc", "warning")],
        ),
        # An old name after the rename; the new one is suggested.
        ("ko", "산업통상자원부는 수출 동향을 발표했다.", AFTER, [("산업통상자원부", "산업통상부", "warning")]),
        # A secondary name before it was given.
        (
            "en",
            "The Department of War announced the drill.",
            BEFORE,
            [("Department of War", "Department of Defense", "warning")],
        ),
        (
            "vi",
            "Bộ Chiến tranh Mỹ thông báo cuộc tập trận.",
            BEFORE,
            [("Bộ Chiến tranh Mỹ", "Bộ Quốc phòng Mỹ", "warning")],
        ),
        # Names in use on the day are right.
        ("en", "The Department of War and the Ministry of Trade and Industry met.", AFTER, []),
        ("ko", "전쟁부와 산업통상부가 협의했다.", AFTER, []),
        ("vi", "Bộ Kế hoạch và Đầu tư cho biết vốn FDI tăng mạnh.", BEFORE, []),
        # A former institution marked as such, or the sentence that tells of the change.
        ("en", "The former Ministry of Planning and Investment published the plan in 2023.", AFTER, []),
        ("vi", "Bộ Kế hoạch và Đầu tư (cũ) đã công bố quy hoạch năm 2023.", AFTER, []),
        ("ko", "옛 산업통상자원부 시절 발표된 계획이다.", AFTER, []),
        ("vi", "Bộ Kế hoạch và Đầu tư được sáp nhập vào Bộ Tài chính.", AFTER, []),
        ("en", "The Ministry of Planning and Investment merged into the Ministry of Finance.", AFTER, []),
        ("ko", "산업통상자원부는 산업통상부로 개편됐다.", AFTER, []),
        # A sentence dated to a year the old name was in use tells of the past.
        ("en", "In 2023, the Ministry of Planning and Investment approved the plan.", AFTER, []),
        ("vi", "Năm 2024, Bộ Kế hoạch và Đầu tư đã phê duyệt quy hoạch.", AFTER, []),
        ("ko", "2024년 산업통상자원부는 수출 목표를 발표했다.", AFTER, []),
        ("ko", "2026년 산업통상자원부는 수출 목표를 발표했다.", AFTER, [("산업통상자원부", "산업통상부", "warning")]),
    ],
)
def test_dated_name_check(checker: Checker, lang: str, text: str, day: date, found: list[object]) -> None:
    assert dated(checker, text, lang, day) == found


def test_an_undated_article_gets_information_only(checker: Checker) -> None:
    """Without a date the article is read as of today, which may not be its date."""
    findings = dated(checker, "Bộ Kế hoạch và Đầu tư cho biết.", "vi", None)
    assert [severity for *_, severity in findings] == ["info"]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (BEFORE, "Ministry of Trade, Industry and Energy announced it."),
        (AFTER, "Ministry of Trade and Industry announced it."),
    ],
)
def test_the_enforcer_writes_the_name_of_the_articles_date(day: date, expected: str) -> None:
    inner = PhraseEngine("ko", "en", {"산업통상자원부는": "MOTIE", "발표했다": "announced it"})
    engine = GlossaryEngine(inner, load([DATA]), date=day)
    assert engine.translate(["산업통상자원부는 발표했다."]) == [expected]


HOUSE = Path(__file__).parents[1] / "glossaries"


@pytest.mark.parametrize(
    ("text", "lang", "day", "found"),
    [
        # The cases of issue 13, on the house glossary.
        (
            "The Ministry of Planning and Investment approved the project.",
            "en",
            AFTER,
            [("Ministry of Planning and Investment", None, "warning")],
        ),
        ("Bộ Kế hoạch và Đầu tư đã phê duyệt dự án.", "vi", date(2024, 6, 3), []),
        (
            "The Department of War announced the exercise.",
            "en",
            BEFORE,
            [("Department of War", "Department of Defense", "warning")],
        ),
        ("미국 전쟁부는 훈련을 발표했다.", "ko", AFTER, []),
        ("Bộ Chiến tranh Mỹ thông báo cuộc tập trận.", "vi", AFTER, []),
    ],
)
def test_house_glossary_dates_the_names_of_issue_13(text: str, lang: str, day: date, found: list[object]) -> None:
    assert dated(Checker(load([HOUSE])), text, lang, day) == found


def test_a_publisher_style_layer_admits_what_the_house_forbids() -> None:
    """The house glossary writes 'East Sea' (Korean usage); the international style layer prefers 'Sea of Japan'."""
    text = "North Korea fired a ballistic missile into the Sea of Japan on Monday."
    house = Checker(load([HOUSE])).check(text, lang="en", date=AFTER)
    assert [(f.check, f.span, f.suggestion) for f in house.findings] == [
        ("non-official-name", "Sea of Japan", "East Sea")
    ]
    international = Checker(load([HOUSE, HOUSE / "styles" / "international.yaml"]))
    assert international.check(text, lang="en", date=AFTER).findings == ()
