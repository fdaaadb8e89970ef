"""Korean: how words end when read, the particles that agree with them, and morphology (MeCab).

>>> from transkit.lang import korean
>>> korean.attach("NATO", "은"), korean.attach("Google", "으로"), korean.attach("10km", "를")
('NATO는', 'Google로', '10km를')
"""

from .hangul import Ending, is_hangul, syllable_ending
from .particles import ALTERNATING, INVARIANT, PARTICLES, agree, agrees, attach, split_particle, tolerance
from .reading import ending, hangul_reading, head, latin_ending, read_number

__all__ = [
    "ALTERNATING",
    "INVARIANT",
    "PARTICLES",
    "Ending",
    "agree",
    "agrees",
    "attach",
    "ending",
    "hangul_reading",
    "head",
    "is_hangul",
    "latin_ending",
    "read_number",
    "split_particle",
    "syllable_ending",
    "tolerance",
]
