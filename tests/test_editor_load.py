"""A short run of benchmarks/editor_load.py: editors saving concurrently lose nothing and corrupt nothing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("httpx")

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "editor_load.py"


def test_concurrent_editors_lose_no_write_and_corrupt_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("editor_load", SCRIPT)
    assert spec is not None and spec.loader is not None
    editor_load = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "editor_load", editor_load)  # dataclasses look their module up there
    spec.loader.exec_module(editor_load)
    figures = editor_load.run(editors=4, seconds=4)
    assert figures["saves"] >= 4
    assert (figures["lost"], figures["corrupted"], figures["refused"]) == (0, 0, 0)
