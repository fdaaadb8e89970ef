"""transkit eval: BLEU/chrF with signatures, WMT-style exact-match term accuracy (glossary or annotations), findings."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pytest

from transkit.cli import eval as eval_cli
from transkit.errors import FormatError, UsageError
from transkit.evaluate import annotated_term_accuracy, evaluate, term_accuracy
from transkit.glossary import load
from transkit.term_annotations import AnnotatedTerm, Annotations, read_annotations, read_segments

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


# --- per-segment term annotations (WMT21 SGML, WMT23 JSONL) ---------------------------------------------------------

DATA = ROOT / "tests" / "data" / "eval"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_wmt21_sgml_gives_segments_and_their_terms():
    source = read_annotations(_read("src.en-ko.en.sgm"), source_lang="en", target_lang="ko")
    assert source.format == "wmt21"
    assert [len(terms) for terms in source.segments] == [1, 2, 1, 1, 1]
    assert source.segments[1][1] == AnnotatedTerm("Foreign Minister", ("외교부 장관", "외교장관"), "T03")
    assert read_segments(_read("src.en-ko.en.sgm"))[4] == "The President's office issued a statement & a schedule."
    assert read_segments("President Yoon met the Foreign Minister.\n") is None
    assert read_segments('<tstset><seg id="1">Yoon <term>met</term> Cho.</seg></tstset>') == ["Yoon met Cho."]
    reference = (
        '<refset trglang="ko"><seg id="1"><term src="Foreign Minister" tgt="외교부 장관">외교장관</term>이 '
        "말했다.</seg></refset>"
    )
    (terms,) = read_annotations(reference, source_lang="en", target_lang="ko").segments
    assert terms == (AnnotatedTerm("Foreign Minister", ("외교부 장관", "외교장관")),)  # the reference's form counts


def test_korean_particles_glued_to_terms_are_matches_the_space_delimited_rule_misses():
    # Worked by hand over tests/data/eval/*.en-ko.*: 6 annotated terms.
    #   1 통일부는 (는 glued)            transkit hit, WMT21 rule miss
    #   2 대통령은 (은 glued)            hit, miss
    #   2 외교장관을 (second form + 을)   hit, miss
    #   3 "국회 본회의"                   hit, hit
    #   4 통일 장관 for 통일부 장관       miss, miss
    #   5 대통령실 (실 is no particle)    miss, miss
    hypotheses = read_segments(_read("hyp.en-ko.ko.sgm"))
    assert hypotheses is not None
    annotations = read_annotations(_read("src.en-ko.en.sgm"), source_lang="en", target_lang="ko")
    ours = annotated_term_accuracy(hypotheses, annotations, target_lang="ko")
    assert (ours.matched, ours.required) == (4, 6)
    assert ours.misses == ((4, "Unification Minister → 통일부 장관"), (5, "President → 대통령"))
    assert ours.by_concept["President → 대통령"] == (1, 2)
    strict = annotated_term_accuracy(hypotheses, annotations, target_lang="ko", space_delimited=True)
    assert (strict.matched, strict.required) == (1, 6)
    reference_side = read_annotations(_read("ref.en-ko.ko.sgm"), source_lang="en", target_lang="ko")
    assert annotated_term_accuracy(hypotheses, reference_side, target_lang="ko") == ours


def test_one_place_in_the_hypothesis_satisfies_one_term():
    twice = Annotations("wmt23", ((AnnotatedTerm("Seoul", ("서울",)), AnnotatedTerm("Seoul", ("서울",))),))
    assert annotated_term_accuracy(["서울에서 만났다."], twice, target_lang="ko").matched == 1
    assert annotated_term_accuracy(["서울에서 만나 서울로 갔다."], twice, target_lang="ko").matched == 2


def test_wmt23_jsonl_vietnamese_bleu_and_term_accuracy_worked_by_hand():
    hypotheses = _read("hyp.en-vi.vi").splitlines()
    references = _read("ref.en-vi.vi").splitlines()
    annotations = read_annotations(_read("terms.en-vi.jsonl"), source_lang="en", target_lang="vi")
    assert annotations.format == "wmt23"
    result = evaluate(hypotheses, references, target_lang="vi", annotations=annotations)
    # 13a tokens: hypothesis 9+9+7+8 = 33, reference 9+8+8+8 = 33, so no brevity penalty. Clipped n-gram matches:
    #   1-grams 9+8+6+7 = 30/33, 2-grams 8+6+3+5 = 22/29, 3-grams 7+4+1+3 = 15/25, 4-grams 6+2+0+2 = 10/21
    # ("đã" is extra in line 2, "thủ" is lower case and "các" is missing in line 3, "Hoà" is not "Hòa" in line 4).
    assert round(result.bleu, 2) == round(100 * (30 / 33 * 22 / 29 * 15 / 25 * 10 / 21) ** 0.25, 2) == 66.63
    # Terms: Bộ Ngoại giao hit; Thủ tướng hit; "Seoul." hit (the WMT21 rule needs a space after it);
    # Phó thủ tướng miss (case); Hoà Bình hit under transkit's tone-placement normalisation (a WMT21-rule miss).
    assert result.terms_from == "wmt23"
    assert result.terms is not None and (result.terms.matched, result.terms.required) == (4, 5)
    assert result.terms.misses == ((3, "Deputy Prime Minister → Phó Thủ tướng"),)
    assert result.terms_space_delimited is not None
    assert (result.terms_space_delimited.matched, result.terms_space_delimited.required) == (2, 5)
    data = result.to_dict()["term_accuracy"]
    assert (data["score"], data["from"], data["space_delimited"]["score"]) == (0.8, "wmt23", 0.4)


def test_languages_without_spaces_match_inside_words():
    terms = Annotations("wmt23", ((AnnotatedTerm("State Council", ("国务院",)),),))
    result = evaluate(["国务院发布了新规定。"], ["国务院发布新规定。"], target_lang="zh", annotations=terms)
    assert result.bleu_signature.split("|")[3] == "tok:zh"
    assert result.terms is not None and result.terms.matched == 1
    assert result.terms_space_delimited is not None and result.terms_space_delimited.matched == 0


def test_annotations_must_be_aligned_and_well_formed():
    terms = read_annotations('[{"en": "Seoul", "ko": "서울"}]\n', source_lang="en", target_lang="ko")
    with pytest.raises(UsageError, match="the hypothesis has 2 lines and the term annotation 1"):
        annotated_term_accuracy(["서울", "부산"], terms, target_lang="ko")
    with pytest.raises(FormatError, match="line 2: not JSON"):
        read_annotations('[]\n[{"en": "Seoul"\n', source_lang="en", target_lang="ko")
    with pytest.raises(FormatError, match="line 1: a term has no 'en' and 'vi' forms"):
        read_annotations('[{"en": "Seoul", "ko": "서울"}]', source_lang="en", target_lang="vi")
    with pytest.raises(FormatError, match="segment 1: <term> without a tgt attribute"):
        read_annotations(
            '<srcset><seg id="1"><term src="Seoul">Seoul</term></seg></srcset>', source_lang="en", target_lang="ko"
        )


def test_cli_scores_wmt21_sgml_with_term_annotations(capsys):
    argv = [
        str(DATA / "hyp.en-ko.ko.sgm"),
        "--ref",
        str(DATA / "ref.en-ko.ko.sgm"),
        "--terms",
        str(DATA / "src.en-ko.en.sgm"),
        "--from",
        "en",
        "--to",
        "ko",
    ]
    assert _run(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "segments       5"
    assert "tok:13a" in lines[1]
    assert lines[3:7] == [
        "term accuracy  66.67%  (4/6 exact match, WMT21 annotations)",
        "  space-delimited 16.67%  (1/6, the WMT21 scorer's rule)",
        "  line 4: Unification Minister → 통일부 장관 missing",
        "  line 5: President → 대통령 missing",
    ]


def test_cli_scores_a_pair_transkit_does_not_translate(tmp_path, capsys):
    (tmp_path / "hyp.de").write_text("Der Bundestag hat das Gesetz beschlossen.\n", encoding="utf-8")
    (tmp_path / "ref.de").write_text("Der Bundestag hat das Gesetz verabschiedet.\n", encoding="utf-8")
    (tmp_path / "terms.jsonl").write_text('[{"en": "Bundestag", "de": "Bundestag"}]\n', encoding="utf-8")
    argv = [str(tmp_path / "hyp.de"), "--ref", str(tmp_path / "ref.de"), "--terms", str(tmp_path / "terms.jsonl")]
    assert _run([*argv, "--from", "en", "--to", "de-DE", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["term_accuracy"]["score"] == 1.0 and "findings" not in data
    with pytest.raises(UsageError, match="--terms needs --from and --to"):
        _run(argv)
    with pytest.raises(UsageError, match="unknown language 'qq'"):
        _run([*argv, "--from", "en", "--to", "qq"])
