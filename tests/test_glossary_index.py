"""glossary.index.TermIndex: what the glossary says about a written form, in en/ko/vi, under lang.normalize."""

from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest

from transkit.glossary.index import TermIndex, per_index
from transkit.glossary.matcher import Matcher
from transkit.glossary.model import Concept, Glossary, Role, Term


@pytest.fixture(scope="module")
def index() -> TermIndex:
    concepts = [
        Concept(
            "T_US_DEPSEC",
            "title",
            (
                Term("Deputy Secretary of State", "en"),
                Term("Deputy Foreign Minister", "en", "forbidden"),
                Term("국무부 부장관", "ko"),
                Term("국무부 차관", "ko", "forbidden"),
                Term("Thứ trưởng Ngoại giao Mỹ", "vi"),
            ),
            scope="US",
        ),
        Concept(
            "T_VN_DEPFM",
            "title",
            (
                Term("Deputy Minister of Foreign Affairs", "en"),
                Term("Deputy Foreign Minister", "en", "admitted"),
                Term("Thứ trưởng Bộ Ngoại giao", "vi"),
            ),
            scope="VN",
        ),
        Concept(
            "P_CAMPBELL",
            "person",
            (Term("Kurt Campbell", "en"), Term("커트 캠벨", "ko"), Term("Kurt Campbell", "vi")),
            roles=(Role("T_US_DEPSEC", "US", date(2024, 2, 12), date(2025, 1, 20)),),
        ),
        Concept("L_HOA_BINH", "place", (Term("Hòa Bình", "vi"), Term("Hoa Binh", "en"))),
        Concept("O_NSC", "org", (Term("National Security Council", "en", "admitted"),)),
    ]
    return TermIndex(Glossary({c.id: c for c in concepts}))


def test_lookup_lists_every_concept_using_a_form_with_its_status(index: TermIndex) -> None:
    found = index.lookup("deputy foreign\u00a0minister", "en")
    assert [(c.concept.id, c.term.status, c.approved) for c in found] == [
        ("T_US_DEPSEC", "forbidden", False),
        ("T_VN_DEPFM", "admitted", True),
    ]
    assert index.lookup("Deputy Foreign Minister", "en", types=("person",)) == []
    assert [c.concept.id for c in index.lookup("국무부\u3000차관", "ko")] == ["T_US_DEPSEC"]


def test_forms_are_compared_as_the_matcher_compares_them(index: TermIndex) -> None:
    matches = Matcher(index.glossary).find("Lũ ở Hoà Bình; THỨ TRƯỞNG NGOẠI GIAO MỸ Kurt Campbell.", "vi")
    for m in matches:
        assert index.status(m.concept, "vi", m.text) == "preferred", m.text
    assert [m.concept for m in matches] == ["L_HOA_BINH", "T_US_DEPSEC", "P_CAMPBELL"]
    assert index.term("L_HOA_BINH", "vi", "Hoa\u0300 Bi\u0300nh") is not None  # NFD, new tone placement
    assert index.status("L_HOA_BINH", "vi", "Hoa Binh") is None  # diacritics are letters


def test_per_concept_status_and_the_term_to_enforce(index: TermIndex) -> None:
    assert index.status("T_US_DEPSEC", "en", "Deputy Foreign Minister") == "forbidden"
    assert index.status("T_VN_DEPFM", "en", "Deputy Foreign Minister") == "admitted"
    assert index.target("T_US_DEPSEC", "ko").text == "국무부 부장관"  # type: ignore[union-attr]
    assert index.target("O_NSC", "en").text == "National Security Council"  # type: ignore[union-attr]
    assert index.target("O_NSC", "ko") is None
    assert [t.text for t in index.approved("T_VN_DEPFM", "en")] == [
        "Deputy Minister of Foreign Affairs",
        "Deputy Foreign Minister",
    ]
    with pytest.raises(KeyError):
        index.target("T_UNKNOWN", "en")


def test_forms_and_words_by_type_dates_and_preferred_text(index: TermIndex) -> None:
    assert index.approved_forms("vi", "title") == {"thứ trưởng ngoại giao mỹ", "thứ trưởng bộ ngoại giao"}
    assert "foreign" in index.words("en", "title") and "campbell" not in index.words("en", "title")
    assert index.words("ko", "title") == {"국무부", "부장관"}
    assert index.preferred_text("T_VN_DEPFM", "vi") == "Thứ trưởng Bộ Ngoại giao"
    assert index.preferred_text("T_UNKNOWN", "vi") is None
    assert [r.title for r in index.roles("P_CAMPBELL", date(2024, 3, 4))] == ["T_US_DEPSEC"]
    assert index.roles("P_CAMPBELL", date(2023, 3, 4)) == []
    assert index.concept("T_UNKNOWN") is None


def _glossary(korean_title: str) -> Glossary:
    return Glossary({"T_US_DEPSEC": Concept("T_US_DEPSEC", "title", (Term(korean_title, "ko"),))})


def test_per_index_results_live_on_the_index_and_go_with_it() -> None:
    calls: list[str] = []

    @per_index(maxsize=2)
    def titles(index: TermIndex, lang: str) -> frozenset[str]:
        calls.append(lang)
        return index.approved_forms(lang, "title")

    old = TermIndex(_glossary("국무부 부장관"))
    assert titles(old, "ko") == titles(old, "ko") == {"국무부 부장관"}
    assert calls == ["ko"]  # computed once for this index
    reloaded = TermIndex(_glossary("국무부 제1부장관"))  # the glossary edited and loaded again
    assert titles(reloaded, "ko") == {"국무부 제1부장관"}
    titles(old, "en"), titles(old, "vi"), titles(old, "ko")  # two kept per index: "ko", used least recently, went
    assert calls == ["ko", "ko", "en", "vi", "ko"]
    gone = weakref.ref(old)
    del old
    gc.collect()
    assert gone() is None  # no process-wide cache keeps the old glossary alive
