"""From units to the translator and back: trimming, copying, and the enforcement record of each text.

A unit's text is trimmed (its surrounding whitespace is put back around the
translation, so the memory keys on the core) and a text with no letter outside
its protected spans (``{{count}}``, ``%d``, ``42``) is copied rather than
translated. The core goes to :meth:`Translator.translate_texts
<transkit.translator.Translator.translate_texts>` with its protected spans, so
units and articles share one path: masking, glossary enforcement, recovery.
Both the local backend and the Ray actors call :func:`translate_chunk`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from ..formats import Text
from ..translator import Translation, Translator

__all__ = ["Enforcement", "Item", "prepare", "translate_chunk"]


@dataclass(frozen=True)
class Item:
    """A trimmed text ready for the engine (or to be copied)."""

    lead: str
    core: Text
    trail: str
    copy: bool  # nothing to translate: no letter outside the protected spans

    def wrap(self, translation: str) -> str:
        """``translation`` with the unit's leading and trailing whitespace put back."""
        return f"{self.lead}{translation}{self.trail}"


def prepare(text: Text) -> Item:
    """Trim ``text`` and shift its protected spans onto the trimmed core."""
    core = text.text.strip()
    start = len(text.text) - len(text.text.lstrip())
    end = start + len(core)
    spans = tuple((max(a, start) - start, min(b, end) - start) for a, b in text.protected if a < end and b > start)
    spans = tuple((a, b) for a, b in spans if a < b)
    outside = core
    for a, b in spans:
        outside = f"{outside[:a]}{' ' * (b - a)}{outside[b:]}"
    copy = not any(map(str.isalpha, outside))
    return Item(text.text[:start], Text(core, spans), text.text[end:], copy)


@dataclass(frozen=True)
class Enforcement:
    """What glossary enforcement did for one text: term counts, and a line per failed term and recovery.

    >>> e = Enforcement(required=2, enforced=1, repaired=0, failed=1, notes=("failed: 'Blue House' (missing)",))
    >>> Enforcement.from_json(e.to_json()) == e
    True
    """

    required: int = 0
    enforced: int = 0
    repaired: int = 0
    failed: int = 0
    notes: tuple[str, ...] = ()

    @classmethod
    def of(cls, translation: Translation) -> Enforcement:
        """The enforcement counts and notes of ``translation``, summed over its segments."""
        counts = {"required": 0, "enforced": 0, "repaired": 0, "failed": 0}
        notes: list[str] = []
        for segment in translation.segments:
            for key, value in segment.counts.items():
                counts[key] += value
            notes += [f"failed: {t.source!r} -> {t.target!r} ({t.how})" for t in segment.terms if t.status == "failed"]
            notes += [
                f"repaired: {t.source!r} -> {t.target!r} ({t.how})" for t in segment.terms if t.status == "repaired"
            ]
            notes += list(segment.recoveries)
        return cls(**counts, notes=tuple(notes))

    def __add__(self, other: Enforcement) -> Enforcement:
        return Enforcement(
            self.required + other.required,
            self.enforced + other.enforced,
            self.repaired + other.repaired,
            self.failed + other.failed,
            self.notes + other.notes,
        )

    def to_json(self) -> str:
        """The counts and notes as compact JSON (as the translation memory stores them)."""
        return json.dumps(
            [
                self.required,
                self.enforced,
                self.repaired,
                self.failed,
                list(self.notes),
            ],
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, data: str) -> Enforcement:
        """The enforcement :meth:`to_json` wrote."""
        required, enforced, repaired, failed, notes = json.loads(data)
        return cls(required, enforced, repaired, failed, tuple(notes))


def translate_chunk(translator: Translator, cores: Sequence[Text]) -> tuple[list[str], list[str]]:
    """Translate trimmed texts (protected spans kept verbatim): the translations, and the JSON of their
    :class:`Enforcement` (empty strings without a glossary)."""
    translations = translator.translate_texts(cores)
    enforced = translator.enforcement is not None
    return [t.text for t in translations], [Enforcement.of(t).to_json() if enforced else "" for t in translations]
