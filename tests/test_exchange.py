"""CSV and TBX import/export: service layouts, TBX 2019 and 2008, round trips, errors with lines."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from transkit.errors import DecodeError, GlossaryError, UsageError
from transkit.glossary.exchange import FORMATS, ExportResult, exchange_format, read_csv, read_tbx, write_csv, write_tbx
from transkit.glossary.model import Concept, Glossary, Role, Term

DATA = Path(__file__).parent / "data" / "exchange"

GLOSSARY = Glossary(
    {
        c.id: c
        for c in (
            Concept(
                "P_KURT_CAMPBELL",
                "person",
                (
                    Term("Kurt Campbell", "en"),
                    Term("Kurt M. Campbell", "en", "admitted"),
                    Term("Deputy Foreign Minister Kurt Campbell", "en", "forbidden"),
                    Term("커트 캠벨", "ko", verified=False, note="MOFA spelling"),
                    Term("Kurt Campbell", "vi"),
                ),
                roles=(
                    Role("T_US_NSC_INDOPAC", "US", date(2021, 1, 20), date(2024, 2, 11), note="NSC"),
                    Role("T_US_DEP_SEC_STATE", "US", date(2024, 2, 12), date(2025, 1, 20)),
                ),
                note="US Deputy Secretary of State Feb 2024-Jan 2025; title depends on date.",
                sources=("https://example.org/mofa", "https://example.org/kbs"),
            ),
            Concept(
                "T_US_DEP_SEC_STATE",
                "title",
                (
                    Term("Deputy Secretary of State", "en"),
                    Term("Deputy Foreign Minister", "en", "forbidden"),
                    Term("국무부 부장관", "ko"),
                    Term("국무차관", "ko", "forbidden"),
                    Term("Thứ trưởng Ngoại giao Mỹ", "vi"),
                    Term("Thứ trưởng Bộ Ngoại giao Mỹ", "vi", "admitted"),
                ),
                scope="US",
                note="No. 2 of the State Department.\nNot the Under Secretary.",
            ),
            Concept(
                "L_CHIPS",
                "law",
                (
                    Term("CHIPS and Science Act", "en"),
                    Term("CHIPS", "en", "admitted", case_sensitive=True),
                    Term("반도체과학법", "ko"),
                    Term("CHIPS", "ko", "admitted", case_sensitive=True, reading="칩스"),
                    Term("IRA", "ko", "forbidden", case_sensitive=True, final_consonant=False),
                ),
                scope="US",
            ),
            Concept("PL_HANOI", "place", (Term("Hanoi", "en"), Term("하노이", "ko"), Term("Hà Nội", "vi"))),
        )
    }
)


def _canonical(glossary: Glossary) -> dict[str, Concept]:
    """Concepts without origins, terms ordered by language, status, then file order."""
    rank = {"preferred": 0, "admitted": 1, "forbidden": 2}
    langs = ("en", "ko", "vi")
    return {
        cid: dataclasses.replace(
            c,
            origin=None,
            terms=tuple(sorted(c.terms, key=lambda t: (langs.index(t.lang), rank[t.status]))),
        )
        for cid, c in glossary.concepts.items()
    }


# Round trips ---------------------------------------------------------------------------------


def test_csv_multi_round_trip_keeps_everything(tmp_path: Path) -> None:
    result = write_csv(GLOSSARY, tmp_path / "g.csv")
    assert result == ExportResult(4, ())
    back = read_csv(tmp_path / "g.csv")
    assert list(back.concepts) == list(GLOSSARY.concepts)
    assert _canonical(back) == _canonical(GLOSSARY)
    assert back.concepts["T_US_DEP_SEC_STATE"].origin is not None
    assert back.concepts["T_US_DEP_SEC_STATE"].origin.line == 3


def test_tbx_round_trip_keeps_everything(tmp_path: Path) -> None:
    assert write_tbx(GLOSSARY, tmp_path / "g.tbx") == ExportResult(4)
    back = read_tbx(tmp_path / "g.tbx")
    assert _canonical(back) == _canonical(GLOSSARY)


def test_tbx_output_is_tbx_basic_2019(tmp_path: Path) -> None:
    write_tbx(GLOSSARY, tmp_path / "g.tbx")
    root = etree.parse(str(tmp_path / "g.tbx")).getroot()
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx"
    assert (root.get("type"), root.get("style"), root.get("{http://www.w3.org/XML/1998/namespace}lang")) == (
        "TBX-Basic",
        "dca",
        "en",
    )
    assert root.find("t:tbxHeader/t:fileDesc/t:sourceDesc/t:p", ns) is not None
    entry = root.find("t:text/t:body/t:conceptEntry[@id='T_US_DEP_SEC_STATE']", ns)
    assert entry.findtext("t:descrip[@type='subjectField']", namespaces=ns) == "title"
    statuses = [
        (sec.findtext("t:term", namespaces=ns), sec.findtext("t:termNote[@type='administrativeStatus']", namespaces=ns))
        for sec in entry.iterfind("t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='en']/t:termSec", ns)
    ]
    assert statuses == [
        ("Deputy Secretary of State", "preferredTerm-admn-sts"),
        ("Deputy Foreign Minister", "deprecatedTerm-admn-sts"),
    ]


def test_pair_layout_keeps_preferred_terms_of_one_pair(tmp_path: Path) -> None:
    result = write_csv(GLOSSARY, tmp_path / "pair.csv", langs=("ko", "en"), layout="pair")
    assert result.written == 4 and result.skipped == ()
    assert (tmp_path / "pair.csv").read_text(encoding="utf-8").splitlines() == [
        "커트 캠벨,Kurt Campbell",
        "국무부 부장관,Deputy Secretary of State",
        "반도체과학법,CHIPS and Science Act",
        "하노이,Hanoi",
    ]
    back = read_csv(tmp_path / "pair.csv", source_lang="ko", target_lang="en")
    assert [[(t.lang, t.text, t.status) for t in c.terms] for c in back] == [
        [(lang, GLOSSARY.concepts[cid].preferred(lang).text, "preferred") for lang in ("en", "ko")]
        for cid in GLOSSARY.concepts
    ]


def test_pair_layout_skips_duplicate_sources_and_missing_terms(tmp_path: Path) -> None:
    glossary = Glossary(
        {
            c.id: c
            for c in (
                Concept(
                    "T_DEP", "title", (Term("Thứ trưởng Ngoại giao Mỹ", "vi"), Term("Deputy Secretary of State", "en"))
                ),
                Concept(
                    "T_UNDER", "title", (Term("Thứ trưởng Ngoại giao Mỹ", "vi"), Term("Under Secretary of State", "en"))
                ),
                Concept("P_X", "person", (Term("Kurt Campbell", "en"),)),
            )
        }
    )
    result = write_csv(glossary, tmp_path / "vi-en.csv", langs=("vi", "en"), layout="pair", header=True)
    assert result == ExportResult(
        1,
        (
            "T_UNDER: source term 'Thứ trưởng Ngoại giao Mỹ' already exported for T_DEP",
            "P_X: no preferred term in vi",
        ),
    )
    assert (tmp_path / "vi-en.csv").read_text(
        encoding="utf-8"
    ) == "vi,en\nThứ trưởng Ngoại giao Mỹ,Deputy Secretary of State\n"


def test_simple_layout_is_language_columns(tmp_path: Path) -> None:
    write_csv(GLOSSARY, tmp_path / "simple.csv", layout="simple")
    lines = (tmp_path / "simple.csv").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["en,ko,vi", "Kurt Campbell,커트 캠벨,Kurt Campbell"]
    assert len(lines) == 4  # L_CHIPS has no Vietnamese term and is skipped


# Service layouts -----------------------------------------------------------------------------


def test_read_two_column_file_needs_languages() -> None:
    with pytest.raises(GlossaryError) as err:
        read_csv(DATA / "deepl_en_ko.csv")
    assert err.value.line == 1 and "--source-lang and --target-lang" in err.value.hint
    glossary = read_csv(DATA / "deepl_en_ko.csv", source_lang="en-US", target_lang="ko-KR")
    assert [(c.id, [t.text for t in c.terms]) for c in glossary] == [
        ("DEPUTY_SECRETARY_OF_STATE", ["Deputy Secretary of State", "국무부 부장관"]),
        ("KURT_CAMPBELL", ["Kurt Campbell", "커트 캠벨"]),
        ("CHO_TAE_YUL_MINISTER", ["Cho Tae-yul, minister", "조태열 장관"]),
    ]


def test_read_amazon_header_with_bom_and_semicolons() -> None:
    glossary = read_csv(DATA / "amazon_semicolon.csv")
    first, second = glossary
    assert [(t.lang, t.text) for t in first.terms] == [
        ("en", "Secretary of State"),
        ("ko", "국무장관"),
        ("vi", "Ngoại trưởng Mỹ"),
    ]
    assert first.note == "US foreign minister"
    assert [(t.lang, t.text) for t in second.terms] == [("en", "West Sea"), ("ko", "서해")]


def test_read_google_equivalent_term_set_tsv() -> None:
    hanoi, deputy = read_csv(DATA / "google_equivalent.tsv")
    assert [(t.lang, t.text) for t in hanoi.terms] == [("en", "Hanoi"), ("vi", "Hà Nội")]
    assert (hanoi.id, hanoi.note, deputy.note) == ("HANOI", "capital of Viet Nam", None)


def test_read_transkit_rich_layout() -> None:
    glossary = read_csv(DATA / "transkit_rich.csv")
    concept = glossary.concepts["T_US_DEP_SEC_STATE"]
    assert [(t.lang, t.text, t.status) for t in concept.terms] == [
        ("en", "Deputy Secretary of State", "preferred"),
        ("en", "Deputy Foreign Minister", "forbidden"),
        ("ko", "국무부 부장관", "preferred"),
        ("ko", "부장관", "admitted"),
        ("ko", "국무차관", "forbidden"),
        ("vi", "Thứ trưởng Ngoại giao Mỹ", "preferred"),
    ]
    assert concept.sources == ("https://example.org/a", "https://example.org/b")
    assert concept.type == "title" and concept.note == "No. 2 of the State Department."
    assert glossary.concepts["P_KURT_CAMPBELL"].terms_in("en", "admitted")[0].text == "Kurt M. Campbell"
    assert glossary.paths == (str(DATA / "transkit_rich.csv"),) and len(glossary.version) == 12


# TBX -----------------------------------------------------------------------------------------


def test_read_tbx_2008_martif() -> None:
    glossary = read_tbx(DATA / "tbx2008_basic.tbx")
    deputy = glossary.concepts["T_US_DEP_SEC_STATE"]
    assert deputy.type == "title" and deputy.note == "No. 2 of the State Department."
    assert [(t.lang, t.text, t.status) for t in deputy.terms] == [
        ("en", "Deputy Secretary of State", "preferred"),
        ("en", "Deputy Foreign Minister", "forbidden"),
        ("ko", "국무부 부장관", "preferred"),
        ("ko", "부장관", "admitted"),
        ("ko", "국무차관", "forbidden"),
    ]  # the French langSet is skipped
    hanoi = glossary.concepts["PL_HANOI"]
    assert [(t.lang, t.text, t.note) for t in hanoi.terms] == [("vi", "Hà Nội", None), ("en", "Hanoi", "capital")]
    assert hanoi.type == "other"


def test_read_tbx_2019_with_transkit_categories() -> None:
    chips = read_tbx(DATA / "tbx2019_basic.tbx").concepts["L_CHIPS"]
    assert (chips.type, chips.scope, chips.sources) == ("law", "US", ("https://example.org/chips",))
    latin = chips.terms_in("ko", "admitted")[0]
    assert (latin.text, latin.case_sensitive, latin.reading) == ("CHIPS", True, "칩스")
    assert chips.terms_in("en", "forbidden")[0].text == "Chip and Science Act"


# Errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("bad_column_count.csv", 3, "expected 2 columns (en,ko), found 3"),
        ("bad_type.csv", 2, "unknown concept type 'minister'"),
        ("bad_roles.csv", 2, "bad roles"),
        ("bad_unclosed.tbx", 7, "invalid XML"),
        ("bad_entities.tbx", 1, "declares XML entities"),
        ("bad_status.tbx", 9, "unknown administrativeStatus 'approvedTerm'"),
        ("bad_root.tbx", 2, "root element <glossary>"),
    ],
)
def test_malformed_files_name_file_and_line(name: str, line: int, message: str) -> None:
    reader = read_tbx if name.endswith(".tbx") else read_csv
    with pytest.raises(GlossaryError) as err:
        reader(DATA / name)
    assert (err.value.path, err.value.line) == (str(DATA / name), line)
    assert message in err.value.message
    assert err.value.hint


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "cp949.csv"
    path.write_bytes("en,ko\nWest Sea,서해\n".encode("cp949"))
    with pytest.raises(DecodeError, match="byte offset 15"):
        read_csv(path)
    path.write_bytes(b"\xef\xbb\xbf" + "en,ko\nWest Sea,서해\n".encode("cp949"))
    with pytest.raises(DecodeError, match="byte offset 18"):
        read_csv(path)


def test_duplicate_ids_and_empty_rows(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("id,en\nA,Kurt Campbell\nA,Kurt M. Campbell\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"duplicate concept id 'A' \(first on line 2\)"):
        read_csv(path)
    path.write_text("id,en,ko\nA,,\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="the row has no term"):
        read_csv(path)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ('[{"lang": "en", "text": "IRA", "case_sensitive": "yes"}]', "case_sensitive cannot be 'yes'"),
        ('[{"lang": "en", "text": "IRA", "loud": true}]', "unknown key 'loud'"),
        ('[{"lang": "ko", "text": "IRA", "reading": "아이알에이"}]', "no term 'IRA' in 'ko' on this row"),
        ("[{", "bad term_data: Expecting property name"),
    ],
)
def test_bad_term_data(tmp_path: Path, cell: str, message: str) -> None:
    path = tmp_path / "flags.csv"
    quoted = cell.replace('"', '""')
    path.write_text(f'id,en,term_data\nL_IRA,IRA,"{quoted}"\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match=re.escape(message)) as err:
        read_csv(path)
    assert err.value.line == 2


def test_write_refuses_a_separator_inside_a_term(tmp_path: Path) -> None:
    glossary = Glossary({"X": Concept("X", "other", (Term("A | B", "en"),))})
    with pytest.raises(GlossaryError, match="contains '\\|'"):
        write_csv(glossary, tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_term_list_with_regional_codes_extra_columns_and_packed_variants(caplog: pytest.LogCaptureFixture) -> None:
    glossary = read_csv(DATA / "term_list_en_ko.csv", split=" : ")
    covid = next(iter(glossary))
    assert [(t.lang, t.status, t.text) for t in covid.terms] == [
        ("en", "preferred", "coronavirus disease 2019"),
        ("en", "admitted", "COVID-19"),
        ("ko", "preferred", "코로나바이러스감염증-19"),
        ("ko", "admitted", "코로나19"),
    ]
    assert covid.note == (
        "Category: disease; Wikipedia: https://en.wikipedia.org/wiki/COVID-19; "
        "Comments: KDCA writes 코로나19 in headlines"
    )
    last = list(glossary)[-1]  # a row whose trailing empty cells were cut
    assert [t.text for t in last.terms] == ["self-isolation", "self-quarantine", "자가격리"]
    assert last.note == "Category: public health"
    with caplog.at_level("WARNING"):
        packed = read_csv(DATA / "term_list_en_ko.csv")
    assert next(iter(packed)).preferred("en").text == "coronavirus disease 2019 : COVID-19"
    assert "4 term cells contain ' : '" in caplog.text and "--split ' : '" in caplog.text


def test_columns_name_an_unrecognised_header() -> None:
    with pytest.raises(GlossaryError, match="no header row of language codes"):
        read_csv(DATA / "desk_terms_ko_headers.csv")
    glossary = read_csv(
        DATA / "desk_terms_ko_headers.csv", columns=["id", "en", "ko", "note"], header=True, split=" : "
    )
    ira = glossary.get("W_IRA")
    assert [t.text for t in ira.terms_in("ko")] == [
        "인플레이션 감축법",
        "인플레 감축법",
    ] and ira.note == "미 재무부 표기"
    assert list(glossary.concepts) == ["W_IRA", "W_KR_SERIOUS_ACCIDENTS"]
    skipped = read_csv(DATA / "desk_terms_ko_headers.csv", columns=["id", "en", "-", "note"], header=True)
    assert skipped.get("W_IRA").languages == {"en"}


@pytest.mark.parametrize("name", ["csv", "tbx"])
def test_registry_formats_round_trip_through_their_reader_and_writer(tmp_path: Path, name: str) -> None:
    fmt = exchange_format(name)
    out = tmp_path / f"g.{name}"
    assert fmt.write(GLOSSARY, out).written == len(GLOSSARY)
    again = fmt.read(out)
    assert again.get("P_KURT_CAMPBELL").preferred("ko").text == "커트 캠벨"
    assert [c.id for c in again] == [c.id for c in GLOSSARY]


def test_registry_names_the_formats_it_knows() -> None:
    assert set(FORMATS) == {"csv", "tbx"}
    with pytest.raises(UsageError, match="unknown glossary exchange format 'xlsx'") as err:
        exchange_format("xlsx")
    assert err.value.hint == "use one of: csv, tbx"
