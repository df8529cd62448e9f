"""Tests for storylens.figures.nonfigures: the word before a number, read directly."""

from __future__ import annotations

from storylens.figures.nonfigures import WORD_BEFORE, word_before
from storylens.paths import seeds_dir

# Words in odd forms: digits and Unicode letters inside, "#", quotes, hyphens, no-break
# spaces, a newline before the number, superscripts, underscores.
TRICKY = (
    " Article 5, #3, F-16 2, Core i7 860, O’Brien’s 4, É5, x² 6, été 7, under_score 8,"
    " Mk.\u00a09, word\n10, -- 11, 'quoted' 12, ß 13, Ωmega 14, 15 16\u202f17, (a 18"
)


def test_word_before_agrees_with_the_pattern():
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt"))]
    for text in [*texts, TRICKY]:
        for end in range(len(text) + 1):
            start = max(0, end - 30)
            m = WORD_BEFORE.search(text, start, end)
            assert word_before(text, start, end) == (m and (m.start(), m.group("w"))), end
