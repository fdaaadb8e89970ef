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

Before anything is translated, the run refuses a job whose outputs collide
(two sources that map to one output path: ``locales/en/app.json`` and
``locales/ko/app.json`` into Korean), naming both sources and the output, and
lists every file it does not translate into a target with the reason. A run
starts by removing the temporary files a killed run left in OUT (under the
job's lock) and in the glossary folders.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from ..errors import FormatError, InputError, TranskitError, UsageError
from ..formats import Store, Text, Unit, open_store
from ..glossary.model import Glossary
from ..text.io import sweep_temporaries, too_large
from ..translator import Translator
from .buildcache import BuildCache, digest
from .display import JobDisplay
from .files import write_if_changed
from .job import Job, SourceFile, discover, output_path
from .lock import JobLock
from .qa import QA
from .qacache import QACache, code_digest, qa_context
from .results import (
    FileResult,
    SkippedFile,
    Summary,
    finding_order,
    render_json,
    render_markdown,
)
from .tm import TranslationMemory, normalise
from .translators import build_translator, load_glossary
from .work import Enforcement, Item, prepare, translate_chunk

__all__ = ["Backend", "JobRun", "LocalBackend", "TranslatorFactory", "run_job"]

log = logging.getLogger(__name__)

TranslatorFactory = Callable[[str, str], Translator]
"""Builds the translator for ``(source, target)``."""

_STALE_GLOSSARY_TEMPORARY = 60.0
"""Seconds after which a temporary file in a glossary folder is a killed writer's (the editor may be writing)."""


class Backend(Protocol):
    """Translates texts for the runner and says which engine did it."""

    def signature(self, source: str, target: str) -> str:
        """The signature of the translator for ``source`` to ``target`` (keys the translation memory)."""

    def translate(
        self, source: str, target: str, cores: Sequence[Text], *, chunk: int
    ) -> Iterator[tuple[list[int], list[str], list[str]]]:
        """Yield ``(indices into cores, translations, enforcement reports as JSON)`` for chunks of ``cores``,
        in any order, as they finish."""
        ...


class LocalBackend:
    """Translates in this process, one chunk at a time."""

    def __init__(self, factory: TranslatorFactory) -> None:
        self.factory = factory
        self._translators: dict[tuple[str, str], Translator] = {}

    def translator(self, source: str, target: str) -> Translator:
        """The translator for ``source`` to ``target``, built once."""
        key = (source, target)
        if key not in self._translators:
            self._translators[key] = self.factory(source, target)
        return self._translators[key]

    def signature(self, source: str, target: str) -> str:
        """The signature of the translator for ``source`` to ``target``."""
        return self.translator(source, target).signature

    def translate(
        self, source: str, target: str, cores: Sequence[Text], *, chunk: int
    ) -> Iterator[tuple[list[int], list[str], list[str]]]:
        """Translate ``cores`` in this process, ``chunk`` texts at a time."""
        translator = self.translator(source, target)
        for start in range(0, len(cores), chunk):
            outputs, reports = translate_chunk(translator, cores[start : start + chunk])
            yield list(range(start, start + len(outputs))), outputs, reports


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
            store = open_store(
                self.data,
                path=str(self.file.path),
                fmt=self.file.format or "",
                source_lang=source_lang,
            )
        return store


@dataclass
class _Plan:
    """One file into one language: its units, their prepared texts, and what is still missing."""

    source: _Source
    out: Path
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


def run_job(
    job: Job,
    *,
    backend: Backend | None = None,
    factory: TranslatorFactory | None = None,
    display: JobDisplay | None = None,
    glossary: Glossary | None = None,
) -> Summary:
    """Run ``job`` and write its outputs and QA reports; returns the summary (see :class:`JobRun`)."""
    return JobRun(job, backend=backend, factory=factory, display=display, glossary=glossary).run()


class JobRun:
    """One run of a job: what it reads, the memory and caches it uses, and what it found.

    ``backend`` (default: the job's engine, local or Ray) translates; ``factory`` replaces the local
    backend's translators (tests, benchmarks); ``glossary`` replaces the job's. Without a date, the job's
    date is the day the run starts, the same for every unit and every backend.
    """

    def __init__(
        self,
        job: Job,
        *,
        backend: Backend | None = None,
        factory: TranslatorFactory | None = None,
        display: JobDisplay | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        self.job = job if job.date is not None else replace(job, date=datetime.date.today())
        self.glossary = glossary if glossary is not None else load_glossary(self.job)
        if backend is None:
            if self.job.engine == "ray":
                from .ray_runner import RayBackend

                backend = RayBackend(self.job)
            else:
                backend = LocalBackend(factory or (lambda s, t: build_translator(self.job, s, t, self.glossary)))
        self.backend = backend
        self.display = display or JobDisplay()
        self.qa = QA(self.glossary)
        self.skipped: list[SkippedFile] = []
        self.passed_over: list[SkippedFile] = []
        self.results: list[FileResult] = []

    def run(self) -> Summary:
        """Read, refuse collisions, translate into every target, write and check; then the QA reports."""
        started = time.monotonic()
        job = self.job
        job.out.mkdir(parents=True, exist_ok=True)
        for folder in _glossary_folders(job):
            for path in sweep_temporaries(folder, older_than=_STALE_GLOSSARY_TEMPORARY):
                log.warning("removed %s, left by a writer that was killed", path)
        with JobLock(job.state_dir), TranslationMemory(job.tm_path) as self.tm:
            for path in sweep_temporaries(job.out):
                log.warning("removed %s, left by a run that was killed", path)
            self.build = BuildCache(job.state_dir / "build-cache.json", context=code_digest())
            self.cache = QACache(job.state_dir / "qa-cache.json", context=qa_context(self.glossary))
            try:
                files = self._read_all()
                plans = {target: self._plans(target, files) for target in job.targets}
                _refuse_collisions(plans)
                for target in job.targets if files else ():  # no model is loaded when every file was skipped
                    self._run_target(target, plans[target])
            finally:  # what was parsed, built or checked stays so, even when the run stops early
                self.build.save()
                self.cache.save()
            for passed in self.passed_over:
                into = f" into {passed.target}" if passed.target else ""
                log.warning("not translated%s: %s: %s", into, passed.source, passed.reason)
            results = sorted(self.results, key=lambda r: (r.output, r.source))
            summary = Summary(
                tuple(results),
                tuple(self.skipped),
                time.monotonic() - started,
                tuple(self.passed_over),
            )
            write_if_changed(job.out / "qa-report.json", render_json(summary).encode("utf-8"))
            write_if_changed(job.out / "qa-report.md", render_markdown(summary).encode("utf-8"))
        return summary

    def _read_all(self) -> list[_Source]:
        """Read and parse every source once (with the target it declares), unless the build cache has its
        units for these bytes; bad input is reported and skipped."""
        job, build = self.job, self.build
        files: list[_Source] = []
        kept = 0
        for f in discover(job):
            if f.format is None and not f.named:
                reason = "not a format transkit reads (pass --format, or map it under [formats] in the job file)"
                self.passed_over.append(SkippedFile(str(f.path), reason))
                continue
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
                    raise FormatError(
                        "unknown file format",
                        path=f.path,
                        hint="pass --format, or map its extension under [formats] in the job file",
                    )
                key = BuildCache.source_key(digest(data), f.format, job.source_lang)
                known = build.units(str(f.path), key)
                if known is not None:
                    files.append(_Source(f, data, key, *known))
                    continue
                store = open_store(data, path=str(f.path), fmt=f.format, source_lang=job.source_lang)
                units, declared = store.units(), store.declared_target()
            except TranskitError as err:
                log.warning("skipped %s", err)
                self.skipped.append(SkippedFile(str(f.path), str(err)))
                continue
            keep = kept + len(data) <= _KEEP_PARSED_BYTES
            kept += len(data) if keep else 0
            build.remember_units(str(f.path), key, units, declared)
            files.append(_Source(f, data, key, units, declared, store if keep else None))
        if not files and not self.skipped:
            raise InputError(
                f"nothing to translate: no file of a known format in {', '.join(map(str, job.sources))}",
                hint="name files, folders or globs that hold localisation files or articles (see `transkit batch -h`), "
                "or pass --format",
            )
        return files

    def _plans(self, target: str, files: list[_Source]) -> list[_Plan]:
        """The files to translate into ``target``; a catalogue that declares another target
        (locale/vi/app.po into Korean) is listed as not translated, with the reason."""
        job = self.job
        plans = []
        for f in files:
            if f.declared not in (None, job.source_lang, target):
                self.passed_over.append(SkippedFile(str(f.file.path), f"it declares Language: {f.declared}", target))
                continue
            todo = [
                (u, [prepare(t) for t in u.forms_for(target)])
                for u in f.units
                if u.needs_translation or job.retranslate
            ]
            plans.append(_Plan(f, job.out / output_path(f.file.rel, job.source_lang, target), todo))
        return plans

    def _run_target(self, target: str, plans: list[_Plan]) -> None:
        source, job, tm, display = self.job.source_lang, self.job, self.tm, self.display
        signature = self.backend.signature(source, target)
        keys = {normalise(i.core.text) for p in plans for _, items in p.todo for i in items if not i.copy}
        memory = tm.entries(signature, "", source, target, keys)
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
        pending = list(plans)

        def flush() -> None:
            while pending and not pending[0].missing:
                result = self._finish(target, pending.pop(0), memory)
                if result is not None:
                    self.results.append(result)
                    display.file_done(result)

        flush()
        for indices, outputs, reports in self.backend.translate(
            source, target, [queue[k] for k in order], chunk=job.chunk
        ):
            done = [order[i] for i in indices]
            tm.store(
                signature,
                "",
                source,
                target,
                [(queue[k].text, t) for k, t in zip(done, outputs)],
                reports=reports,
            )
            for key, text, report in zip(done, outputs, reports):
                memory[key] = (text, report)
            for p in pending:
                p.missing.difference_update(done)
            display.advance(len(outputs))
            flush()
        display.finish()

    def _finish(self, target: str, plan: _Plan, memory: dict[str, tuple[str, str]]) -> FileResult | None:
        """Write one output file (unless it is as the build cache built it) and check it (unless the QA cache
        checked it as it is); a file that cannot be written is reported as skipped."""
        job, f = self.job, plan.file
        # Every text not copied and not found in the memory at the start was translated in this run.
        plan.translated = sum(1 for _, items in plan.todo for i in items if not i.copy) - plan.from_memory
        translations = {
            unit.id: tuple(i.wrap(i.core.text if i.copy else memory[normalise(i.core.text)][0]) for i in items)
            for unit, items in plan.todo
        }
        enforcement = []
        for unit, items in plan.todo:
            reports = [memory[normalise(i.core.text)][1] for i in items if not i.copy]
            if any(reports):
                enforcement.append(
                    (
                        unit.id,
                        sum(
                            (Enforcement.from_json(r) for r in reports if r),
                            Enforcement(),
                        ),
                    )
                )
        out = plan.out
        name = out.relative_to(job.out).as_posix()
        key = BuildCache.output_key(plan.source.key, target, job.mark_fuzzy, translations)
        applied = self.build.output(name, key, out)
        if applied is None:
            applied = plan.source.take_store(job.source_lang).apply(translations, target=target, fuzzy=job.mark_fuzzy)
            try:
                out.parent.mkdir(parents=True, exist_ok=True)
                write_if_changed(out, applied.data)
            except (OSError, TranskitError) as err:
                reason = err.strerror if isinstance(err, OSError) else str(err)
                self.skipped.append(SkippedFile(str(f.path), f"{out}: cannot write: {reason or err}"))
                return None
            self.build.remember_output(name, key, applied)
        findings = sorted(
            self._check(target, plan, translations, applied.data, applied.failed, name),
            key=finding_order,
        )
        return FileResult(
            source=str(f.path),
            output=str(out),
            target=target,
            format=f.format or "",
            units=len(plan.units),
            from_memory=plan.from_memory,
            translated=plan.translated,
            copied=plan.copied,
            kept=len(plan.units) - len(plan.todo),
            failed=applied.failed,
            findings=tuple(findings),
            enforcement=tuple(enforcement),
        )

    def _check(
        self,
        target: str,
        plan: _Plan,
        translations: dict[str, tuple[str, ...]],
        data: bytes,
        failed: tuple[tuple[str, str], ...],
        name: str,
    ) -> list:
        source_lang, f = self.job.source_lang, plan.file
        if f.format in ("text", "markdown"):
            segments = [(u.source.text, translations.get(u.id, (u.source.text,))[0]) for u in plan.units]
            source_text = plan.source.data.decode("utf-8-sig")
            return self.cache.findings(
                name,
                inputs=["document", source_lang, target, segments, source_text],
                data=data,
                check=lambda: self.qa.document(
                    segments,
                    source=source_text,
                    output=data.decode("utf-8"),
                    source_lang=source_lang,
                    target_lang=target,
                ),
            )
        unwritten = {u for u, _ in failed}
        pairs = []
        for unit in plan.units:
            if unit.id in unwritten:
                continue
            if unit.id in translations:
                sources = [t.text for t in unit.forms_for(target)]
                pairs += [(unit.id, s, t) for s, t in zip(sources, translations[unit.id])]
            elif unit.target is not None:
                pairs.append((unit.id, unit.source.text, unit.target))
        return self.cache.findings(
            name,
            inputs=["units", source_lang, target, pairs],
            data=data,
            check=lambda: self.qa.units(pairs, source_lang=source_lang, target_lang=target),
        )


def _refuse_collisions(plans: dict[str, list[_Plan]]) -> None:
    """Stop (exit 2) when two sources would write one output, before anything is translated."""
    clashes = []
    for target, target_plans in plans.items():
        seen: dict[Path, _Plan] = {}
        for plan in target_plans:
            other = seen.setdefault(plan.out, plan)
            if other is not plan:
                clashes.append(f"{other.file.path} and {plan.file.path} both become {plan.out} ({target})")
    if clashes:
        raise UsageError(
            "outputs collide: " + "; ".join(clashes),
            hint="translate one of each pair in another job, or set --root so their paths below it differ",
        )


def _glossary_folders(job: Job) -> list[Path]:
    folders = []
    for name in job.glossary:
        path = Path(name)
        folders.append(path if path.is_dir() else path.parent)
    return list(dict.fromkeys(folders))
