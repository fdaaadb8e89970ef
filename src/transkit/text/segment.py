"""Safe splitting of sentences too long for the translation model.

Sentence splitting itself lives in :mod:`transkit.lang.sentences`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["split_long"]

# Split points, strongest first. Each pattern matches the text that ends a piece (the piece keeps
# its trailing whitespace), or, for conjunctions, the whitespace before the word that opens the next.
_CLAUSE_LEVELS: tuple[re.Pattern[str], ...] = (
    re.compile(r"[;:\uff1b\uff1a]\s+"),
    re.compile(r"[,\uff0c\u3001]\s+"),
    re.compile(
        r"\s+(?=(?:and|but|or|while|whereas|because|although|which|who|after|before|và|nhưng|hoặc|"
        r"trong khi|vì|bởi vì|mà|sau khi|trước khi|để)\s)"
        r"|(?<=[\uac00-\ud7a3])(?:고|며|지만|는데|면서|으며|으나|거나|어서|아서|해서|하여|도록|니까)\s+"
    ),
    re.compile(r"\s+"),
)


def split_long(sentence: str, max_tokens: int, count_tokens: Callable[[str], int]) -> list[str]:
    """Split ``sentence`` into pieces of at most ``max_tokens`` tokens each, losing nothing.

    Pieces are cut at clause boundaries first (``; :``, then ``,``, then
    before a conjunction or after a Korean connective ending such as ``-고``,
    ``-며``, ``-지만``), then at any whitespace, and only as a last resort
    between characters. Each piece keeps the whitespace that followed it, so
    ``"".join(pieces) == sentence`` always holds: translate ``piece.rstrip()``
    and append ``piece[len(piece.rstrip()):]`` to rejoin. A single character
    that alone exceeds the budget becomes a piece of its own.

    >>> words = lambda s: len(s.split())
    >>> split_long("We met in Seoul; they talked, and then they left.", 4, words)
    ['We met in Seoul; ', 'they talked, ', 'and then they left.']
    """
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be at least 1, not {max_tokens}")
    if count_tokens(sentence) <= max_tokens:
        return [sentence]
    return _split(sentence, 0, max_tokens, count_tokens)


def _split(text: str, level: int, limit: int, count: Callable[[str], int]) -> list[str]:
    if level == len(_CLAUSE_LEVELS):
        return _split_chars(text, limit, count)
    atoms = _cut(text, _CLAUSE_LEVELS[level])
    pieces: list[str] = []
    current = ""
    for atom in atoms:
        if current and count(current + atom) <= limit:
            current += atom
            continue
        if current:
            pieces.append(current)
        current = atom
        if count(current) > limit:
            # The last sub-piece may still share a piece with the atoms that follow.
            *done, current = _split(current, level + 1, limit, count)
            pieces.extend(done)
    if current:
        pieces.append(current)
    return pieces


def _cut(text: str, pattern: re.Pattern[str]) -> list[str]:
    atoms = []
    start = 0
    for m in pattern.finditer(text):
        if 0 < m.end() < len(text) and m.end() > start:
            atoms.append(text[start : m.end()])
            start = m.end()
    atoms.append(text[start:])
    return atoms


def _split_chars(text: str, limit: int, count: Callable[[str], int]) -> list[str]:
    pieces = []
    start = 0
    while start < len(text):
        # Longest prefix within the budget, by binary search (the count grows with the length).
        lo, hi = start + 1, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count(text[start:mid]) <= limit:
                lo = mid
            else:
                hi = mid - 1
        pieces.append(text[start:lo])
        start = lo
    return pieces
