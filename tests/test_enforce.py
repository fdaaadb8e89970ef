"""Glossary enforcement through fake engines: every failure mode, all six directions, modes and reports."""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from transkit.enforce import EnforcementReport, GlossaryEngine
from transkit.engines import FunctionEngine, PivotEngine
from transkit.engines.faults import FAULTS, KNOWN_MT_ERRORS, FaultyEngine, PhraseEngine
from transkit.errors import UsageError
from transkit.glossary import load
from transkit.translator import Translator

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "enforce"
DAY = date(2024, 3, 1)  # Kurt Campbell is Deputy Secretary of State
DIRECTIONS = [("en", "ko"), ("en", "vi"), ("ko", "en"), ("vi", "en"), ("ko", "vi"), ("vi", "ko")]
RESIDUE = re.compile(r"[A-Za-z]{2}\s?\d+\s?[A-Za-z]?\b|[\ue000-\uf8ff]|×/strong>|number \d")


@pytest.fixture(scope="module")
def glossary():
    return load([ROOT / "glossaries", DATA / "project.yaml"])


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def phrase_engine(source: str, target: str) -> PhraseEngine | PivotEngine:
    """A faithful phrase-table engine; ko<->vi goes through English, as the real route does."""
    if "en" not in (source, target):
        return PivotEngine(phrase_engine(source, "en"), phrase_engine("en", target))
    return PhraseEngine(source, target, {row[source]: row[target] for row in _rows("phrases.tsv")})


def sentences(lang: str) -> list[str]:
    return [row[lang] for row in _rows("sentences.tsv")]


def enforced(inner, glossary, **options) -> GlossaryEngine:
    return GlossaryEngine(inner, glossary, date=DAY, **options)


# -- the founding example ----------------------------------------------------------------------


def test_founding_example_vi_to_en_gives_the_us_title(glossary):
    engine = enforced(PhraseEngine("vi", "en", KNOWN_MT_ERRORS[("vi", "en")]), glossary)
    source = "Thứ trưởng Ngoại giao Mỹ Kurt Campbell nhắc đến Đạo luật CHIPS và Khoa học."
    assert engine.inner.translate([source]) == [
        "US Deputy Foreign Minister Kurt Campbell nhắc đến Chip and Science Act."
    ]
    assert engine.translate([source]) == ["Deputy Secretary of State Kurt Campbell nhắc đến CHIPS and Science Act."]
    assert engine.inner.calls[-1] == ["ZX0Q Kurt Campbell nhắc đến ZX1Q."]
    segment = engine.report.segments[-1]
    assert [(t.concept, t.status, t.how) for t in segment.terms] == [
        ("T_US_DEP_SEC_STATE", "enforced", "protected"),
        ("P_KURT_CAMPBELL", "enforced", "in model output"),
        ("W_CHIPS", "enforced", "protected"),
    ]


def test_founding_example_without_protection_is_post_edited(glossary):
    engine = enforced(PhraseEngine("vi", "en", KNOWN_MT_ERRORS[("vi", "en")]), glossary, protect=False)
    out = engine.translate(["Thứ trưởng Ngoại giao Mỹ Kurt Campbell nhắc đến Đạo luật CHIPS và Khoa học."])
    assert out == ["US Deputy Secretary of State Kurt Campbell nhắc đến CHIPS and Science Act."]
    segment = engine.report.segments[-1]
    assert segment.edits == (
        "forbidden: 'Deputy Foreign Minister' -> 'Deputy Secretary of State'",
        "forbidden: 'Chip and Science Act' -> 'CHIPS and Science Act'",
    )
    assert segment.counts == {"required": 3, "enforced": 1, "repaired": 2, "failed": 0}


def test_founding_example_through_the_translator_with_a_url(glossary):
    inner = PhraseEngine("vi", "en", KNOWN_MT_ERRORS[("vi", "en")])
    translator = Translator("vi", "en", engine=enforced(inner, glossary))
    text = "Thứ trưởng Ngoại giao Mỹ Kurt Campbell (https://example.org/a) phát biểu."
    assert translator.translate(text) == "Deputy Secretary of State Kurt Campbell (https://example.org/a) phát biểu."
    # The translator's token (ZX0Q) and the glossary's (QZ0X) travel side by side and both come back.
    assert inner.calls == [["QZ0X Kurt Campbell (ZX0Q) phát biểu."]]


# -- context-dependent titles --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "day", "expected"),
    [
        ("Thứ trưởng Ngoại giao Kurt Campbell phát biểu.", DAY, "Deputy Secretary of State Kurt Campbell phát biểu."),
        (
            "Thứ trưởng Bộ Ngoại giao Kurt Campbell phát biểu.",
            DAY,
            "Deputy Secretary of State Kurt Campbell phát biểu.",
        ),
        (
            "Thứ trưởng Ngoại giao Mỹ, ông Kurt Campbell phát biểu.",
            DAY,
            "Deputy Secretary of State, ông Kurt Campbell phát biểu.",
        ),
        (
            "Thứ trưởng Ngoại giao Hà Kim Ngọc phát biểu.",
            DAY,
            "Deputy Minister of Foreign Affairs Ha Kim Ngoc phát biểu.",
        ),
        # Before February 2024 Campbell was the NSC coordinator: the bare title is not his, left to the model.
        (
            "Thứ trưởng Ngoại giao Kurt Campbell phát biểu.",
            date(2023, 6, 1),
            "Deputy Foreign Minister Kurt Campbell phát biểu.",
        ),
        # A past title is not re-read as the current one.
        ("nguyên Thứ trưởng Ngoại giao Hà Kim Ngọc", DAY, "nguyên Deputy Foreign Minister Ha Kim Ngoc"),
    ],
)
def test_titles_resolve_from_the_person_and_date(glossary, source, day, expected):
    inner = PhraseEngine("vi", "en", {**KNOWN_MT_ERRORS[("vi", "en")], "Hà Kim Ngọc": "Ha Kim Ngoc"})
    engine = GlossaryEngine(inner, glossary, date=day)
    assert engine.translate([source]) == [expected]
    assert not engine.report.failures


def test_korean_title_after_the_name_is_resolved(glossary):
    inner = PhraseEngine("ko", "en", {"커트 캠벨": "Kurt Campbell", "부장관": "Deputy Foreign Minister"})
    engine = enforced(inner, glossary)
    assert engine.translate(["커트 캠벨 부장관은 말했다."]) == ["Kurt Campbell Deputy Secretary of State 말했다."]
    assert engine.report.segments[-1].terms[1].concept == "T_US_DEP_SEC_STATE"


def test_article_date_is_read_from_the_text_when_not_given(glossary):
    engine = GlossaryEngine(PhraseEngine("vi", "en", KNOWN_MT_ERRORS[("vi", "en")]), glossary)
    texts = ["Ngày 29/2/2024, Thứ trưởng Ngoại giao Kurt Campbell phát biểu."]
    assert engine.translate(texts) == ["Ngày 29/2/2024, Deputy Secretary of State Kurt Campbell phát biểu."]
    assert engine.report.date == "2024-02-29"


def test_an_ambiguous_title_without_a_person_is_reported_not_guessed(glossary):
    engine = enforced(PhraseEngine("en", "vi", {"met": "đã gặp"}), glossary)
    assert engine.translate(["Deputy Foreign Minister met reporters."]) == ["Deputy Foreign Minister đã gặp reporters."]
    (skipped,) = engine.report.segments[-1].skipped
    assert skipped.startswith("'Deputy Foreign Minister': ambiguous:")


# -- failure modes, all six directions ------------------------------------------------------------

EXPECTED_RECOVERY = {
    "squeeze": "added a space",
    "split": "(spacing)",
    "case": "(case)",
    "truncate": "(truncated)",
    "markup": "retranslated without protection",
    "translate": "retranslated without protection",
    "drop": "retranslated without protection",
    "duplicate": "removed duplicate placeholder",
    "fullwidth": "(full-width)",
    "invent": "removed unknown placeholder",
    "particle": "added a space after",  # into English and Vietnamese; Korean takes the particle as it is
}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize(("source", "target"), DIRECTIONS, ids=[f"{s}-{t}" for s, t in DIRECTIONS])
def test_every_fault_is_recovered_in_every_direction(glossary, source, target, fault):
    engine = enforced(FaultyEngine(phrase_engine(source, target), fault), glossary)
    outputs = engine.translate(sentences(source))
    for output in outputs:
        assert not RESIDUE.search(output), output
    summary = engine.report.summary
    assert summary["failed"] == 0 and summary["term_accuracy"] == 1.0
    assert summary["required"] == 8
    for segment in engine.report.segments:
        wanted = {t.target for t in segment.terms}
        assert all(term in segment.output for term in wanted)
        masked = [t for t in segment.terms if t.source != t.target]
        if masked and not (fault == "squeeze" and target == "ko" and len(masked) == 1) and (fault, target) != (
            "particle",
            "ko",
        ):
            assert any(EXPECTED_RECOVERY[fault] in line for line in segment.recoveries), segment.recoveries


