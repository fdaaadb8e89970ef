"""Translation engines: MarianMT through transformers, pivots, and fakes for tests."""

from .base import Engine, Progress
from .fake import DictionaryEngine, FunctionEngine
from .pivot import PivotEngine

__all__ = ["Ct2Engine", "DictionaryEngine", "Engine", "FunctionEngine", "MarianEngine", "PivotEngine", "Progress"]


def __getattr__(name: str) -> type:
    """The model engines load their modules on first use."""
    if name == "MarianEngine":
        from .marian import MarianEngine

        return MarianEngine
    if name == "Ct2Engine":
        from .ct2 import Ct2Engine

        return Ct2Engine
    raise AttributeError(name)
