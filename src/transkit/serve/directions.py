"""The warm translators of the service: one per direction, each with its batcher, its thread and its cache.

A :class:`Direction` builds its :class:`~transkit.translator.Translator` (and so
loads its model) on first use, on its own thread, and keeps it. Requests that
name a glossary mode get a Translator wrapping the same loaded engine with the
glossary, kept per (mode, date). Every batch goes through
``Translator.translate_texts`` (protected spans kept, as batch jobs translate),
the path batch jobs take: HTML tags and entities are protected spans, as XLIFF
inline elements are.

With a translation memory, each text is looked up first (keyed as batch jobs
key it: engine signature, glossary version, normalised source); a hit never
reaches the model, and every new translation is stored.
"""

from __future__ import annotations

import datetime
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.dates import first_date
from ..formats import Text
from .batching import Batcher

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..jobs.tm import TranslationMemory
    from ..translator import Translator

__all__ = ["Direction", "Job", "Outcome", "TranslatorFactory"]

TranslatorFactory = Callable[[str, str], "Translator"]
"""Builds the glossary-free Translator of a direction: ``(source, target) -> Translator``."""

_KEPT_GLOSSARY_TRANSLATORS = 8  # (mode, date) pairs kept warm per direction


@dataclass(frozen=True)
class Job:
    """The texts of one request for one direction, and how to translate them."""

    texts: tuple[str, ...]
    html: bool = False
    mode: str = "off"  # glossary mode: enforce | verify | off
    date: datetime.date | None = None  # pinned when a glossary is used (see Direction.job)
    report: bool = False  # the caller wants the enforcement report

    @property
    def key(self) -> tuple[str, datetime.date | None, bool]:
        """Jobs with equal keys share one translator call."""
        return self.mode, self.date, self.html


@dataclass(frozen=True)
class Outcome:
    """The result of one translation job: the texts, the enforcement report, and how many came from memory."""

    texts: list[str]
    enforcement: dict | None = None
    cached: int = 0  # texts served from the translation memory


