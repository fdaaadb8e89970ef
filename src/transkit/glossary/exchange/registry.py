"""Which exchange format reads and writes a glossary, by name.

======  ======================================  =======================================
format  reads                                   writes
======  ======================================  =======================================
csv     :func:`~.csv.read_csv` (any layout)     :func:`~.csv.write_csv` (``layout=``)
tbx     :func:`~.tbx.read_tbx` (2019 and 2008)  :func:`~.tbx.write_tbx` (TBX-Basic 2019)
======  ======================================  =======================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...errors import UsageError
from ..model import Glossary
from .common import ExportResult
from .csv import read_csv, write_csv
from .tbx import read_tbx, write_tbx

__all__ = ["FORMATS", "ExchangeFormat", "exchange_format"]


@dataclass(frozen=True)
class ExchangeFormat:
    """A glossary exchange format: its name, and the functions that read and write it (options as keywords)."""

    name: str
    read: Callable[..., Glossary]
    write: Callable[..., ExportResult]


FORMATS: dict[str, ExchangeFormat] = {
    f.name: f for f in (ExchangeFormat("csv", read_csv, write_csv), ExchangeFormat("tbx", read_tbx, write_tbx))
}


def exchange_format(name: str) -> ExchangeFormat:
    """The exchange format called ``name``; an unknown name raises :class:`~transkit.errors.UsageError`."""
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(
            f"unknown glossary exchange format {name!r}", hint=f"use one of: {', '.join(FORMATS)}"
        ) from None
