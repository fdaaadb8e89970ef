"""Run a batch job: plan from the translation memory, translate what is missing, write, check.

For each target language the runner parses every file, looks every text up in
the translation memory, sends only the missing ones to the backend (the local
engine, or Ray), commits each finished chunk to the memory as it arrives, and
writes each output file (temporary file + rename) as soon as all its texts are
known, then checks it. The memory is the journal: a run killed at any point
and started again translates only what was not committed, and writes the same
bytes. A lock keeps two runs of one job apart.

A re-run does only what changed: each source is parsed once, and not at all
when its bytes are unchanged; an output whose inputs are unchanged and whose
file still holds what was built is neither rebuilt nor rewritten (see
:mod:`.buildcache`), and one that is byte-identical is not checked again (see
:mod:`.qacache`); the QA report still lists every finding.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..errors import FormatError, InputError, TranskitError
from ..formats import Store, Text, Unit, open_store
from ..glossary.model import Glossary
from ..text.io import too_large
from ..translator import Translator
from .buildcache import BuildCache, digest
from .display import JobDisplay
from .files import write_if_changed
from .job import Job, SourceFile, discover, output_path
from .lock import JobLock
from .qa import QA
from .qacache import QACache, code_digest, qa_context
from .results import FileResult, Skipped, Summary, render_json, render_markdown
from .tm import TranslationMemory, normalise
from .work import Item, prepare, translate_items

__all__ = ["Backend", "LocalBackend", "TranslatorFactory", "build_translator", "run_job"]

log = logging.getLogger(__name__)

TranslatorFactory = Callable[[str, str], Translator]
"""Builds the translator for ``(source, target)``."""


def build_translator(job: Job, source: str, target: str) -> Translator:
    """The job's translator for one direction (its models and engine settings)."""
    return Translator(source, target, model=job.model, models=job.models, settings=job.settings)


class Backend(Protocol):
    """Translates texts for the runner and says which engine did it."""

    def signature(self, source: str, target: str) -> str: ...

    def translate(self, source: str, target: str, cores: Sequence[Text], *, chunk: int) -> Iterator[tuple[list[int], list[str]]]:
        """Yield ``(indices into cores, translations)`` for chunks of ``cores``, in any order, as they finish."""
        ...


class LocalBackend:
    """Translates in this process, one chunk at a time."""

    def __init__(self, factory: TranslatorFactory) -> None:
        self.factory = factory
        self._translators: dict[tuple[str, str], Translator] = {}

    def translator(self, source: str, target: str) -> Translator:
        key = (source, target)
        if key not in self._translators:
            self._translators[key] = self.factory(source, target)
        return self._translators[key]

    def signature(self, source: str, target: str) -> str:
        return self.translator(source, target).signature

    def translate(self, source: str, target: str, cores: Sequence[Text], *, chunk: int) -> Iterator[tuple[list[int], list[str]]]:
        translator = self.translator(source, target)
        for start in range(0, len(cores), chunk):
            part = cores[start : start + chunk]
            yield list(range(start, start + len(part))), translate_items(translator.translate_batch, part)


_KEEP_PARSED_BYTES = 8 << 20
"""Parsed stores kept from reading for the first write, up to this many source bytes in all
(a parsed file takes some 50 times its size in memory); beyond it a file is parsed again to write it."""

SOURCE_MAX_BYTES = 16 << 20
"""The largest source file a batch job reads (16 MiB, some 800 MB parsed); a larger one is reported and skipped."""


@dataclass
class _Source:
    """A readable source file: its bytes, its units, the target it declares, and its parse when kept."""

    file: SourceFile
    data: bytes
    key: str  # the digest of the bytes, the format and the source language (see BuildCache.source_key)
    units: list[Unit]
    declared: str | None
    store: Store | None = None

    def take_store(self, source_lang: str) -> Store:
        """The parse kept from reading, once; then a fresh one (:meth:`Store.apply` edits a store in place)."""
        store, self.store = self.store, None
        if store is None:
            store = open_store(self.data, path=str(self.file.path), fmt=self.file.format or "", source_lang=source_lang)
        return store