class Direction:
    """One direction's translators, batcher and worker thread."""

    def __init__(
        self,
        source: str,
        target: str,
        factory: TranslatorFactory,
        *,
        glossary: Glossary | None = None,
        tm_path: str | Path | None = None,
        max_tokens: int = 4096,
        max_wait: float = 0.03,
        max_pending: int = 256,
        on_batch: Callable[[str, list[int], float], None] | None = None,
    ) -> None:
        self.source, self.target = source, target
        self.name = f"{source}-{target}"
        self.factory, self.glossary, self.tm_path = factory, glossary, tm_path
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"transkit-{self.name}")
        self._base: Translator | None = None
        self._glossary_translators: OrderedDict[tuple[str, datetime.date | None], Translator] = OrderedDict()
        self._tm: TranslationMemory | None = None  # opened on the worker thread (SQLite connections stay on one)
        self._loaded = threading.Event()
        self._closed = False
        self.batcher: Batcher[Job, Outcome] = Batcher(
            self._run,
            max_tokens=max_tokens,
            max_wait=max_wait,
            max_pending=max_pending,
            executor=self._thread,
            on_batch=(lambda costs, seconds: on_batch(self.name, costs, seconds)) if on_batch else None,
        )

    @property
    def loaded(self) -> bool:
        """Whether the model is loaded (the first batch, or :meth:`load`, loads it)."""
        return self._loaded.is_set()

    def load(self) -> None:
        """Load the model now (blocking; call it on the worker thread through :meth:`preload`)."""
        if self._base is None:
            base = self.factory(self.source, self.target)
            base.engine  # noqa: B018 - builds the engine, which loads the model
            self._base = base
            self._loaded.set()

    async def preload(self) -> None:
        """Load the model on the direction's thread without blocking the event loop."""
        import asyncio

        await asyncio.get_running_loop().run_in_executor(self._thread, self.load)

    def cost(self, texts: Iterable[str]) -> int:
        """The engine tokens of ``texts`` once the model is loaded (words before)."""
        if self._base is not None:
            return sum(self._base.engine.count_tokens(t) for t in texts) + 1
        return sum(len(t.split()) for t in texts) + 1

    def job(self, texts: Iterable[str], *, html: bool, mode: str, date: datetime.date | None, report: bool) -> Job:
        """A job with its date pinned: the date the texts state, else today, as a glossary engine would pick.

        Pinning it per request keeps one request's date from deciding the titles of another in the same batch.
        """
        texts = tuple(texts)
        if mode != "off" and date is None:
            date = first_date("\n".join(texts), self.source) or datetime.date.today()
        return Job(texts, html=html, mode=mode, date=date if mode != "off" else None, report=report)

    async def translate(self, job: Job) -> Outcome:
        """Queue ``job`` for the next batch and wait for its outcome."""
        return await self.batcher.submit(job, cost=self.cost(job.texts))

    def close(self) -> None:
        """Close the translation memory and end the worker thread (a second call does nothing)."""
        if self._closed:
            return
        self._closed = True
        self._thread.submit(self._close_tm).result()
        self._thread.shutdown(wait=True)

    # ---- on the worker thread
    def _close_tm(self) -> None:
        if self._tm is not None:
            self._tm.close()
            self._tm = None

    def _run(self, jobs: list[Job]) -> list[Outcome]:
        self.load()
        outcomes: dict[int, Outcome] = {}
        groups: dict[tuple[str, datetime.date | None, bool], list[int]] = {}
        for i, job in enumerate(jobs):
            if job.report:  # its report must hold its own segments only
                outcomes[i] = self._translate([job], report=True)[0]
            else:
                groups.setdefault(job.key, []).append(i)
        for indices in groups.values():
            outcomes.update(zip(indices, self._translate([jobs[i] for i in indices], report=False), strict=True))
        return [outcomes[i] for i in range(len(jobs))]

    def _translator(self, mode: str, date: datetime.date | None) -> Translator:
        assert self._base is not None
        if mode == "off" or self.glossary is None:
            return self._base
        key = (mode, date)
        translator = self._glossary_translators.pop(key, None)
        if translator is None:
            from ..translator import Translator

            translator = Translator(
                self.source,
                self.target,
                engine=self._base.engine,
                glossary=self.glossary,
                glossary_mode=mode,
                date=date,
            )
        self._glossary_translators[key] = translator
        while len(self._glossary_translators) > _KEPT_GLOSSARY_TRANSLATORS:
            self._glossary_translators.popitem(last=False)
        return translator

    def _translate(self, jobs: list[Job], *, report: bool) -> list[Outcome]:
        """Translate jobs of one key in one batch (memory hits left out)."""
        mode, date, html = jobs[0].key
        translator = self._translator(mode, date)
        # in memory, what changes the output keys it: the date picks the titles, HTML protects its tags
        signature = (
            translator.signature
            + (f" date={date}" if translator.enforcement else "")
            + (" format=html" if html else "")
        )
        texts = list(dict.fromkeys(text for job in jobs for text in job.texts))
        found = self._lookup(translator, signature, texts)
        todo = [text for text in texts if text not in found]
        if translator.enforcement is not None:
            translator.enforcement.segments.clear()  # the report of this batch only
        cores = [Text.of(text) if html else Text(text) for text in todo]
        fresh = dict(zip(todo, [t.text for t in translator.translate_texts(cores)] if cores else []))
        self._store(translator, signature, fresh)
        enforcement = translator.enforcement.to_dict() if report and translator.enforcement is not None else None
        return [
            Outcome(
                [found.get(t, fresh.get(t, "")) for t in job.texts], enforcement, sum(t in found for t in job.texts)
            )
            for job in jobs
        ]

    def _memory(self) -> TranslationMemory | None:
        if self.tm_path is not None and self._tm is None:
            from ..jobs.tm import TranslationMemory

            self._tm = TranslationMemory(self.tm_path)
        return self._tm

    def _glossary_version(self, translator: Translator) -> str:
        return translator.glossary.version if translator.enforcement is not None and translator.glossary else ""

    def _lookup(self, translator: Translator, signature: str, texts: list[str]) -> dict[str, str]:
        from ..jobs.tm import normalise

        tm = self._memory()
        if tm is None or not texts:
            return {}
        hits = tm.lookup(signature, self._glossary_version(translator), self.source, self.target, map(normalise, texts))
        return {text: hits[normalise(text)] for text in texts if normalise(text) in hits}

    def _store(self, translator: Translator, signature: str, fresh: dict[str, str]) -> None:
        tm = self._memory()
        pairs = [(s, t) for s, t in fresh.items() if s.strip()]
        if tm is not None and pairs:
            tm.store(signature, self._glossary_version(translator), self.source, self.target, pairs)
