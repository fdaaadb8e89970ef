"""Translation through a pivot language: ko→vi is ko→en followed by en→vi."""

from __future__ import annotations

from collections.abc import Sequence

from .base import Engine, Progress, Wrapper

__all__ = ["PivotEngine"]


class PivotEngine(Wrapper):
    """Chains two engines; ``first.target`` must equal ``second.source``. Input limits are the first's."""

    def __init__(self, first: Engine, second: Engine) -> None:
        if first.target != second.source:
            raise ValueError(f"cannot chain {first.source}→{first.target} with {second.source}→{second.target}")
        super().__init__(first)
        self.first, self.second = first, second
        self.target = second.target

    @property
    def signature(self) -> str:
        """The signatures of both legs."""
        return f"pivot({self.first.signature} | {self.second.signature})"

    def translate(self, texts: Sequence[str], *, progress: Progress | None = None) -> list[str]:
        """Translate into the pivot language, then on; progress counts the second leg."""
        return self.second.translate(self.first.translate(texts), progress=progress)