@pytest.mark.parametrize(("source", "target"), DIRECTIONS, ids=[f"{s}-{t}" for s, t in DIRECTIONS])
def test_clean_engine_needs_no_recovery(glossary, source, target):
    engine = enforced(phrase_engine(source, target), glossary)
    engine.translate(sentences(source))
    assert engine.report.summary["recovered_segments"] == 0
    assert engine.report.summary["term_accuracy"] == 1.0


def test_pivot_carries_placeholders_through_english(glossary):
    first = phrase_engine("ko", "en")
    engine = enforced(PivotEngine(FaultyEngine(first, "split"), phrase_engine("en", "vi")), glossary)
    out = engine.translate(["국무부 부장관 커트 캠벨은 서울에서 반도체과학법을 논의했다."])
    assert out == ["Thứ trưởng Ngoại giao Mỹ Kurt Campbell Seoul Đạo luật CHIPS và Khoa học đã thảo luận về."]
    assert first.calls == [["ZX0Q ZX1Q은 ZX2Q에서 ZX3Q을 논의했다."]]


def test_known_korean_mt_errors_are_repaired(glossary):
    engine = enforced(FaultyEngine(PhraseEngine("ko", "en", KNOWN_MT_ERRORS[("ko", "en")]), "drop"), glossary)
    out = engine.translate(["국무부 부장관은 반도체과학법을 설명했다."])
    assert out == ["Deputy Secretary of State CHIPS and Science Act 설명했다."]
    segment = engine.report.segments[0]
    assert segment.recoveries == (
        "the model lost the placeholder for '국무부 부장관', '반도체과학법'; retranslated without protection",
    )
    assert segment.counts == {"required": 2, "enforced": 0, "repaired": 2, "failed": 0}


# -- modes ----------------------------------------------------------------------------------------


def test_verify_leaves_the_text_unchanged_and_reports_every_miss(glossary):
    inner = PhraseEngine("vi", "en", KNOWN_MT_ERRORS[("vi", "en")])
    engine = enforced(inner, glossary, mode="verify")
    source = ["Thứ trưởng Ngoại giao Mỹ Kurt Campbell nhắc đến Đạo luật CHIPS và Khoa học.", "Hoàng Hải"]
    assert engine.translate(source) == inner.translate(source)
    assert [(i, t.concept, t.how) for i, t in engine.report.failures] == [
        (0, "T_US_DEP_SEC_STATE", "missing; the output has the forbidden 'Deputy Foreign Minister'"),
        (0, "W_CHIPS", "missing; the output has the forbidden 'Chip and Science Act'"),
        (1, "L_WEST_SEA", "missing from the output"),
    ]
    assert inner.calls[0] == source  # nothing masked


def test_off_is_the_inner_engine(glossary):
    inner = PhraseEngine("vi", "en", KNOWN_MT_ERRORS[("vi", "en")])
    engine = enforced(inner, glossary, mode="off")
    assert engine.translate(["Thứ trưởng Ngoại giao Mỹ"]) == ["US Deputy Foreign Minister"]
    assert engine.report.segments == [] and engine.signature == inner.signature


def test_unknown_mode_is_a_usage_error(glossary):
    with pytest.raises(UsageError, match="unknown glossary mode 'strict'"):
        GlossaryEngine(FunctionEngine("en", "ko", str), glossary, mode="strict")


