"""The import layers: scripts/check_layers.py finds imports that go up, and src/transkit has none."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / "scripts" / "check_layers.py"
spec = importlib.util.spec_from_file_location("check_layers", SCRIPT)
check_layers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_layers)


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "src"
    for name, text in {"transkit/__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_upward_sideways_and_lazy_imports_are_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "transkit/checks/__init__.py": "from .. import __version__\n",
            "transkit/enforce/__init__.py": "def f():\n    from ..checks import source\n",
            "transkit/checks/source.py": "from ..glossary import load\n",
            "transkit/glossary/__init__.py": "from ..errors import GlossaryError\n",
            "transkit/errors.py": "",
        },
    )
    lines = check_layers.crossings(root)
    assert lines == [
        "src/transkit/checks/__init__.py:1  upward: transkit.checks -> transkit",
        "src/transkit/enforce/__init__.py:2  sideways: transkit.enforce -> transkit.checks  [lazy]",
    ]


def test_a_module_of_no_layer_is_reported(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"transkit/newthing.py": "from .errors import UsageError\n", "transkit/errors.py": ""})
    assert check_layers.crossings(root) == [
        "src/transkit/newthing.py:1  unplaced: transkit.newthing -> transkit.errors"
    ]


def test_no_import_in_transkit_goes_up() -> None:
    assert [line for line in check_layers.crossings() if " upward: " in line or " unplaced: " in line] == []
