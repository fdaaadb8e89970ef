"""Shared fixtures: tiny Marian models built locally (the hub cannot be reached in tests).

Models are built once per test session, or reused from pytest's cache directory
when the builder, the corpus and the library versions are unchanged.
"""

from __future__ import annotations

import hashlib
import shutil
from importlib import resources
from pathlib import Path

import pytest

TRAIN_STEPS = 300

# name -> build options; trained models translate the bundled toy corpus exactly.
TINY_MODELS = {
    "en-multi": dict(source="en", targets=("ko", "vi"), train_steps=TRAIN_STEPS),
    "ko-en": dict(source="ko", targets=("en",), train_steps=TRAIN_STEPS),
    "vi-en-sepvocab": dict(source="vi", targets=("en",), separate_vocabs=True, train_steps=TRAIN_STEPS),
    "en-ko-random": dict(source="en", targets=("ko",)),
}


def _cache_key(name: str) -> str:
    import sentencepiece
    import torch
    import transformers

    import transkit.testing

    digest = hashlib.sha256()
    digest.update(Path(transkit.testing.__file__).read_bytes())
    digest.update(resources.files("transkit.data").joinpath("toy_corpus.tsv").read_bytes())
    digest.update(repr((name, TINY_MODELS[name], torch.__version__, transformers.__version__,
                        sentencepiece.__version__)).encode())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def tiny_model(request, tmp_path_factory):
    """A function returning the folder of a tiny model by name (see TINY_MODELS)."""
    from transkit.testing import build_tiny_marian

    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider: built in the session's tmp
    cache_root = Path(cache.mkdir("tiny-marian")) if cache is not None else tmp_path_factory.mktemp("tiny-marian")
    built: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in built:
            folder = cache_root / f"{name}-{_cache_key(name)}"
            if not (folder / "config.json").is_file():
                scratch = tmp_path_factory.mktemp(name)
                build_tiny_marian(scratch / "model", **TINY_MODELS[name])
                shutil.rmtree(folder, ignore_errors=True)
                shutil.copytree(scratch / "model", folder)
            built[name] = folder
        return built[name]

    return get


@pytest.fixture(scope="session")
def fixed_copy(tmp_path_factory):
    """A function copying a folder afresh to the same path on every call, for tests that edit their copy.

    The path stays the same across tests, so the editor's parse cache (keyed on a file's path and text, see
    :func:`transkit.editor.changes.parsed`) serves the files a test left unchanged: the house glossary is parsed
    once per session instead of once per test. Everything in the copy's parent folder is removed first.
    """
    roots: dict[str, Path] = {}

    def copy(source: Path, name: str, *, ignore: tuple[str, ...] = ()) -> Path:
        if name in roots:
            shutil.rmtree(roots[name])
            roots[name].mkdir()
        else:
            roots[name] = tmp_path_factory.mktemp(name, numbered=True)
        target = roots[name] / name
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(*ignore) if ignore else None)
        return target

    return copy


@pytest.fixture
def offline_hub(monkeypatch, tmp_path):
    """An empty Hugging Face cache with the hub switched off."""
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return tmp_path / "hf"


@pytest.fixture(scope="session", autouse=True)
def transkit_cache(tmp_path_factory):
    """transkit's cache (parsed glossaries, converted models) in a folder of the test session, not in ~/.cache."""
    import os

    folder = tmp_path_factory.mktemp("transkit-cache")
    previous = os.environ.get("TRANSKIT_CACHE")
    os.environ["TRANSKIT_CACHE"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("TRANSKIT_CACHE", None)
    else:
        os.environ["TRANSKIT_CACHE"] = previous
