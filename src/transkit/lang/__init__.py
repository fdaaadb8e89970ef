"""Language primitives for English, Korean and Vietnamese, with no knowledge of glossaries or checks.

Modules here import nothing from transkit except :mod:`transkit.languages` and :mod:`transkit.errors`.
"""
