"""Every `transkit` command the README shows runs as written, with the exit code it documents.

The commands run in a scratch copy of ``examples/`` and ``glossaries/``. The hub cannot be reached in tests, so a
``transkit.toml`` there points every direction at a tiny Marian model, and the folders the README names for
``--model`` are tiny models too: the command lines themselves are the README's, unchanged.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from pathlib import Path

import pytest

from transkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"```sh\n(.*?)```", re.DOTALL)
# Lines that cannot run in a test: they need the network, or serve until stopped (editor and serve have own tests).
NOT_RUN = re.compile(r"--download|transkit editor|transkit serve")
# The exit code each command documents, by the start of the command line; everything else must exit 0.
EXPECTED = {
    "transkit check examples/articles/en-mt.txt": 1,  # the planted errors are findings
    "transkit batch": 3,  # examples/batch holds a broken JSON file, reported and skipped
    "transkit check examples/articles/vi-mt.txt": 1,
}


def readme_commands() -> list[str]:
    """The `transkit ...` command lines of the README's shell blocks, comments and `pip ... &&` prefixes removed."""
    commands = []
    for block in FENCE.findall(README.read_text(encoding="utf-8")):
        for raw in block.splitlines():
            line = raw.split("&&")[-1].strip()
            if line.startswith("transkit ") and not NOT_RUN.search(line):
                commands.append(shlex.join(shlex.split(line, comments=True)))
    return commands


COMMANDS = readme_commands()


def test_the_readme_shows_the_commands_it_promises() -> None:
    subcommands = {c.split()[1] for c in COMMANDS}
    assert {"translate", "models", "check", "glossary", "batch", "tm", "eval"} <= subcommands
    assert len(COMMANDS) >= 20


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, tiny_model) -> Path:
    """A scratch copy of the examples and glossaries, with every direction mapped to a tiny model."""
    work = tmp_path_factory.mktemp("readme")
    for folder in ("examples", "glossaries"):
        shutil.copytree(ROOT / folder, work / folder)
    en_multi, ko_en, vi_en = tiny_model("en-multi"), tiny_model("ko-en"), tiny_model("vi-en-sepvocab")
    (work / "transkit.toml").write_text(
        "[models]\n"
        f'en-ko = "{en_multi}"\nen-vi = "{en_multi}"\nko-en = "{ko_en}"\nvi-en = "{vi_en}"\n'
        "[engine]\nbeam = 1\n",
        encoding="utf-8",
    )
    for name, model in (("my-en-ko", en_multi), ("ko-en", ko_en), ("en-vi", en_multi)):
        (work / name).symlink_to(model, target_is_directory=True)
    return work


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs_as_written(command: str, workdir: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("TRANSKIT_CONFIG", raising=False)
    argv, _, redirect = command.partition(" '>' ")
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(out):
        code = main(shlex.split(argv)[1:])
    out.flush()
    if redirect:
        (workdir / shlex.split(redirect)[0]).write_bytes(out.buffer.getvalue())
    err = capsys.readouterr().err
    expected = next((rc for prefix, rc in EXPECTED.items() if command.startswith(prefix)), 0)
    assert code == expected, f"{command!r} exited {code}\n{err}"
    assert "Traceback" not in err


def test_the_readme_python_examples_run_as_shown() -> None:
    """The README's ``>>>`` examples are doctests."""
    import doctest

    blocks = re.findall(r"```python\n(>>>.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks
    for block in blocks:
        test = doctest.DocTestParser().get_doctest(block, {}, "README", str(README), 0)
        result = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test)
        assert result.failed == 0 and result.attempted > 0
