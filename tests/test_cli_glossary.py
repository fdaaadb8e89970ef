"""`transkit glossary ...` through transkit.cli.main, capturing stdout."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from transkit import cli
from transkit.glossary import load

ROOT = Path(__file__).parents[1]
SEED = ROOT / "glossaries"
DATA = Path(__file__).parent / "data" / "glossary"


@pytest.fixture(autouse=True)
def only_glossary_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Test this subcommand on its own, whatever other subcommands exist."""
    monkeypatch.setattr(cli, "SUBCOMMANDS", ("glossary",))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["glossary", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("query", ["캠벨", "Campbell", "campbell", unicodedata.normalize("NFD", "커트 캠벨")])
def test_search_finds_kurt_campbell_with_roles(capsys: pytest.CaptureFixture[str], query: str) -> None:
    code, out, _ = run(capsys, "search", query, "--glossary", str(SEED))
    assert code == 0
    assert out.splitlines()[0].startswith("P_KURT_CAMPBELL  person  (")
    assert "  ko  preferred  커트 캠벨" in out
    assert "    2021-01-20 – 2024-02-12  Coordinator for Indo-Pacific Affairs (US)  [T_US_NSC_INDOPAC_COORD]" in out
    assert "    2024-02-12 – 2025-01-20  Deputy Secretary of State (US)  [T_US_DEP_SEC_STATE]" in out


@pytest.mark.parametrize(
    "query", ["Thứ trưởng", "thu truong", "THỨ TRƯỞNG", unicodedata.normalize("NFD", "Thứ trưởng")]
)
def test_search_vietnamese_is_accent_and_case_insensitive(capsys: pytest.CaptureFixture[str], query: str) -> None:
    code, out, _ = run(capsys, "search", query, "--glossary", str(SEED), "--format", "json")
    assert code == 0
    hits = json.loads(out)
    ids = [h["id"] for h in hits]
    assert ids[0] == "T_US_DEP_SEC_STATE"  # the best match first: the whole query is its forbidden form's start
    assert {"T_US_UNDER_SEC_STATE", "T_ROK_1ST_VICE_FM", "T_VN_DEP_FM"} <= set(ids)
    assert all("th" in h["matched"].lower() for h in hits)
    assert hits[0]["matched"] == "Thứ trưởng Ngoại giao Mỹ"


def test_search_nothing_found_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "Xyzzy", "--glossary", str(SEED))
    assert (code, out) == (1, "") and "no concept matches 'Xyzzy'" in err


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "P_KURT_CAMPBELL", "--glossary", str(DATA / "small.yaml"), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["roles"][1] == {
        "title": "T_US_DEP_SEC_STATE",
        "title_name": "Deputy Secretary of State",
        "country": "US",
        "from": "2024-02-01",
        "to": "2025-01-20",
        "note": None,
    }
    assert data["terms"][2] == {"text": "Deputy Foreign Minister Kurt Campbell", "lang": "en", "status": "forbidden"}


def test_show_unknown_id_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "P_NOBODY", "--glossary", str(SEED))
    assert code == 2 and "no concept P_NOBODY" in err


def test_default_glossary_from_environment(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSKIT_GLOSSARY", str(DATA / "small.yaml"))
    code, out, _ = run(capsys, "show", "W_CHIPS")
    assert code == 0 and "CHIPS and Science Act  [case-sensitive]" in out


def test_lint_seed_is_clean_and_broken_file_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "lint", str(SEED))
    assert (code, out) == (0, "") and "0 error(s), 0 warning(s)" in err
    broken = DATA / "broken" / "semantic.yaml"
    code, out, _ = run(capsys, "lint", str(broken))
    assert code == 1
    assert out.splitlines()[1] == (
        f"{broken}:7: error: P_A: role title T_NOPE is not a concept [unknown-role-title] "
        "(fix: add a title concept T_NOPE, or correct the id)"
    )
    code, out, _ = run(capsys, "lint", "--glossary", str(DATA / "layers"), "--format", "json")
    assert code == 1 and json.loads(out)[0]["check"] == "duplicate-id"