@dataclass
class _Plan:
    """One file into one language: its units, their prepared texts, and what is still missing."""

    source: _Source
    todo: list[tuple[Unit, list[Item]]]  # units to write, with one item per target plural form
    missing: set[str] = field(default_factory=set)  # TM keys not yet known
    from_memory: int = 0
    translated: int = 0
    copied: int = 0

    @property
    def file(self) -> SourceFile:
        return self.source.file

    @property
    def units(self) -> list[Unit]:
        return self.source.units


def run_job(job: Job, *, backend: Backend | None = None, factory: TranslatorFactory | None = None,
            display: JobDisplay | None = None, glossary: Glossary | None = None) -> Summary:
    """Run ``job`` and write its outputs and QA reports; returns the summary."""
    started = time.monotonic()
    if glossary is None:
        glossary = Glossary()
        if job.glossary:
            from ..glossary.store import load

            glossary = load(list(job.glossary))
    if backend is None:
        if job.engine == "ray":
            from .ray_runner import RayBackend

            backend = RayBackend(job)
        else:
            backend = LocalBackend(factory or (lambda s, t: build_translator(job, s, t)))
    display = display or JobDisplay()
    job.out.mkdir(parents=True, exist_ok=True)
    with JobLock(job.state_dir), TranslationMemory(job.tm_path) as tm:
        build = BuildCache(job.state_dir / "build-cache.json", context=code_digest())
        cache = QACache(job.state_dir / "qa-cache.json", context=qa_context(glossary))
        qa = QA(glossary)
        results: list[FileResult] = []
        try:
            files, skipped = _read_all(job, build)
            for target in job.targets if files else ():  # no model is loaded when every file was skipped
                results += _run_target(job, target, files, backend, tm, glossary.version, qa, cache, build,
                                       display, skipped)
        finally:  # what was parsed, built or checked stays so, even when the run stops early
            build.save()
            cache.save()
        summary = Summary(tuple(results), tuple(skipped), time.monotonic() - started)
        write_if_changed(job.out / "qa-report.json", render_json(summary).encode("utf-8"))
        write_if_changed(job.out / "qa-report.md", render_markdown(summary).encode("utf-8"))
    return summary


def _read_all(job: Job, build: BuildCache) -> tuple[list[_Source], list[Skipped]]:
    """Read and parse every source once (with the target it declares), unless ``build`` has its units
    for these bytes; bad input is reported and skipped."""
    files: list[_Source] = []
    skipped: list[Skipped] = []
    kept = 0
    found = discover(job)
    if not found:
        raise InputError(
            f"nothing to translate: no file of a known format in {', '.join(map(str, job.sources))}",
            hint="name files, folders or globs that hold localisation files or articles (see `transkit batch -h`), "
            "or pass --format",
        )
    for f in found:
        try:
            try:
                if (size := f.path.stat().st_size) > SOURCE_MAX_BYTES:
                    raise too_large(f.path, size, SOURCE_MAX_BYTES)
                data = f.path.read_bytes()
            except FileNotFoundError:
                raise InputError("no such file or folder", path=f.path, hint="check the path") from None
            except OSError as err:
                raise InputError(f"cannot read: {err.strerror or err}", path=f.path) from None
            if f.format is None:
                raise FormatError("unknown file format", path=f.path,
                                  hint="pass --format, or map its extension under [formats] in the job file")
            key = BuildCache.source_key(digest(data), f.format, job.source_lang)
            known = build.units(str(f.path), key)
            if known is not None:
                files.append(_Source(f, data, key, *known))
                continue
            store = open_store(data, path=str(f.path), fmt=f.format, source_lang=job.source_lang)
            units, declared = store.units(), store.declared_target()
        except TranskitError as err:
            log.warning("skipped %s", err)
            skipped.append(Skipped(str(f.path), str(err)))
            continue
        keep = kept + len(data) <= _KEEP_PARSED_BYTES
        kept += len(data) if keep else 0
        build.remember_units(str(f.path), key, units, declared)
        files.append(_Source(f, data, key, units, declared, store if keep else None))
    return files, skipped


