"""Masking protected spans with placeholder tokens and restoring them from mangled model output."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transkit.text.placeholders import Masked, Restored, mask, unmask

URL = "https://www.mofa.go.kr/eng"
EN = f"Read the statement at {URL} or write to press@mofa.go.kr today."
URL_SPAN = (EN.index(URL), EN.index(URL) + len(URL))
MAIL_SPAN = (EN.index("press@"), EN.index(" today"))


def test_mask_numbers_spans_in_the_given_order():
    masked = mask(EN, [MAIL_SPAN, URL_SPAN])
    assert masked.text == "Read the statement at ZX1Q or write to ZX0Q today."
    assert masked.originals == ("press@mofa.go.kr", URL)
    assert masked.replacements == masked.originals
    assert masked.token(1) == "ZX1Q"


def test_exact_tokens_restore_into_korean_and_vietnamese():
    masked = mask(EN, [URL_SPAN, MAIL_SPAN])
    ko = unmask("성명은 ZX0Q 에서 볼 수 있으며 ZX1Q로 문의하면 된다.", masked)
    assert ko == Restored(f"성명은 {URL} 에서 볼 수 있으며 press@mofa.go.kr로 문의하면 된다.", (), ())
    assert ko.ok
    vi = unmask("Đọc tuyên bố tại ZX0Q hoặc viết cho ZX1Q hôm nay.", masked)
    assert vi.text == f"Đọc tuyên bố tại {URL} hoặc viết cho press@mofa.go.kr hôm nay."
    assert vi.recovered == ()


@pytest.mark.parametrize(
    ("mangled", "damage"),
    [
        ("ZX 0 Q", "spacing"),
        ("Z X0Q", "spacing"),
        ("zx0q", "case"),
        ("Zx0Q", "case"),
        ("ZX0", "truncated"),
        ("zx 0", "spacing, case, truncated"),
    ],
)
def test_mangled_tokens_are_repaired_and_reported(mangled, damage):
    masked = mask(EN, [URL_SPAN])
    restored = unmask(f"Xem tại {mangled} ngay.", masked)
    assert restored.text == f"Xem tại {URL} ngay."
    assert restored.recovered == (f"repaired placeholder {mangled!r} -> 'ZX0Q' ({damage})",)
    assert restored.ok


def test_token_glued_to_a_word_is_restored():
    masked = mask(EN, [URL_SPAN])
    assert unmask("웹사이트ZX0Q에서 확인", masked).text == f"웹사이트{URL}에서 확인"


def test_lost_tail_does_not_swallow_the_next_word():
    masked = mask(EN, [URL_SPAN])
    assert unmask("see ZX0 Quickly", masked).text == f"see {URL} Quickly"


def test_duplicate_is_restored_once_and_removed():
    masked = mask(EN, [URL_SPAN])
    restored = unmask("Xem ZX0Q ZX0Q ngay.", masked)
    assert restored.text == f"Xem {URL} ngay."
    assert restored.recovered == ("removed duplicate placeholder 'ZX0Q'",)
    assert restored.ok


def test_invented_token_is_removed():
    masked = mask(EN, [URL_SPAN])
    restored = unmask("Xem ZX0Q và ZX7Q.", masked)
    assert restored.text == f"Xem {URL} và."
    assert restored.recovered == ("removed unknown placeholder 'ZX7Q'",)


def test_dropped_token_is_missing():
    masked = mask(EN, [URL_SPAN, MAIL_SPAN])
    restored = unmask("Đọc tuyên bố hoặc viết cho ZX1Q.", masked)
    assert restored.text == "Đọc tuyên bố hoặc viết cho press@mofa.go.kr."
    assert restored.missing == (0,)
    assert not restored.ok


def test_replacements_put_the_approved_term_back():
    text = "Deputy Secretary Campbell met Minister Cho."
    spans = [(0, 16), (30, 38)]
    masked = mask(text, spans, replacements=["부장관", "장관"])
    assert masked.text == "ZX0Q Campbell met ZX1Q Cho."
    assert masked.originals == ("Deputy Secretary", "Minister")
    restored = unmask("캠벨 ZX0Q은 조 ZX1Q과 만났다.", masked)
    assert restored.text == "캠벨 부장관은 조 장관과 만났다."


def test_marker_avoids_text_that_already_looks_like_a_token():
    text = "Model ZX9Q and qz 3x are products; see https://a.example."
    start = text.index("https")
    masked = mask(text, [(start, len(text) - 1)])
    assert masked.head == "XQ"
    assert masked.text == "Model ZX9Q and qz 3x are products; see XQ0Z."
    restored = unmask(masked.text, masked)
    assert restored.text == text
    assert restored.recovered == ()


def test_no_spans_is_the_identity():
    masked = mask("Xin chào.", [])
    assert masked == Masked("Xin chào.", (), ())
    assert unmask("Hello.", masked) == Restored("Hello.", (), ())


@pytest.mark.parametrize(
    ("spans", "message"),
    [([(3, 3)], "empty"), ([(0, 99)], "outside"), ([(0, 5), (4, 8)], "overlap")],
)
def test_bad_spans_are_rejected(spans, message):
    with pytest.raises(ValueError, match=message):
        mask("Bộ trưởng Ngoại giao", spans)


def test_replacement_count_must_match():
    with pytest.raises(ValueError, match="1 replacements for 2 spans"):
        mask("a b c", [(0, 1), (2, 3)], replacements=["x"])


@st.composite
def _text_and_spans(draw):
    text = draw(st.text(alphabet=st.sampled_from(list("ab장관 .Zzx0Q9\n")), min_size=1, max_size=40))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=8)))
    pairs = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    return text, draw(st.permutations(pairs))


@settings(max_examples=300, deadline=None)
@given(_text_and_spans())
def test_round_trip_and_no_token_left(case):
    text, spans = case
    masked = mask(text, spans)
    restored = unmask(masked.text, masked)
    assert restored.text == text
    assert restored.ok and restored.recovered == ()


def test_scrub_removes_tokens_the_model_invented_and_keeps_those_in_the_source():
    from transkit.text import scrub

    assert scrub("Họ gặp ZX0Q tại QZ1X.", "They met ZX0Q there.") == ("Họ gặp ZX0Q tại.", ("QZ1X",))
    assert scrub("회담은 끝났다.", "The talks ended.") == ("회담은 끝났다.", ())


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("Xem ZX0QX.", "Xem https://mofa.go.kr/2024-02-29."),  # a stray marker letter after the token
        ("Xem ZX0X.", "Xem https://mofa.go.kr/2024-02-29."),  # the tail replaced by a head letter
        ("ＺＸ０Ｑ에서 보세요.", "https://mofa.go.kr/2024-02-29에서 보세요."),  # full-width, glued to a particle
    ],
)
def test_damaged_tokens_leave_no_letter_behind(output, expected):
    masked = mask("See https://mofa.go.kr/2024-02-29.", [(4, 33)])
    restored = unmask(output, masked)
    assert (restored.text, restored.ok) == (expected, True)


def test_a_letter_of_the_source_after_a_span_is_kept():
    masked = mask("0X", [(0, 1)])  # the source itself has an X right after the span
    assert unmask(masked.text, masked).text == "0X"


@pytest.mark.parametrize(
    ("output", "invented", "expected"),
    [
        ("QZ0X에서 회담이 끝났다.", "QZ0X", "에서 회담이 끝났다."),  # no \b between X and a Hangul particle
        ("회담은 끝났다 zx0q.", "zx0q", "회담은 끝났다."),
        ("Cuộc hội đàm kết thúc ＺＸ０Ｑ.", "ＺＸ０Ｑ", "Cuộc hội đàm kết thúc."),
        ("The talks ended ZX 0 Q.", "ZX 0 Q", "The talks ended."),
    ],
)
def test_scrub_removes_invented_tokens_in_any_form(output, invented, expected):
    from transkit.text import scrub

    assert scrub(output, "The talks ended.") == (expected, (invented,))
