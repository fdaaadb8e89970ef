"""Argument types shared by several subcommands."""

from __future__ import annotations

import argparse
from datetime import date

__all__ = ["iso_date"]


def iso_date(value: str) -> date:
    """An argparse type for ``YYYY-MM-DD`` dates."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD)") from None