def _run_target(job: Job, target: str, files: list[_Source], backend: Backend, tm: TranslationMemory,
                glossary_version: str, qa: QA, cache: QACache, build: BuildCache, display: JobDisplay,
                skipped: list[Skipped]) -> list[FileResult]:
    source = job.source_lang
    signature = backend.signature(source, target)
    # A catalogue that declares its language (locale/ko/app.po) is translated into that language only.
    plans = [_plan(job, target, f) for f in files if f.declared in (None, target)]
    keys = {normalise(i.core.text) for p in plans for _, items in p.todo for i in items if not i.copy}
    memory = tm.lookup(signature, glossary_version, source, target, keys)
    queue: dict[str, Text] = {}
    for p in plans:
        for _, items in p.todo:
            for item in items:
                key = normalise(item.core.text)
                if item.copy:
                    p.copied += 1
                elif key in memory:
                    p.from_memory += 1
                else:
                    p.missing.add(key)
                    queue.setdefault(key, item.core)
    order = list(queue)
    display.start(f"{source}→{target}", len(order), files=len(plans))
    results: list[FileResult] = []
    pending = list(plans)

    def flush() -> None:
        while pending and not pending[0].missing:
            plan = pending.pop(0)
            result = _finish(job, target, plan, memory, qa, cache, build, skipped)
            if result is not None:
                results.append(result)
                display.file_done(result)

    flush()
    for indices, outputs in backend.translate(source, target, [queue[k] for k in order], chunk=job.chunk):
        done = [order[i] for i in indices]
        tm.store(signature, glossary_version, source, target, [(queue[k].text, t) for k, t in zip(done, outputs)])
        for key, text in zip(done, outputs):
            memory[key] = text
        for p in pending:
            p.missing.difference_update(done)
        display.advance(len(outputs))
        flush()
    display.finish()
    return results


def _plan(job: Job, target: str, source: _Source) -> _Plan:
    todo = [(u, [prepare(t) for t in u.forms_for(target)]) for u in source.units if u.needs_translation or job.retranslate]
    return _Plan(source, todo)


def _finish(job: Job, target: str, plan: _Plan, memory: dict[str, str], qa: QA, cache: QACache,
            build: BuildCache, skipped: list[Skipped]) -> FileResult | None:
    """Write one output file (unless it is as ``build`` built it) and check it (unless ``cache`` checked
    it as it is); a file that cannot be written is reported as skipped."""
    f = plan.file
    # Every text not copied and not found in the memory at the start was translated in this run.
    plan.translated = sum(1 for _, items in plan.todo for i in items if not i.copy) - plan.from_memory
    translations = {
        unit.id: tuple(i.wrap(i.core.text if i.copy else memory[normalise(i.core.text)]) for i in items)
        for unit, items in plan.todo
    }
    out = job.out / output_path(f.rel, job.source_lang, target)
    name = out.relative_to(job.out).as_posix()
    key = BuildCache.output_key(plan.source.key, target, job.mark_fuzzy, translations)
    applied = build.output(name, key, out)
    if applied is None:
        applied = plan.source.take_store(job.source_lang).apply(translations, target=target, fuzzy=job.mark_fuzzy)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            write_if_changed(out, applied.data)
        except OSError as err:
            skipped.append(Skipped(str(f.path), f"{out}: cannot write: {err.strerror or err}"))
            return None
        build.remember_output(name, key, applied)
    if f.format in ("text", "markdown"):
        segments = [(u.source.text, translations.get(u.id, (u.source.text,))[0]) for u in plan.units]
        source_text = plan.source.data.decode("utf-8-sig")
        findings = cache.findings(
            name, inputs=["document", job.source_lang, target, segments, source_text], data=applied.data,
            check=lambda: qa.document(segments, source=source_text, output=applied.data.decode("utf-8"),
                                      source_lang=job.source_lang, target_lang=target))
    else:
        failed = set(u for u, _ in applied.failed)
        pairs = []
        for unit in plan.units:
            if unit.id in failed:
                continue
            if unit.id in translations:
                forms = translations[unit.id]
                sources = [t.text for t in unit.forms_for(target)]
                pairs += [(unit.id, s, t) for s, t in zip(sources, forms)]
            elif unit.target is not None:
                pairs.append((unit.id, unit.source.text, unit.target))
        findings = cache.findings(
            name, inputs=["units", job.source_lang, target, pairs], data=applied.data,
            check=lambda: qa.units(pairs, source_lang=job.source_lang, target_lang=target))
    return FileResult(
        source=str(f.path), output=str(out), target=target, format=f.format or "", units=len(plan.units),
        from_memory=plan.from_memory, translated=plan.translated, copied=plan.copied,
        kept=len(plan.units) - len(plan.todo), failed=applied.failed, findings=tuple(findings),
    )
