"""The new input checks accept correct files in all three languages, and refuse only what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from transkit.errors import DecodeError, FormatError, GlossaryError, InputError
from transkit.formats.registry import open_store
from transkit.glossary.store import load
from transkit.jobs.tm import TranslationMemory
from transkit.text.io import read_text

CSV_OK = (
    "location,source,target\n"
    'home.title,"Seoul, Hanoi and Washington: talks resume",\n'
    "\n"
    'home.lede,"The ministers said ""progress"" was made",\n'
    "home.ko,외교부 장관 회담,Hội đàm Bộ trưởng Ngoại giao\n"
)
PO_TWO_FORMS = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
    'msgid "%d minister arrived"\nmsgid_plural "%d ministers arrived"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
    '#~ msgid "%d old story"\n#~ msgid_plural "%d old stories"\n#~ msgstr[0] ""\n#~ msgstr[5] ""\n'
)
POT_NO_HEADER = 'msgid "%d article"\nmsgid_plural "%d articles"\nmsgstr[0] ""\nmsgstr[1] ""\n'


def test_csv_with_quoted_delimiters_blank_lines_and_korean_vietnamese_cells_is_read() -> None:
    store = open_store(CSV_OK.encode(), path="app.csv", fmt="csv", source_lang="en")
    assert [u.source.text for u in store.units()] == [
        "Seoul, Hanoi and Washington: talks resume",
        'The ministers said "progress" was made',
        "외교부 장관 회담",
    ]


def test_csv_row_of_another_length_is_refused_with_its_line() -> None:
    data = (CSV_OK + "home.extra,Ministers meet,,spare\n").encode()
    with pytest.raises(FormatError) as err:
        open_store(data, path="app.csv", fmt="csv", source_lang="en")
    assert (err.value.line, "a row has 4 cell(s)" in err.value.message) == (6, True)


@pytest.mark.parametrize("text", [PO_TWO_FORMS, POT_NO_HEADER])
def test_po_plural_forms_within_nplurals_and_obsolete_entries_are_read(text: str) -> None:
    store = open_store(text.encode(), path="news.po", fmt="po", source_lang="en")
    assert [u.source.text for u in store.units()] == [text.split('msgid_plural "')[1].split('"', maxsplit=1)[0]]


def test_po_plural_form_beyond_nplurals_is_refused_with_its_line() -> None:
    text = PO_TWO_FORMS.replace('msgstr[1] ""\n\n', 'msgstr[1] ""\nmsgstr[2] ""\n\n')
    with pytest.raises(FormatError) as err:
        open_store(text.encode(), path="news.po", fmt="po", source_lang="en")
    assert (err.value.line, err.value.message) == (
        11,
        "msgstr[2] but the Plural-Forms header declares nplurals=2 (msgstr[0] to msgstr[1])",
    )


def test_json_must_be_utf8_and_a_utf8_bom_is_fine() -> None:
    good = '\ufeff{"title": "Bộ trưởng Ngoại giao", "ko": "외교부 장관"}'.encode()
    assert len(open_store(good, path="vi.json", fmt="json", source_lang="vi").units()) == 2
    with pytest.raises(DecodeError, match="UTF-16LE"):
        open_store('{"title": "Hội đàm"}'.encode("utf-16"), path="vi.json", fmt="json", source_lang="vi")


def test_glossary_with_anchors_quoted_tag_text_and_nested_terms_loads(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(
        "- id: P_CHO_TAE_YUL\n"
        "  type: person\n"
        "  note: '!!int is not a tag when quoted'\n"
        "  terms:\n"
        "    en: &en {preferred: Cho Tae-yul, admitted: [{text: Cho Tae-yeol, note: older romanisation}]}\n"
        "    ko: {preferred: {text: 조태열, reading: jo tae-yeol}}\n"
        "    vi: Cho Tae-yul\n",
        encoding="utf-8",
    )
    concept = load([path]).concepts["P_CHO_TAE_YUL"]
    assert (concept.note, len(concept.terms)) == ("!!int is not a tag when quoted", 4)


def test_glossary_folder_without_glossary_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("to do", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"no glossary files \(\*\.yaml, \*\.yml\) in this folder"):
        load([tmp_path])


def test_read_commands_refuse_a_missing_memory_and_do_not_create_it(tmp_path: Path) -> None:
    missing = tmp_path / "build" / "tm.sqlite3"
    with pytest.raises(InputError, match="no such translation memory"):
        TranslationMemory(missing, create=False)
    assert not (tmp_path / "build").exists()
    with TranslationMemory(missing) as tm:
        tm.store("fake:x:en-vi", "", "en", "vi", [("Talks resume.", "Các cuộc đàm phán nối lại.")])
        assert tm.check() == []
    with TranslationMemory(missing, create=False) as tm:
        assert tm.stats().total == 1


def test_read_text_limit(tmp_path: Path) -> None:
    path = tmp_path / "기사.txt"
    path.write_text("회담은 월요일에 재개된다. " * 10, encoding="utf-8")
    assert read_text(path, max_bytes=1024).startswith("회담은")
    with pytest.raises(InputError, match=r"article is 0\.0 MiB; the limit is 0\.0 MiB"):
        read_text(path, max_bytes=100)
