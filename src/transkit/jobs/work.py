"""From units to engine input and back: trimming, protected spans, placeholder restore.

A unit's text is trimmed (its surrounding whitespace is put back around the
translation), its protected spans are masked with placeholder tokens for the
engine and restored after, and a text with no letter outside its protected
spans (``{{count}}``, ``%d``, ``42``) is copied rather than translated. Both
the local runner and the Ray actors call :func:`translate_items`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from ..formats import Text
from ..text.placeholders import mask, unmask

__all__ = ["Item", "prepare", "translate_items"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Item:
    """A trimmed text ready for the engine (or to be copied)."""

    lead: str
    core: Text
    trail: str
    copy: bool  # nothing to translate: no letter outside the protected spans

    def wrap(self, translation: str) -> str:
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


def translate_items(translate_batch, cores: Sequence[Text]) -> list[str]:
    """Translate trimmed texts with ``translate_batch`` (``Translator.translate_batch``), spans kept verbatim."""
    masked = [mask(t.text, t.protected) if t.protected else None for t in cores]
    outputs = translate_batch([m.text if m else t.text for m, t in zip(masked, cores)])
    results = []
    for output, m in zip(outputs, masked):
        if m is None:
            results.append(output)
            continue
        restored = unmask(output, m)
        text = restored.text
        for index in restored.missing:
            log.warning("the engine dropped %r; appended it", m.originals[index])
            text = f"{text} {m.replacements[index]}".strip()
        results.append(text)
    return results
