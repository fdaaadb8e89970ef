"""Which model translates which direction, and pivoting through English.

OPUS-MT has direct models between English and Korean and between English and
Vietnamese, but none between Korean and Vietnamese: those directions go through
English. Any direction's model can be replaced (config file or ``--model``),
and a direct model given for ko→vi or vi→ko is used instead of the pivot.

>>> [hop.model for hop in plan("ko", "vi")]
['Helsinki-NLP/opus-mt-tc-big-ko-en', 'Helsinki-NLP/opus-mt-en-vi']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .errors import UsageError
from .languages import LANGUAGES, normalize

__all__ = ["DEFAULT_MODELS", "PIVOT", "Hop", "all_directions", "direction", "plan"]

PIVOT = "en"

DEFAULT_MODELS: dict[str, str] = {
    "ko-en": "Helsinki-NLP/opus-mt-tc-big-ko-en",
    "en-ko": "Helsinki-NLP/opus-mt-tc-big-en-ko",
    "en-vi": "Helsinki-NLP/opus-mt-en-vi",
    "vi-en": "Helsinki-NLP/opus-mt-vi-en",
}


@dataclass(frozen=True)
class Hop:
    """One leg of a route: a model translating ``source`` into ``target``."""

    source: str
    target: str
    model: str


def direction(source: str, target: str) -> str:
    """The ``"ko-en"`` key of a direction, from any accepted language codes."""
    return f"{normalize(source)}-{normalize(target)}"


def plan(source: str, target: str, models: Mapping[str, str] | None = None) -> tuple[Hop, ...]:
    """The hops that translate ``source`` into ``target`` with ``models`` over the defaults."""
    src, tgt = normalize(source), normalize(target)
    if src == tgt:
        raise UsageError(f"source and target are both {src}", hint="choose two different languages")
    table = {**DEFAULT_MODELS, **(models or {})}
    key = f"{src}-{tgt}"
    if key in table:
        return (Hop(src, tgt, table[key]),)
    if PIVOT not in (src, tgt) and f"{src}-{PIVOT}" in table and f"{PIVOT}-{tgt}" in table:
        return (Hop(src, PIVOT, table[f"{src}-{PIVOT}"]), Hop(PIVOT, tgt, table[f"{PIVOT}-{tgt}"]))
    raise UsageError(
        f"no model for {key}",
        hint=f'set one under [models] in transkit.toml, e.g. {key} = "DIR_OR_HUB_ID"',
    )


def all_directions() -> list[str]:
    """Every direction between the supported languages, in a stable order."""
    return [f"{a}-{b}" for a in LANGUAGES for b in LANGUAGES if a != b]