def test_stats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--glossary", str(DATA / "small.yaml"), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["by_type"] == {"person": 1, "title": 2, "law": 1}
    assert data["terms"]["en"] == {"preferred": 4, "admitted": 2, "forbidden": 2}
    assert (data["roles"], data["unverified_terms"], data["concepts_with_unverified_terms"]) == (2, 2, 2)
    assert data["people_by_country"] == {"US": 1}
    assert {year: data["roles_by_year"][year] for year in ("2021", "2024", "2025")} == {"2021": 1, "2024": 2, "2025": 1}
    assert data["concepts_per_language"] == {"en": 4, "ko": 4, "vi": 4}
    assert data["unverified_share"]["vi"] == pytest.approx(2 / 5)
    assert (data["dated_names"], data["unsourced"]) == (0, 3)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "glossaries"
    folder.mkdir()
    shutil.copy(DATA / "small.yaml", folder / "small.yaml")
    shutil.copy(DATA / "layers" / "house.yaml", folder / "house.yaml")
    return folder


def test_edit_writes_into_the_defining_file(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    house_before = (work / "house.yaml").read_bytes()
    code, out, _ = run(
        capsys,
        "edit",
        "T_US_DEP_SEC_STATE",
        "--glossary",
        str(work),
        "--lang",
        "vi",
        "--forbid",
        "Phó Bộ trưởng Ngoại giao Mỹ",
    )
    assert code == 0 and out == f"edited T_US_DEP_SEC_STATE in {work / 'small.yaml'}\n"
    assert (work / "house.yaml").read_bytes() == house_before
    code, _, _ = run(
        capsys,
        "edit",
        "P_KURT_CAMPBELL",
        "--glossary",
        str(work),
        "--add-role",
        "T_US_DEP_SEC_STATE",
        "--country",
        "US",
        "--from",
        "2025-01",
        "--to",
        "2025-01",
        "--role-note",
        "test",
    )
    assert code == 0
    text = (work / "small.yaml").read_text(encoding="utf-8")
    assert "  - {title: T_US_DEP_SEC_STATE, country: US, from: 2025-01, to: 2025-01, note: test}\n" in text
    g = load([work])
    assert [t.text for t in g.get("T_US_DEP_SEC_STATE").terms_in("vi", "forbidden")] == ["Phó Bộ trưởng Ngoại giao Mỹ"]
    assert str(g.get("P_KURT_CAMPBELL").roles[-1].end) == "2025-01-31"


def test_edit_rejects_role_to_non_title(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    before = (work / "small.yaml").read_bytes()
    code, _, err = run(capsys, "edit", "P_KURT_CAMPBELL", "--glossary", str(work), "--add-role", "W_CHIPS")
    assert code == 2 and "W_CHIPS is not a title concept" in err
    assert (work / "small.yaml").read_bytes() == before


def test_add_and_remove(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    new = work / "people.yaml"
    code, out, _ = run(
        capsys,
        "add",
        "P_CHO_HYUN",
        "--type",
        "person",
        "--glossary",
        str(work),
        "--file",
        str(new),
        "--en",
        "Cho Hyun",
        "--ko",
        "조현",
        "--vi",
        "Cho Hyun",
        "--note",
        "ROK Foreign Minister from Jul 2025.",
    )
    assert code == 0 and out == f"added P_CHO_HYUN to {new}\n"
    assert new.read_text(encoding="utf-8") == (
        "- id: P_CHO_HYUN\n  type: person\n  terms:\n    en: {preferred: Cho Hyun}\n    ko: {preferred: 조현}\n"
        "    vi: {preferred: Cho Hyun}\n  note: ROK Foreign Minister from Jul 2025.\n"
    )
    code, _, err = run(
        capsys, "add", "P_CHO_HYUN", "--type", "person", "--glossary", str(work), "--file", str(new), "--en", "X"
    )
    assert code == 2 and "already exists" in err
    code, out, _ = run(capsys, "remove", "L_SEOUL", "--glossary", str(work))
    assert code == 0 and "L_SEOUL" not in load([work])
    assert "- id: O_WHITE_HOUSE" in (work / "house.yaml").read_text(encoding="utf-8")


def test_malformed_glossary_is_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "stats", "--glossary", str(DATA / "broken" / "entries.yaml"))
    assert code == 3
    assert f"{DATA / 'broken' / 'entries.yaml'}:2: O_ONE: unknown type 'organisation'" in err


def test_import_and_export_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    small = DATA / "small.yaml"
    for fmt, suffix in (("tbx", ".tbx"), ("csv", ".csv")):
        exported = tmp_path / f"out{suffix}"
        code, _, _ = run(capsys, "export", "--format", fmt, "--glossary", str(small), "-o", str(exported))
        assert code == 0 and exported.stat().st_size > 0
        target = tmp_path / fmt / "imported.yaml"  # a folder each: the two imports define the same ids
        target.parent.mkdir()
        code, out, _ = run(capsys, "import", str(exported), "--format", fmt, "--to", str(target))
        assert code == 0 and out.startswith("added ")
        again = load([target])
        assert {(t.lang, t.status, t.text) for c in again for t in c.terms} >= {
            ("en", "preferred", "Kurt Campbell"),
            ("ko", "preferred", "커트 캠벨"),
            ("vi", "preferred", "Thứ trưởng Ngoại giao Mỹ"),
        }
    code, out, _ = run(capsys, "export", "--format", "csv-pair", "--langs", "en,ko", "--glossary", str(small))
    assert code == 0 and "Kurt Campbell" in out and "커트 캠벨" in out


def test_glossary_command_never_imports_torch() -> None:
    code = (
        "import sys, transkit.cli as cli; cli.SUBCOMMANDS = ('glossary',);"
        f"rc = cli.main(['glossary', 'search', '캠벨', '--glossary', {str(SEED)!r}]);"
        "bad = [m for m in ('torch', 'transformers') if m in sys.modules];"
        "print(rc, bad)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")}, check=True
    )
    assert result.stdout.splitlines()[-1] == "0 []"


