"""The public API: everything in ``transkit.__all__`` resolves, and importing it stays light."""

import subprocess
import sys

import transkit


def test_every_public_name_resolves():
    for name in transkit.__all__:
        assert getattr(transkit, name) is not None, name


def test_the_fast_commands_import_neither_torch_nor_transformers():
    code = (
        "import sys, transkit\n"
        "from transkit import check, load_glossary, Translator, GlossaryEngine\n"
        "from transkit.cli import build_parser\n"
        "build_parser()\n"
        "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
