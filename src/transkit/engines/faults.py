"""Fake engines that reproduce, deterministically, how real MT systems fail.

:class:`PhraseEngine` translates by replacing known phrases (longest first) and
copies everything else, placeholder tokens included, so it behaves like a model
that has learned to carry ``ZX<n>Q`` tokens through. :class:`FaultyEngine`
wraps any engine and damages the placeholder tokens in its output the way
OPUS-MT models are known to: squeezed against a word, split by spaces, turned
into markup debris (``×/strong>``), translated, dropped or duplicated.

:data:`KNOWN_MT_ERRORS` holds real errors seen in published machine
translations (the founding example of transkit): Vietnamese "Thứ trưởng Ngoại
giao Mỹ" rendered "US Deputy Foreign Minister" for the US Deputy Secretary of
State, and "Đạo luật CHIPS và Khoa học" rendered "Chip and Science Act".

>>> engine = PhraseEngine("vi", "en", KNOWN_MT_ERRORS[("vi", "en")])
>>> engine.translate(["Thứ trưởng Ngoại giao Mỹ Kurt Campbell"])
['US Deputy Foreign Minister Kurt Campbell']
>>> FaultyEngine(PhraseEngine("vi", "en", {"gặp": "met"}), "split").translate(["ZX0Q gặp ZX1Q"])
['ZX 0 Q met ZX 1 Q']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Literal, get_args

from ..lang.korean import PARTICLES
from .base import Engine, Progress, Wrapper
from .fake import FunctionEngine

__all__ = ["FAULTS", "KNOWN_MT_ERRORS", "Fault", "FaultyEngine", "PhraseEngine"]

Fault = Literal["squeeze", "split", "case", "truncate", "markup", "translate", "drop", "duplicate"]
FAULTS: tuple[str, ...] = get_args(Fault)

# Any placeholder token: two capitals (or more), a number, one capital.
_TOKEN = re.compile(r"\b([A-Z]{2,})(\d+)([A-Z])\b")

KNOWN_MT_ERRORS: dict[tuple[str, str], dict[str, str]] = {
    ("vi", "en"): {
        "Thứ trưởng Ngoại giao Mỹ": "US Deputy Foreign Minister",
        "Thứ trưởng Ngoại giao": "Deputy Foreign Minister",
        "Đạo luật CHIPS và Khoa học": "Chip and Science Act",
    },
    ("ko", "en"): {
        "국무부 부장관": "Deputy Foreign Minister",
        "반도체과학법": "Chip and Science Act",
    },
}


class PhraseEngine(FunctionEngine):
    """Replaces the phrases of ``table`` (longest first, whole words, case-sensitive); copies the rest.

    Placeholder tokens are copied like any unknown word. From Korean, a particle
    glued to a phrase or a token is dropped (캠벨은 -> Kurt Campbell), as a
    model translating into a language without particles does.
    """

    def __init__(self, source: str, target: str, table: Mapping[str, str], *, name: str = "phrases", **options) -> None:
        self.table = dict(table)
        phrases = [re.escape(p) for p in sorted(self.table, key=len, reverse=True)]
        particle = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")?" if source == "ko" else ""
        words = "|".join([*phrases, _TOKEN.pattern.replace(r"\b", "")])
        self._pattern = re.compile(rf"(?<!\w)({words}){particle}(?!\w)")
        super().__init__(source, target, self._replace, name=name, **options)

    def _replace(self, text: str) -> str:
        return self._pattern.sub(lambda m: self.table.get(m.group(1), m.group(1)), text)


class FaultyEngine(Wrapper):
    """Wraps ``inner`` and damages every placeholder token in its output with ``fault``.

    ``squeeze``: glued to the words around it (``inZX0Qwas``); ``split``: spaces
    inside (``ZX 0 Q``); ``case``: lower case; ``truncate``: tail lost (``ZX0``);
    ``markup``: replaced by ``×/strong>``; ``translate``: turned into words
    (``the number 0``); ``drop``: removed; ``duplicate``: written twice.
    """

    def __init__(self, inner: Engine, fault: Fault) -> None:
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; choose one of {', '.join(FAULTS)}")
        super().__init__(inner)
        self.fault = fault

    @property
    def signature(self) -> str:
        return f"faulty:{self.fault}({self.inner.signature})"

    def translate(self, texts: Sequence[str], *, progress: Progress | None = None) -> list[str]:
        return [self.damage(text) for text in self.inner.translate(texts, progress=progress)]

    def damage(self, text: str) -> str:
        """``text`` with each placeholder token damaged by this engine's fault."""
        fault = self.fault
        if fault == "squeeze":
            return re.sub(r"\s*" + _TOKEN.pattern + r"\s*", lambda m: m.group(1) + m.group(2) + m.group(3), text)
        if fault == "drop":
            return re.sub(r"\s*" + _TOKEN.pattern, "", text).strip()
        return _TOKEN.sub(lambda m: _damaged(fault, m.group(1), m.group(2), m.group(3)), text)


def _damaged(fault: str, head: str, number: str, tail: str) -> str:
    token = head + number + tail
    return {
        "split": f"{head} {number} {tail}",
        "case": token.lower(),
        "truncate": head + number,
        "markup": "×/strong>",
        "translate": f"the number {number}",
        "duplicate": f"{token} {token}",
    }[fault]
