"""Paired markup in a translated segment: an element whose content the model emptied or moved out.

A localisation string keeps its tags as protected spans (``Visit <g id="1">Busan</g> today.``). When a model
drops the placeholders of a paired element, restoring puts both tags back with nothing between them, or after
the end of the sentence: the content ("Busan") is no longer inside its element. :func:`emptied` finds such
elements by comparing the source with its translation; :func:`refill` puts a translation of the content back
inside the element: around the words of the translation that render it when they are there, else inside the
empty pair.

>>> source = 'Visit <g id="1">Busan</g> today.'
>>> [(e.open, e.content) for e in emptied(source, 'Hôm nay hãy đến Busan. <g id="1"> </g>')]
[('<g id="1">', 'Busan')]
>>> refill('Hôm nay hãy đến Busan. <g id="1"> </g>', emptied(source, 'Hôm nay hãy đến Busan. <g id="1"> </g>')[0],
...        "Busan")
'Hôm nay hãy đến <g id="1">Busan</g>.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Emptied", "emptied", "paired", "refill"]

_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)(?:\s[^<>]*?)?(/?)>")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?。？！]\s*$")


@dataclass(frozen=True)
class Emptied:
    """A paired element of the source whose content is not inside it in the translation."""

    open: str  # the opening tag, as written
    close: str
    content: str  # its content in the source (tags included)
    moved: bool  # the element came back after the end of the sentence, not empty


def paired(text: str) -> dict[str, tuple[int, int, int, int]]:
    """Each paired element of ``text`` by its opening tag: ``(open start, open end, close start, close end)``.

    >>> paired('<b>Hi</b> <g id="1">Busan</g>')
    {'<b>': (0, 3, 5, 9), '<g id="1">': (10, 20, 25, 29)}
    """
    stack: list[tuple[str, re.Match[str]]] = []
    pairs: dict[str, tuple[int, int, int, int]] = {}
    for m in _TAG.finditer(text):
        closing, name, empty = m.group(1), m.group(2), m.group(3)
        if empty:
            continue
        if not closing:
            stack.append((name, m))
            continue
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == name:
                opened = stack[k][1]
                pairs.setdefault(opened.group(0), (opened.start(), opened.end(), m.start(), m.end()))
                del stack[k:]
                break
    return dict(sorted(pairs.items(), key=lambda item: item[1]))


def emptied(source: str, translation: str) -> list[Emptied]:
    """The paired elements with words inside them in ``source`` whose words are not inside them in
    ``translation``: the element is empty, or it comes after the end of the sentence it closed in."""
    found = []
    target = paired(translation)
    for tag, (_, a, b, end) in paired(source).items():
        content = source[a:b]
        if not _LETTER.search(_TAG.sub("", content)) or tag not in target:
            continue
        t_open, t_a, t_b, t_end = target[tag]
        inside = _TAG.sub("", translation[t_a:t_b])
        close = source[b:end]
        if not _LETTER.search(inside):
            found.append(Emptied(tag, close, content, moved=False))
        elif _SENTENCE_END.search(translation[:t_open]) and not translation[t_end:].strip() and source[end:].strip():
            found.append(Emptied(tag, close, content, moved=True))
    return found


def refill(translation: str, element: Emptied, content: str) -> str:
    """``translation`` with ``content`` (the element's content, translated) inside ``element`` again.

    The empty (or moved) element is taken out; where ``content`` occurs in the rest of the text, outside any
    tag, the element is put around it; elsewhere it is put back, with ``content`` inside, where it was.
    """
    t_open, _, _, t_end = paired(translation)[element.open]
    before, after = translation[:t_open], translation[t_end:]
    rest = _join(before, after)
    at = _free_occurrence(rest, content) if content else -1
    if at >= 0:
        return f"{rest[:at]}{element.open}{content}{element.close}{rest[at + len(content) :]}"
    return f"{before}{element.open}{content}{element.close}{after}"


def _join(before: str, after: str) -> str:
    """Two pieces around a removed element, with the space it stood in taken out."""
    if before.endswith(" ") and (not after or after[:1] in " .,;:!?"):
        before = before[:-1]
    return before + after


def _free_occurrence(text: str, word: str) -> int:
    """Where ``word`` first occurs in ``text`` as whole words, outside tags; -1 if it does not."""
    tags = [m.span() for m in _TAG.finditer(text)]
    # whole words; in Korean a particle may follow (부산에서)
    for m in re.finditer(rf"(?<!\w){re.escape(word)}(?:(?!\w)|(?=[\uac00-\ud7a3]))", text):
        if not any(a < m.end() and m.start() < b for a, b in tags):
            return m.start()
    return -1
