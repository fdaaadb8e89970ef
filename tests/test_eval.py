"""transkit eval: BLEU/chrF with signatures, WMT-style exact-match term accuracy, checker findings."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pytest

from transkit.cli import eval as eval_cli
from transkit.errors import UsageError
from transkit.evaluate import evaluate, term_accuracy
from transkit.glossary import load

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2024, 3, 1)
SOURCES = [
    "Thứ trưởng Ngoại giao Mỹ Kurt Campbell phát biểu tại Seoul.",
    "Thứ trưởng Ngoại giao Mỹ Kurt Campbell phát biểu tại Seoul.",
    "Đạo luật CHIPS và Khoa học có hiệu lực.",
]
HYPOTHESES = [
    "Deputy Secretary of State Kurt Campbell spoke in Seoul.",
    "Deputy Foreign Minister Kurt Campbell spoke in Seoul.",
    "The Chip and Science Act took effect.",
]
REFERENCES = [
    "Deputy Secretary of State Kurt Campbell spoke in Seoul.",
    "Deputy Secretary of State Kurt Campbell spoke in Seoul.",
    "The CHIPS and Science Act took effect.",
]


@pytest.fixture(scope="module")
def glossary():
    return load([ROOT / "glossaries"])


def test_term_accuracy_counts_each_source_occurrence(glossary):
    result = term_accuracy(SOURCES, HYPOTHESES, source_lang="vi", target_lang="en", glossary=glossary, date=DAY)
    assert (result.matched, result.required) == (5, 7)
    assert result.accuracy == 5 / 7
    assert result.misses == ((2, "T_US_DEP_SEC_STATE"), (3, "W_CHIPS"))
    assert result.by_concept == {
        "T_US_DEP_SEC_STATE": (1, 2),
        "P_KURT_CAMPBELL": (2, 2),
        "L_SEOUL": (2, 2),
        "W_CHIPS": (0, 1),
    }


def test_perfect_hypothesis_scores_full_marks(glossary):
    result = evaluate(
        REFERENCES, REFERENCES, sources=SOURCES, source_lang="vi", target_lang="en", glossary=glossary, date=DAY
    )
    assert round(result.bleu, 6) == 100.0 and round(result.chrf, 6) == 100.0
    assert result.terms is not None and result.terms.accuracy == 1.0
    assert result.bleu_signature.startswith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:")
    assert result.chrf_signature.startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:")


def test_misaligned_files_are_a_usage_error():
    with pytest.raises(UsageError, match="the hypothesis has 3 lines and the reference 2"):
        evaluate(HYPOTHESES, REFERENCES[:2])


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    eval_cli.register(parser.add_subparsers())
    args = parser.parse_args(["eval", *argv])
    return args.run(args)


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, lines in (("src.vi", SOURCES), ("hyp.en", HYPOTHESES), ("ref.en", REFERENCES)):
        paths[name] = tmp_path / name
        paths[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


def test_cli_prints_scores_term_accuracy_and_findings(files, capsys):
    argv = [
        str(files["hyp.en"]),
        "--ref",
        str(files["ref.en"]),
        "--src",
        str(files["src.vi"]),
        "--from",
        "vi",
        "--to",
        "en",
        "--glossary",
        str(ROOT / "glossaries"),
        "--date",
        "2024-03-01",
    ]
    assert _run(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "segments       3"
    assert lines[1].startswith("BLEU           ") and "tok:13a" in lines[1]
    assert lines[3:6] == [
        "term accuracy  71.43%  (5/7 exact match)",
        "  line 2: T_US_DEP_SEC_STATE missing",
        "  line 3: W_CHIPS missing",
    ]
    assert lines[6] == (
        "findings       3 error, 0 warning, 0 info  (missing-term 1, non-official-name 1, person-title-consistency 1)"
    )
    assert _run([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["term_accuracy"]["score"] == 0.7143
    assert data["findings"]["by_check"] == {"missing-term": 1, "non-official-name": 1, "person-title-consistency": 1}


def test_cli_needs_languages_with_a_source(files):
    with pytest.raises(UsageError, match="--src needs --from and --to"):
        _run([str(files["hyp.en"]), "--ref", str(files["ref.en"]), "--src", str(files["src.vi"])])
