"""The CTranslate2 engine against the transformers engine, on tiny models built locally."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ctranslate2")

from transkit.engines import PivotEngine
from transkit.engines import convert as convert_module
from transkit.engines.ct2 import Ct2Engine, thread_plan
from transkit.engines.marian import MarianEngine
from transkit.errors import ModelError, UsageError
from transkit.testing import toy_corpus
from transkit.translator import Translator

pytestmark = pytest.mark.slow

CORPUS = toy_corpus()
SRC = Path(__file__).resolve().parents[1] / "src"

# (tiny model, source, target): bilingual, multilingual-target (both targets), separate vocabularies
MODELS = [
    ("ko-en", "ko", "en"),
    ("en-multi", "en", "vi"),
    ("en-multi", "en", "ko"),
    ("vi-en-sepvocab", "vi", "en"),
]

EXTRA = {  # inputs outside the corpus: unknown words, numbers, a literal special token, two sentences
    "en": [
        "Zanzibar 2025 <unk> quickly!",
        f"{CORPUS[0]['en']} {CORPUS[1]['en']}",
        "   ",
    ],
    "ko": ["잔지바르 2025년 <unk> 빨리!", f"{CORPUS[0]['ko']} {CORPUS[1]['ko']}", ""],
    "vi": [
        "Zanzibar năm 2025 <unk> nhanh!",
        f"{CORPUS[0]['vi']} {CORPUS[1]['vi']}",
        "",
    ],
}


@pytest.fixture(scope="module")
def ct2_cache(tmp_path_factory):
    """One conversion cache for the module: each model is converted once."""
    return tmp_path_factory.mktemp("ct2-cache")


def engines(folder, source, target, cache, *, beam, compute_type="float32"):
    options = {"source": source, "target": target, "beam": beam, "device": "cpu"}
    return (
        MarianEngine(str(folder), **options),
        Ct2Engine(str(folder), **options, compute_type=compute_type, cache_dir=cache),
    )


@pytest.mark.parametrize("beam", [1, 4])
@pytest.mark.parametrize(("name", "source", "target"), MODELS)
def test_ct2_translates_exactly_as_transformers(
    name, source, target, beam, tiny_model, ct2_cache
):
    hf, ct2 = engines(tiny_model(name), source, target, ct2_cache, beam=beam)
    texts = [row[source] for row in CORPUS] + EXTRA[source]
    expected = hf.translate(texts)
    assert ct2.translate(texts) == expected
    assert (
        expected[0] == CORPUS[0][target]
    )  # the tiny model really translates: equality is not of noise
    assert ct2.max_tokens == hf.max_tokens
    assert ct2.target_token == hf.target_token


@pytest.mark.parametrize(("name", "source", "target"), MODELS[:2] + MODELS[3:])
def test_tokens_are_marian_tokenizer_pieces(
    name, source, target, tiny_model, ct2_cache
):
    hf, ct2 = engines(tiny_model(name), source, target, ct2_cache, beam=1)
    tokenizer = hf._loaded.tokenizer
    texts = (
        [row[source] for row in CORPUS[:10]]
        + EXTRA[source]
        + [">>vie<< Xin chào", "a </s> b", "  two  spaces "]
    )
    assert [ct2.tokenize(t) for t in texts] == [tokenizer.tokenize(t) for t in texts]
    assert [ct2.count_tokens(t) for t in texts] == [hf.count_tokens(t) for t in texts]


def test_multilingual_model_gets_its_target_token(tiny_model, ct2_cache):
    ct2 = Ct2Engine(
        str(tiny_model("en-multi")),
        source="en",
        target="vi",
        compute_type="float32",
        cache_dir=ct2_cache,
    )
    assert ct2.target_token == ">>vie<<"
    assert ct2.translate([CORPUS[2]["en"]]) == [CORPUS[2]["vi"]]
    bilingual = Ct2Engine(
        str(tiny_model("ko-en")),
        source="ko",
        target="en",
        compute_type="float32",
        cache_dir=ct2_cache,
    )
    assert bilingual.target_token is None


def test_separate_vocabularies_are_written_for_each_side(tiny_model, ct2_cache):
    folder = tiny_model("vi-en-sepvocab")
    ct2 = Ct2Engine(
        str(folder),
        source="vi",
        target="en",
        compute_type="float32",
        cache_dir=ct2_cache,
    )
    assert ct2.translate([CORPUS[4]["vi"]]) == [CORPUS[4]["en"]]
    converted = ct2._loaded.converted.path

    def by_id(name):
        table = json.loads((folder / name).read_text(encoding="utf-8"))
        return sorted(table, key=table.get)

    source = json.loads(
        (converted / "source_vocabulary.json").read_text(encoding="utf-8")
    )
    target = json.loads(
        (converted / "target_vocabulary.json").read_text(encoding="utf-8")
    )
    assert not (converted / "shared_vocabulary.json").exists()
    assert source == [t for t in by_id("vocab.json") if t != "<pad>"]
    assert target == by_id(
        "target_vocab.json"
    )  # with <pad>: the decoder starts from its trained row
    assert source != target


def test_int8_translates(tiny_model, ct2_cache):
    ct2 = Ct2Engine(
        str(tiny_model("ko-en")),
        source="ko",
        target="en",
        compute_type="int8",
        cache_dir=ct2_cache,
    )
    texts = [row["ko"] for row in CORPUS[:6]]
    out = ct2.translate(
        texts
    )  # a 64-wide model loses much to int8: the run must work, not translate well
    assert len(out) == 6 and all(isinstance(text, str) for text in out)
    assert ct2.signature.startswith("ct2:") and " int8 beam=4" in ct2.signature
    assert (
        json.loads((ct2._loaded.converted.path / "transkit.json").read_text())[
            "compute_type"
        ]
        == "int8"
    )


def test_converted_model_is_cached_and_reused(tiny_model, tmp_path, monkeypatch):
    folder = str(tiny_model("ko-en"))
    first = Ct2Engine(
        folder, source="ko", target="en", compute_type="float32", cache_dir=tmp_path
    )
    expected = first.translate([CORPUS[3]["ko"]])
    entries = sorted(p.name for p in tmp_path.iterdir())
    assert entries == [first._loaded.converted.path.name] and entries[0].startswith(
        "ko-en-"
    )
    stamp = (tmp_path / entries[0] / "model.bin").stat().st_mtime_ns

    def no_conversion(*args, **kwargs):
        raise AssertionError("converted again")

    monkeypatch.setattr(convert_module, "convert", no_conversion)
    again = Ct2Engine(
        folder, source="ko", target="en", compute_type="float32", cache_dir=tmp_path
    )
    assert again.translate([CORPUS[3]["ko"]]) == expected
    assert (tmp_path / entries[0] / "model.bin").stat().st_mtime_ns == stamp
    other = Ct2Engine(
        folder, source="ko", target="en", compute_type="int8", cache_dir=tmp_path
    )
    with pytest.raises(
        AssertionError, match="converted again"
    ):  # another compute type is another entry
        other.translate([CORPUS[3]["ko"]])


def test_cache_defaults_to_transkit_cache(tiny_model, tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSKIT_CACHE", str(tmp_path))
    ct2 = Ct2Engine(
        str(tiny_model("ko-en")), source="ko", target="en", compute_type="float32"
    )
    assert ct2._loaded.converted.path.parent == tmp_path / "ct2"
    assert [p.name for p in (tmp_path / "ct2").iterdir()] == [
        ct2._loaded.converted.path.name
    ]  # no scratch left


def test_conversion_error_names_the_model_and_the_problem(tiny_model, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    for item in Path(tiny_model("ko-en")).iterdir():
        (broken / item.name).write_bytes(item.read_bytes())
    vocab = json.loads((broken / "vocab.json").read_text(encoding="utf-8"))
    vocab.pop(next(t for t in vocab if vocab[t] == 5))
    (broken / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    engine = Ct2Engine(
        str(broken),
        source="ko",
        target="en",
        compute_type="float32",
        cache_dir=tmp_path / "cache",
    )
    with pytest.raises(ModelError) as err:
        engine.translate([CORPUS[0]["ko"]])
    message = str(err.value)
    assert f"cannot convert the Marian model {broken}" in message
    assert (
        "vocab.json: token ids must be 0.." in message and "id 5 is missing" in message
    )
    assert list((tmp_path / "cache").iterdir()) == []  # nothing half-written is left


def test_missing_model_and_bad_options_are_clear(tmp_path, offline_hub):
    with pytest.raises(ModelError, match=r"model folder .*nowhere does not exist"):
        Ct2Engine(
            str(tmp_path / "nowhere"), source="en", target="vi", cache_dir=tmp_path
        ).translate(["Hi."])
    with pytest.raises(ModelError, match="Helsinki-NLP/opus-mt-xx-yy is not available"):
        Ct2Engine(
            "Helsinki-NLP/opus-mt-xx-yy", source="en", target="vi", cache_dir=tmp_path
        ).translate(["Hi."])
    with pytest.raises(
        UsageError, match="compute type 'float16' is not supported on cpu"
    ) as err:
        Ct2Engine(
            "unused", source="en", target="vi", compute_type="float16", device="cpu"
        ).translate(["Hi."])
    assert "int8" in err.value.hint
    with pytest.raises(UsageError, match="unknown device 'tpu'"):
        Ct2Engine("unused", source="en", target="vi", device="tpu").translate(["Hi."])


def test_batches_keep_every_worker_busy(tiny_model, ct2_cache):
    ct2 = Ct2Engine(
        str(tiny_model("ko-en")),
        source="ko",
        target="en",
        compute_type="float32",
        cache_dir=ct2_cache,
        inter_threads=2,
        threads=1,
        max_batch_size=64,
    )
    done: list[int] = []
    texts = [row["ko"] for row in CORPUS[:10]]
    assert ct2.translate(texts, progress=done.append) == [
        row["en"] for row in CORPUS[:10]
    ]
    assert done == [5, 5]
    small = Ct2Engine(
        str(tiny_model("ko-en")),
        source="ko",
        target="en",
        compute_type="float32",
        cache_dir=ct2_cache,
        inter_threads=2,
        max_batch_size=3,
    )
    done.clear()
    small.translate(texts, progress=done.append)
    assert done == [3, 3, 3, 1]


def test_thread_plan_fits_the_machine(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(2)))
    assert thread_plan("cpu") == (2, 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)))
    assert thread_plan("cpu") == (4, 2)
    assert thread_plan("cpu", threads=8) == (1, 8)
    assert thread_plan("cpu", inter_threads=1) == (1, 2)


def test_pivot_and_pipeline_work_on_top(tiny_model, ct2_cache):
    def legs(kind):
        options = {"beam": 2, "device": "cpu"}
        if kind is Ct2Engine:
            options.update(compute_type="float32", cache_dir=ct2_cache)
        return PivotEngine(
            kind(str(tiny_model("ko-en")), source="ko", target="en", **options),
            kind(str(tiny_model("en-multi")), source="en", target="vi", **options),
        )

    article = f"# {CORPUS[0]['ko']}\n\n{CORPUS[1]['ko']} {CORPUS[2]['ko']} https://example.org/a\n"
    via_ct2 = Translator("ko", "vi", engine=legs(Ct2Engine)).translate(
        article, fmt="markdown"
    )
    assert via_ct2 == Translator("ko", "vi", engine=legs(MarianEngine)).translate(
        article, fmt="markdown"
    )
    assert (
        via_ct2.startswith(f"# {CORPUS[0]['vi']}\n\n")
        and "https://example.org/a" in via_ct2
    )


def test_translating_with_a_converted_model_imports_neither_torch_nor_transformers(
    tiny_model, ct2_cache
):
    folder = str(tiny_model("vi-en-sepvocab"))
    Ct2Engine(
        folder, source="vi", target="en", compute_type="int8", cache_dir=ct2_cache
    ).translate(["Xin chào."])
    script = f"""
