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

import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Literal, get_args

from ..lang.korean import PARTICLES
from .base import Engine, Progress, Wrapper
from .fake import FunctionEngine, table_digest

__all__ = ["FAULTS", "KNOWN_MT_ERRORS", "Fault", "FaultyEngine", "PhraseEngine"]

Fault = Literal[
    "squeeze", "split", "case", "truncate", "markup", "translate",
    "drop", "duplicate", "fullwidth", "invent", "particle",
]
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
    model translating into a language without particles does. The signature
    names the table by its :func:`~transkit.engines.fake.table_digest`.
    """

    def __init__(
        self, source: str, target: str, table: Mapping[str, str], *, name: str = "phrases", **options: int
    ) -> None:
        self.table = dict(table)
        name = f"{name}-{table_digest(self.table)}"
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
    (``the number 0``); ``drop``: removed; ``duplicate``: written twice;
    ``fullwidth``: in full-width characters (``ＺＸ０Ｑ``); ``invent``: followed by
    a token that was never sent (``ZX0Q ZX7Q``); ``particle``: a Korean particle
    glued to it (``ZX0Q에서``).

    Given several faults, the n-th token of a call gets ``faults[n % len(faults)]``,
    so a test can script (or draw at random) what happens to each token.

    >>> FaultyEngine(PhraseEngine("en", "ko", {}), ["particle", "fullwidth", "invent"]).translate(["ZX0Q ZX1Q ZX2Q"])
    ['ZX0Q에서 ＺＸ１Ｑ ZX2Q ZX92Q']
    """

    def __init__(self, inner: Engine, fault: Fault | Sequence[Fault]) -> None:
        faults = (fault,) if isinstance(fault, str) else tuple(fault)
        for f in faults:
            if f not in FAULTS:
                raise ValueError(f"unknown fault {f!r}; choose one of {', '.join(FAULTS)}")
        if not faults:
            raise ValueError("no fault given")
        super().__init__(inner)
        self.faults = faults

    @property
    def signature(self) -> str:
        """The injected faults and the inner engine's signature."""
        return f"faulty:{'+'.join(self.faults)}({self.inner.signature})"

    def translate(self, texts: Sequence[str], *, progress: Progress | None = None) -> list[str]:
        """The inner engine's translations with their placeholder tokens damaged by the injected faults."""
        outputs = self.inner.translate(texts, progress=progress)
        count = itertools.count()
        return [self.damage(text, count) for text in outputs]

    def damage(self, text: str, count: Iterator[int] | None = None) -> str:
        """``text`` with each placeholder token damaged by this engine's faults (``count`` numbers the tokens)."""
        numbers = count if count is not None else itertools.count()

        def damaged(m: re.Match[str]) -> str:
            fault = self.faults[next(numbers) % len(self.faults)]
            return _damaged(fault, m.group(1), m.group(2), m.group(3))

        text = _TOKEN.sub(damaged, text)
        # Squeezed and dropped tokens take the spaces around them with them.
        text = re.sub(f"\\s*{_SQUEEZE}([^{_SQUEEZE}]+){_SQUEEZE}\\s*", r"\1", text)
        return re.sub(f"\\s*{_DROP}", "", text).strip() if _DROP in text else text


_SQUEEZE, _DROP = "\x00", "\x01"
_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"}


def _damaged(fault: str, head: str, number: str, tail: str) -> str:
    token = head + number + tail
    if fault == "squeeze":
        return f"{_SQUEEZE}{token}{_SQUEEZE}"
    if fault == "drop":
        return _DROP
    return {
        "split": f"{head} {number} {tail}",
        "case": token.lower(),
        "truncate": head + number,
        "markup": "×/strong>",
        "translate": f"the number {number}",
        "duplicate": f"{token} {token}",
        "fullwidth": "".join(_FULLWIDTH.get(c, c) for c in token),
        "invent": f"{token} {head}{int(number) + 90}{tail}",
        "particle": f"{token}에서",
    }[fault]
