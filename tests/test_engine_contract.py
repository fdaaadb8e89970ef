"""The contract every translation engine keeps, run over each engine (after translate-toolkit's store tests).

:class:`EngineContract` holds the tests. Each ``Test...Engine`` class below subclasses it and says how its
engine is built (:meth:`~EngineContract.make`), what it translates (``sentences``, in the engine's source
language, of different token lengths, with different translations), which options must change its
signature (``variants``) and which only decide speed and must not (``neutral``). Engines that return
k-best hypotheses add :class:`NBestContract`. Marian and CTranslate2 run with the slow tests, on the tiny
models of the test session.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest

from transkit.enforce import GlossaryEngine
from transkit.engines import DictionaryEngine, FunctionEngine, PivotEngine
from transkit.engines.base import Engine, NBestEngine
from transkit.engines.faults import FAULTS, KNOWN_MT_ERRORS, FaultyEngine, PhraseEngine
from transkit.glossary import load
from transkit.glossary.model import Glossary

ROOT = Path(__file__).resolve().parents[1]
BLANKS = ["", " ", "\n\t "]

KO_EN = {
    "서울.": "Seoul.",
    "회담이 끝났다.": "The talks ended.",
    "두 장관은 서울에서 만났다.": "The two ministers met in Seoul.",
    "양측은 경제 안보를 오늘 논의했다.": "Both sides discussed economic security today.",
}
EN_VI = {
    "Seoul.": "Seoul.",
    "The talks ended.": "Cuộc hội đàm đã kết thúc.",
    "The two ministers met in Seoul.": "Hai bộ trưởng đã gặp nhau tại Seoul.",
    "Both sides discussed economic security today.": "Hai bên đã thảo luận về an ninh kinh tế hôm nay.",
}
VI_NEWS = (
    "Ông Kurt Campbell.",
    "Thứ trưởng Ngoại giao Mỹ Kurt Campbell phát biểu.",
    "Đạo luật CHIPS và Khoa học được Quốc hội Mỹ thông qua năm 2022.",
)


@functools.cache
def glossary(*names: str) -> Glossary:
    """The repository's glossary (all of it, or the named files of glossaries/), loaded once."""
    return load([ROOT / "glossaries" / name for name in names] if names else [ROOT / "glossaries"])


class EngineContract:
    """The tests; a subclass names one engine. Not collected itself (its name does not start with Test)."""

    sentences: ClassVar[tuple[str, ...]]
    word: ClassVar[str]  # repeated to make a text of max_tokens tokens
    defaults: ClassVar[dict[str, Any]] = {}
    variants: ClassVar[dict[str, dict[str, Any]]] = {}  # label -> options that must change the signature
    neutral: ClassVar[dict[str, dict[str, Any]]] = {}  # label -> options that must not

    def make(self, **options: Any) -> Engine:
        """The engine under test, built with ``defaults`` updated by ``options``."""
        raise NotImplementedError

    @pytest.fixture
    def engine(self) -> Engine:
        return self.make()

    # -- translation ----------------------------------------------------------------------------

    def test_is_an_engine(self, engine):
        assert isinstance(engine, Engine)
        assert engine.source != engine.target

    def test_one_translation_per_sentence_in_input_order(self, engine):
        texts = list(self.sentences)
        outputs = engine.translate(texts)
        assert len(outputs) == len(texts) and all(isinstance(o, str) and o.strip() for o in outputs)
        assert len(set(outputs)) == len(outputs), "the sentences must translate differently for order to show"
        assert engine.translate(texts[::-1]) == outputs[::-1]
        assert engine.translate(texts[:1]) == outputs[:1]

    def test_repeated_sentences_keep_the_batch_length(self, engine):
        texts = [self.sentences[0], self.sentences[1], self.sentences[0]]
        outputs = engine.translate(texts)
        assert len(outputs) == 3 and outputs[0] == outputs[2] != outputs[1]

    def test_empty_batch(self, engine):
        finished: list[int] = []
        assert engine.translate([], progress=finished.append) == []
        assert sum(finished) == 0

    def test_blank_sentences_translate_to_empty_strings(self, engine):
        (expected,) = engine.translate([self.sentences[0]])
        assert engine.translate([*BLANKS, self.sentences[0], ""]) == ["", "", "", expected, ""]
        assert engine.translate(BLANKS) == ["", "", ""]

    def test_progress_counts_every_sentence(self, engine):
        finished: list[int] = []
        engine.translate([*self.sentences, " "], progress=finished.append)
        assert sum(finished) == len(self.sentences) + 1 and all(n >= 0 for n in finished)

    # -- signature ------------------------------------------------------------------------------

    def test_signature_is_stable(self, engine):
        signature = engine.signature
        assert signature and "0x" not in signature, "no object ids: the signature must be the same in every process"
        assert self.make().signature == signature
        engine.translate(list(self.sentences[:2]))
        assert engine.signature == signature

    def test_signature_changes_with_every_option_that_changes_output(self, engine):
        signatures = {"defaults": engine.signature}
        for label, options in self.variants.items():
            signature = self.make(**options).signature
            same = [other for other, seen in signatures.items() if seen == signature]
            assert not same, f"{label} gives the signature of {same[0]}: {signature}"
            signatures[label] = signature

    def test_signature_ignores_options_that_only_decide_speed(self, engine):
        for label, options in self.neutral.items():
            assert self.make(**options).signature == engine.signature, label

    # -- tokens ---------------------------------------------------------------------------------

    def test_count_tokens_counts_the_text_alone(self, engine):
        assert engine.count_tokens("") == 0
        counts = [engine.count_tokens(text) for text in self.sentences]
        assert all(n > 0 for n in counts)
        assert engine.count_tokens(f"{self.sentences[0]} {self.sentences[1]}") > max(counts[:2])

    def test_a_text_of_max_tokens_translates_whole(self, engine):
        words = [self.word]
        while engine.count_tokens(" ".join([*words, self.word])) <= engine.max_tokens:
            words.append(self.word)
        text = " ".join(words)
        assert engine.count_tokens(text) <= engine.max_tokens < engine.count_tokens(f"{text} {self.word}")
        (output,) = engine.translate([text])
        assert output.strip()


