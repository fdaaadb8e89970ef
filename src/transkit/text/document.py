"""Documents: an article split into literal text, kept verbatim, and sentences to translate.

``Document.parse`` cuts a plain-text or Markdown article into parts. Literal
parts are copied to the output unchanged: blank lines, indentation, heading
marks, list markers, blockquote marks, code blocks, HTML, front matter, table
pipes, rules, the whitespace between sentences, and any sentence without a
letter in it (a line that is only a URL or only numbers). Every other sentence
is a :class:`Segment` to translate; spans inside it that must come out verbatim
(URLs, e-mail addresses and, in Markdown, inline code, link targets, images,
inline HTML) are listed in ``Segment.protected``.

Rendering the segments' own texts gives back the input exactly::

    doc = Document.parse(text, lang="en", fmt="markdown")
    assert doc.render([s.text for s in doc.segments]) == text

Plain text: every line break is kept, so a sentence never spans two lines
(news text puts one paragraph on a line; hard-wrapped plain text is split at
its line ends). Markdown: the lines of a paragraph are one text, as Markdown
renders them; a sentence may span soft line breaks, and each break with the
next line's container prefix (``> ``, list indentation) is kept in
``Segment.breaks``. A hard line break (two or more spaces, or a backslash, at
the end of a line) ends the text: the lines on either side are translated
apart and the break mark stays as it is. Newlines are kept as they are
(``\\r\\n`` stays).

A translation keeps the line structure of its sentence: the newlines in it
become the segment's breaks, and a translation with none (engines translate a
sentence as one line) gets each break at the space nearest the same relative
position, so a wrapped paragraph stays wrapped and every line of a blockquote
keeps its ``>``.

The Markdown reader is line based and covers what articles use: ATX and setext
headings, lists (with task boxes), blockquotes, fenced and indented code,
HTML blocks and comments, tables, rules, link reference definitions,
footnotes and YAML front matter.

>>> doc = Document.parse("## Seoul talks\\n\\nMr. Cho met Mr. Campbell. They agreed.\\n", lang="en", fmt="markdown")
>>> [s.text for s in doc.segments]
['Seoul talks', 'Mr. Cho met Mr. Campbell.', 'They agreed.']
>>> doc.render(["Hội đàm ở Seoul", "Ông Cho gặp ông Campbell.", "Họ đã đồng ý."])
'## Hội đàm ở Seoul\\n\\nÔng Cho gặp ông Campbell. Họ đã đồng ý.\\n'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from .. import languages
from ..lang.sentences import split_sentences

__all__ = ["Document", "Format", "Segment"]

Format = Literal["text", "markdown"]
Span = tuple[int, int]


@dataclass(frozen=True)
class Segment:
    """A sentence to translate."""

    text: str
    index: int  # position among the document's segments
    protected: tuple[Span, ...] = ()  # spans of ``text`` that must come out verbatim
    breaks: tuple[str, ...] = ()  # the literal text standing for each newline of ``text``


@dataclass(frozen=True)
class Document:
    """An article as a sequence of literal strings and segments."""

    parts: tuple[str | Segment, ...]
    lang: str
    fmt: Format = "text"

    @classmethod
    def parse(cls, text: str, *, lang: str, fmt: Format = "text", protected: Sequence[Span] = ()) -> Document:
        """Split ``text`` (plain text or Markdown) into literal parts and segments.

        ``protected`` (plain text only) adds spans of ``text`` that must come out verbatim, such as the
        placeholders of a localisation string; no sentence boundary falls inside one.

        >>> doc = Document.parse("Hi {name}. Bye.", lang="en", protected=[(3, 9)])
        >>> [(s.text, s.protected) for s in doc.segments]
        [('Hi {name}.', ((3, 9),)), ('Bye.', ())]
        """
        code = languages.normalize(lang)
        builder = _Builder(code)
        if protected and fmt != "text":
            raise ValueError("extra protected spans are only read for plain text")
        if fmt == "text":
            _parse_text(text, builder, protected)
        elif fmt == "markdown":
            _MarkdownReader(text, builder).read()
        else:
            raise ValueError(f"unknown document format {fmt!r}: use 'text' or 'markdown'")
        return cls(tuple(builder.parts), code, fmt)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The segments to translate, in order."""
        return tuple(p for p in self.parts if isinstance(p, Segment))

    def render(self, translations: Sequence[str]) -> str:
        """Return the document with segment ``i`` replaced by ``translations[i]``.

        A newline in a translation is replaced by the segment's line break
        literal (the last one is reused when a translation has more newlines);
        a translation without newlines gets the segment's breaks at the spaces
        nearest their place in the source (see the module docstring).
        """
        count = sum(isinstance(p, Segment) for p in self.parts)
        if len(translations) != count:
            raise ValueError(f"{len(translations)} translations for {count} segments")
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            else:
                out.append(_rebreak(translations[part.index], part))
        return "".join(out)


