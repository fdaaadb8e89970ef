"""Loading, layers, errors with file:line, in-place edits and atomic writes of glossary YAML files."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from transkit.errors import GlossaryError, InputError
from transkit.glossary import Role, Term, default_paths, dump, load
from transkit.glossary.store import GlossaryFile, parse_date

DATA = Path(__file__).parent / "data" / "glossary"
SEED = Path(__file__).parents[1] / "glossaries"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    shutil.copy(DATA / "small.yaml", path)
    return path


def test_load_terms_options_roles_and_origin() -> None:
    g = load([DATA / "small.yaml"])
    assert list(g.concepts) == ["P_KURT_CAMPBELL", "T_US_DEP_SEC_STATE", "T_US_NSC_INDOPAC_COORD", "W_CHIPS"]
    kc = g.get("P_KURT_CAMPBELL")
    assert kc.origin.line == 2 and kc.origin.path.endswith("small.yaml")
    assert [(t.lang, t.status, t.text) for t in kc.terms] == [
        ("en", "preferred", "Kurt Campbell"),
        ("en", "admitted", "Kurt M. Campbell"),
        ("en", "forbidden", "Deputy Foreign Minister Kurt Campbell"),
        ("ko", "preferred", "커트 캠벨"),
        ("vi", "preferred", "Kurt Campbell"),
    ]
    assert kc.roles == (
        Role("T_US_NSC_INDOPAC_COORD", "US", date(2021, 1, 20), date(2024, 2, 12)),
        Role("T_US_DEP_SEC_STATE", "US", date(2024, 2, 1), date(2025, 1, 20)),
    )
    assert [r.title for r in kc.roles_on(date(2024, 6, 1))] == ["T_US_DEP_SEC_STATE"]
    assert kc.sources == ("https://example.org/campbell",)
    chips = g.get("W_CHIPS")
    assert chips.preferred("en") == Term("CHIPS and Science Act", "en", case_sensitive=True)
    assert chips.terms_in("ko", "admitted") == [
        Term("CHIPS법", "ko", "admitted", case_sensitive=True, reading="칩스법")
    ]
    coord = g.get("T_US_NSC_INDOPAC_COORD")
    assert [t.verified for t in coord.terms] == [True, True, True, False]  # block-level 'verified: false' (vi)
    assert g.get("T_US_DEP_SEC_STATE").terms_in("vi", "admitted")[0].verified is False


def test_version_is_content_hash(small: Path, tmp_path: Path) -> None:
    v1 = load([small]).version
    assert len(v1) == 12 and v1 == load([DATA / "small.yaml"]).version
    small.write_text(small.read_text(encoding="utf-8").replace("# Titles", "# titles, reworded"), encoding="utf-8")
    assert load([small]).version == v1  # comments are not content
    small.write_text(small.read_text(encoding="utf-8").replace("커트 캠벨", "커트 캠블"), encoding="utf-8")
    assert load([small]).version != v1


def test_layers_later_path_overrides_whole_concept() -> None:
    house, project = DATA / "layers" / "house.yaml", DATA / "layers" / "project.yaml"
    g = load([house, project])
    assert g.get("L_SEOUL").terms_in("vi", "admitted")[0].text == "Xơ-un"
    assert g.get("L_SEOUL").origin.path == str(project)
    assert load([project, house]).get("L_SEOUL").terms_in("vi", "admitted") == []


def test_folder_is_one_layer_of_sorted_files(tmp_path: Path) -> None:
    shutil.copy(DATA / "small.yaml", tmp_path / "b.yml")
    shutil.copy(DATA / "layers" / "house.yaml", tmp_path / "a.yaml")
    (tmp_path / "notes.txt").write_text("not a glossary", encoding="utf-8")
    g = load([tmp_path])
    assert g.paths == (str(tmp_path / "a.yaml"), str(tmp_path / "b.yml"))
    assert list(g.concepts)[:3] == ["O_WHITE_HOUSE", "L_SEOUL", "P_KURT_CAMPBELL"] and len(g) == 6


def test_duplicate_id_in_one_layer_is_an_error(tmp_path: Path) -> None:
    shutil.copy(DATA / "layers" / "house.yaml", tmp_path / "a.yaml")
    shutil.copy(DATA / "layers" / "project.yaml", tmp_path / "b.yaml")
    with pytest.raises(GlossaryError) as err:
        load([tmp_path])
    assert err.value.path == str(tmp_path / "b.yaml") and err.value.line == 2
    assert "duplicate id L_SEOUL" in err.value.message


@pytest.mark.parametrize(
    ("name", "line", "text"),
    [
        ("syntax.yaml", 5, "invalid YAML"),
        ("not_a_list.yaml", 1, "must be a YAML list"),
        ("entries.yaml", 2, "unknown type 'organisation'"),
    ],
)
def test_malformed_files_raise_with_file_line_and_hint(name: str, line: int, text: str) -> None:
    with pytest.raises(GlossaryError) as err:
        load([DATA / "broken" / name])
    assert err.value.path == str(DATA / "broken" / name) and err.value.line == line
    assert text in err.value.message and err.value.hint
    assert str(err.value).startswith(f"{DATA / 'broken' / name}:{line}: ")


def test_missing_path_and_default_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(GlossaryError, match="glossary not found"):
        load([tmp_path / "nope.yaml"])
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSKIT_GLOSSARY", raising=False)
    assert default_paths() == []
    (tmp_path / "glossaries").mkdir()
    assert default_paths() == ["glossaries"]
    monkeypatch.setenv("TRANSKIT_GLOSSARY", os.pathsep.join(["house", "project.yaml"]))
    assert default_paths() == ["house", "project.yaml"]


def test_parse_date_periods() -> None:
    assert parse_date("2024") == date(2024, 1, 1) and parse_date(2024, end=True) == date(2024, 12, 31)
    assert parse_date("2023-02", end=True) == date(2023, 2, 28)
    with pytest.raises(ValueError, match="not a date: 'Feb 2024'"):
        parse_date("Feb 2024")


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    import difflib

    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    removed = [d[1:] for d in diff if d.startswith("-") and not d.startswith("---")]
    added = [d[1:] for d in diff if d.startswith("+") and not d.startswith("+++")]
    return removed, added


def test_edit_changes_only_the_edited_lines(small: Path) -> None:
    before = small.read_text(encoding="utf-8")
    f = GlossaryFile(small)
    f.set_preferred("P_KURT_CAMPBELL", "ko", "커트 M. 캠벨", keep_old=False)
    f.save()
    assert _changed_lines(before, small.read_text(encoding="utf-8")) == (
        ["    ko: {preferred: 커트 캠벨}"],
        ["    ko: {preferred: 커트 M. 캠벨}"],
    )
    before = small.read_text(encoding="utf-8")
    f = GlossaryFile(small)
    f.add_term("T_US_DEP_SEC_STATE", "en", "forbidden", "Vice Foreign Minister")
    f.add_role("P_KURT_CAMPBELL", Role("T_US_DEP_SEC_STATE", "US", date(2024, 2, 12)))
    f.set_field("T_US_DEP_SEC_STATE", "note", "No. 2 of the State Department.")
    f.save()
    after = small.read_text(encoding="utf-8")
    assert _changed_lines(before, after) == (
        ["      forbidden: [Deputy Foreign Minister]"],
        [
            "  - {title: T_US_DEP_SEC_STATE, country: US, from: 2024-02-12}",
            "      forbidden: [Deputy Foreign Minister, Vice Foreign Minister]",
            "  note: No. 2 of the State Department.",
        ],
    )
    assert "# Titles" in after and after.startswith("# A small glossary")
    g = load([small])
    assert g.get("P_KURT_CAMPBELL").roles[-1] == Role("T_US_DEP_SEC_STATE", "US", date(2024, 2, 12))


def test_unchanged_seed_files_round_trip_byte_exact() -> None:
    for path in sorted(SEED.glob("*.yaml")):
        assert GlossaryFile(path).text() == path.read_text(encoding="utf-8"), path.name


def test_set_preferred_keeps_old_as_admitted_and_remove(small: Path) -> None:
    f = GlossaryFile(small)
    f.set_preferred("T_US_NSC_INDOPAC_COORD", "en", "Indo-Pacific Coordinator")
    f.remove("W_CHIPS")
    f.save()
    g = load([small])
    coord = g.get("T_US_NSC_INDOPAC_COORD")
    assert [t.text for t in coord.terms_in("en")] == [
        "Indo-Pacific Coordinator",
        "Coordinator for Indo-Pacific Affairs",
    ]
    assert "W_CHIPS" not in g and len(g) == 3


def test_invalid_edit_writes_nothing(small: Path) -> None:
    before = small.read_bytes()
    f = GlossaryFile(small)
    f.node("P_KURT_CAMPBELL")["type"] = "human"
    with pytest.raises(GlossaryError, match="unknown type 'human'"):
        f.save()
    assert small.read_bytes() == before
    with pytest.raises(GlossaryError, match="already defined"):
        GlossaryFile(small).add(load([small]).get("W_CHIPS"))


def test_failed_write_leaves_original_and_no_temp_file(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = small.read_bytes()
    f = GlossaryFile(small)
    f.set_field("W_CHIPS", "note", "US law, 2022.")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(InputError, match="cannot write: No space left on device"):
        f.save()
    assert small.read_bytes() == before
    assert sorted(p.name for p in small.parent.iterdir()) == ["small.yaml"]


def test_dump_writes_a_loadable_file(tmp_path: Path) -> None:
    g = load([DATA / "small.yaml"])
    out = tmp_path / "copy.yaml"
    dump(g, out)
    again = load([out])
    assert list(again) == list(g)  # origins are not compared
    assert again.version == g.version
    assert "  - {title: T_US_NSC_INDOPAC_COORD, country: US, from: 2021-01-20, to: 2024-02-12}\n" in out.read_text(
        encoding="utf-8"
    )


def test_load_reads_a_parsed_file_from_the_cache_until_it_changes(tmp_path, monkeypatch) -> None:
    from transkit.glossary.store import layers

    monkeypatch.setenv("TRANSKIT_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "g.yaml"
    path.write_text(
        "- id: P_CAMPBELL\n  type: person\n  terms:\n    en: {preferred: Kurt Campbell}\n    ko: {preferred: 캠벨}\n",
        encoding="utf-8",
    )
    first = layers.load([path])
    parses = []
    real_read_file = layers.read_file
    monkeypatch.setattr(layers, "read_file", lambda *a, **k: parses.append(a) or real_read_file(*a, **k))
    again = layers.load([path])
    assert parses == [] and again.version == first.version
    assert again.get("P_CAMPBELL").origin == first.get("P_CAMPBELL").origin  # file and line as parsed
    path.write_text(path.read_text(encoding="utf-8").replace("캠벨", "커트 캠벨"), encoding="utf-8")
    edited = layers.load([path])
    assert len(parses) == 1 and edited.get("P_CAMPBELL").preferred("ko").text == "커트 캠벨"
    for entry in (tmp_path / "cache" / "glossary").iterdir():  # a damaged entry is parsed again, not trusted
        entry.write_bytes(b"\x80\x05 truncated")
    assert layers.load([path]).version == edited.version and len(parses) == 2
    monkeypatch.setenv("TRANSKIT_NO_GLOSSARY_CACHE", "1")
    layers.load([path])
    assert len(parses) == 3
