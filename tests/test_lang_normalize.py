"""lang.normalize: one key for en/ko/vi forms, and offsets that always map back to the caller's characters."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from transkit.lang.normalize import composed, fold_diacritics, normalize, normalized, tidy

# Pieces of realistic text: decomposed Vietnamese syllables (old and new tone placement),
# Hangul as NFD jamo and as syllables, dashes, quotes, spaces, line breaks, invisible characters.
_PIECES = [
    "Ho\u0300a",  # Hòa, NFD, old placement
    "Hoa\u0300",  # Hoà, NFD, new placement
    "thu\u0309y",
    "Nguye\u0302\u0303n",
    "\u0110a\u0323i",  # Đại
    "Bi\u0300nh",
    "\u1112\u1161\u11ab\u1100\u116e\u11a8",  # 한국, jamo
    "\u110b\u116c\u1100\u116d\u1107\u116e",  # 외교부, jamo
    "장관",
    "은",
    "Campbell",
    "IRA",
    "\uff29\uff32\uff21",  # ＩＲＡ
    "\uff12\uff10\uff12\uff14",  # ２０２４
    "-",
    "\u2013",
    "\u2010",
    "'",
    "\u2019",
    "\u201c",
    " ",
    "  ",
    "\u00a0",
    "\t",
    "\n",
    "\n\n",
    "\u200b",
    "\u00ad",
    ",",
]
texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _starts_cluster(text: str, offset: int) -> bool:
    """True when ``offset`` is not inside a character cluster of ``text`` (before a mark or a medial jamo)."""
    if offset in (0, len(text)):
        return True
    ch = text[offset]
    return not (unicodedata.combining(ch) or "\u1160" <= ch <= "\u11ff")


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_spans_map_back_to_cluster_boundaries_of_the_callers_text(text: str, data: st.DataObject) -> None:
    norm = normalized(text)
    cuts = [i for i in range(len(norm.folded) + 1) if _starts_cluster(norm.folded, i)]
    start = data.draw(st.sampled_from(cuts))
    end = data.draw(st.sampled_from([c for c in cuts if c >= start]))
    a, b = norm.span(start, end)
    assert 0 <= a <= b <= len(text)
    assert _starts_cluster(text, a) and _starts_cluster(text, b)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_the_callers_text_at_a_mapped_span_has_the_key_of_the_normalised_span(text: str, data: st.DataObject) -> None:
    norm = normalized(text)
    words = list(re.finditer(r"\w+", norm.folded))
    if not words:
        return
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i, len(words) - 1))
    start, end = words[i].start(), words[j].end()
    a, b = norm.span(start, end)
    assert normalize(text[a:b]) == norm.folded[start:end]


@settings(max_examples=200, deadline=None)
@given(texts)
def test_the_key_is_idempotent_and_the_fast_path_agrees(text: str) -> None:
    key = normalize(text)
    assert normalize(key) == key
    assert key == normalized(text).folded.strip(" ")
    assert normalize(text, case_sensitive=True).lower() == key


@settings(max_examples=200, deadline=None)
@given(texts)
def test_composed_is_nfc_and_maps_every_character_back(text: str) -> None:
    nfc = composed(text)
    assert nfc.text == unicodedata.normalize("NFC", text) and nfc.source == text
    for i in range(len(nfc.text)):
        a, b = nfc.span(i, i + 1)
        assert unicodedata.normalize("NFC", text[a:b]) == nfc.text[i]


def test_vietnamese_old_and_new_tone_placement_are_one_form() -> None:
    assert normalize("Hòa Bình") == normalize("Hoà Bình") == normalize("HOÀ BÌNH") == "hoà bình"
    assert normalize("Thủy điện Sơn La") == normalize("Thuỷ điện Sơn La")
    assert normalize("khỏe") == normalize("khoẻ")
    assert normalize("Bùi") != normalize("Bui")  # diacritics are letters, not decoration


def test_decomposed_vietnamese_and_korean_equal_composed() -> None:
    assert normalize(unicodedata.normalize("NFD", "Thứ trưởng Ngoại giao")) == normalize("Thứ trưởng Ngoại giao")
    assert normalize(unicodedata.normalize("NFD", "외교부 장관")) == "외교부 장관"


def test_dashes_quotes_spaces_and_width() -> None:
    assert normalize("Indo\u2013Pacific") == normalize("Indo-Pacific") == "indo-pacific"
    assert normalize("Korean People\u2019s Army") == "korean people's army"
    assert normalize("\u201cCHIPS\u201d") == '"chips"'
    assert normalize("Deputy\u00a0Secretary \n of\u200b State") == "deputy secretary of state"
    assert normalize("\uff23\uff28\uff29\uff30\uff33\u3000\uff21\uff43\uff54") == "chips act"
    assert normalize("\uff29\uff32\uff21", case_sensitive=True) == "IRA"
    assert normalize("Deputy Secretary \u2014 State") != normalize("Deputy Secretary - State")  # em dash stays
    assert normalize("para one\n\npara two") != normalize("para one para two")  # a blank line is kept


def test_hangul_stays_intact() -> None:
    assert normalize("외교부\uffa0") == "외교부\uffa0"  # a half-width Hangul filler is not folded to a jamo
    assert normalize("ＣＨＩＰＳ법") == "chips법"


def test_fold_diacritics_and_tidy_keep_their_purposes() -> None:
    assert fold_diacritics("Thứ trưởng Bộ Ngoại giao") == "thu truong bo ngoai giao"
    assert normalize("Thứ trưởng") != normalize("Thu truong")
    assert tidy(" Hòa \u00a0Bình\n") == "Hòa Bình"  # nothing folded: the form as typed