import sys
from transkit.engines.ct2 import Ct2Engine
from transkit.translator import Translator
engine = Ct2Engine({folder!r}, source="vi", target="en", compute_type="int8", cache_dir={str(ct2_cache)!r})
print(Translator("vi", "en", engine=engine).translate({CORPUS[5]["vi"]!r}))
print(sorted(m for m in ("torch", "transformers") if m in sys.modules))
"""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[-1] == "[]"
    assert lines[0].strip()


def test_translate_command_with_engine_ct2(tiny_model, tmp_path, monkeypatch, capsys):
    from transkit.cli import main

    monkeypatch.setenv("TRANSKIT_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "a.ko.md"
    src.write_text(f"# {CORPUS[0]['ko']}\n\n{CORPUS[1]['ko']} {CORPUS[2]['ko']}\n", encoding="utf-8")
    args = ["translate", str(src), "--from", "ko", "--to", "en", "--model", str(tiny_model("ko-en"))]
    assert main([*args, "--engine", "ct2", "--compute-type", "float32"]) == 0
    assert capsys.readouterr().out == f"# {CORPUS[0]['en']}\n\n{CORPUS[1]['en']} {CORPUS[2]['en']}\n"
    assert list((tmp_path / "cache" / "ct2").iterdir())  # converted once, kept for the next run


def test_ct2_output_length_stops_at_the_models_positions(tiny_model, ct2_cache):
    """A long sentence on a model with 128 positions: output capped there, as transformers does, never a crash.

    The random-weight model rarely ends a sentence, so its output runs to the length limit.
    """
    hf, ct2 = engines(tiny_model("en-ko-random"), "en", "ko", ct2_cache, beam=1)
    positions = hf._max_positions
    words: list[str] = []
    while hf.count_tokens(" ".join(words)) * 3 + 16 <= positions:  # until the length rule alone passes the limit
        words += CORPUS[len(words) % len(CORPUS)]["en"].split()
    long_sentence = " ".join(words)
    assert hf.count_tokens(long_sentence) <= ct2.max_tokens  # the input itself fits
    (out,) = ct2.translate([long_sentence])
    assert len(ct2.tokenize(out)) < positions


def test_a_decoding_failure_is_a_model_error_exit_4_with_a_message(tmp_path, monkeypatch, capsys):
    from types import SimpleNamespace

    from transkit import cli
    from transkit.engines.ct2 import Ct2Engine

    class Failing:
        def result(self):
            raise RuntimeError("No position encodings are defined for positions >= 128")

    translator = SimpleNamespace(translate_batch=lambda batch, **options: [Failing() for _ in batch])
    converted = SimpleNamespace(suppress=[], forced_eos=False, positions=128, max_tokens=126)
    loaded = SimpleNamespace(translator=translator, converted=converted)
    monkeypatch.setattr(Ct2Engine, "_loaded", property(lambda self: loaded))
    monkeypatch.setattr(Ct2Engine, "target_token", property(lambda self: None))
    monkeypatch.setattr(Ct2Engine, "_placement", property(lambda self: ("cpu", 0, "int8", 1, 1)))
    monkeypatch.setattr(Ct2Engine, "tokenize", lambda self, text: text.split())
    (tmp_path / "in.txt").write_text("The talks in Seoul ended.\n", encoding="utf-8")
    code = cli.main(["translate", str(tmp_path / "in.txt"), "--from", "en", "--to", "ko", "--engine", "ct2",
                     "--model", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 4
    assert "failed while translating: No position encodings are defined for positions >= 128" in err
    assert "Traceback" not in err