class NBestContract:
    """The k-best part of the contract, for engines that offer ``translate_nbest``."""

    sentences: ClassVar[tuple[str, ...]]

    def test_offers_nbest(self, engine):
        assert isinstance(engine, NBestEngine)

    def test_nbest_shape(self, engine):
        texts = [*self.sentences, *BLANKS]
        hypotheses = engine.translate_nbest(texts, 3)
        assert len(hypotheses) == len(texts)
        for found in hypotheses[: len(self.sentences)]:
            assert 1 <= len(found) <= 3 and len(set(found)) == len(found) and all(h.strip() for h in found)
        assert hypotheses[len(self.sentences) :] == [[""]] * len(BLANKS)
        assert engine.translate_nbest(texts[::-1], 3) == hypotheses[::-1]

    def test_the_first_of_one_hypothesis_is_the_translation(self, engine):
        texts = list(self.sentences)
        assert engine.translate_nbest(texts, 1) == [[text] for text in engine.translate(texts)]

    def test_nbest_needs_one_hypothesis_at_least(self, engine):
        with pytest.raises(ValueError, match="at least 1"):
            engine.translate_nbest(list(self.sentences), 0)


# -- fakes ----------------------------------------------------------------------------------------


class TestFunctionEngine(EngineContract):
    sentences = ("Seoul.", "The talks ended.", "The two ministers met in Seoul.")
    word = "Seoul"
    defaults: ClassVar[dict[str, Any]] = {"source": "en", "target": "vi", "function": str.upper}
    variants: ClassVar[dict[str, dict[str, Any]]] = {
        "name": {"name": "lower", "function": str.lower},
        "source": {"source": "ko"},
        "target": {"target": "ko"},
        "max_tokens": {"max_tokens": 16},
    }

    def make(self, **options):
        o = {**self.defaults, **options}
        return FunctionEngine(o.pop("source"), o.pop("target"), o.pop("function"), **o)


class TestDictionaryEngine(EngineContract):
    sentences = tuple(KO_EN)
    word = "서울"
    defaults: ClassVar[dict[str, Any]] = {"source": "ko", "target": "en", "table": KO_EN}
    variants: ClassVar[dict[str, dict[str, Any]]] = {
        "table": {"table": {**KO_EN, "서울.": "Seoul (South Korea)."}},
        "target": {"target": "vi"},
        "max_tokens": {"max_tokens": 16},
    }

    def make(self, **options):
        o = {**self.defaults, **options}
        return DictionaryEngine(o.pop("source"), o.pop("target"), o.pop("table"), **o)