def _rebreak(text: str, segment: Segment) -> str:
    """``text`` (the translation of ``segment``) with the segment's line breaks in it."""
    breaks = segment.breaks
    if not breaks:
        return text
    if "\n" not in text:
        return _rewrap(text, segment)
    lines = text.split("\n")
    out = [lines[0]]
    for k, line in enumerate(lines[1:]):
        out += [breaks[min(k, len(breaks) - 1)], line]
    return "".join(out)


def _rewrap(text: str, segment: Segment) -> str:
    """Put each break of ``segment`` at the space of ``text`` nearest the break's relative place in the source.

    Spaces inside protected spans (link targets, inline code, HTML), spaces
    next to another space and spaces before words that would start a block
    (``- ``, ``1. ``, ``# ``, ``>``) are never used; breaks left without a space to go to are dropped, which Markdown
    renders the same (a soft break is a space).

    >>> segment = Segment("He\\nthanked Mr. Cho.", 0, breaks=("\\n> ",))
    >>> _rewrap("Ông cảm ơn ông Cho.", segment)
    'Ông\\n> cảm ơn ông Cho.'
    """
    protected = [m.span() for m in _MARKDOWN_PROTECTED.finditer(text)]
    spaces = [
        m.start()
        for m in re.finditer(r"(?<! ) (?! )", text)
        if not any(a <= m.start() < b for a, b in protected) and not _BLOCK_START.match(text, m.end())
    ]
    newlines = [m.start() for m in re.finditer("\n", segment.text)]
    out, pos, used = [], 0, -1
    for newline, literal in zip(newlines, segment.breaks):
        free = [space for space in spaces if space > used]
        if not free:
            break
        wanted = newline / len(segment.text) * len(text)
        used = min(free, key=lambda space: abs(space - wanted))
        out += [text[pos:used], literal]
        pos = used + 1
    return "".join(out) + text[pos:]


# --- building ---------------------------------------------------------------------------------

_LETTER = re.compile(r"[^\W\d_]")
_URL = r"(?:https?://|ftp://|www\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_PLAIN_PROTECTED = re.compile(f"{_URL}|{_EMAIL}")
_MARKDOWN_PROTECTED = re.compile(
    "|".join(
        [
            r"(?P<tick>`+)(?!`).*?(?<!`)(?P=tick)(?!`)",  # inline code
            r"!\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)",  # image
            r"<(?:https?|ftp|mailto):[^>\s]*>|<[^@<>\s]+@[^<>\s]+>",  # autolink
            r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",  # inline HTML
            r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\)",  # link target
            r"\]\[[^\]\n]*\]",  # reference link label
            r"\[\^[^\]\s]+\]",  # footnote reference
            _URL,
            _EMAIL,
        ]
    ),
    re.DOTALL,
)