def test_report_is_shared_and_serialises(glossary):
    report = EnforcementReport()
    engine = GlossaryEngine(phrase_engine("en", "ko"), glossary, date=DAY, report=report)
    engine.translate(sentences("en")[:1])
    engine.translate(sentences("en")[1:2])
    data = report.to_dict()
    assert [s["index"] for s in data["segments"]] == [0, 1]
    assert data["summary"]["required"] == 6 and data["date"] == "2024-03-01"
    assert '"status": "enforced"' in report.to_json()


# -- Korean particles ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "model_output", "expected"),
    [
        ("Trade Minister", "@는 만났다.", "통상장관은 만났다."),  # Hangul, final consonant
        ("Trade Minister", "@가 만났다.", "통상장관이 만났다."),
        ("Trade Minister", "@나 만났다.", "통상장관이나 만났다."),
        ("Trade Minister", "@며 만났다.", "통상장관이며 만났다."),
        ("Trade Minister", "@다.", "통상장관이다."),
        ("Tourism Agency", "@은 만났다.", "관광공사는 만났다."),  # vowel-final
        ("Tourism Agency", "@과 만났다.", "관광공사와 만났다."),
        ("Tourism Agency", "@이라는 곳.", "관광공사라는 곳."),
        ("observation room", "@으로 갔다.", "전망실로 갔다."),  # ㄹ-final: 로, not 으로
        ("observation room", "@를 만났다.", "전망실을 만났다."),
        ("chip programme", "@을 만났다.", "CHIPS를 만났다."),  # Latin-final, reading 칩스
        ("chip programme", "@이 만났다.", "CHIPS가 만났다."),
        ("tech index", "@가 올랐다.", "NASDAQ이 올랐다."),  # Latin-final, final_consonant flag
        ("tech index", "@로 갔다.", "NASDAQ으로 갔다."),
        ("Group of Seven", "@으로 갔다.", "G7으로 갔다."),  # letter-digit code: G7 is read 지세븐
        ("Group of Seven", "@와 만났다.", "G7과 만났다."),
    ],
)
def test_particles_agree_with_the_inserted_term(glossary, term, model_output, expected):
    inner = FunctionEngine("en", "ko", lambda s: model_output.replace("@", s.split(" ")[0]))
    engine = enforced(inner, glossary)
    assert engine.translate([f"{term} met."]) == [expected]
    assert inner.calls == [["ZX0Q met."]]


def test_particles_agree_with_a_replaced_forbidden_term(glossary):
    inner = FunctionEngine("en", "ko", lambda s: "전망대를 보고 전망대로 갔다.")
    engine = enforced(inner, glossary, protect=False)
    assert engine.translate(["observation room, observation room."]) == ["전망실을 보고 전망실로 갔다."]
    assert engine.report.segments[0].edits == (
        "forbidden: '전망대' -> '전망실'",
        "forbidden: '전망대' -> '전망실'",
        "particle: '전망실를' -> '전망실을'",
    )


# -- n-best -----------------------------------------------------------------------------------------


class _NBestEngine(PhraseEngine):
    """A phrase engine whose first hypothesis loses the title and whose second keeps it."""

    def translate_nbest(self, texts, k):
        return [[text.replace("Thứ trưởng Ngoại giao Mỹ ", ""), *self.translate([text])][:k] for text in texts]


def test_nbest_prefers_the_hypothesis_with_the_required_terms(glossary):
    inner = _NBestEngine("vi", "en", KNOWN_MT_ERRORS[("vi", "en")])
    engine = enforced(inner, glossary, protect=False, nbest=2)
    assert engine.translate(["Thứ trưởng Ngoại giao Mỹ Kurt Campbell"]) == [
        "US Deputy Secretary of State Kurt Campbell"
    ]
    assert engine.report.segments[0].recoveries == ("chose hypothesis 2 of 2 (k-best reranking)",)
    assert inner.calls == [["Thứ trưởng Ngoại giao Mỹ Kurt Campbell"]]  # only the n-best call translated


def test_term_accuracy_is_complete_on_the_whole_test_set(glossary):
    totals: Counter[str] = Counter()
    for source, target in DIRECTIONS:
        for fault in FAULTS:
            engine = enforced(FaultyEngine(phrase_engine(source, target), fault), glossary)
            engine.translate(sentences(source))
            totals.update({k: v for k, v in engine.report.summary.items() if k in ("required", "failed")})
    assert totals["required"] == 6 * len(FAULTS) * 8 and totals["failed"] == 0
