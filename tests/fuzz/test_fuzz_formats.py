"""Fuzz every localisation reader batch uses: PO, XLIFF 1.2 and 2.0, JSON, i18next, Android, CSV, text, Markdown."""

from __future__ import annotations

from fuzzing import clear_error_or_success, fuzz_tests, inputs
from hypothesis import strategies as st

from transkit.formats.registry import FORMATS, open_store

SEEDS = {
    "po": [
        b"""\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ko\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#: templates/home.html:12
msgctxt "menu"
msgid "Latest news"
msgstr ""

#, python-format
msgid "%(count)d article about the summit"
msgid_plural "%(count)d articles about the summit"
msgstr[0] ""
"""
    ],
    "xliff": [
        b"""\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="app" source-language="en" target-language="vi" datatype="plaintext"><body>
<trans-unit id="title"><source>Ministers meet in <g id="1">Seoul</g></source><target state="new"></target></trans-unit>
<trans-unit id="by"><source>By {author}</source></trans-unit>
</body></file></xliff>
"""
    ],
    "xliff2": [
        """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko">
<file id="f1"><unit id="u1"><segment><source>Talks resume on <pc id="1">Monday</pc>.</source></segment></unit>
<unit id="u2"><segment state="translated"><source>Read more</source><target>더 보기</target></segment></unit></file>
</xliff>
""".encode()
    ],
    "json": [b'{\n  "home": {"title": "Latest news", "count": 3},\n  "footer": "Contact the newsroom"\n}\n'],
    "i18next": [b'{"article_one": "{{count}} article", "article_other": "{{count}} articles", "x": "Share"}\n'],
    "android": [
        (
            b'<?xml version="1.0" encoding="utf-8"?>\n<resources>\n<string name="title">Latest news</string>\n'
            b'<string name="app" translatable="false">Newsdesk</string>\n<plurals name="n">'
            b'<item quantity="one">%d story</item><item quantity="other">%d stories</item></plurals>\n</resources>\n'
        )
    ],
    "csv": [b'location,source,target\nhome.title,Latest news,\nhome.more,"Read more, today",\n'],
    "text": [b"The foreign ministers met in Seoul on Monday. They agreed to meet again.\n\nTalks end Friday.\n"],
    "markdown": [
        b"# Summit\n\nThe ministers met in [Seoul](https://example.org/seoul).\n\n```\ncode stays\n```\n\n- `x` item\n"
    ],
}
assert set(SEEDS) == set(FORMATS), "every format has seeds"

ALL_SEEDS = [seed for seeds in SEEDS.values() for seed in seeds]


def _body(case: tuple[str, bytes]) -> None:
    fmt, data = case

    def read_and_write() -> None:
        store = open_store(data, path=f"fuzz.{fmt}", fmt=fmt, source_lang="en")
        units = store.units()
        store.apply({u.id: ("X",) for u in units[:3]}, target="ko")

    clear_error_or_success(read_and_write, len(data))


CASES = st.sampled_from(sorted(FORMATS)).flatmap(
    lambda fmt: st.tuples(st.just(fmt), st.one_of(inputs(SEEDS[fmt]), inputs(ALL_SEEDS)))
)
test_localisation_readers, test_localisation_readers_long = fuzz_tests("localisation readers (batch)", CASES, _body)
