"""Contract tests: every format adapter reads, translates with a fake engine, writes and re-reads the same way."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime

import pytest

from transkit.errors import InputError
from transkit.formats import FORMATS, detect_format, open_store, protected_spans, tokens
from transkit.formats.base import Unit


def fake(text: str) -> str:
    """A 'translation' that keeps every protected span and marks the rest."""
    spans = protected_spans(text)
    out, last = [], 0
    for a, b in spans:
        out += [text[last:a].upper(), text[a:b]]
        last = b
    return "".join([*out, text[last:].upper()])


@dataclass(frozen=True)
class Case:
    fmt: str
    name: str
    data: bytes
    untouched: tuple[bytes, ...]  # byte strings of the input that must survive as they are


CASES = [
    Case("text", "notice.txt", b"Ferry services stop on 1 July.\n\nSee https://example.org/ferry now.\n",
         (b"https://example.org/ferry",)),
    Case("markdown", "a.md", b"# Busan festival\n\nRun `festival --list` today.\n\n```\ncode: stays\n```\n",
         (b"```\ncode: stays\n```\n", b"`festival --list`")),
    Case("po", "app.pot", b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
         b'msgid "Hello %(name)s"\nmsgstr ""\n\nmsgid "Read more"\nmsgstr "Doc them"\n\n'
         b'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""\n',
         (b'msgstr "Doc them"',)),
    Case("xliff", "a.xlf", b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
         b'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="a" source-language="en" datatype="html">'
         b'<body>\n<trans-unit id="1"><source>Click <g id="1">here</g> now.<x id="2"/></source></trans-unit>\n'
         b'<trans-unit id="2"><source>Done</source><target state="final">Xong</target></trans-unit>\n'
         b'</body></file></xliff>\n', (b'<target state="final">Xong</target>',)),
    Case("xliff2", "b.xlf", b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" '
         b'xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en">\n<file id="f"><unit id="u1"><segment>'
         b'<source>Press <pc id="1">Save</pc> now<ph id="2"/>.</source></segment></unit></file></xliff>\n', ()),
    Case("json", "en.json", b'{\n  "nav": {\n    "home": "Home {page}"\n  },\n  "n": 3\n}\n', (b'"n": 3',)),
    Case("i18next", "en.json", b'{\n  "files_one": "{{count}} file",\n  "files_other": "{{count}} files",\n'
         b'  "hi": "Hi"\n}\n', ()),
    Case("android", "strings.xml", b'<?xml version="1.0" encoding="utf-8"?>\n<resources>\n'
         b'    <string name="app" translatable="false">Harbour News</string>\n'
         b'    <string name="welcome">Welcome, %1$s! <b>New</b></string>\n'
         b'    <plurals name="unread">\n        <item quantity="one">%d story</item>\n'
         b'        <item quantity="other">%d stories</item>\n    </plurals>\n</resources>\n',
         (b'<string name="app" translatable="false">Harbour News</string>',)),
    Case("csv", "a.csv", b'"location","source","target"\n"a.py:1","Hello {name}",""\n"a.py:2","Bye","Tam biet"\n',
         (b'"Tam biet"',)),
]


def translate_store(case: Case, target: str) -> tuple[list[Unit], bytes]:
    store = open_store(case.data, path=case.name, fmt=case.fmt, source_lang="en")
    units = store.units()
    translations = {u.id: tuple(fake(t.text) for t in u.forms_for(target)) for u in units if u.needs_translation}
    applied = store.apply(translations, target=target)
    assert applied.failed == ()
    return units, applied.data


def test_every_format_has_a_case():
    assert sorted(c.fmt for c in CASES) == sorted(FORMATS)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.fmt)
@pytest.mark.parametrize("target", ["ko", "vi"])
def test_round_trip_keeps_placeholders_tags_and_untouched_units(case: Case, target: str):
    units, data = translate_store(case, target)
    assert units, "every case has units"
    for piece in case.untouched:
        assert piece in data
    reread = open_store(data, path=case.name, fmt=case.fmt, source_lang="en").units()
    if case.fmt in ("text", "markdown"):
        assert [u.source.text for u in reread] == [fake(u.source.text) for u in units]
        return
    if case.fmt in ("json", "i18next", "android"):  # monolingual: the translations are the new sources
        assert [u.source.text for u in reread] == [fake(u.forms_for(target)[0].text) for u in units]
        return
    for before, after in zip(units, reread):
        assert after.id == before.id and after.source == before.source
        expected = before.target if not before.needs_translation else fake(before.forms_for(target)[0].text)
        assert after.target == expected
        assert tokens(after.target) == tokens(before.source.text) or not before.needs_translation
        assert not after.needs_translation


@pytest.mark.parametrize(("fmt", "name"), [("po", "app.pot"), ("android", "strings.xml"), ("i18next", "en.json")])
def test_plurals_have_one_form_in_korean_and_vietnamese_and_two_in_english(fmt, name):
    case = next(c for c in CASES if c.fmt == fmt)
    plural = next(u for u in open_store(case.data, path=name, fmt=fmt, source_lang="en").units() if u.plurals)
    assert [tag for tag, _ in plural.plurals] == ["one", "other"]
    assert [t.text for t in plural.forms_for("ko")] == [plural.plurals[1][1].text]
    assert [t.text for t in plural.forms_for("vi")] == [plural.plurals[1][1].text]
    assert len(plural.forms_for("en")) == 2
    _, data = translate_store(case, "ko")
    text = data.decode()
    if fmt == "po":
        assert 'msgstr[0] "%d FILES"' in text and "msgstr[1]" not in text
        assert '"Language: ko\\n"' in text and '"Plural-Forms: nplurals=1; plural=0;\\n"' in text
    elif fmt == "android":
        assert '<item quantity="other">%d STORIES</item>' in text and 'quantity="one"' not in text
    else:
        assert '"files_other": "{{count}} FILES"' in text and "files_one" not in text


def test_xliff_inline_elements_are_rebuilt_as_elements_with_target_language():
    _, data = translate_store(CASES[3], "vi")
    text = data.decode()
    assert '<target state="translated">CLICK <g id="1">HERE</g> NOW.<x id="2"/></target>' in text
    assert 'target-language="vi"' in text
    _, data2 = translate_store(CASES[4], "ko")
    text2 = data2.decode()
    assert '<segment state="translated">' in text2 and 'trgLang="ko"' in text2
    assert '<target>PRESS <pc id="1">SAVE</pc> NOW<ph id="2"/>.</target>' in text2


def test_xliff_reordered_tags_follow_the_translation_and_broken_nesting_fails_the_unit():
    case = CASES[3]
    store = open_store(case.data, path=case.name, fmt="xliff", source_lang="en")
    applied = store.apply({"a#1": ('<x id="2"/>Bấm vào <g id="1">đây</g>.',)}, target="vi")
    assert '<target state="translated"><x id="2"/>Bấm vào <g id="1">đây</g>.</target>' in applied.data.decode()
    store = open_store(case.data, path=case.name, fmt="xliff", source_lang="en")
    applied = store.apply({"a#1": ('</g>Bấm <g id="1">vào<x id="2"/>',)}, target="vi")
    assert applied.failed == (("a#1", "closing tag </g> does not match an open tag"),)
    assert "<target" not in applied.data.decode().split('id="1">', 1)[1].split("</trans-unit>")[0]


def test_only_empty_or_fuzzy_units_need_translation():
    po = (b'msgid "A"\nmsgstr ""\n\n#, fuzzy\nmsgid "B"\nmsgstr "b"\n\nmsgid "C"\nmsgstr "c"\n')
    units = open_store(po, path="x.po", fmt="po", source_lang="en").units()
    assert [(u.id, u.needs_translation) for u in units] == [("A", True), ("B", True), ("C", False)]


XGETTEXT_POT = b"""# Harbour News app strings.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: PACKAGE VERSION\\n"
"Report-Msgid-Bugs-To: desk@harbour.example\\n"
"POT-Creation-Date: 2024-02-28 10:00+0900\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"
"Language-Team: LANGUAGE <LL@li.org>\\n"
"Language: \\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=CHARSET\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"

