"""Language primitives for English, Korean and Vietnamese, with no knowledge of glossaries.

Modules import nothing from transkit but :mod:`transkit.languages` and :mod:`transkit.errors`:

- :mod:`transkit.lang.sentences`: sentence splitting (spans into the caller's text).
"""
