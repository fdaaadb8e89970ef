"""Safe round-trip YAML for glossary files: ruamel.yaml without aliases, tags or deep nesting.

Files are parsed with ruamel.yaml in round-trip mode (safe: no Python objects
are built from tags), so an edited document keeps its comments and entry order.

Editors never write YAML tags (``!!int``), aliases (``*name``) or deep nesting, so
a file with any of them is refused with its line: an alias can expand a small file
into gigabytes, and a tag turns a value into a type no field takes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from ...errors import GlossaryError
from ...text.io import decode

__all__ = ["MAX_DEPTH", "line_of", "read_document", "round_trip_yaml"]


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that leaves an impossible date (2024-13-01) as text for lint to report."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return str(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


MAX_DEPTH = 12
"""The deepest nesting a glossary file may have (a term option in an entry is at level 7)."""


class _Refused(MarkedYAMLError):
    """YAML that is valid but not allowed in a glossary file; carries its own hint."""

    def __init__(self, problem: str, mark: Any, hint: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


class _Composer(Composer):
    """A composer that refuses aliases, explicit tags and nesting deeper than :data:`MAX_DEPTH`."""

    _nesting = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(
                f"YAML alias *{event.anchor} is not allowed in a glossary file",
                event.start_mark,
                "write the value out in full (aliases can expand a small file into gigabytes)",
            )
        tag = getattr(event, "ctag", None) or getattr(event, "tag", None)
        if tag is not None and str(tag) != "!":
            raise _Refused(
                f"YAML tag {str(tag).replace('tag:yaml.org,2002:', '!!')} is not allowed in a glossary file",
                event.start_mark,
                "remove the tag; quote the value if it must stay text, e.g. '2024'",
            )
        if self._nesting >= MAX_DEPTH:
            raise _Refused(
                f"nested more than {MAX_DEPTH} levels deep",
                event.start_mark,
                "a glossary entry nests at most 7 levels: check the brackets and indentation",
            )
        self._nesting += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._nesting -= 1


def round_trip_yaml() -> YAML:
    """A ruamel round-trip YAML that refuses aliases, tags and deep nesting and never re-wraps lines."""
    yaml = YAML(typ="rt")
    yaml.Composer = _Composer
    yaml.Constructor = _Constructor
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long notes: an edit must not touch other lines
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


def read_document(path: Path, text: str | None = None) -> Any:
    """The YAML document of ``path`` (or of ``text``, read from it); bad YAML raises naming the file and line."""
    if text is None:
        try:
            text = decode(path.read_bytes(), path=path)
        except OSError as err:
            raise GlossaryError(f"cannot read file: {err.strerror}", path=path) from err
    try:
        return round_trip_yaml().load(text)
    except _Refused as err:
        raise GlossaryError(err.problem, path=path, line=err.problem_mark.line + 1, hint=err.hint) from None
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        raise GlossaryError(
            f"invalid YAML: {err.problem or err.context}",
            path=path,
            line=line,
            hint="check indentation, quote values containing ': ' or ' #', and use one key per line",
        ) from err
    except YAMLError as err:
        raise GlossaryError(f"invalid YAML: {err}", path=path, hint="check the file's YAML syntax") from err


def line_of(node: Any, key: Any = None) -> int | None:
    """1-based line of ``node`` (or of ``node[key]``) in its file."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return int(lc.line) + 1
        if isinstance(node, CommentedSeq):
            return int(lc.item(key)[0]) + 1
        return int(lc.key(key)[0]) + 1
    except (KeyError, IndexError, TypeError):
        return int(lc.line) + 1