class TestPhraseEngine(EngineContract):
    sentences = VI_NEWS
    word = "Campbell"
    defaults: ClassVar[dict[str, Any]] = {"source": "vi", "target": "en", "table": KNOWN_MT_ERRORS[("vi", "en")]}
    variants: ClassVar[dict[str, dict[str, Any]]] = {
        "table": {"table": {"Thứ trưởng Ngoại giao Mỹ": "US Deputy Secretary of State"}},
        "name": {"name": "errors"},
        "max_tokens": {"max_tokens": 16},
    }

    def make(self, **options):
        o = {**self.defaults, **options}
        return PhraseEngine(o.pop("source"), o.pop("target"), o.pop("table"), **o)


class TestPivotEngine(EngineContract):
    sentences = tuple(KO_EN)
    word = "서울"
    defaults: ClassVar[dict[str, Any]] = {"first": KO_EN, "second": EN_VI}
    variants: ClassVar[dict[str, dict[str, Any]]] = {
        "first": {"first": {**KO_EN, "서울.": "Seoul, Korea."}},
        "second": {"second": {**EN_VI, "Seoul.": "Xơ-un."}},
    }

    def make(self, **options):
        o = {**self.defaults, **options}
        return PivotEngine(DictionaryEngine("ko", "en", o["first"]), DictionaryEngine("en", "vi", o["second"]))


class TestFaultyEngine(EngineContract):
    """Every fault injector, each over a phrase engine that carries placeholder tokens through."""

    sentences = ("ZX0Q gặp ZX1Q.", "Hôm nay ZX0Q gặp ZX1Q.", "Hôm nay ZX0Q gặp ZX1Q tại ZX2Q.")
    word = "gặp"
    table: ClassVar[dict[str, str]] = {"gặp": "met", "Hôm nay": "Today", "tại": "in"}

    @pytest.fixture(autouse=True, params=FAULTS)
    def fault(self, request):
        self.defaults = {"fault": request.param, "table": self.table}
        other = FAULTS[(FAULTS.index(request.param) + 1) % len(FAULTS)]
        self.variants = {
            "fault": {"fault": other},
            "faults": {"fault": (request.param, other)},
            "inner": {"table": {**self.table, "tại": "at"}},
        }

    def make(self, **options):
        o = {**self.defaults, **options}
        return FaultyEngine(PhraseEngine("vi", "en", o["table"]), o["fault"])


class GlossaryContract(EngineContract):
    """A glossary engine over the known MT errors, in one mode."""

    sentences = VI_NEWS
    word = "Campbell"
    mode: ClassVar[str]

    def make(self, **options):
        o = {"table": KNOWN_MT_ERRORS[("vi", "en")], "glossary": glossary(), "mode": self.mode, **options}
        inner = PhraseEngine("vi", "en", o.pop("table"))
        return GlossaryEngine(inner, o.pop("glossary"), **o)


class TestGlossaryEngineEnforce(GlossaryContract):
    mode = "enforce"
    variants: ClassVar[dict[str, dict[str, Any]]] = {
        "inner": {"table": {"Thứ trưởng Ngoại giao Mỹ": "US Deputy Foreign Minister"}},
        "glossary": {"glossary": glossary("people.yaml", "titles.yaml")},
        "mode": {"mode": "verify"},
        "date": {"date": date(2024, 3, 1)},
        "protect": {"protect": False},
        "protect_identical": {"protect_identical": True},
        "nbest": {"nbest": 3},
    }

    def test_options_make_a_difference_the_signature_shows(self):
        """The options in ``variants`` do change translations (so a signature without them would be wrong)."""
        baseline = self.make().translate(list(self.sentences))
        assert self.make(glossary=glossary("laws.yaml")).translate(list(self.sentences)) != baseline
        assert self.make(mode="verify").translate(list(self.sentences)) != baseline


class KBestPhraseEngine(PhraseEngine):
    """A phrase engine with k-best: its translation, then the source left as it is (an untranslated hypothesis)."""

    def translate_nbest(self, texts, k):
        return [list(dict.fromkeys([output, text]))[:k] for output, text in zip(self.translate(texts), texts)]


