"""The placeholder property: whatever a model does to the tokens, no placeholder reaches the reader, and no
protected span or required term is lost without a word.

Units (text with protected spans: placeholders, tags, URLs) go through :class:`Translator` with the glossary
enforced, over phrase-table engines wrapped in :class:`FaultyEngine` with a fault drawn per token (drop,
duplicate, re-case, split, full-width, invent, glue to words or to a Korean particle, lose the tail). The suite
runs 150 examples of up to four units each (a few seconds); ``-m property`` runs 5,000.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transkit.engines import PivotEngine
from transkit.engines.base import Wrapper
from transkit.engines.faults import FaultyEngine, PhraseEngine
from transkit.formats import Text
from transkit.glossary import load
from transkit.lang.normalize import composed
from transkit.translator import Translator

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "enforce"
DIRECTIONS = [
    ("en", "ko"),
    ("en", "vi"),
    ("ko", "en"),
    ("vi", "en"),
    ("ko", "vi"),
    ("vi", "ko"),
]
# Faults that keep a token recognisable or remove it; markup debris and words are retranslation's job (test_enforce).
FAULTS = (
    "drop",
    "duplicate",
    "case",
    "split",
    "fullwidth",
    "invent",
    "squeeze",
    "particle",
    "truncate",
)
SPANS = (
    "{name}",
    "%s",
    "%(count)d",
    "<b>",
    "</b>",
    "https://mofa.go.kr/eng/brd/m_5676/view.do?seq=320",
    "{{total}}",
)
STRAYS = ("", " zx0q", " ＺＸ０Ｑ", " ZX 0 Q", " QZ0X에서", "QZ1X.", " XQ 3 Z", " jx9q")
# A placeholder of any marker in any case, width or spacing, or an enforcement sentinel (private use area).
LEFTOVER = re.compile(r"(?i)(?:z\s?x|q\s?z|x\s?q|z\s?j|q\s?j|j\s?x)\s?\d+\s?[qxz]?(?![a-z])|[\ue000-\uf8ff]")


@functools.cache
def _glossary():
    return load([ROOT / "glossaries", DATA / "project.yaml"])


@functools.cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    lines = [
        line.rstrip("\n").split("\t")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return tuple(dict(zip(lines[0], row, strict=True)) for row in lines[1:])


def _phrases(source: str, target: str):
    if "en" not in (source, target):
        return PivotEngine(_phrases(source, "en"), _phrases("en", target))
    return PhraseEngine(source, target, {row[source]: row[target] for row in _rows("phrases.tsv")})


@st.composite
def units(draw, lang: str) -> Text:
    """A sentence of the test set with protected spans put between its words."""
    words = draw(st.sampled_from(_rows("sentences.tsv")))[lang].split(" ")
    inserts = draw(st.lists(st.tuples(st.integers(0, len(words)), st.sampled_from(SPANS)), max_size=3))
    for at, span in sorted(inserts, reverse=True):
        words.insert(at, span)
    text = " ".join(words)
    spans, pos = [], 0
    for word in words:
        if word in SPANS:
            spans.append((pos, pos + len(word)))
        pos += len(word) + 1
    return Text(text, tuple(spans))


@st.composite
def cases(draw):
    source, target = draw(st.sampled_from(DIRECTIONS))
    texts = draw(st.lists(units(source), min_size=1, max_size=4))
    faults = draw(st.lists(st.sampled_from(FAULTS), min_size=1, max_size=8))
    return source, target, texts, faults, draw(st.sampled_from(STRAYS))


class Stray(Wrapper):
    """Writes a placeholder-like token of its own after every output, as a model that has seen placeholders
    does even where none was sent (``zx0q``, ``ＺＸ０Ｑ``, ``ZX 0 Q``, a token glued to a Korean particle)."""

    suffix = ""

    @property
    def signature(self) -> str:
        return f"stray({self.inner.signature})"

    def translate(self, texts, *, progress=None):
        return [f"{out}{self.suffix}" for out in self.inner.translate(texts, progress=progress)]


@functools.cache
def _translator(source: str, target: str) -> Translator:
    """One translator per direction (the glossary's matcher is built once); each case sets the faults."""
    engine = Stray(FaultyEngine(_phrases(source, target), "drop"))
    return Translator(source, target, engine=engine, glossary=_glossary(), date=date(2024, 3, 1))


def _check(source: str, target: str, texts: list[Text], faults: list[str], stray: str) -> None:
    translator = _translator(source, target)
    translator.engine.inner.suffix = stray
    translator.engine.inner.inner.faults = tuple(faults)
    for unit, result in zip(texts, translator.translate_texts(texts), strict=True):
        out = result.text
        assert not LEFTOVER.search(composed(out, glyphs=True).text), (
            unit.text,
            faults,
            out,
        )
        for a, b in unit.protected:
            span = unit.text[a:b]
            assert out.count(span) >= unit.text.count(span), (
                span,
                unit.text,
                faults,
                out,
            )
        for segment in result.segments:
            for term in segment.terms:
                assert term.status == "failed" or term.target in out, (
                    term,
                    unit.text,
                    faults,
                    out,
                )
        # every term the glossary requires was looked at: none skipped without a report
        assert sum(len(s.terms) for s in result.segments) >= 1 or not any(
            row[source] in unit.text for row in _rows("sentences.tsv")
        )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_no_placeholder_survives_and_nothing_is_lost_silently(case):
    _check(*case)


@pytest.mark.property
@settings(max_examples=5_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_no_placeholder_survives_many_examples(case):
    _check(*case)
