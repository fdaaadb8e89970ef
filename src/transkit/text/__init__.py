"""Text handling: safe file I/O, sentence splitting, documents and protected spans."""

from __future__ import annotations

from .document import Document, Format, Segment
from .io import read_text, write_text
from .placeholders import Masked, Restored, mask, scrub, unmask
from .segment import sentences, split_long, split_sentences

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
