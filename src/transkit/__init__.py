"""transkit: translate en/ko/vi articles with MarianMT, enforce glossaries, check consistency.

The public API, imported lazily so that ``import transkit`` stays light::

    from transkit import Translator, check, load_glossary
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__ as __version__

# public name -> module that defines it
_EXPORTS = {
    "Translator": "transkit.translator",
    "Settings": "transkit.config",
    "load_settings": "transkit.config",
    "check": "transkit.checks",
    "Checker": "transkit.checks",
    "Finding": "transkit.checks",
    "Report": "transkit.checks",
    "Glossary": "transkit.glossary",
    "Concept": "transkit.glossary",
    "Term": "transkit.glossary",
    "Role": "transkit.glossary",
    "Matcher": "transkit.glossary",
    "Match": "transkit.glossary",
    "load_glossary": "transkit.glossary",
    "lint_glossary": "transkit.glossary",
    "GlossaryEngine": "transkit.enforce",
    "EnforcementReport": "transkit.enforce",
    "Engine": "transkit.engines",
    "MarianEngine": "transkit.engines",
    "PivotEngine": "transkit.engines",
    "FunctionEngine": "transkit.engines",
    "DictionaryEngine": "transkit.engines",
    "Document": "transkit.text",
    "TranskitError": "transkit.errors",
    "UsageError": "transkit.errors",
    "LanguageError": "transkit.errors",
    "InputError": "transkit.errors",
    "DecodeError": "transkit.errors",
    "GlossaryError": "transkit.errors",
    "FormatError": "transkit.errors",
    "ConfigError": "transkit.errors",
    "ModelError": "transkit.errors",
}
_RENAMED = {"load_glossary": "load", "lint_glossary": "lint"}

__all__ = sorted([*_EXPORTS, "__version__"])

if TYPE_CHECKING:
    from .checks import Checker, Finding, Report, check
    from .config import Settings, load_settings
    from .enforce import EnforcementReport, GlossaryEngine
    from .engines import DictionaryEngine, Engine, FunctionEngine, MarianEngine, PivotEngine
    from .errors import (
        ConfigError,
        DecodeError,
        FormatError,
        GlossaryError,
        InputError,
        LanguageError,
        ModelError,
        TranskitError,
        UsageError,
    )
    from .glossary import Concept, Glossary, Match, Matcher, Role, Term
    from .glossary import lint as lint_glossary
    from .glossary import load as load_glossary
    from .text import Document
    from .translator import Translator


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'transkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), _RENAMED.get(name, name))
    globals()[name] = value
    return value
