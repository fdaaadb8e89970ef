"""transkit: translate en/ko/vi articles with MarianMT, enforce glossaries, check consistency."""

from __future__ import annotations

__version__ = "0.1.0"
