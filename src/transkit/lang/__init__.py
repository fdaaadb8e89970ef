"""Language primitives (normalisation, sentences, Korean morphology, particles and readings).

Modules here know nothing of glossaries, checks or engines: they import nothing
from transkit but :mod:`transkit.languages` and :mod:`transkit.errors`.
"""
