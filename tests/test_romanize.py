"""Romanised Korean names (transkit.lang.romanize): syllable spellings, name matching, reverse look-up."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transkit.lang.romanize import (
    RomanizedNames,
    matches,
    romanization_key,
    same_name,
    split_name,
    strip_possessive,
    syllable_spellings,
    variants,
)

PAIRS = Path(__file__).parent / "data" / "romanize" / "name_pairs.tsv"

# Real spellings the model does not produce: personal spellings outside any system ("Syngman", "Sye",
# "Jie", "koung", "thaek", 승 as "Seong") and a given name split by sound rather than by syllable ("Yu-na").
KNOWN_MISSES = {
    ("이승만", "Syngman Rhee"),
    ("김연경", "Kim Yeon-koung"),
    ("장성택", "Jang Song-thaek"),
    ("정세균", "Chung Sye-kyun"),
    ("박지원", "Park Jie-won"),
    ("김연아", "Kim Yu-na"),
    ("유승민", "Yoo Seong-min"),
}


def _pairs() -> list[tuple[str, str, bool, str]]:
    with PAIRS.open(encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    return [(hangul, spelling, expected == "same", kind) for hangul, spelling, expected, kind in rows]


def test_gold_pairs_are_judged_right_except_the_known_misses() -> None:
    pairs = _pairs()
    assert len(pairs) >= 300
    wrong = {(hangul, spelling) for hangul, spelling, same, _ in pairs if matches(spelling, hangul) != same}
    assert wrong == KNOWN_MISSES
    # precision first: no wrong "same" at all, and every hard negative and Vietnamese reading is rejected
    assert all(same for hangul, spelling, same, _ in pairs if (hangul, spelling) in wrong)
    assert {kind for *_, same, kind in pairs if not same} == {"negative", "reading"}


@pytest.mark.parametrize(
    ("hangul", "surname", "expected"),
    [
        ("이재명", None, ("이", "재명")),
        ("조현", None, ("조", "현")),
        ("남궁민", None, ("남궁", "민")),
        ("제갈성렬", None, ("제갈", "성렬")),
        ("선우", None, ("선", "우")),  # a two-syllable surname needs a given name after it
        ("선우용", "선", ("선", "우용")),
    ],
)
def test_split_name(hangul: str, surname: str | None, expected: tuple[str, str]) -> None:
    assert split_name(hangul, surname) == expected


@pytest.mark.parametrize(
    ("hangul", "surname", "error"),
    [
        ("Lee Jae-myung", None, "not a Korean name in Hangul syllables: 'Lee Jae-myung'"),
        ("이", None, "'이' is not the surname of '이'"),
        ("이재명", "김", "'김' is not the surname of '이재명'"),
        ("", None, "not a Korean name in Hangul syllables: ''"),
    ],
)
def test_split_name_rejects_what_is_not_a_hangul_name(hangul: str, surname: str | None, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        split_name(hangul, surname)


def test_syllables_are_romanised_one_by_one_without_sound_changes() -> None:
    # 석민 is "Seok-min" in a name, never the spoken "Seongmin"; 신라-style assimilation does not apply either
    assert matches("Kim Seok-min", "김석민") and matches("Kim Seokmin", "김석민")
    assert not matches("Kim Seong-min", "김석민")
    # korean-romanizer carries 석's final over to 열 in running text ("yunseogyeol"); a name keeps it
    assert matches("Yun Seok-yeol", "윤석열") and not matches("Yun Seo-gyeol", "윤석열")
    assert syllable_spellings("석", "first")[0] == "seok"  # RR first
    assert syllable_spellings("렬", "later")[0] == "ryeol"


def test_mccune_reischauer_voicing_depends_on_position() -> None:
    # MR writes ㄱ ㄷ ㅂ ㅈ voiceless at the start of a name (Kim Tae-jung), either way inside it; RR always voiced
    assert (
        matches("Kim Tae-jung", "김대중") and matches("Kim Dae-jung", "김대중") and matches("Kim Dae-chung", "김대중")
    )
    assert {"dae", "tae"} <= set(syllable_spellings("대", "later"))
    assert {"ryeol", "lyeol", "ryŏl", "lyŏl"} <= set(syllable_spellings("렬", "later"))
    assert "lyeol" not in syllable_spellings("렬", "first")  # ㄹ starts a word as r
    assert {"t'ae", "tae"} <= set(syllable_spellings("태", "first"))  # aspiration apostrophe, kept or dropped
    assert {"shin", "sin"} <= set(syllable_spellings("신", "surname"))


def test_surnames_use_their_own_spellings() -> None:
    assert {"lee", "yi", "rhee", "ri"} <= set(syllable_spellings("이", "surname"))
    assert "lee" not in syllable_spellings("이", "later")
    assert {"namgoong", "namgung", "namkung"} <= set(syllable_spellings("남궁", "surname"))


def test_same_name_is_insensitive_to_case_hyphens_breves_order_and_possessive() -> None:
    forms = ["Lee Jae-myung", "LEE JAE MYUNG", "Jae-myung Lee", "Yi Chae-myŏng", "Lee Jae-myung's", "lee jaemyung"]
    assert all(same_name(a, b, "이재명") for a in forms for b in forms)
    assert not same_name("Lee Jae-myung", "Lee Jae-young", "이재명")
    assert not same_name("Kim Min-seok", "Kim Min-seong", "김민석")
    assert not same_name("Cho Tae-yul", "Cho Tae-yong", "조태열")
    assert same_name("Cho Hyun", "Jo Hyeon", "조현")


def test_syllable_boundaries_must_fall_between_syllables() -> None:
    assert not matches("Lee Jaem Yung", "이재명")
    assert not matches("Leejae Myung", "이재명")
    assert not matches("Lee", "이재명") and not matches("Jae-myung", "이재명")
    assert not matches("Lee Jae-myung Park", "이재명")


def test_variants_are_bounded_and_all_match() -> None:
    names = variants("이재명")
    assert 100 < len(names) < 1000
    assert {
        "Lee Jae-myung",
        "Lee Jae Myung",
        "Lee Jaemyung",
        "Lee Jae-Myung",
        "Jae-myung Lee",
        "LEE Jae-myung",
    } <= names
    assert {"Yi Chae-myŏng", "Yi Jae-myeong", "Rhee Jae-myoung"} <= names
    assert all(matches(v, "이재명") for v in names)
    assert not any(matches(v, "이재영") or matches(v, "이재민") for v in names)
    assert not any("Lý" in v for v in names)  # no Vietnamese Sino-Korean readings


@settings(max_examples=40, deadline=None)
@given(
    hangul=st.text(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=2, max_size=3),
    pick=st.integers(min_value=0),
)
def test_every_variant_of_any_name_is_found_by_the_reverse_index(hangul: str, pick: int) -> None:
    names = sorted(variants(hangul))
    spelling = names[pick % len(names)]
    assert matches(spelling, hangul)
    assert (hangul, "X") in RomanizedNames({hangul: "X"}).find(spelling)


def test_every_spelling_in_the_data_file_is_found_by_the_reverse_index() -> None:
    table = resources.files("transkit.data").joinpath("korean_name_spellings.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in table.splitlines() if line and not line.startswith("#")]
    names = {(syllable + "민" if position == "surname" else "김" + syllable) for syllable, position, _ in rows}
    for hangul in names:
        index = RomanizedNames({hangul: hangul})
        assert all(index.find(v) == [(hangul, hangul)] for v in variants(hangul)), hangul


def test_reverse_index_finds_glossary_persons_in_english_and_vietnamese_spellings() -> None:
    index = RomanizedNames({"이재명": "P_LEE", "윤석열": "P_YOON", "조태열": "P_CHO_TY", "조태용": "P_CHO_TYONG"})
    assert len(index) == 4
    assert index.find("Lee Jae Myung") == [("이재명", "P_LEE")]  # Vietnamese press
    assert index.find("Yi Chae-myŏng") == [("이재명", "P_LEE")]
    assert index.find("Suk-yeol Yoon") == [("윤석열", "P_YOON")]
    assert index.find("Jo Tae-yeol") == [("조태열", "P_CHO_TY")]
    assert index.find("Cho Tae-yong") == [("조태용", "P_CHO_TYONG")]
    assert index.find("Lee Jae-young") == [] and index.find("Lee") == [] and index.find("Tổng thống") == []


def test_reverse_index_returns_every_name_a_spelling_can_be() -> None:
    # 영 is often written "Yong", as 용 is: "Chung Dong-yong" can be either person
    index = RomanizedNames({"정동영": 1, "정동용": 2})
    assert index.find("Chung Dong-yong") == [("정동영", 1), ("정동용", 2)]
    assert index.find("Chung Dong-young") == [("정동영", 1)]


def test_reverse_index_takes_an_explicit_surname() -> None:
    index = RomanizedNames({"선우용": "P"}, surnames={"선우용": "선"})
    assert index.find("Sun Woo-yong") == [("선우용", "P")]
    assert RomanizedNames({"선우용": "P"}).find("Sunwoo Yong") == [("선우용", "P")]


def test_romanization_key_folds_forms_and_vowels_but_keeps_consonants() -> None:
    same = ["Lee Jae-myung", "LEE Jae Myeong", "Lee Jaemyoung", "Lee Jae-myŏng's"]
    assert len({romanization_key(s) for s in same}) == 1
    assert romanization_key("Yoon Suk-yeol") == romanization_key("Yoon Seok Yeol")
    assert romanization_key("Kim Min-seok") != romanization_key("Kim Min-seong")
    assert romanization_key("Cho Tae-yul") != romanization_key("Cho Tae-yong")
    assert romanization_key("Lee Jae-myung") != romanization_key("Park Jae-myung")


def test_strip_possessive() -> None:
    assert strip_possessive("Lee Jae-myung's") == "Lee Jae-myung"
    assert strip_possessive("Moon Jae-in’s") == "Moon Jae-in"
    assert strip_possessive("Ban Ki-moon") == "Ban Ki-moon"
