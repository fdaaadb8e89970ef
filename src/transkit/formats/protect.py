"""Spans of a localisation string that must come out of translation verbatim.

Placeholders of the common formatting styles, HTML/XML tags and URLs:

>>> text = "Hi {name}, %1$s has <b>%(count)d</b> files: {{x}} https://a.kr/x"
>>> [text[a:b] for a, b in protected_spans(text)]
['{name}', '%1$s', '<b>', '%(count)d', '</b>', '{{x}}', 'https://a.kr/x']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["PLACEHOLDER", "Span", "merge_spans", "protected_spans", "tokens"]

Span = tuple[int, int]

PLACEHOLDER = re.compile(
    r"""
    \{\{\s*[^{}\s]+?\s*\}\}                                   # {{x}} (i18next, Handlebars)
  | \{[A-Za-z_][\w.]*(?:,[^{}]*)?\}                           # {name} {0} {count, plural, ...}
  | \{\d+\}
  | %(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[sdifFeEgGxXoucpn@]  # %s %1$s %5.2f %@
  | %\([A-Za-z_]\w*\)[-+#0]*\d*(?:\.\d+)?[sdifFeEgGxXoucr]   # %(count)d
  | </?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*/?>  # HTML/XML tags
  | &(?:[A-Za-z]+|\#\d+|\#x[0-9A-Fa-f]+);                    # entities
  | https?://[^\s<>"'\])]+[^\s<>"'\]).,;:!?]                   # URLs
  | `[^`\n]+`                                                 # inline code
    """,
    re.VERBOSE,
)


def protected_spans(text: str, extra: Iterable[Span] = ()) -> tuple[Span, ...]:
    """Sorted, non-overlapping spans of placeholders, tags, URLs and code in ``text``, merged with ``extra``."""
    return merge_spans([*extra, *((m.start(), m.end()) for m in PLACEHOLDER.finditer(text))])


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sort spans and drop any that overlaps an earlier (or longer, at the same start) one."""
    kept: list[Span] = []
    for a, b in sorted(spans, key=lambda s: (s[0], -s[1])):
        if a < b and (not kept or a >= kept[-1][1]):
            kept.append((a, b))
    return tuple(kept)


def tokens(text: str) -> Counter[str]:
    """The multiset of placeholders and tags in ``text`` (for QA: source and target must agree)."""
    return Counter(m.group(0) for m in PLACEHOLDER.finditer(text))
