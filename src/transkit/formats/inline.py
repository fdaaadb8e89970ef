"""XLIFF inline markup as text with tags, and back into elements.

A ``<source>`` such as ``Click <g id="1">here</g><x id="2"/>.`` becomes the
string ``Click <g id="1">here</g><x id="2"/>.`` with each tag a protected span,
so the text between the tags is translated and the tags travel as
placeholders. :func:`rebuild` turns a translated string back into child
elements of ``<target>``, copying each inline element from the source (with
its attributes, and the content of opaque codes such as ``<ph>``), so the
markup is edited as markup and never flattened into a plain string.

Paired elements with translatable content: ``g``, ``mrk`` (1.2), ``pc``,
``mrk`` (2.0). Every other inline element (``x``, ``bx``, ``ex``, ``ph``,
``bpt``, ``ept``, ``it``, ``sc``, ``ec``, ``sm``, ``em``, ``cp``) is opaque.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from lxml import etree

__all__ = ["Flat", "InlineError", "flatten", "rebuild"]

PAIRED = frozenset({"g", "pc", "mrk"})


class InlineError(ValueError):
    """A translated string whose tags cannot be put back as well-formed markup."""


@dataclass(frozen=True)
class Tag:
    """An inline element as it appears in a unit's flattened text."""
    text: str  # as it appears in the flattened string
    kind: str  # "open" | "close" | "empty"
    element: etree._Element  # the source element (open/empty)


@dataclass(frozen=True)
class Flat:
    """An element's content as a string, with the spans and meaning of its tags."""

    text: str
    spans: tuple[tuple[int, int], ...]
    tags: tuple[Tag, ...]


def _local(tag: str) -> str:
    return etree.QName(tag).localname


def _label(element: etree._Element, *, close: bool = False) -> str:
    name = _local(element.tag)
    if close:
        return f"</{name}>"
    attrs = "".join(f" {_local(k)}={quoteattr(v)}" for k, v in element.attrib.items())
    return f"<{name}{attrs}>" if name in PAIRED else f"<{name}{attrs}/>"


def flatten(element: etree._Element) -> Flat:
    """The content of ``element`` (a ``<source>``) as text with tags."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    tags: list[Tag] = []
    size = 0

    def emit(text: str, tag: Tag | None = None) -> None:
        nonlocal size
        if tag is not None:
            spans.append((size, size + len(text)))
            tags.append(tag)
        parts.append(text)
        size += len(text)

    def walk(node: etree._Element) -> None:
        emit(node.text or "")
        for child in node:
            if not isinstance(child.tag, str):  # comments, processing instructions
                emit(child.tail or "")
                continue
            if _local(child.tag) in PAIRED:
                emit(_label(child), Tag(_label(child), "open", child))
                walk(child)
                emit(_label(child, close=True), Tag(_label(child, close=True), "close", child))
            else:
                emit(_label(child), Tag(_label(child), "empty", child))
            emit(child.tail or "")

    walk(element)
    return Flat("".join(parts), tuple(spans), tuple(tags))


def rebuild(target: etree._Element, text: str, flat: Flat) -> None:
    """Replace the content of ``target`` with ``text``, turning the tags of ``flat`` back into elements.

    Raises :class:`InlineError` when the tags in ``text`` do not nest (the
    target is left unchanged).
    """
    openers = {t.text: t for t in flat.tags if t.kind in ("open", "empty")}
    closers = {t.text for t in flat.tags if t.kind == "close"}
    names = sorted({*openers, *closers}, key=len, reverse=True)
    if not names:
        _replace(target, text, [])
        return
    root = etree.Element("content")
    stack = [root]
    pos = 0
    for m in re.finditer("|".join(re.escape(n) for n in names), text):
        _add_text(stack[-1], text[pos : m.start()])
        pos = m.end()
        label = m.group(0)
        if label in closers and label not in openers:
            if len(stack) == 1 or _label(stack[-1], close=True) != label:
                raise InlineError(f"closing tag {label} does not match an open tag")
            stack.pop()
            continue
        tag = openers[label]
        if tag.kind == "empty":
            node = copy.deepcopy(tag.element)
            node.tail = None
            stack[-1].append(node)
        else:
            node = etree.SubElement(stack[-1], tag.element.tag, dict(tag.element.attrib))
            stack.append(node)
    _add_text(stack[-1], text[pos:])
    if len(stack) != 1:
        raise InlineError(f"tag {_label(stack[-1])} is not closed")
    _replace(target, root.text or "", list(root))


def _add_text(parent: etree._Element, text: str) -> None:
    """Append ``text`` after the last child of ``parent`` (or inside it, when it has none)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _replace(target: etree._Element, text: str, children: list[etree._Element]) -> None:
    for child in list(target):
        target.remove(child)
    target.text = text or None
    for child in children:
        target.append(child)
