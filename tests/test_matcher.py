"""Term matching in English, Korean and Vietnamese: spans, boundaries, particles, statuses."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from transkit.errors import UsageError
from transkit.glossary.matcher import Match, Matcher
from transkit.glossary.model import Concept, Glossary, Term
from transkit.lang.normalize import normalize


def _glossary(*concepts: Concept) -> Glossary:
    return Glossary({c.id: c for c in concepts})


GLOSSARY = _glossary(
    Concept(
        "P_CAMPBELL",
        "person",
        (
            Term("Kurt Campbell", "en"),
            Term("Campbell", "en", "admitted"),
            Term("커트 캠벨", "ko"),
            Term("캠벨", "ko", "admitted"),
            Term("Kurt Campbell", "vi"),
        ),
    ),
    Concept(
        "T_US_DEP_SEC_STATE",
        "title",
        (
            Term("Deputy Secretary of State", "en"),
            Term("Deputy Foreign Minister", "en", "forbidden"),
            Term("국무부 부장관", "ko"),
            Term("부장관", "ko", "admitted"),
            Term("국무차관", "ko", "forbidden"),
            Term("Thứ trưởng Ngoại giao Mỹ", "vi"),
        ),
        scope="US",
    ),
    Concept(
        "T_US_SEC_STATE",
        "title",
        (
            Term("Secretary of State", "en"),
            Term("국무장관", "ko"),
            Term("Ngoại trưởng Mỹ", "vi"),
        ),
        scope="US",
    ),
    Concept(
        "T_VN_DEP_FM",
        "title",
        (
            Term("Deputy Foreign Minister", "en"),
            Term("Thứ trưởng Ngoại giao", "vi"),
        ),
        scope="VN",
    ),
    Concept(
        "L_IRA",
        "law",
        (
            Term("Inflation Reduction Act", "en"),
            Term("IRA", "en", "admitted", case_sensitive=True),
            Term("인플레이션 감축법", "ko"),
            Term("IRA", "ko", "admitted", case_sensitive=True),
        ),
    ),
    Concept(
        "L_CHIPS",
        "law",
        (
            Term("CHIPS and Science Act", "en"),
            Term("반도체과학법", "ko"),
            Term("CHIPS", "ko", "admitted", case_sensitive=True, reading="칩스"),
        ),
    ),
    Concept("PL_WEST_SEA", "place", (Term("West Sea", "en"), Term("서해", "ko"))),
    Concept("P_CHO_TAEYUL", "person", (Term("Cho Tae-yul", "en"), Term("조태열", "ko"))),
    Concept("T_MINISTER", "title", (Term("Minister", "en"), Term("장관", "ko"))),
    Concept("PL_HANOI", "place", (Term("Hanoi", "en"), Term("Hà Nội", "vi"))),
    Concept("PL_HOA_BINH", "place", (Term("Hoa Binh", "en"), Term("Hòa Bình", "vi"))),
    Concept("P_THUY", "person", (Term("Nguyễn Thị Thuỷ", "vi"),)),
    Concept("O_US", "org", (Term("U.S.", "en"),)),
)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(GLOSSARY)


def spans(matches: list[Match]) -> list[tuple[int, int, str, str, str | None]]:
    return [(m.start, m.end, m.text, m.concept, m.particle) for m in matches]


# English ------------------------------------------------------------------------------------


def test_longest_match_wins_over_nested_term(matcher: Matcher) -> None:
    text = "Deputy Secretary of State Kurt Campbell met the Secretary of State."
    assert spans(matcher.find(text, "en")) == [
        (0, 25, "Deputy Secretary of State", "T_US_DEP_SEC_STATE", None),
        (26, 39, "Kurt Campbell", "P_CAMPBELL", None),
        (48, 66, "Secretary of State", "T_US_SEC_STATE", None),
    ]


def test_acronym_needs_word_boundary_and_case(matcher: Matcher) -> None:
    text = "The IRA is not Iran, not IRAN, not KIRA and not Ira; two IRAs."
    assert [(m.start, m.end, m.text) for m in matcher.find(text, "en")] == [(4, 7, "IRA"), (57, 60, "IRA")]


def test_word_boundaries_possessive_and_plural(matcher: Matcher) -> None:
    text = "Campbell's plan; Campbellton; Ministers; Ministerial"
    assert spans(matcher.find(text, "en")) == [
        (0, 8, "Campbell", "P_CAMPBELL", None),
        (30, 38, "Minister", "T_MINISTER", None),
    ]


def test_case_insensitive_and_typography(matcher: Matcher) -> None:
    text = "deputy  SECRETARY of\u00a0state Kurt\nCampbell; Cho Tae\u2013yul"
    found = matcher.find(text, "en")
    assert spans(found) == [
        (0, 26, "deputy  SECRETARY of\u00a0state", "T_US_DEP_SEC_STATE", None),
        (27, 40, "Kurt\nCampbell", "P_CAMPBELL", None),
        (42, 53, "Cho Tae\u2013yul", "P_CHO_TAEYUL", None),
    ]


def test_blank_line_is_never_crossed(matcher: Matcher) -> None:
    assert spans(matcher.find("Kurt\n\nCampbell", "en")) == [(6, 14, "Campbell", "P_CAMPBELL", None)]


def test_no_invented_equivalences(matcher: Matcher) -> None:
    assert [m.text for m in matcher.find("the US and the U.S. and the U.S.A.", "en")] == ["U.S."]


def test_forbidden_form_shared_with_another_concept(matcher: Matcher) -> None:
    (match,) = matcher.find("Deputy Foreign Minister Campbell", "en")[:1]
    assert (match.concept, match.status, match.alternatives) == ("T_VN_DEP_FM", "preferred", ("T_US_DEP_SEC_STATE",))


def test_forbidden_status_reported(matcher: Matcher) -> None:
    glossary = _glossary(GLOSSARY.concepts["T_US_DEP_SEC_STATE"])
    (match,) = Matcher(glossary, langs=["en"]).find("the Deputy Foreign Minister said", "en")
    assert (match.start, match.end, match.concept, match.term.status, match.alternatives) == (
        4,
        27,
        "T_US_DEP_SEC_STATE",
        "forbidden",
        (),
    )


def test_same_form_in_two_concepts_orders_by_status_then_glossary_order() -> None:
    glossary = _glossary(
        Concept("A", "other", (Term("Foo Bar", "en", "forbidden"),)),
        Concept("B", "other", (Term("Foo Bar", "en", "admitted"),)),
        Concept("C", "other", (Term("Foo Bar", "en", "admitted"),)),
    )
    (match,) = Matcher(glossary, langs=["en"]).find("Foo Bar", "en")
    assert (match.concept, match.alternatives) == ("B", ("C", "A"))


# Korean ------------------------------------------------------------------------------------


def test_korean_particles_are_reported(matcher: Matcher) -> None:
    text = "커트 캠벨 부장관은 서해에서 조태열 장관에게는 말했다."
    assert spans(matcher.find(text, "ko")) == [
        (0, 5, "커트 캠벨", "P_CAMPBELL", None),
        (6, 9, "부장관", "T_US_DEP_SEC_STATE", "은"),
        (11, 13, "서해", "PL_WEST_SEA", "에서"),
        (16, 19, "조태열", "P_CHO_TAEYUL", None),
        (20, 22, "장관", "T_MINISTER", "에게는"),
    ]


def test_korean_term_inside_a_longer_word_does_not_match(matcher: Matcher) -> None:
    assert matcher.find("서해안 동서해 캠벨스 부장관실", "ko") == []


def test_korean_particle_after_latin_term(matcher: Matcher) -> None:
    text = "IRA는 CHIPS법과 다르고 CHIPS와 Ira는"
    assert spans(matcher.find(text, "ko")) == [
        (0, 3, "IRA", "L_IRA", "는"),
        (17, 22, "CHIPS", "L_CHIPS", "와"),
    ]


def test_korean_admitted_and_forbidden(matcher: Matcher) -> None:
    found = matcher.find("캠벨 국무차관과 국무부 부장관", "ko")
    assert [(m.text, m.status, m.particle) for m in found] == [
        ("캠벨", "admitted", None),
        ("국무차관", "forbidden", "과"),
        ("국무부 부장관", "preferred", None),
    ]


def test_korean_nfd_input_maps_offsets_back(matcher: Matcher) -> None:
    text = unicodedata.normalize("NFD", "캠벨은 서해에서")
    found = matcher.find(text, "ko")
    assert [(m.concept, m.particle) for m in found] == [("P_CAMPBELL", "은"), ("PL_WEST_SEA", "에서")]
    assert [text[m.start : m.end] for m in found] == [
        unicodedata.normalize("NFD", "캠벨"),
        unicodedata.normalize("NFD", "서해"),
    ]
    assert [(m.start, m.end) for m in found] == [(0, 6), (10, 14)]  # 캠벨 is six jamo in NFD


# Vietnamese -------------------------------------------------------------------------------


def test_vietnamese_nfd_offsets_refer_to_the_callers_string(matcher: Matcher) -> None:
    text = unicodedata.normalize("NFD", "Thứ trưởng Ngoại giao Mỹ Kurt Campbell đến Hà Nội.")
    found = matcher.find(text, "vi")
    assert [(m.start, m.end, m.concept) for m in found] == [
        (0, 31, "T_US_DEP_SEC_STATE"),
        (32, 45, "P_CAMPBELL"),
        (52, 61, "PL_HANOI"),
    ]
    assert [m.text for m in found] == [
        unicodedata.normalize("NFD", "Thứ trưởng Ngoại giao Mỹ"),
        "Kurt Campbell",
        unicodedata.normalize("NFD", "Hà Nội"),
    ]


def test_vietnamese_longest_and_syllable_boundaries(matcher: Matcher) -> None:
    text = "Thứ trưởng Ngoại giao Việt Nam; Ngoại trưởng Mỹ; Hà Nội-Hải Phòng; Hà Nộii"
    assert spans(matcher.find(text, "vi")) == [
        (0, 21, "Thứ trưởng Ngoại giao", "T_VN_DEP_FM", None),
        (32, 47, "Ngoại trưởng Mỹ", "T_US_SEC_STATE", None),
        (49, 55, "Hà Nội", "PL_HANOI", None),
    ]


@pytest.mark.parametrize("text", ["Hòa Bình", "Hoà Bình", "HÒA BÌNH", "hoà bình"])
def test_vietnamese_tone_placement_and_case(matcher: Matcher, text: str) -> None:
    assert spans(matcher.find(f"tỉnh {text}.", "vi")) == [(5, 13, text, "PL_HOA_BINH", None)]


def test_vietnamese_old_orthography_in_text_matches_new_in_glossary(matcher: Matcher) -> None:
    (match,) = matcher.find("bà Nguyễn Thị Thủy", "vi")
    assert (match.start, match.end, match.concept, match.term.text) == (3, 18, "P_THUY", "Nguyễn Thị Thuỷ")


# API --------------------------------------------------------------------------------------


def test_normalize_term_key() -> None:
    assert normalize("  Thủy\u2019s \u00a0 Hòa ") == "thuỷ's hoà"
    assert normalize("CHIPS", case_sensitive=True) == "CHIPS"


def test_unknown_or_unbuilt_language() -> None:
    only_en = Matcher(GLOSSARY, langs=["en-US"])
    assert only_en.langs == ("en",)
    with pytest.raises(UsageError, match="without 'ko'"):
        only_en.find("캠벨", "ko")


def test_empty_inputs(matcher: Matcher) -> None:
    assert matcher.find("", "en") == []
    assert Matcher(Glossary()).find("Kurt Campbell", "en") == []


def test_near_misses(matcher: Matcher) -> None:
    text = "The Chip and Science Act and the CHIPS and Science Act; Kurt Campbel and Deputy Secretary of Stat."
    found = matcher.near_misses(text, "en")
    assert [(n.start, n.end, n.text, n.concept) for n in found] == [
        (4, 24, "Chip and Science Act", "L_CHIPS"),
        (56, 68, "Kurt Campbel", "P_CAMPBELL"),
        (73, 97, "Deputy Secretary of Stat", "T_US_DEP_SEC_STATE"),
    ]
    assert found[0].term.text == "CHIPS and Science Act"
    assert 0.85 <= found[0].score < 1
    assert matcher.near_misses(text, "en", min_ratio=0.99) == []


def test_near_misses_korean_ignores_particle(matcher: Matcher) -> None:
    (miss,) = matcher.near_misses("국무부 부장광은 말했다", "ko")
    assert (miss.start, miss.end, miss.text, miss.concept) == (0, 7, "국무부 부장광", "T_US_DEP_SEC_STATE")


def _reference(keys: list[str], text: str) -> list[tuple[int, int]]:
    """Leftmost-longest by brute force, with English word boundaries."""

    def is_word(i: int) -> bool:
        return 0 <= i < len(text) and text[i].isalnum()

    spans, pos = [], 0
    while pos < len(text):
        fits = [k for k in keys if text.startswith(k, pos) and not is_word(pos - 1) and not is_word(pos + len(k))]
        if fits:
            end = pos + max(map(len, fits))
            spans.append((pos, end))
            pos = end
        else:
            pos += 1
    return spans


def test_leftmost_longest_agrees_with_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(400):
        keys = sorted({"".join(rng.choice("ab -") for _ in range(rng.randint(1, 6))).strip(" ") for _ in range(6)})
        keys = [k for k in keys if k and "  " not in k]
        text = re.sub(" +", " ", "".join(rng.choice("ab -") for _ in range(30)))  # nothing for the matcher to collapse
        glossary = _glossary(*(Concept(f"C{i}", "other", (Term(k, "en"),)) for i, k in enumerate(keys)))
        found = Matcher(glossary, langs=["en"]).find(text, "en")
        assert [(m.start, m.end) for m in found] == _reference(keys, text), (keys, text)


def test_near_misses_anchor_on_rare_words_only() -> None:
    glossary = _glossary(
        *(Concept(f"T{i}", "title", (Term(f"Deputy Minister of Region{i}", "en"),)) for i in range(40))
    )
    matcher = Matcher(glossary, langs=["en"])
    (miss,) = matcher.near_misses("the Deputy Minster of Region7 said", "en")
    assert (miss.start, miss.end, miss.concept) == (4, 29, "T7")
    # "deputy" and "minister" are shared by 40 terms: no anchors, so no near miss without the rare word.
    assert matcher.near_misses("the Deputy Minster of Regio7 said", "en") == []
