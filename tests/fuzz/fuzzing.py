"""Shared pieces of the fuzz tests: valid seed files, a mutation strategy, and the property.

The property every reader must keep: on any input it returns, or raises a
:class:`~transkit.errors.TranskitError` (which the CLI prints as a clear message
with exit code 2, 3 or 4); never another exception, and never more memory than
:data:`MEMORY_LIMIT` plus :data:`MEMORY_PER_BYTE` times the input size.

Each target is run twice: a short run in the normal suite (:data:`SHORT`), and a
long one under ``pytest -m fuzz`` (:data:`LONG`), built by :func:`fuzz_tests`.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transkit.errors import TranskitError

MEMORY_LIMIT = 64 << 20
"""Bytes of Python allocations any one parse may peak at, beyond :data:`MEMORY_PER_BYTE` per input byte."""
MEMORY_PER_BYTE = 400

SHORT = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
LONG = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))

# Tokens that matter to the formats' grammars, spliced into seeds by :func:`mutated`.
TOKENS = [
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\r",
    b"\n",
    b"\t",
    b" ",
    b'"',
    b"'",
    b"\\",
    b",",
    b";",
    b":",
    b"#",
    b"-",
    b"[",
    b"]",
    b"{",
    b"}",
    b"<",
    b">",
    b"&",
    b"*",
    b"!",
    b"|",
    b"%s",
    b"{0}",
    b"{{name}}",
    b"%(n)d",
    b"!!int ",
    b"!!str ",
    b"!!set ",
    b"!!omap ",
    b"!!float ",
    b"!!binary ",
    b"&a ",
    b"*a",
    b"<<: ",
    b"? ",
    b"~",
    b"null",
    b"true",
    b"2024-13-45",
    b"1e999",
    b"-0",
    b"0x1F",
    b"NaN",
    b"msgstr[5] ",
    b"msgid_plural ",
    b"msgctxt ",
    b"#, fuzzy\n",
    b'"Plural-Forms: nplurals=0;\\n"\n',
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b"&amp;",
    b"&#0;",
    b"&#x110000;",
    b'<!DOCTYPE x [<!ENTITY e "e">]>',
    b"<tu>",
    b"</tu>",
    b'<tuv xml:lang="ko">',
    b"<seg>",
    b"</seg>",
    b'<trans-unit id="1">',
    b'<unit id="u">',
    b"<segment>",
    b"<source>",
    b"<target>",
    b'<string name="a">',
    b"</string>",
    b'<plurals name="p">',
    b"<termSec>",
    b'<langSec xml:lang="en">',
    b"<term>",
    b"</term>",
    b"```",
    b"    ",
    b"<div>",
    b"[link](http://x)",
    b"`code`",
    b"[models]\n",
    b"[engine]\n",
    b"[formats]\n",
    b"sources = ",
    b"to = ",
    b"beam = ",
    b'"',
    b"'''",
    b'"""',
    "Bộ trưởng".encode(),
    "외교부 장관".encode(),
    "캠벨".encode(),
]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with up to eight edits: a token spliced in, a range deleted, duplicated or replaced by random bytes."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(("token", "delete", "duplicate", "bytes")))
        if edit == "token":
            data[at:at] = draw(st.sampled_from(TOKENS)) * draw(st.integers(1, 3))
        elif edit == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif edit == "duplicate":
            piece = data[at : at + draw(st.integers(1, 200))]
            data[at:at] = piece * draw(st.integers(1, 20))
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


def inputs(seeds: list[bytes]) -> st.SearchStrategy[bytes]:
    """Mostly mutated seeds, sometimes arbitrary bytes or text."""
    return st.one_of(
        mutated(seeds),
        mutated(seeds),
        mutated(seeds),
        st.binary(max_size=300),
        st.text(max_size=300).map(str.encode),
    )


def clear_error_or_success(call: Callable[[], Any], size: int) -> None:
    """Run ``call``: a :class:`TranskitError` or a result are fine; any other exception fails the test.

    The peak of Python allocations while it runs must stay under the memory bound.
    """
    tracemalloc.start()
    error: TranskitError | None = None
    try:
        call()
    except TranskitError as err:
        error = err
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert error is None or str(error).strip(), "a TranskitError must carry a message"
    assert peak <= MEMORY_LIMIT + MEMORY_PER_BYTE * size, f"peak {peak >> 20} MiB for {size} bytes of input"


TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {}
"""Every fuzz target by name, for ``benchmarks/bad_inputs.py`` to run with its own example counts."""


def fuzz_tests(name: str, strategy: st.SearchStrategy[Any], body: Callable[[Any], None]) -> tuple[Any, Any]:
    """The short test (normal suite) and the long one (``pytest -m fuzz``) of the fuzz target ``name``."""
    TARGETS[name] = (strategy, body)

    def short(data: Any) -> None:
        body(data)

    def long(data: Any) -> None:
        body(data)

    return SHORT(given(strategy)(short)), pytest.mark.fuzz(LONG(given(strategy)(long)))
