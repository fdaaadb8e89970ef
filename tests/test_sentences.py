"""Sentence splitting in English, Korean and Vietnamese: behaviour, protected spans, spans, and the gold sets."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transkit.errors import LanguageError
from transkit.lang.sentences import sentences, split_sentences


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
            "Did they agree?! Yes... probably. Apples, pears, etc. Then lunch.",
            ["Did they agree?!", "Yes... probably.", "Apples, pears, etc.", "Then lunch."],
        ),
        ("1.) Register online 2.) Pay the fee", ["1.) Register online", "2.) Pay the fee"]),
        ("He paused . . . and left. Nobody followed.", ["He paused . . . and left.", "Nobody followed."]),
        ("It weighs 2.5 kg. of rice, approx. $4 in all.", ["It weighs 2.5 kg. of rice, approx. $4 in all."]),
        ("He was born in 1960. 2024 is different.", ["He was born in 1960.", "2024 is different."]),
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
        (
            '장관은 "지금이 아니면 늦는다… 결단이 필요하다"고 말했다. 회의는 끝났다.',
            ['장관은 "지금이 아니면 늦는다… 결단이 필요하다"고 말했다.', "회의는 끝났다."],
        ),
        (
            "서울은 대한민국의 수도이다.[1] 인구는 약 940만 명이다.[2][3]1446년에 한글이 반포되었다.",
            ["서울은 대한민국의 수도이다.[1]", "인구는 약 940만 명이다.[2][3]", "1446년에 한글이 반포되었다."],
        ),
        ("미국 U.S. 국무부는 발표했다. 끝.", ["미국 U.S. 국무부는 발표했다.", "끝."]),
    ],
)
def test_korean(text, expected):
    assert sentences(text, "ko") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("오늘 날씨 진짜 좋네요 산책하기 딱 좋아요 ㅎㅎ", ["오늘 날씨 진짜 좋네요", "산책하기 딱 좋아요 ㅎㅎ"]),
        ("헐 이게 실화냐 말도 안 돼 ㅋㅋㅋ", ["헐 이게 실화냐", "말도 안 돼 ㅋㅋㅋ"]),
        ("택배가 안 왔어요 ㅠㅠ 벌써 일주일째예요", ["택배가 안 왔어요 ㅠㅠ", "벌써 일주일째예요"]),
        (
            "주말에 뭐 하세요? 저는 쉬려고요 ^^ 다음 주에 봐요",
            ["주말에 뭐 하세요?", "저는 쉬려고요 ^^", "다음 주에 봐요"],
        ),
        ("퇴근하고 헬스장 갔다 왔음 죽을 뻔했음 ㅋㅋ", ["퇴근하고 헬스장 갔다 왔음", "죽을 뻔했음 ㅋㅋ"]),
        ("기사 잘 읽었습니다 근데 출처가 어디인가요?", ["기사 잘 읽었습니다", "근데 출처가 어디인가요?"]),
        ("회담은 95분 동안 이어졌다 이어졌다 이어졌다.", ["회담은 95분 동안 이어졌다 이어졌다 이어졌다."]),
    ],
)
def test_korean_without_final_punctuation(text, expected):
    assert sentences(text, "ko") == expected


@pytest.mark.parametrize(
    "text",
    [
        "캐나다 정부는 해마다 열리는 회의에 참석한다.",
        "예상보다 필요 없는 비용이 많았다.",
        "공부하다 졸았다고 한다.",
        "아무리 좋다 해도 안 된다.",
        "댓글 보니까 다들 비슷하네요",
        "ㅋㅋㅋ 너무 웃기다",
        "다음 회의는 주요 의제를 다룬다.",
    ],
)
def test_korean_words_that_only_look_final_do_not_end_a_sentence(text):
    assert sentences(text, "ko") == [text]


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
        ("Hà Nội rét 15 độ C. Vùng núi dưới 10 độ C.", ["Hà Nội rét 15 độ C.", "Vùng núi dưới 10 độ C."]),
        (
            "Giá vàng tăng lên 74,5 triệu đồng. Thị trường giảm nhẹ.",
            ["Giá vàng tăng lên 74,5 triệu đồng.", "Thị trường giảm nhẹ."],
        ),
    ],
)
def test_vietnamese(text, expected):
    assert sentences(text, "vi") == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Visit www.mofa.go.kr. Then call.", "en", ["Visit www.mofa.go.kr.", "Then call."]),
        (
            "Read https://example.gov/a.b. The page. Mail press@mofa.go.kr. Done.",
            "en",
            ["Read https://example.gov/a.b.", "The page.", "Mail press@mofa.go.kr.", "Done."],
        ),
        ("Run `make test. Then` now. Done.", "en", ["Run `make test. Then` now.", "Done."]),
        ("자세한 내용은 www.mofa.go.kr.참고 바란다", "ko", ["자세한 내용은 www.mofa.go.kr.참고 바란다"]),
        (
            "Xem tại www.baochinhphu.vn. Sau đó gọi. Giá 1.245,3 điểm.",
            "vi",
            ["Xem tại www.baochinhphu.vn.", "Sau đó gọi.", "Giá 1.245,3 điểm."],
        ),
    ],
)
def test_no_boundary_inside_urls_emails_numbers_or_inline_code(text, lang, expected):
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("He wrote Hello. World on the board. Done.", "en"),
        ("그는 칠판에 Hello. World 라고 썼다. 끝.", "ko"),
        ("Anh ấy viết Hello. World lên bảng. Xong.", "vi"),
    ],
)
def test_no_boundary_inside_spans_the_caller_protects(text, lang):
    start = text.index("Hello")
    end = start + len("Hello. World")
    assert len(split_sentences(text, lang)) == 3
    first, second = split_sentences(text, lang, protected=[(start, end)])
    assert first[0] < start and end < first[1] < second[0]


def test_spans_keep_the_whitespace_between_sentences():
    text = "  First one.\n\tSecond one!   "
    assert split_sentences(text, "en") == [(2, 12), (14, 25)]


def test_repeated_calls_return_fresh_lists():
    first = split_sentences("One. Two.", "en")
    first.clear()
    assert split_sentences("One. Two.", "en") == [(0, 4), (5, 9)]


def test_blank_text_has_no_sentences_and_languages_are_normalised():
    assert split_sentences("", "en") == []
    assert split_sentences(" \n ", "ko-KR") == []
    assert sentences("Xin chào. Tạm biệt.", "vi_VN") == ["Xin chào.", "Tạm biệt."]
    with pytest.raises(LanguageError):
        split_sentences("Hola.", "es")


_TEXT = st.text(alphabet=st.sampled_from(list("aZ가다요ㅋ^ .?!…\"')([1]\n\tMr.ĐTP`w@")), max_size=60)


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


@cache
def _benchmark() -> ModuleType:
    """``benchmarks/segmentation.py``, which reads and scores the gold sets."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "segmentation.py"
    spec = importlib.util.spec_from_file_location("segmentation_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# The goals: English >= 0.98 boundary F1 on hard cases, Korean >= 0.95 on news prose and >= 0.90 on
# informal text, Vietnamese >= 0.98 on news prose.
_FLOORS = {"en-hard": 0.98, "en-news": 0.98, "ko-news": 0.95, "ko-wiki": 0.95, "ko-informal": 0.90, "vi-news": 0.98}


@pytest.mark.parametrize("name", sorted(_FLOORS))
def test_gold_sets_meet_the_f1_goals(name):
    bench = _benchmark()
    cases = bench.read_gold(bench.GOLD / f"{name}.txt")
    lang = name.split("-")[0]
    assert sum(len(c.sentences) for c in cases) >= 50
    result = bench.score(cases, lambda text: sentences(text, lang))
    assert result.f1 >= _FLOORS[name], result


@pytest.mark.parametrize(("name", "lang"), [("en-news", "en"), ("ko-news", "ko"), ("vi-news", "vi")])
def test_a_long_text_splits_as_its_paragraphs_do(name, lang):
    cases = _benchmark().read_gold(_benchmark().GOLD / f"{name}.txt") * 2
    text = " ".join(case.text for case in cases)
    assert len(text) > 5000  # English: several of the windows pySBD is given at a time
    assert sentences(text, lang) == [s for case in cases for s in sentences(case.text, lang)]


def test_gold_reader_joins_sentences_as_the_file_says(tmp_path):
    bench = _benchmark()
    path = tmp_path / "ko-x.txt"
    path.write_text("# comment\n\n만났다.\n+양측은 논의했다.\n\nA.\nB.\n", encoding="utf-8")
    cases = bench.read_gold(path)
    assert [c.text for c in cases] == ["만났다.양측은 논의했다.", "A. B."]
    assert cases[0].sentences == ("만났다.", "양측은 논의했다.")
    assert bench.boundaries(["만났다.", "양측은 논의했다."]) == {4}


@settings(max_examples=200, deadline=None)
@given(
    _TEXT, st.sampled_from(["en", "ko", "vi"]), st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=4)
)
def test_no_protected_span_is_shared_by_two_sentences(text, lang, starts_and_lengths):
    protected = [(a, a + n) for a, n in starts_and_lengths]
    spans = split_sentences(text, lang, protected=protected)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert not any(a < end and start < b for a, b in protected)
