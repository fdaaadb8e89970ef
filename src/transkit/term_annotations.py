"""Per-segment term annotations, as the WMT terminology shared tasks publish them.

Two formats are read, told apart by their first character:

* **WMT21** (SGML, ``<srcset>`` / ``<refset>``): each ``<seg id="…">`` holds its
  text with the annotated terms tagged in place, ``<term id="…" type="…"
  src="source form" tgt="target form|another accepted form">text</term>``. The
  ``tgt`` attribute lists the accepted target forms, separated by ``|``. In a
  reference-side file (``<refset>``) the tagged text is the form the reference
  used and counts as accepted too, as the task's scorer counts it.
* **WMT23** (JSON lines): line *i* is a JSON list of the terms of segment *i*,
  each an object keyed by language code, ``[{"en": "source form", "cs": "target
  form"}]``; an empty line or ``[]`` is a segment without terms.

>>> sgml = '<srcset setid="t" srclang="en"><doc docid="d"><p>'
>>> sgml += '<seg id="1">The <term id="7" src="President" tgt="대통령">President</term> spoke.</seg>'
>>> sgml += '<seg id="2">No terms here.</seg></p></doc></srcset>'
>>> annotations = read_annotations(sgml, source_lang="en", target_lang="ko")
>>> annotations.format, annotations.segments
('wmt21', ((AnnotatedTerm(source='President', targets=('대통령',), id='7'),), ()))
>>> read_segments(sgml)
['The President spoke.', 'No terms here.']
>>> jsonl = '[{"en": "Ministry of Unification", "ko": "통일부"}]\\n[]\\n'
>>> read_annotations(jsonl, source_lang="en", target_lang="ko").segments
((AnnotatedTerm(source='Ministry of Unification', targets=('통일부',), id=None),), ())
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser

from .errors import FormatError

__all__ = ["AnnotatedTerm", "Annotations", "read_annotations", "read_segments"]


@dataclass(frozen=True)
class AnnotatedTerm:
    """A term annotated in one source segment and the target forms that translate it."""

    source: str
    targets: tuple[str, ...]  # accepted target forms, in the order given
    id: str | None = None  # the annotation's term id, when the format has one

    @property
    def label(self) -> str:
        """How reports name the term: ``source → first target``."""
        return f"{self.source} → {self.targets[0]}"


@dataclass(frozen=True)
class Annotations:
    """The terms of every segment of a test set, in segment order."""

    format: str  # "wmt21" or "wmt23"
    segments: tuple[tuple[AnnotatedTerm, ...], ...]


def read_annotations(text: str, *, source_lang: str, target_lang: str, path: str = "") -> Annotations:
    """Read WMT21 SGML or WMT23 JSON-lines term annotations (see the module docstring)."""
    if text.lstrip().startswith("<"):
        sgml = _Sgml.parse(text, path)
        segments = (tuple(sgml.annotated(attrs, surface, k) for attrs, surface in tags) for k, tags in sgml.tags)
        return Annotations("wmt21", tuple(segments))
    return Annotations("wmt23", tuple(_json_lines(text, source_lang, target_lang, path)))


def read_segments(text: str) -> list[str] | None:
    """The text of each ``<seg>`` of a WMT SGML file, tags removed; None when ``text`` is not SGML."""
    if not text.lstrip().startswith("<"):
        return None
    return _Sgml.parse(text, "").texts


class _Sgml(HTMLParser):
    """Collects the ``<seg>`` texts and their ``<term>`` tags of a WMT SGML file."""

    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.reference = False
        self.texts: list[str] = []
        self.tags: list[tuple[int, list[tuple[dict[str, str | None], str]]]] = []  # (segment, [(attrs, text)])
        self._seg: list[str] | None = None
        self._seg_tags: list[tuple[dict[str, str | None], str]] = []
        self._term: dict[str, str | None] | None = None
        self._term_text: list[str] = []

    @classmethod
    def parse(cls, text: str, path: str) -> _Sgml:
        parser = cls(path)
        parser.feed(text)
        parser.close()
        if parser._seg is not None:
            raise FormatError("a <seg> is not closed", path=path, hint="end every segment with </seg>")
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "refset":
            self.reference = True
        elif tag == "seg":
            self._seg, self._seg_tags = [], []
        elif tag == "term" and self._seg is not None:
            self._term, self._term_text = dict(attrs), []

    def handle_data(self, data: str) -> None:
        if self._seg is not None:
            self._seg.append(data)
        if self._term is not None:
            self._term_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "term" and self._term is not None:
            self._seg_tags.append((self._term, " ".join("".join(self._term_text).split())))
            self._term = None
        elif tag == "seg" and self._seg is not None:
            self.tags.append((len(self.texts) + 1, self._seg_tags))
            self.texts.append(" ".join("".join(self._seg).split()))
            self._seg = None

    def annotated(self, attrs: dict[str, str | None], surface: str, segment: int) -> AnnotatedTerm:
        """The term of a ``<term>`` tag; a reference file's tagged text is one of its accepted forms."""
        targets = [form for form in (attrs.get("tgt") or "").split("|") if form.strip()]
        if self.reference and surface and surface not in targets:
            targets.append(surface)
        if not targets:
            raise FormatError(
                f"segment {segment}: <term> without a tgt attribute",
                path=self.path,
                hint='annotate each term as <term src="…" tgt="form|other form">…</term>',
            )
        return AnnotatedTerm(attrs.get("src") or surface, tuple(targets), attrs.get("id"))


def _json_lines(text: str, source_lang: str, target_lang: str, path: str) -> list[tuple[AnnotatedTerm, ...]]:
    segments = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            items = json.loads(line) if line.strip() else []
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"line {number}: not JSON ({exc.msg})", path=path, hint="one JSON list per line"
            ) from None
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise FormatError(f"line {number}: not a list of objects", path=path, hint='e.g. [{"en": "…", "ko": "…"}]')
        segments.append(tuple(_json_term(item, source_lang, target_lang, number, path) for item in items))
    return segments


def _json_term(item: dict[str, object], source_lang: str, target_lang: str, number: int, path: str) -> AnnotatedTerm:
    forms = {key.split("-")[0].split("_")[0].lower(): value for key, value in item.items()}
    source, target = forms.get(source_lang), forms.get(target_lang)
    if not isinstance(source, str) or not isinstance(target, str):
        keys = ", ".join(sorted(item))
        raise FormatError(
            f"line {number}: a term has no {source_lang!r} and {target_lang!r} forms (keys: {keys})",
            path=path,
            hint="check --from and --to against the annotation's language codes",
        )
    return AnnotatedTerm(source, (target,))
