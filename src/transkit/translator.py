"""Translate articles: documents in, documents out, through any engine.

:class:`Translator` picks the route for a direction (a direct model, or a pivot
through English), builds the engine, and runs each document through the same
steps: split into literal parts and sentences, protect URLs and code, split
sentences longer than the model's limit, translate every sentence of every
document in one batched call, restore what was protected, put the document back
together.

>>> from transkit.engines import FunctionEngine
>>> t = Translator("en", "vi", engine=FunctionEngine("en", "vi", lambda s: s.upper()))
>>> print(t.translate("# Talks\\n\\nThey met. See https://example.org/a now.", fmt="markdown"))
# TALKS
<BLANKLINE>
THEY MET. SEE https://example.org/a NOW.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

from .config import Settings
from .engines.base import Engine
from .engines.pivot import PivotEngine
from .errors import UsageError
from .languages import normalize
from .progress import Reporter
from .routes import Hop, plan
from .text import Document, Format, mask, scrub, split_long, unmask
from .text.markup import emptied, refill

if TYPE_CHECKING:
    from .enforce import EnforcementReport, SegmentReport
    from .enforce.engine import Mode
    from .glossary import Glossary

__all__ = ["PIPELINE_VERSION", "Protected", "Translation", "Translator"]

log = logging.getLogger(__name__)

PIPELINE_VERSION = 2
"""Raised whenever a change to this pipeline (masking, restoring, enforcement, recovery) can change an output,
so translation memories keyed on :attr:`Translator.signature` never serve a stale translation."""


class Protected(Protocol):
    """A text with spans (``(start, end)`` offsets) that must come out of translation verbatim."""

    @property
    def text(self) -> str:
        """The text to translate."""

    @property
    def protected(self) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` spans of the text that must not be translated."""


@dataclass(frozen=True)
class Translation:
    """One translated document, and the glossary enforcement report of each sentence sent to the engine
    (empty without a glossary)."""

    text: str
    segments: tuple[SegmentReport, ...] = ()


@dataclass(frozen=True)
class _Piece:
    """A unit sent to the engine: part of one segment of one document."""

    doc: int
    segment: int
    text: str
    trailing: str  # whitespace that followed the piece inside its sentence