class TestGlossaryEngineKBest(GlossaryContract):
    """Enforcement that reranks k-best hypotheses instead of protecting terms."""

    mode = "enforce"
    variants: ClassVar[dict[str, dict[str, Any]]] = {"nbest": {"nbest": 0}, "protect": {"protect": True}}

    def make(self, **options):
        o = {"glossary": glossary(), "protect": False, "nbest": 3, **options}
        return GlossaryEngine(KBestPhraseEngine("vi", "en", KNOWN_MT_ERRORS[("vi", "en")]), o.pop("glossary"), **o)

    def test_reranks(self, engine):
        engine.translate(list(self.sentences))
        assert any("k-best reranking" in note for segment in engine.report.segments for note in segment.recoveries)


class TestGlossaryEngineVerify(GlossaryContract):
    mode = "verify"
    variants: ClassVar[dict[str, dict[str, Any]]] = {
        "inner": {"table": {"Thứ trưởng Ngoại giao Mỹ": "US Deputy Foreign Minister"}},
        "glossary": {"glossary": glossary("people.yaml", "titles.yaml")},
        "mode": {"mode": "enforce"},
    }
    neutral: ClassVar[dict[str, dict[str, Any]]] = {
        "date": {"date": date(2024, 3, 1)},
        "protect": {"protect": False},
        "nbest": {"nbest": 3},
    }


class TestGlossaryEngineOff(GlossaryContract):
    mode = "off"
    variants: ClassVar[dict[str, dict[str, Any]]] = {
        "inner": {"table": {"Thứ trưởng Ngoại giao Mỹ": "US Deputy Foreign Minister"}},
    }
    neutral: ClassVar[dict[str, dict[str, Any]]] = {
        "glossary": {"glossary": glossary("people.yaml")},
        "protect": {"protect": False},
    }

    def test_signature_is_the_inner_engines(self, engine):
        assert engine.signature == engine.inner.signature


# -- models (slow) ----------------------------------------------------------------------------------

# Toy-corpus sentences of different token lengths, which the trained tiny models translate exactly.
EN_CORPUS = (
    "The talks lasted two hours.",
    "The minister visited Hanoi on Monday.",
    "Officials agreed to meet again next year.",
)


class ModelContract(EngineContract, NBestContract):
    """A tiny model of the session (built once, see tests/conftest.py), en->vi through a multilingual model."""

    sentences = EN_CORPUS
    word = "Seoul"
    defaults: ClassVar[dict[str, Any]] = {"model": "en-multi", "source": "en", "target": "vi"}
    variants: ClassVar[dict[str, dict[str, Any]]] = {
        "model": {"model": "en-ko-random", "target": "ko"},
        "target": {"target": "ko"},
        "beam": {"beam": 2},
        "max_length": {"max_length": 64},
    }
    neutral: ClassVar[dict[str, dict[str, Any]]] = {
        "batch_tokens": {"batch_tokens": 64},
        "max_batch_size": {"max_batch_size": 1},
    }

    @pytest.fixture(autouse=True)
    def models(self, tiny_model):
        self.tiny_model = tiny_model

    def options(self, **options: Any) -> dict[str, Any]:
        o = {**self.defaults, **options, "device": "cpu"}
        o["model"] = str(self.tiny_model(o["model"]))
        return o


@pytest.mark.slow
class TestMarianEngine(ModelContract):
    def make(self, **options):
        from transkit.engines.marian import MarianEngine

        return MarianEngine(**self.options(**options))


@pytest.fixture(scope="module")
def ct2_cache(tmp_path_factory):
    """One conversion cache for the module: each model is converted once."""
    return tmp_path_factory.mktemp("ct2-cache")


@pytest.mark.slow
class TestCt2Engine(ModelContract):
    variants: ClassVar[dict[str, dict[str, Any]]] = {**ModelContract.variants, "compute_type": {"compute_type": "int8"}}
    neutral: ClassVar[dict[str, dict[str, Any]]] = {**ModelContract.neutral, "inter_threads": {"inter_threads": 1}}

    @pytest.fixture(autouse=True)
    def cache(self, ct2_cache):
        pytest.importorskip("ctranslate2")
        self.cache_dir = ct2_cache

    def make(self, **options):
        from transkit.engines.ct2 import Ct2Engine

        return Ct2Engine(**{"compute_type": "float32", "cache_dir": self.cache_dir, **self.options(**options)})
