"""Batches built by length under a token budget, so padding wastes little work."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["length_batches"]


def length_batches(lengths: Sequence[int], *, max_tokens: int, max_size: int) -> list[list[int]]:
    """Group indices into batches of similar length.

    Indices are sorted longest first; a batch grows while ``longest * count``
    (its padded size) stays within ``max_tokens`` and ``count`` within ``max_size``.
    A single item longer than the budget gets a batch of its own. Callers put
    results back in input order with the returned indices.

    >>> length_batches([5, 1, 4, 2], max_tokens=8, max_size=4)
    [[0], [2, 3], [1]]
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        longest = lengths[current[0]] if current else lengths[index]
        if current and (longest * (len(current) + 1) > max_tokens or len(current) >= max_size):
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches
