"""Every bad input in tests/data/bad/cases.toml, through the CLI: the documented exit code and a clear message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from transkit.cli import main
from transkit.config import read_toml

BAD = Path(__file__).parent / "data" / "bad"
CASES = read_toml(BAD / "cases.toml", what="bad-input cases", hint="")["case"]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a copy of the corpus, no ./glossaries and no glossary or config from the environment."""
    shutil.copytree(BAD, tmp_path / "bad")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSKIT_GLOSSARY", raising=False)
    monkeypatch.delenv("TRANSKIT_CONFIG", raising=False)
    return tmp_path


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input(case: dict, scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [a.replace("{bad}", str(scratch / "bad")) for a in case["args"]]
    code = main(args)
    out, err = capsys.readouterr()
    assert (code, case["message"] in err + out) == (case["exit"], True), err
    assert "Traceback" not in err and "internal error" not in err
    if "stdout" in case:
        assert case["stdout"] in out
    if "absent" in case:
        assert not (scratch / case["absent"]).exists(), "a read command must not create the path it was given"


def test_every_corpus_file_has_a_case() -> None:
    used = {part for c in CASES for a in c["args"] for part in Path(a).parts}
    files = {p.name for p in BAD.iterdir() if p.name != "cases.toml"}
    assert files - used == set()


def test_article_over_the_size_limit_is_refused_at_once(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from transkit.text.io import ARTICLE_MAX_BYTES

    big = scratch / "wire.txt"
    big.write_text(
        "Talks on humanitarian aid will resume next month. " * (ARTICLE_MAX_BYTES // 40),
        encoding="utf-8",
    )
    for args in (
        ["check", str(big)],
        ["translate", "--from", "en", "--to", "vi", str(big)],
    ):
        assert main(args) == 3
        assert "wire.txt: article is 1.2 MiB; the limit is 1.0 MiB" in capsys.readouterr().err
