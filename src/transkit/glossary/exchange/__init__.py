"""Glossary exchange with translation services and terminology tools: CSV (:mod:`.csv`) and TBX (:mod:`.tbx`).

Every reading error raises :class:`~transkit.errors.GlossaryError` naming the
file and line; nothing is returned half-read. Writing goes through a temporary
file and a rename. :data:`FORMATS` maps a format's name to its reader and writer.
"""

from .common import ExportResult
from .csv import read_csv, write_csv
from .registry import FORMATS, ExchangeFormat, exchange_format
from .tbx import read_tbx, write_tbx

__all__ = [
    "FORMATS",
    "ExchangeFormat",
    "ExportResult",
    "exchange_format",
    "read_csv",
    "read_tbx",
    "write_csv",
    "write_tbx",
]
