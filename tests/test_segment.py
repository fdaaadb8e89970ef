"""Splitting of over-long sentences at clause boundaries, losing nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transkit.text.segment import split_long


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