class Translator:
    """Translates text from ``source`` into ``target``.

    ``model`` replaces the model of a direct route (a hub id or a folder);
    ``models`` replaces models per direction (``{"ko-en": DIR}``); ``engine``
    replaces the whole engine (tests, custom engines). ``settings`` carry the
    engine options (device, beam, batching, threads) from the config file.

    With a ``glossary``, the engine is wrapped in a
    :class:`~transkit.enforce.GlossaryEngine`: ``glossary_mode`` "enforce"
    (default) puts approved terms into the output, "verify" only reports misses,
    "off" ignores the glossary. ``date`` (default: a date the text states, else
    today) decides which title a person holds. ``nbest`` > 1 has the model
    generate that many hypotheses where a sentence must be translated without
    protection, and keeps the one with the most required terms. :attr:`enforcement`
    collects the per-segment report.
    """

    def __init__(
        self,
        source: str,
        target: str,
        *,
        model: str | None = None,
        models: Mapping[str, str] | None = None,
        engine: Engine | None = None,
        settings: Settings | None = None,
        glossary: Glossary | None = None,
        glossary_mode: str = "enforce",
        date: datetime.date | None = None,
        nbest: int = 0,
    ) -> None:
        self.source, self.target = normalize(source), normalize(target)
        self.glossary, self.glossary_mode, self.date, self.nbest = glossary, glossary_mode, date, nbest
        self.enforcement: EnforcementReport | None = None
        if glossary is not None and glossary_mode != "off":
            from .enforce import EnforcementReport

            self.enforcement = EnforcementReport(glossary_mode, glossary.version)
        self.settings = settings or Settings()
        table = {**self.settings.models, **(models or {})}
        if model is not None:
            direct = f"{self.source}-{self.target}"
            if len(plan(self.source, self.target, table)) > 1 and direct not in table:
                raise UsageError(
                    f"{direct} goes through English, so one --model cannot replace both legs",
                    hint=f"name the leg: --model {self.source}-en=M or --model en-{self.target}=M",
                )
            table[direct] = model
        self.route: tuple[Hop, ...] = plan(self.source, self.target, table)
        if engine is not None and (engine.source, engine.target) != (self.source, self.target):
            raise UsageError(f"engine translates {engine.source}→{engine.target}, not {self.source}→{self.target}")
        self._engine = engine

    @functools.cached_property
    def engine(self) -> Engine:
        """The engine for this direction (models load on first translation), glossary-enforcing if asked."""
        base = self._engine if self._engine is not None else self._model_engine()
        if self.enforcement is None:
            return base
        from .enforce import GlossaryEngine

        assert self.glossary is not None  # enforcement is set up only with a glossary
        mode = cast("Mode", self.glossary_mode)  # GlossaryEngine rejects an unknown mode
        return GlossaryEngine(base, self.glossary, mode=mode, date=self.date, report=self.enforcement, nbest=self.nbest)

    def _model_engine(self) -> Engine:
        s = self.settings
        options: dict[str, Any] = dict(
            device=s.device, beam=s.beam, max_length=s.max_length, batch_tokens=s.batch_tokens, threads=s.threads
        )
        legs: list[Engine]
        if s.kind == "ct2":
            from .engines.ct2 import Ct2Engine

            legs = [
                Ct2Engine(
                    hop.model,
                    source=hop.source,
                    target=hop.target,
                    compute_type=s.compute_type,
                    inter_threads=s.inter_threads,
                    **options,
                )
                for hop in self.route
            ]
        else:
            from .engines.marian import MarianEngine

            legs = [MarianEngine(hop.model, source=hop.source, target=hop.target, **options) for hop in self.route]
        return legs[0] if len(legs) == 1 else PivotEngine(*legs)

    @property
    def signature(self) -> str:
        """Everything that decides a translation: the pipeline version, then the engine's own signature
        (models, revisions, decoding options, length limit, and the glossary version and mode when enforced)."""
        return f"transkit-pipeline/{PIPELINE_VERSION} {self.engine.signature}"

    def translate(self, text: str, *, fmt: Format = "text", progress: Reporter | None = None) -> str:
        """Translate one article (plain text or Markdown), keeping its structure."""
        return self.translate_documents([text], fmt=fmt, progress=progress)[0]

    def translate_batch(self, texts: Sequence[str | Protected], *, progress: Reporter | None = None) -> list[str]:
        """Translate many short texts (each may hold several sentences) in one batched run.

        A text may carry spans that must come out verbatim (``.text`` and ``.protected``, such as a
        localisation unit's placeholders); they are masked, restored and, if the model drops one, appended.
        """
        return [t.text for t in self.translate_texts(texts, progress=progress)]

    def translate_documents(
        self, texts: Sequence[str], *, fmt: Format = "text", progress: Reporter | None = None
    ) -> list[str]:
        """Translate several documents; all their sentences share one batched engine call."""
        return [t.text for t in self.translate_texts(texts, fmt=fmt, progress=progress)]

    def translate_texts(
        self, texts: Sequence[str | Protected], *, fmt: Format = "text", progress: Reporter | None = None
    ) -> list[Translation]:
        """Translate several documents in one batched engine call; each with its enforcement reports."""
        docs = [
            Document.parse(t, lang=self.source, fmt=fmt)
            if isinstance(t, str)
            else Document.parse(t.text, lang=self.source, fmt=fmt, protected=t.protected)
            for t in texts
        ]
        pieces: list[_Piece] = []
        masks = {}
        for d, doc in enumerate(docs):
            doc_pieces, doc_masks = self._pieces(d, doc)
            pieces += doc_pieces
            masks.update(doc_masks)
        if progress:
            progress.start(len(pieces))
        reported = len(self.enforcement.segments) if self.enforcement is not None else 0
        outputs = self.engine.translate([p.text for p in pieces], progress=progress.advance if progress else None)
        if progress:
            progress.finish()
        reports: dict[int, list[SegmentReport]] = {}
        if self.enforcement is not None:
            for piece, report in zip(pieces, self.enforcement.segments[reported:], strict=True):
                reports.setdefault(piece.doc, []).append(report)
        joined: dict[tuple[int, int], list[str]] = {}
        for piece, output in zip(pieces, outputs):
            joined.setdefault((piece.doc, piece.segment), []).append(output + (" " if piece.trailing else ""))
        results = []
        for d, doc in enumerate(docs):
            translations = []
            for segment in doc.segments:
                text = "".join(joined.get((d, segment.index), [])).strip()
                if (d, segment.index) in masks:
                    text = _restore(text, masks[(d, segment.index)])
                text, invented = scrub(text, segment.text)
                if invented:
                    log.info("removed placeholder-like tokens the model invented: %s", ", ".join(invented))
                translations.append(text)
            results.append(Translation(doc.render(translations), tuple(reports.get(d, ()))))
        return self._refill_markup(texts, results)

    def _refill_markup(self, texts: Sequence[str | Protected], results: list[Translation]) -> list[Translation]:
        """Put the content of paired elements the model emptied (``<g id="1"> </g>``) back inside them: their
        content is translated on its own (one batched call) and the element put around its translation."""
        todo = []
        for d, (given, result) in enumerate(zip(texts, results)):
            source = given if isinstance(given, str) else given.text
            todo += [(d, e) for e in emptied(source, result.text) if "<" not in e.content]
        if not todo:
            return results
        contents = self.engine.translate([e.content.strip() for _, e in todo])
        for (d, element), raw in zip(todo, contents):
            content, _ = scrub(raw, element.content)
            text = refill(results[d].text, element, content)
            log.warning("the model emptied %s%s; put back around %r", element.open, element.close, content)
            results[d] = Translation(text, results[d].segments)
        return results

    def _pieces(self, d: int, doc: Document):
        pieces, masks = [], {}
        for segment in doc.segments:
            text = segment.text.replace("\n", " ")
            if segment.protected:
                masks[(d, segment.index)] = masked = mask(text, segment.protected)
                text = masked.text
            for part in split_long(text, self.engine.max_tokens, self.engine.count_tokens):
                core = part.rstrip()
                if core:
                    pieces.append(_Piece(d, segment.index, core, part[len(core) :]))
        return pieces, masks