def test_import_refuses_ids_the_folder_defines_and_merges_on_request(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "glossaries"
    shutil.copytree(SEED, folder, ignore=shutil.ignore_patterns("*.md"))
    laws_before = (folder / "laws.yaml").read_bytes()
    terms = Path(__file__).parent / "data" / "exchange" / "desk_terms_ko_headers.csv"
    args = ("import", str(terms), "--format", "csv", "--columns", "id,en,ko,note", "--header", "--split", " : ")
    code, _, err = run(capsys, *args, "--to", str(folder / "desk.yaml"))
    assert code == 2 and "1 imported ids are already defined beside desk.yaml: W_IRA (laws.yaml)" in err
    assert "pass --merge" in err and not (folder / "desk.yaml").exists()
    assert (folder / "laws.yaml").read_bytes() == laws_before
    code, out, _ = run(capsys, *args, "--to", str(folder / "desk.yaml"), "--merge")
    assert code == 0
    assert out == (
        f"added 1 concepts to {folder / 'desk.yaml'}\n"
        "merged 1 into existing concepts: W_IRA (laws.yaml: 1 terms added)\n"
    )
    glossary = load([folder])  # the folder still loads: no id twice
    assert "인플레 감축법" in [t.text for t in glossary.get("W_IRA").terms_in("ko", "admitted")]
    assert glossary.get("W_KR_SERIOUS_ACCIDENTS").preferred("ko").text == "중대재해처벌법"


def test_edit_refuses_to_forbid_an_approved_term(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "glossaries"
    shutil.copytree(SEED, folder, ignore=shutil.ignore_patterns("*.md"))
    before = (folder / "people.yaml").read_bytes()
    base = ("edit", "P_KURT_CAMPBELL", "--glossary", str(folder), "--lang", "en")
    code, _, err = run(capsys, *base, "--forbid", "Kurt Campbell")
    assert code == 2 and "'Kurt Campbell' is the preferred en term of P_KURT_CAMPBELL" in err
    assert "make another term preferred first" in err
    code, _, err = run(capsys, *base, "--forbid", "Kurt M. Campbell")
    assert code == 2 and "--drop 'Kurt M. Campbell' --forbid 'Kurt M. Campbell'" in err
    assert (folder / "people.yaml").read_bytes() == before
    code, _, _ = run(capsys, *base, "--drop", "Kurt M. Campbell", "--forbid", "Kurt M. Campbell")
    concept = load([folder]).get("P_KURT_CAMPBELL")
    assert code == 0 and "Kurt M. Campbell" in [t.text for t in concept.terms_in("en", "forbidden")]
    assert "Kurt M. Campbell" not in [t.text for t in concept.terms_in("en", "admitted")]