#: app/feed.py:12
#, python-format
msgid "%(count)d new story"
msgid_plural "%(count)d new stories"
msgstr[0] ""
msgstr[1] ""
"""
TRANSLATED_PO = """msgid ""
msgstr ""
"Project-Id-Version: harbour-news 2.3\\n"
"Last-Translator: Nguyen Thi Lan <lan@harbour.example>\\n"
"Language-Team: Harbour desk <vi@harbour.example>\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Breaking news"
msgstr "Tin nóng"

msgid "Read more"
msgstr ""
""".encode()


def _header(data: bytes) -> dict[str, str]:
    return dict(re.findall(r'^"([A-Za-z-]+): (.*)\\n"$', data.decode(), re.MULTILINE))


@pytest.mark.parametrize("data", [CASES[2].data, XGETTEXT_POT, TRANSLATED_PO], ids=["bare", "xgettext", "translated"])
@pytest.mark.parametrize("target", ["en", "ko", "vi"])
def test_translated_po_passes_msgfmt_check(data: bytes, target: str, tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (GNU gettext) is not installed: apt-get install gettext")
    store = open_store(data, path="news.pot", fmt="po", source_lang="en")
    translations = {
        u.id: tuple(fake(t.text) for t in u.forms_for(target)) for u in store.units() if u.needs_translation
    }
    path = tmp_path / f"{target}.po"
    path.write_bytes(store.apply(translations, target=target).data)
    checked = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], check=False, capture_output=True, text=True
    )
    assert (checked.returncode, checked.stderr) == (0, "")


def test_po_header_keeps_the_source_fields_and_sets_language_date_plurals_and_generator():
    before = datetime.now().astimezone().replace(second=0, microsecond=0)
    store = open_store(XGETTEXT_POT, path="po/news.pot", fmt="po", source_lang="en")
    header = _header(store.apply({}, target="ko").data)
    assert header["Report-Msgid-Bugs-To"] == "desk@harbour.example"
    assert header["POT-Creation-Date"] == "2024-02-28 10:00+0900"
    assert datetime.strptime(header["PO-Revision-Date"], "%Y-%m-%d %H:%M%z") >= before
    assert header["Project-Id-Version"] == "news"  # the placeholder replaced by the file's name
    assert (header["Last-Translator"], header["Language-Team"]) == ("transkit", "Korean")
    assert (header["Language"], header["Plural-Forms"]) == ("ko", "nplurals=1; plural=0;")
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert header["X-Generator"].startswith("transkit ")
    kept = _header(open_store(TRANSLATED_PO, path="vi.po", fmt="po", source_lang="en").apply({}, target="vi").data)
    assert kept["Project-Id-Version"] == "harbour-news 2.3"
    assert kept["Last-Translator"] == "Nguyen Thi Lan <lan@harbour.example>"
    assert kept["Language-Team"] == "Harbour desk <vi@harbour.example>"
    assert kept["MIME-Version"] == "1.0"
    english = _header(open_store(XGETTEXT_POT, path="news.pot", fmt="po", source_lang="ko").apply({}, target="en").data)
    assert english["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert english["Language-Team"] == "English"


def test_protected_spans_cover_every_placeholder_style():
    text = "Xin chào {name}, %s, %1$s, %(count)d, {{x}}, <b>mới</b>, `code` và https://vnexpress.net/a."
    assert [text[a:b] for a, b in protected_spans(text)] == [
        "{name}", "%s", "%1$s", "%(count)d", "{{x}}", "<b>", "</b>", "`code`", "https://vnexpress.net/a"]
    assert protected_spans("점유율 50% 이상") == ()


@pytest.mark.parametrize(("path", "head", "expected"), [
    ("a/b.md", b"", "markdown"), ("x.pot", b"", "po"), ("x.xlf", b'<xliff version="2.0">', "xliff2"),
    ("x.xliff", b'<xliff version="1.2">', "xliff"), ("en.json", b'{"a_one": "x", "a_other": "y"}', "i18next"),
    ("en.json", b'{"a": "x"}', "json"), ("res/values/strings.xml", b"", "android"), ("t.csv", b"", "csv"),
    ("logo.png", b"", None),
])
def test_detect_format_by_extension_and_content(path, head, expected):
    assert detect_format(path, head) == expected
    assert detect_format(path, head, override="text") == "text"


@pytest.mark.parametrize(("fmt", "data"), [("json", b'{"a": "x",}'), ("po", b'msgid "a"\nmsgstr "b\n'),
                                      ("xliff", b"<xliff version='1.2'><file>"), ("text", b"caf\xe9\n")])
def test_malformed_files_raise_input_errors_naming_the_file(fmt, data):
    with pytest.raises(InputError) as err:  # FormatError, or DecodeError for bad UTF-8
        open_store(data, path="bad." + fmt, fmt=fmt, source_lang="en")
    assert str(err.value).startswith("bad." + fmt)