def verbatim_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that translation copies as they are: URLs and e-mail addresses.

    >>> verbatim_spans("Read https://example.org/a or write to desk@example.org.")
    [(5, 26), (39, 55)]
    """
    return [m.span() for m in _PLAIN_PROTECTED.finditer(text)]


class _Builder:
    """Collects literal strings (merged) and segments."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.parts: list[str | Segment] = []
        self.count = 0

    def literal(self, text: str) -> None:
        if not text:
            return
        if self.parts and isinstance(self.parts[-1], str):
            self.parts[-1] += text
        else:
            self.parts.append(text)

    def prose(
        self, text: str, protector: re.Pattern[str], breaks: Sequence[str] = (), extra: Sequence[Span] = ()
    ) -> None:
        """Add running text; each newline of ``text`` stands for the next of ``breaks``; ``extra`` are
        protected spans of ``text`` besides those ``protector`` finds (an overlapping match is dropped)."""
        found = [m.span() for m in protector.finditer(text)]
        protected = sorted([*extra, *(s for s in found if not any(s[0] < b and a < s[1] for a, b in extra))])
        pending = iter(breaks)
        pos = 0
        for a, b in split_sentences(text, self.lang, protected=protected):
            self.literal(_restore(text[pos:a], pending))
            sentence = text[a:b]
            inner = tuple((max(p, a) - a, min(q, b) - a) for p, q in protected if p < b and q > a)
            if _has_words(sentence, inner):
                own = tuple(next(pending) for _ in range(sentence.count("\n")))
                self.parts.append(Segment(sentence, self.count, inner, own))
                self.count += 1
            else:
                self.literal(_restore(sentence, pending))
            pos = b
        self.literal(_restore(text[pos:], pending))


def _restore(text: str, breaks: Iterator[str]) -> str:
    if "\n" not in text:
        return text
    return re.sub("\n", lambda _: next(breaks), text)


def _has_words(text: str, protected: Sequence[Span]) -> bool:
    pos = 0
    for a, b in protected:
        if _LETTER.search(text, pos, a):
            return True
        pos = b
    return _LETTER.search(text, pos) is not None


_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


def _lines(text: str) -> list[tuple[str, str]]:
    """``(content, ending)`` for each line; the endings are kept exactly."""
    lines = []
    pos = 0
    while pos < len(text):
        m = _LINE.match(text, pos)
        assert m is not None  # the pattern matches at every position
        lines.append((m.group(1), m.group(2)))
        pos = m.end()
    return lines


# --- plain text ---------------------------------------------------------------------------------


def _parse_text(text: str, builder: _Builder, protected: Sequence[Span] = ()) -> None:
    pos = 0
    for content, ending in _lines(text):
        body = content.strip()
        if not body:
            builder.literal(content + ending)
            pos += len(content) + len(ending)
            continue
        lead = content[: len(content) - len(content.lstrip())]
        start, end = pos + len(lead), pos + len(lead) + len(body)
        extra = [(max(a, start) - start, min(b, end) - start) for a, b in protected if a < end and b > start]
        builder.literal(lead)
        builder.prose(body, _PLAIN_PROTECTED, extra=extra)
        builder.literal(content[len(lead) + len(body) :] + ending)
        pos += len(content) + len(ending)


# --- Markdown -----------------------------------------------------------------------------------

_QUOTE_MARKS = re.compile(r"(?:[ \t]{0,3}>[ \t]?)*")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_RULE = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
_SETEXT = re.compile(r"=+[ \t]*")
_HEADING = re.compile(r"(#{1,6})(?:[ \t]+|$)")
_HEADING_END = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?")
_LINK_DEF = re.compile(r"\[[^\]^][^\]]*\]:[ \t]*\S")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]:[ \t]*")
_TABLE_DELIM = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_HTML_RAW = re.compile(r"<(pre|script|style|textarea)(?:[\s>]|$)", re.IGNORECASE)
_HTML_BLOCK = re.compile(
    r"</?(?:address|article|aside|base|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|"
    r"dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|"
    r"link|main|menu|nav|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|"
    r"tr|track|ul)(?:[\s/>]|$)",
    re.IGNORECASE,
)
_BLOCK_START = re.compile(r"(?:[-*+]|\d{1,9}[.)]|#{1,6})(?:[ \t]|$)|[>|<]|`{3}|~{3}|[=-]+[ \t]*$")
"""What makes a line start a new block (or end a setext heading) instead of continuing a paragraph."""
_HTML_LONE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>[ \t]*")


