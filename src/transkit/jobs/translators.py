"""The job's translator for one direction, the same on the driver, in the local backend and in Ray actors.

Every unit goes through :class:`~transkit.translator.Translator` with the job's
glossary (enforced, verified or off, as ``glossary_mode`` says) and the job's
date for dated titles, so a batch gives, unit for unit, what ``transkit
translate --glossary G --date D`` gives for the same sentence.
"""

from __future__ import annotations

from ..engines.base import Engine
from ..glossary.model import Glossary
from ..translator import Translator
from .job import Job

__all__ = ["build_translator", "load_glossary"]


def load_glossary(job: Job) -> Glossary:
    """The job's glossary (empty when it names none)."""
    if not job.glossary:
        return Glossary()
    from ..glossary.store import load

    return load(list(job.glossary))


def build_translator(
    job: Job, source: str, target: str, glossary: Glossary | None = None, *, engine: Engine | None = None
) -> Translator:
    """The job's translator for ``source`` → ``target`` (``glossary``: the job's, already loaded; ``engine``:
    in place of the job's models, for tests and benchmarks)."""
    if glossary is None:
        glossary = load_glossary(job)
    enforced = bool(glossary.concepts) and job.glossary_mode != "off"
    return Translator(
        source,
        target,
        model=job.model,
        models=job.models,
        settings=job.settings,
        glossary=glossary if enforced else None,
        glossary_mode=job.glossary_mode,
        date=job.date,
        engine=engine,
    )
