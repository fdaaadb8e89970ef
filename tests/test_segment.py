"""Sentence splitting in English, Korean and Vietnamese, and splitting of over-long sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transkit.errors import LanguageError
from transkit.text.segment import sentences, split_long, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Campbell met Foreign Minister Cho on Feb. 29 in Washington, D.C. He said the talks were useful.",
            ["Mr. Campbell met Foreign Minister Cho on Feb. 29 in Washington, D.C.", "He said the talks were useful."],
        ),
        (
            "U.S. Deputy Secretary of State Kurt M. Campbell arrived at 9 a.m. on Jan. 5. The U.N. welcomed him.",
            [
                "U.S. Deputy Secretary of State Kurt M. Campbell arrived at 9 a.m. on Jan. 5.",
                "The U.N. welcomed him.",
            ],
        ),
        (
            "Exports rose 3.5 percent to 1.000.000 units. Gen. Smith and Lt. Park met at St. Mary's, "
            "No. 5 Main St. Then they left.",
            [
                "Exports rose 3.5 percent to 1.000.000 units.",
                "Gen. Smith and Lt. Park met at St. Mary's, No. 5 Main St.",
                "Then they left.",
            ],
        ),
        (
            '"We agree," he said. "It is done." (See p. 5.) Mrs. Lee and Dr. Kim nodded.',
            ['"We agree," he said.', '"It is done."', "(See p. 5.)", "Mrs. Lee and Dr. Kim nodded."],
        ),
        (
            "Allies, e.g. Japan, i.e. a neighbour, agreed. Sept. 11 was remembered.",
            ["Allies, e.g. Japan, i.e. a neighbour, agreed.", "Sept. 11 was remembered."],
        ),
        (
            "The talks were held in the U.S. The next day the U.S. economy grew.",
            ["The talks were held in the U.S.", "The next day the U.S. economy grew."],
        ),
        (
            "Did they agree?! Yes... probably. Apples, pears, etc. Then lunch. Really? no.",
            ["Did they agree?!", "Yes... probably.", "Apples, pears, etc.", "Then lunch.", "Really? no."],
        ),
        ("1. First point. Second point.", ["1. First point.", "Second point."]),
        ("He was born in 1960. 2024 is different.", ["He was born in 1960.", "2024 is different."]),
        ("Visit www.mofa.go.kr. Then call.", ["Visit www.mofa.go.kr.", "Then call."]),
    ],
)
def test_english(text, expected):
    assert sentences(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "조태열 장관은 29일 워싱턴에서 캠벨 부장관과 만났다. 양측은 협력을 논의했다.",
            ["조태열 장관은 29일 워싱턴에서 캠벨 부장관과 만났다.", "양측은 협력을 논의했다."],
        ),
        (
            "조태열 장관은 캠벨 부장관과 만났다.양측은 협력을 논의했다.",
            ["조태열 장관은 캠벨 부장관과 만났다.", "양측은 협력을 논의했다."],
        ),
        (
            "물가가 2.9% 올랐어요. 정말요? 그렇습니다… 다음 회의는 언제입니까?",
            ["물가가 2.9% 올랐어요.", "정말요?", "그렇습니다…", "다음 회의는 언제입니까?"],
        ),
        (
            '그는 "좋다."라고 말했다. 캠벨(Kurt M. Campbell) 부장관은 "협력하자." 라고 답했다.',
            ['그는 "좋다."라고 말했다.', '캠벨(Kurt M. Campbell) 부장관은 "협력하자." 라고 답했다.'],
        ),
        ("미국 U.S. 국무부는 발표했다. 끝.", ["미국 U.S. 국무부는 발표했다.", "끝."]),
    ],
)
def test_korean(text, expected):
    assert sentences(text, "ko") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bộ trưởng Ngoại giao Cho Tae-yul đã gặp Thứ trưởng Ngoại giao Mỹ Kurt Campbell tại TP.HCM "
            "ngày 29/2/2024. Hai bên thảo luận về hợp tác.",
            [
                "Bộ trưởng Ngoại giao Cho Tae-yul đã gặp Thứ trưởng Ngoại giao Mỹ Kurt Campbell tại TP.HCM "
                "ngày 29/2/2024.",
                "Hai bên thảo luận về hợp tác.",
            ],
        ),
        (
            "PGS. TS. Nguyễn Văn An và ThS. Trần Bình ở Q. 1, TP. HCM, dự họp, v.v. Họ đã gặp nhau. "
            "Tp. Hà Nội có 1.000.000 người.",
            [
                "PGS. TS. Nguyễn Văn An và ThS. Trần Bình ở Q. 1, TP. HCM, dự họp, v.v.",
                "Họ đã gặp nhau.",
                "Tp. Hà Nội có 1.000.000 người.",
            ],
        ),
        ("GS. Lê nói: “Tốt lắm.” Sau đó ông về.", ["GS. Lê nói: “Tốt lắm.”", "Sau đó ông về."]),
    ],
)
def test_vietnamese(text, expected):
    assert sentences(text, "vi") == expected


def test_spans_keep_the_whitespace_between_sentences():
    text = "  First one.\n\tSecond one!   "
    assert split_sentences(text, "en") == [(2, 12), (14, 25)]


def test_no_boundary_inside_protected_spans():
    text = "Run `make test. Then` now. Done."
    assert sentences(text, "en") == ["Run `make test.", "Then` now.", "Done."]
    spans = split_sentences(text, "en", protected=[(4, 20)])
    assert [text[a:b] for a, b in spans] == ["Run `make test. Then` now.", "Done."]


def test_blank_text_has_no_sentences_and_languages_are_normalised():
    assert split_sentences("", "en") == []
    assert split_sentences(" \n ", "ko-KR") == []
    assert sentences("Xin chào. Tạm biệt.", "vi_VN") == ["Xin chào.", "Tạm biệt."]
    with pytest.raises(LanguageError):
        split_sentences("Hola.", "es")


_TEXT = st.text(alphabet=st.sampled_from(list("aZ가다요 .?!…\"')(\n\t1Mr.ĐTP")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from(["en", "ko", "vi"]))
def test_spans_are_ordered_stripped_and_separated_by_whitespace(text, lang):
    spans = split_sentences(text, lang)
    previous = 0
    for start, end in spans:
        assert previous <= start < end
        assert not text[previous:start].strip()
        assert text[start:end] == text[start:end].strip()
        previous = end
    assert not text[previous:].strip()


def words(text: str) -> int:
    return len(text.split())


def test_long_english_sentence_splits_at_clauses_then_words():
    sentence = (
        "Foreign Minister Cho met Deputy Secretary Campbell in Washington on Thursday; "
        "the two sides discussed cooperation, and they agreed to meet again in Seoul next spring."
    )
    pieces = split_long(sentence, 8, words)
    assert pieces == [
        "Foreign Minister Cho met Deputy Secretary Campbell in ",
        "Washington on Thursday; ",
        "the two sides discussed cooperation, ",
        "and they agreed to meet again in Seoul ",
        "next spring.",
    ]
    assert "".join(pieces) == sentence
    assert all(words(p) <= 8 for p in pieces)


def test_long_korean_sentence_splits_after_connective_endings():
    sentence = "조태열 장관은 캠벨 부장관과 만났고 양측은 한미 협력을 논의했으며 북한 문제도 다뤘지만 합의는 없었다."
    assert split_long(sentence, 5, words) == [
        "조태열 장관은 캠벨 부장관과 만났고 ",
        "양측은 한미 협력을 논의했으며 ",
        "북한 문제도 다뤘지만 합의는 없었다.",
    ]


def test_long_vietnamese_sentence_splits_before_conjunctions():
    sentence = "Hai bên thảo luận về hợp tác quân sự và kinh tế nhưng chưa ký thỏa thuận nào cả"
    assert split_long(sentence, 7, words) == [
        "Hai bên thảo luận về hợp tác ",
        "quân sự và kinh tế ",
        "nhưng chưa ký thỏa thuận nào cả",
    ]


def test_short_sentence_is_returned_whole():
    assert split_long("Xin chào các bạn.", 10, words) == ["Xin chào các bạn."]


def test_characters_are_the_last_resort_and_nothing_is_lost():
    assert split_long("abcdefghij", 4, len) == ["abcd", "efgh", "ij"]
    assert split_long("대한민국외교부", 3, len) == ["대한민", "국외교", "부"]


def test_a_character_over_budget_becomes_its_own_piece():
    assert split_long("ab", 1, lambda s: 2 * len(s)) == ["a", "b"]


def test_max_tokens_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        split_long("a b", 0, words)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab가고며 ,;:\n")), max_size=80), st.integers(1, 6))
def test_split_long_never_loses_text_and_respects_the_budget(sentence, limit):
    pieces = split_long(sentence, limit, len)
    assert "".join(pieces) == sentence
    assert all(len(p) <= limit for p in pieces)