class _MarkdownReader:
    """A line-based Markdown reader that sends each line to the builder as literal or prose."""

    def __init__(self, text: str, builder: _Builder) -> None:
        self.lines = _lines(text)
        self.out = builder
        self.para: list[tuple[str, str, str]] = []  # (prefix, content, ending) of the open paragraph
        self.para_depth = 0
        self.in_list = False
        self.in_table = False
        self.after_blank = True

    def read(self) -> None:
        i = self._front_matter()
        while i < len(self.lines):
            i = self._line(i)
        self._flush()

    def _front_matter(self) -> int:
        if not self.lines or self.lines[0][0].rstrip() != "---":
            return 0
        for j in range(1, len(self.lines)):
            if self.lines[j][0].rstrip() in ("---", "..."):
                self._literal_lines(0, j + 1)
                return j + 1
        return 0

    def _literal_lines(self, start: int, stop: int) -> None:
        for content, ending in self.lines[start:stop]:
            self.out.literal(content + ending)

    def _split_prefix(self, content: str) -> tuple[str, int, str]:
        quotes = _QUOTE_MARKS.match(content)
        marks = quotes.group(0) if quotes else ""
        return marks, marks.count(">"), content[len(marks) :]

    def _line(self, i: int) -> int:
        content, ending = self.lines[i]
        marks, depth, rest = self._split_prefix(content)
        stripped = rest.lstrip(" \t")
        ws = rest[: len(rest) - len(stripped)]
        indent = len(ws.expandtabs(4))
        if not stripped.strip():
            self._flush()
            self.out.literal(content + ending)
            self.after_blank = True
            self.in_table = False
            return i + 1
        was_blank, self.after_blank = self.after_blank, False
        if was_blank and indent == 0 and not _ITEM.match(stripped):
            self.in_list = False
        if indent >= 4 and not self.para and not self.in_list:
            self.out.literal(content + ending)  # indented code
            return i + 1
        fence = _FENCE.match(stripped)
        if fence and not (fence.group(1)[0] == "`" and "`" in stripped[fence.end() :]):
            return self._fenced(i, fence.group(1))
        if stripped.startswith("<!--"):
            return self._until(i, lambda line: "-->" in line, include_end=True)
        raw = _HTML_RAW.match(stripped)
        if raw:
            closing = f"</{raw.group(1).lower()}>"
            return self._until(i, lambda line: closing in line.lower(), include_end=True)
        if _HTML_BLOCK.match(stripped) or (not self.para and _HTML_LONE_TAG.fullmatch(stripped)):
            return self._until(i, lambda line: not line.strip(), include_end=False)
        if _RULE.fullmatch(stripped.rstrip()) or (self.para and _SETEXT.fullmatch(stripped)):
            self._flush()
            self.out.literal(content + ending)
            return i + 1
        heading = _HEADING.match(stripped)
        if heading:
            self._flush()
            body = stripped[heading.end() :]
            tail = _HEADING_END.search(body)
            cut = tail.start() if tail else len(body)
            self.out.literal(marks + ws + heading.group(0))
            self.out.prose(body[:cut], _MARKDOWN_PROTECTED)
            self.out.literal(body[cut:] + ending)
            return i + 1
        if "|" in stripped and (self.in_table or self._table_starts(i, stripped)):
            self._flush()
            self.in_table = True
            self._table_row(marks + ws, stripped, ending)
            return i + 1
        if not self.para and _LINK_DEF.match(stripped):
            self.out.literal(content + ending)
            return i + 1
        item = _ITEM.match(stripped)
        marker = item or _FOOTNOTE.match(stripped)
        if marker:
            self._flush()
            self.in_list = self.in_list or item is not None
            self._open(marks + ws + marker.group(0), stripped[marker.end() :], ending, depth)
            return i + 1
        if self.para and depth <= self.para_depth:
            self.para.append((marks + ws, stripped, ending))  # a continuation line (lazy ones included)
        else:
            self._flush()
            self._open(marks + ws, stripped, ending, depth)
        return i + 1

    def _open(self, prefix: str, content: str, ending: str, depth: int) -> None:
        if not content.strip():
            self.out.literal(prefix + content + ending)
            return
        self.para = [(prefix, content, ending)]
        self.para_depth = depth

    def _flush(self) -> None:
        """Send the open paragraph to the builder: one text per run of lines between hard breaks."""
        if not self.para:
            return
        self.out.literal(self.para[0][0])
        start = 0
        for k, (_, content, ending) in enumerate(self.para):
            last = k == len(self.para) - 1
            mark = 0 if last else _hard_break(content)
            if not (mark or last):
                continue
            run = self.para[start : k + 1]
            text = "\n".join(line for _, line, _ in run)
            breaks = [run[j][2] + run[j + 1][0] for j in range(len(run) - 1)]
            self.out.prose(text[: len(text) - mark], _MARKDOWN_PROTECTED, breaks)
            if mark:
                self.out.literal(content[len(content) - mark :] + ending + self.para[k + 1][0])
            start = k + 1
        self.out.literal(self.para[-1][2])
        self.para = []

    def _fenced(self, i: int, fence: str) -> int:
        self._flush()
        self.out.literal("".join(self.lines[i]))
        closing = re.compile(rf"{re.escape(fence[0])}{{{len(fence)},}}[ \t]*")
        j = i + 1
        while j < len(self.lines):
            _, _, rest = self._split_prefix(self.lines[j][0])
            self.out.literal("".join(self.lines[j]))
            j += 1
            if closing.fullmatch(rest.lstrip(" \t")):
                break
        return j

    def _until(self, i: int, ends: Callable[[str], bool], *, include_end: bool) -> int:
        """Literal lines from ``i`` to the first line where ``ends(line)`` holds."""
        self._flush()
        j = i
        while j < len(self.lines):
            line = self.lines[j][0]
            if ends(line) and (include_end or j > i):
                if include_end:
                    j += 1
                break
            j += 1
        self._literal_lines(i, j)
        return j

    def _table_starts(self, i: int, stripped: str) -> bool:
        if _TABLE_DELIM.fullmatch(stripped) and "-" in stripped:
            return True
        if i + 1 < len(self.lines):
            _, _, rest = self._split_prefix(self.lines[i + 1][0])
            nxt = rest.strip()
            return "-" in nxt and "|" in nxt and _TABLE_DELIM.fullmatch(nxt) is not None
        return False

    def _table_row(self, prefix: str, row: str, ending: str) -> None:
        self.out.literal(prefix)
        if _TABLE_DELIM.fullmatch(row) and "-" in row:
            self.out.literal(row + ending)
            return
        for piece in _cells(row):
            if piece == "|" or not piece.strip():
                self.out.literal(piece)
                continue
            body = piece.strip()
            lead = piece[: len(piece) - len(piece.lstrip())]
            self.out.literal(lead)
            self.out.prose(body, _MARKDOWN_PROTECTED)
            self.out.literal(piece[len(lead) + len(body) :])
        self.out.literal(ending)


def _hard_break(content: str) -> int:
    """The length of the hard line break mark ending ``content``: two or more spaces, or one unescaped backslash.

    >>> _hard_break("Seoul, Feb. 29  "), _hard_break("Yonhap\\\\"), _hard_break("C:\\\\\\\\"), _hard_break("word ")
    (2, 1, 0, 0)
    """
    spaces = len(content) - len(content.rstrip(" "))
    if spaces >= 2:
        return spaces
    backslashes = len(content) - len(content.rstrip("\\"))
    return backslashes % 2


def _cells(row: str) -> list[str]:
    """Split a table row into cells and the pipes between them (pipes in code or escaped stay)."""
    pieces = []
    start = 0
    ticks = 0
    pos = 0
    while pos < len(row):
        char = row[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "`":
            ticks ^= 1
        elif char == "|" and not ticks:
            pieces += [row[start:pos], "|"]
            start = pos + 1
        pos += 1
    pieces.append(row[start:])
    return [p for p in pieces if p]
