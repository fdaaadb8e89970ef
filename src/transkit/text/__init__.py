"""Text handling: safe file I/O, sentence splitting, documents and protected spans."""

from __future__ import annotations

from ..lang.sentences import sentences, split_sentences
from .document import Document, Format, Segment
from .io import read_text, write_text
from .placeholders import Masked, Restored, mask, scrub, unmask
from .segment import split_long

__all__ = [
    "Document",
    "Format",
    "Masked",
    "Restored",
    "Segment",
    "mask",
    "read_text",
    "scrub",
    "sentences",
    "split_long",
    "split_sentences",
    "unmask",
    "write_text",
]
