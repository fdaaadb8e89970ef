"""A parse cache for glossary files, so that `transkit check` and `translate` start fast on a large glossary.

Parsing YAML with comments and line numbers (ruamel.yaml's round-trip loader) costs about 10 ms per concept; the
concepts of a file are therefore kept, pickled, under ``$TRANSKIT_CACHE/glossary`` (``~/.cache/transkit/glossary``).
An entry is keyed on the sha256 of the file's bytes, its resolved path (concepts remember where they were defined)
and the source of the code that parses them: an edited file, or another transkit, never reads a stale entry. A
missing, damaged or unwritable cache only costs the parse; ``TRANSKIT_NO_GLOSSARY_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..config import cache_dir
from ..errors import TranskitError
from ..text.io import write_bytes
from .model import Concept

__all__ = ["cached_concepts"]

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """A digest of the modules that turn a glossary file into concepts."""
    from . import model, store

    digest = hashlib.sha256()
    for module in (model, store):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.digest()


def cached_concepts(path: Path, data: bytes, parse: Callable[[], list[Concept]]) -> list[Concept]:
    """The concepts of the glossary file ``path`` (whose bytes are ``data``): from the cache, or ``parse()``."""
    if os.environ.get("TRANSKIT_NO_GLOSSARY_CACHE"):
        return parse()
    key = hashlib.sha256(_code_digest() + str(path.resolve()).encode() + b"\0" + data).hexdigest()
    entry = cache_dir("glossary") / f"{key}.pickle"
    try:
        concepts = pickle.loads(entry.read_bytes())
        if isinstance(concepts, list) and all(isinstance(c, Concept) for c in concepts):
            return concepts
    except FileNotFoundError:
        pass
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError) as err:
        # a damaged entry (truncated, written by another Python) is parsed again and rewritten
        log.debug("glossary cache entry %s unreadable (%s); parsing %s", entry, err, path)
    concepts = parse()
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(entry, pickle.dumps(concepts, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, TranskitError) as err:  # a read-only home or a full disk: run without the cache
        log.debug("glossary cache not written (%s)", err)
    return concepts
