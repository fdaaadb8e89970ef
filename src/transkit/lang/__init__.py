"""Language primitives with no knowledge of glossaries: normalisation, sentences, Korean morphology, names.

Modules here import nothing from transkit except :mod:`transkit.languages` and :mod:`transkit.errors`.
"""