def _restore(translation: str, masked) -> str:
    """Put protected spans back; a span the model dropped is appended, never lost."""
    restored = unmask(translation, masked)
    for line in restored.recovered:
        log.info("placeholder: %s", line)
    text = restored.text
    for index in restored.missing:
        original = masked.replacements[index]
        if original.startswith("]("):  # a Markdown link target: the link text is still open in the sentence
            text = _close_link(text, original)
            log.warning("the model dropped the link target %r; closed the link with it", original)
            continue
        log.warning("the model dropped %r; appended it to the sentence", original)
        text = f"{text} {original}".strip()
    return text


def _close_link(text: str, target: str) -> str:
    """Put a dropped Markdown link target (``](url)``) after the link text the model left open (``[the
    statement``), which runs to the end of the sentence; without an open ``[`` the URL becomes an autolink.

    >>> _close_link("Đọc [tuyên bố hôm nay.", "](https://mofa.go.kr/a)")
    'Đọc [tuyên bố hôm nay](https://mofa.go.kr/a).'
    >>> _close_link("Đọc tuyên bố hôm nay.", '](https://mofa.go.kr/a "MOFA")')
    'Đọc tuyên bố hôm nay. <https://mofa.go.kr/a>'
    """
    depth = 0
    for char in text:
        if char == "]" and depth:
            depth -= 1
        elif char == "[":
            depth += 1
    if depth:
        body = text.rstrip()
        end = len(body.rstrip(".!?。？！…:;,"))
        return f"{body[:end]}{target}{body[end:]}{text[len(body):]}"
    url = target[2:-1].split(maxsplit=1)[0]
    return f"{text} <{url}>".strip()
