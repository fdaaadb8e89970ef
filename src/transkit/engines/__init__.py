"""Translation engines: MarianMT through transformers, pivots, and fakes for tests."""

from .base import Engine, Progress
from .fake import DictionaryEngine, FunctionEngine
from .pivot import PivotEngine

__all__ = ["DictionaryEngine", "Engine", "FunctionEngine", "MarianEngine", "PivotEngine", "Progress"]


def __getattr__(name: str):
    if name == "MarianEngine":  # imports nothing heavy until a model is loaded, but keep the module lazy too
        from .marian import MarianEngine

        return MarianEngine
    raise AttributeError(name)
