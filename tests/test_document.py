"""Documents: structure kept verbatim, sentences to translate, protected spans, exact round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transkit.errors import LanguageError
from transkit.text.document import Document, Segment

ARTICLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

EN_MARKDOWN = """\
---
title: Seoul and Washington
---

# Cho and Campbell meet in Washington

Foreign Minister Cho Tae-yul met U.S. Deputy Secretary of State Kurt M. Campbell
on Feb. 29 in Washington, D.C. The two sides discussed cooperation.

> Mr. Campbell said: "We are united." He
> thanked Mr. Cho.

- See the [statement](https://www.state.gov/a "State") and `notes.md`.
- [ ] Talks with Japan
  continue in Seoul.

```text
Do not translate. This is code.
```

| Name | Title |
|------|:-----:|
| Cho Tae-yul | Foreign Minister |

<!-- editor: check titles. -->

***

![Cho and Campbell](img/meet.jpg) Photo: Yonhap.

https://www.mofa.go.kr/eng

2024-02-29 12:00
"""


def texts(doc: Document) -> list[str]:
    return [s.text for s in doc.segments]


def identity(doc: Document) -> str:
    return doc.render(texts(doc))


def test_english_markdown_article_segments():
    doc = Document.parse(EN_MARKDOWN, lang="en", fmt="markdown")
    assert texts(doc) == [
        "Cho and Campbell meet in Washington",
        "Foreign Minister Cho Tae-yul met U.S. Deputy Secretary of State Kurt M. Campbell\n"
        "on Feb. 29 in Washington, D.C.",
        "The two sides discussed cooperation.",
        'Mr. Campbell said: "We are united."',
        "He\nthanked Mr. Cho.",
        'See the [statement](https://www.state.gov/a "State") and `notes.md`.',
        "Talks with Japan\ncontinue in Seoul.",
        "Name",
        "Title",
        "Cho Tae-yul",
        "Foreign Minister",
        "![Cho and Campbell](img/meet.jpg) Photo: Yonhap.",
    ]
    assert [s.index for s in doc.segments] == list(range(12))
    assert doc.segments[4].breaks == ("\n> ",)
    assert doc.segments[6].breaks == ("\n  ",)
    link = doc.segments[5]
    assert [link.text[a:b] for a, b in link.protected] == ['](https://www.state.gov/a "State")', "`notes.md`"]
    image = doc.segments[11]
    assert [image.text[a:b] for a, b in image.protected] == ["![Cho and Campbell](img/meet.jpg)"]
    assert identity(doc) == EN_MARKDOWN


def test_english_markdown_renders_translations_into_the_structure():
    doc = Document.parse(EN_MARKDOWN, lang="en", fmt="markdown")
    vi = [
        "Cho và Campbell gặp nhau tại Washington",
        "Bộ trưởng Ngoại giao Cho Tae-yul đã gặp Thứ trưởng Ngoại giao Mỹ Kurt M. Campbell tại Washington.",
        "Hai bên thảo luận về hợp tác.",
        'Ông Campbell nói: "Chúng tôi đoàn kết."',
        "Ông\ncảm ơn ông Cho.",
        'Xem [tuyên bố](https://www.state.gov/a "State") và `notes.md`.',
        "Đàm phán với Nhật Bản tiếp tục tại Seoul.",
        "Tên",
        "Chức danh",
        "Cho Tae-yul",
        "Bộ trưởng Ngoại giao",
        "![Cho and Campbell](img/meet.jpg) Ảnh: Yonhap.",
    ]
    assert (
        doc.render(vi)
        == """\
---
title: Seoul and Washington
---

# Cho và Campbell gặp nhau tại Washington

Bộ trưởng Ngoại giao Cho Tae-yul đã gặp Thứ trưởng Ngoại giao Mỹ Kurt
M. Campbell tại Washington. Hai bên thảo luận về hợp tác.

> Ông Campbell nói: "Chúng tôi đoàn kết." Ông
> cảm ơn ông Cho.

- Xem [tuyên bố](https://www.state.gov/a "State") và `notes.md`.
- [ ] Đàm phán với Nhật
  Bản tiếp tục tại Seoul.

```text
Do not translate. This is code.
```

| Tên | Chức danh |
|------|:-----:|
| Cho Tae-yul | Bộ trưởng Ngoại giao |

<!-- editor: check titles. -->

***

![Cho and Campbell](img/meet.jpg) Ảnh: Yonhap.

https://www.mofa.go.kr/eng

2024-02-29 12:00
"""
    )


KO_MARKDOWN = """\
## 한미 외교 협의

조태열 장관은 29일 워싱턴에서 캠벨 부장관과 만났다. 양측은 협력을 논의했다.물가는 2.9% 올랐다.

1. 한미 협력 강화
2. 북한 문제 대응…
   추가 협의 예정

> 캠벨 부장관은 "우리는 하나다."라고 말했다.
"""


def test_korean_markdown_article():
    doc = Document.parse(KO_MARKDOWN, lang="ko", fmt="markdown")
    assert texts(doc) == [
        "한미 외교 협의",
        "조태열 장관은 29일 워싱턴에서 캠벨 부장관과 만났다.",
        "양측은 협력을 논의했다.",
        "물가는 2.9% 올랐다.",
        "한미 협력 강화",
        "북한 문제 대응…",
        "추가 협의 예정",
        '캠벨 부장관은 "우리는 하나다."라고 말했다.',
    ]
    assert identity(doc) == KO_MARKDOWN
    en = [
        "Korea-US talks",
        "Cho met Campbell.",
        "They discussed cooperation.",
        "Prices rose 2.9%.",
        "Stronger ties",
        "North Korea...",
        "More talks planned",
        'Campbell said "we are one."',
    ]
    assert (
        doc.render(en)
        == """\
## Korea-US talks

Cho met Campbell. They discussed cooperation.Prices rose 2.9%.

1. Stronger ties
2. North Korea...
   More talks planned

> Campbell said "we are one."
"""
    )


VI_MARKDOWN = """\
# Hội đàm Hàn - Mỹ

Bộ trưởng Ngoại giao Cho Tae-yul đã gặp Thứ trưởng Ngoại giao Mỹ Kurt Campbell tại TP.HCM ngày 29/2/2024. \
Hai bên thảo luận về hợp tác.

* PGS. TS. Nguyễn Văn An, ThS. Trần Bình (Q. 1, TP. HCM), v.v.
* Liên hệ: báo chí@mofa.go.kr hoặc https://mofa.go.kr/vi.

Hết.

    Mã nguồn. Không dịch.
"""


def test_vietnamese_markdown_article():
    doc = Document.parse(VI_MARKDOWN, lang="vi", fmt="markdown")
    assert texts(doc) == [
        "Hội đàm Hàn - Mỹ",
        "Bộ trưởng Ngoại giao Cho Tae-yul đã gặp Thứ trưởng Ngoại giao Mỹ Kurt Campbell tại TP.HCM ngày 29/2/2024.",
        "Hai bên thảo luận về hợp tác.",
        "PGS. TS. Nguyễn Văn An, ThS. Trần Bình (Q. 1, TP. HCM), v.v.",
        "Liên hệ: báo chí@mofa.go.kr hoặc https://mofa.go.kr/vi.",
        "Hết.",
    ]
    contact = doc.segments[4]
    assert [contact.text[a:b] for a, b in contact.protected] == ["chí@mofa.go.kr", "https://mofa.go.kr/vi"]
    assert identity(doc) == VI_MARKDOWN


def test_plain_text_keeps_lines_and_makes_url_and_number_lines_literal():
    text = (
        "Seoul and Washington unite\r\n"
        "\r\n"
        "  Mr. Campbell met Foreign Minister Cho on Feb. 29 in Washington, D.C. He said so.  \r\n"
        "https://www.mofa.go.kr/eng\r\n"
        "29/02/2024 - 12:00\r\n"
        "Write to press@mofa.go.kr or see https://mofa.go.kr/a.\n"
    )
    doc = Document.parse(text, lang="en")
    assert doc.fmt == "text"
    assert doc.parts == (
        Segment("Seoul and Washington unite", 0),
        "\r\n\r\n  ",
        Segment("Mr. Campbell met Foreign Minister Cho on Feb. 29 in Washington, D.C.", 1),
        " ",
        Segment("He said so.", 2),
        "  \r\nhttps://www.mofa.go.kr/eng\r\n29/02/2024 - 12:00\r\n",
        Segment("Write to press@mofa.go.kr or see https://mofa.go.kr/a.", 3, ((9, 25), (33, 53))),
        "\n",
    )
    assert doc.render(["A", "B", "C", "D"]) == (
        "A\r\n\r\n  B C  \r\nhttps://www.mofa.go.kr/eng\r\n29/02/2024 - 12:00\r\nD\n"
    )


def test_plain_korean_and_vietnamese_lines():
    text = "조태열 장관은 29일 워싱턴에서 캠벨 부장관과 만났다. 양측은 협력을 논의했다.\n\nHai bên gặp nhau. Xong."
    assert texts(Document.parse(text, lang="ko")) == [
        "조태열 장관은 29일 워싱턴에서 캠벨 부장관과 만났다.",
        "양측은 협력을 논의했다.",
        "Hai bên gặp nhau.",
        "Xong.",
    ]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("text", ["", "\n\n", "https://a.example/x\n", "1.000.000 | 2.9%\n---\n"])
def test_documents_without_prose_render_unchanged(text, fmt):
    doc = Document.parse(text, lang="vi", fmt=fmt)
    assert doc.segments == ()
    assert doc.render([]) == text


def test_code_html_and_front_matter_are_literal_in_markdown_only():
    text = "---\ntitle: Tin\n---\n```\nHello. World.\n```\n<div>\nHai bên.\n</div>\n\n    code. Yes.\n"
    assert Document.parse(text, lang="vi", fmt="markdown").segments == ()
    assert texts(Document.parse(text, lang="vi"))[:3] == ["title: Tin", "Hello.", "World."]


def test_newlines_in_a_translation_reuse_the_last_break():
    doc = Document.parse("> one\n> two\n", lang="en", fmt="markdown")
    assert texts(doc) == ["one\ntwo"]
    assert doc.render(["a\nb\nc"]) == "> a\n> b\n> c\n"
    assert doc.render(["ab"]) == "> ab\n"


def test_a_wrapped_blockquote_keeps_its_lines_and_every_marker():
    doc = Document.parse(
        "> Foreign Minister Cho Tae-yul said the two sides\n> agreed to meet again in Seoul.\n",
        lang="en",
        fmt="markdown",
    )
    assert doc.render(["Bộ trưởng Ngoại giao Cho Tae-yul cho biết hai bên nhất trí gặp lại tại Seoul."]) == (
        "> Bộ trưởng Ngoại giao Cho Tae-yul cho biết hai\n> bên nhất trí gặp lại tại Seoul.\n"
    )
    ko = Document.parse("> 조태열 장관은 양측이 서울에서\n> 다시 만나기로 했다고 말했다.\n", lang="ko", fmt="markdown")
    assert ko.render(["Cho said the two sides agreed to meet again in Seoul."]) == (
        "> Cho said the two sides agreed\n> to meet again in Seoul.\n"
    )
    assert ko.render(["조태열장관은서울에서"]) == "> 조태열장관은서울에서\n"  # no space to break at: one line


def test_rewrapped_lines_never_start_a_block_or_break_inside_a_link():
    doc = Document.parse("The ministry listed\nthree steps today.\n", lang="en", fmt="markdown")
    assert doc.render(["Bộ đưa ra - 3 bước hôm nay."]) == "Bộ đưa ra - 3\nbước hôm nay.\n"
    assert doc.render(["Bộ công bố # 3 bước."]) == "Bộ công bố #\n3 bước.\n"
    assert doc.render(['Xem tại [đây](https://a.example/x "Tin A B C D") nhé.']) == (
        'Xem tại\n[đây](https://a.example/x "Tin A B C D") nhé.\n'
    )


@pytest.mark.parametrize("mark", ["  ", "   ", "\\"])
def test_hard_line_breaks_stay_hard_breaks(mark):
    en = f"Seoul, Feb. 29{mark}\nYonhap News Agency\n\n> By Kim Min-ji{mark}\n> Staff reporter\n"
    doc = Document.parse(en, lang="en", fmt="markdown")
    assert texts(doc) == ["Seoul, Feb. 29", "Yonhap News Agency", "By Kim Min-ji", "Staff reporter"]
    assert identity(doc) == en
    assert doc.render(["서울, 2월 29일", "연합뉴스", "김민지 기자", "취재기자"]) == (
        f"서울, 2월 29일{mark}\n연합뉴스\n\n> 김민지 기자{mark}\n> 취재기자\n"
    )
    vi = Document.parse(f"Hà Nội, 29/2{mark}\nTheo TTXVN\n", lang="vi", fmt="markdown")
    assert texts(vi) == ["Hà Nội, 29/2", "Theo TTXVN"]
    assert vi.render(["Hanoi, Feb. 29", "By VNA"]) == f"Hanoi, Feb. 29{mark}\nBy VNA\n"


def test_an_escaped_backslash_or_one_space_is_no_hard_break():
    doc = Document.parse("Path C:\\\\\nand more. One space \nhere.\n", lang="en", fmt="markdown")
    assert texts(doc) == ["Path C:\\\\\nand more.", "One space \nhere."]


def test_render_needs_one_translation_per_segment():
    doc = Document.parse("One. Two.", lang="en")
    with pytest.raises(ValueError, match="1 translations for 2 segments"):
        doc.render(["Một."])


def test_bad_format_and_language():
    with pytest.raises(ValueError, match="unknown document format 'html'"):
        Document.parse("x", lang="en", fmt="html")  # type: ignore[arg-type]
    with pytest.raises(LanguageError):
        Document.parse("x", lang="fr")
    assert Document.parse("x", lang="ko-KR").lang == "ko"


@pytest.mark.parametrize("name", ["en-mt.txt", "en.md", "ko.md", "vi.md"])
def test_example_articles_round_trip(name: str) -> None:
    text = (ARTICLES / name).read_text(encoding="utf-8")
    lang = name[:2]
    for fmt in ("text", "markdown"):
        doc = Document.parse(text, lang=lang, fmt=fmt)
        assert len(doc.segments) >= 5
        assert identity(doc) == text


# Words, Markdown marks and whitespace that documents are made of.
_ATOMS = [
    *"Mr. U.S. 다. 만났다.양측은 TP. Bộ word ``` ~~~ | --- *** === <!-- --> <div> </div> <pre> </pre>".split(),
    *'` [ ] ( ) ](http://a.b) ![i](j) https://x.y/z a@b.cd . ? ! … " [^1] [x]: \\ <b> 2.9%'.split(),
    *["> ", "- ", "* ", "1. ", "# ", "## ", "[ ] ", ": ", " ", "  ", "    ", "\t", "\n", "\n\n", "\r\n", "\r"],
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_ATOMS), max_size=30).map("".join) | st.text(max_size=60),
    st.sampled_from(["en", "ko", "vi"]),
    st.sampled_from(["text", "markdown"]),
)
def test_identity_round_trip_on_random_documents(text, lang, fmt):
    doc = Document.parse(text, lang=lang, fmt=fmt)
    assert identity(doc) == text
    for position, segment in enumerate(doc.segments):
        assert segment.index == position
        assert segment.text and segment.text == segment.text.strip()
        assert segment.text.count("\n") == len(segment.breaks)
        assert all(0 <= a < b <= len(segment.text) for a, b in segment.protected)
        if fmt == "text":
            assert "\n" not in segment.text
