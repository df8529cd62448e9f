"""Qualifiers of a figure ("up to", "more than", "about", "or more", "+") and the
interval each one gives a number.
"""

from __future__ import annotations

import re
import string
from typing import NamedTuple

from storylens import lexicon
from storylens.figures.words import NAN, phrase_alternation, rx

# The lexicon's qualifier phrases and their bound kinds; for figures "nearly", "almost",
# "barely" (approx_below: close to and at most the number) read as approximate.
_KIND_FOR_FIGURES = {"approx_below": "approx"}
QUALIFIER_KIND: dict[str, str] = {
    re.sub(r"\s+", " ", phrase): _KIND_FOR_FIGURES.get(kind, kind)
    for phrase, kind in lexicon.qualifiers().items()
}
# A qualifier before the number: "up to 30,000" accepts "up to "; rejects "set up to"
# (no number follows).
QUALIFIER_BEFORE = rx(
    r"(?i)(?<!\w)(?P<q>between|from|" + phrase_alternation(list(QUALIFIER_KIND)) + r")_B_*$"
)
# The last word of each qualifier before a number that ends in a letter ("than" of
# "more than"): a qualifier ends right before a number only where such a word does.
_LAST_WORDS = frozenset(
    p.split()[-1] for p in [*QUALIFIER_KIND, "between", "from"] if p[-1].isalpha()
)
# The letters re's IGNORECASE matches to ASCII letters: the ASCII ones and İ, ı, ſ, K
# (Kelvin sign), with the ASCII letter each of the four stands for.
_LETTERS = frozenset(string.ascii_letters + "\u0130\u0131\u017f\u212a")
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_BLANKS = " \t\u00a0\u202f"


def qualifier_before(text: str, start: int, end: int) -> re.Match | None:
    """``QUALIFIER_BEFORE.search(text, start, end)``: the qualifier that ends right before
    ``end`` (blanks between), as in "up to 30,000".

    Faster: where the text before ``end`` ends in a word that no qualifier ends with
    ("the", "and", "troops"), there is none, and the search, the reader's costliest, is
    skipped (``tests/figures/test_qualifiers.py`` checks both agree at every position).

    >>> qualifier_before("up to 30,000", 0, 6).group("q"), qualifier_before("the 5", 0, 4)
    ('up to', None)
    """
    k = end
    if k > start and text[k - 1] == "\n":
        k -= 1  # "$" also matches before a final newline
    while k > start and text[k - 1] in _BLANKS:
        k -= 1
    j = k
    while j > start and text[j - 1] in _LETTERS:
        j -= 1
    if j < k and text[j:k].translate(_FOLD).lower() not in _LAST_WORDS:
        return None
    return QUALIFIER_BEFORE.search(text, start, end)


QUALIFIER_AFTER_KIND: dict[str, str] = {
    re.sub(r"\s+", " ", phrase): _KIND_FOR_FIGURES.get(kind, kind)
    for phrase, kind in lexicon.qualifiers(after=True).items()
}
# "30,000 or more" accepts " or more"; "30,000+" accepts "+"; rejects " or two".
QUALIFIER_AFTER = rx(
    r"(?:(?P<plus>\+)(?![\d/])|-(?P<dplus>plus)(?![A-Za-z])|_B_+(?i:(?P<q>"
    + phrase_alternation([p for p in QUALIFIER_AFTER_KIND if p != "+"], grouped=True)
    + r"))(?![A-Za-z]))"
)
# "for over 20 years" accepts "for "; "a package over four years" has no such word.
FOR_BEFORE = rx(r"(?i)\b(?:for|in|of|than|lasting|lasted|last|after|took|takes)_B_+$")


class Interval(NamedTuple):
    """The interval a figure asserts, as in the columns of ``extract_figures``."""

    qualifier: str  # exact, approx, lower, upper, range
    value: float
    low: float
    high: float
    low_inclusive: bool | None  # None where the bound is open
    high_inclusive: bool | None


# Bound kind -> (qualifier, the value is the low bound, ... the high bound, low_inclusive,
# high_inclusive): "more than 100,000" is (100000, open), "up to 30,000" (open, 30000].
_BOUNDS = {
    "lower_exclusive": ("lower", True, False, False, None),
    "lower_inclusive": ("lower", True, False, True, None),
    "upper_exclusive": ("upper", False, True, None, False),
    "upper_inclusive": ("upper", False, True, None, True),
    "approx": ("approx", True, True, True, True),
    "exact": ("exact", True, True, True, True),
}


def point_interval(qualifier_kind: str | None, value: float) -> Interval:
    """The interval of one number under a bound kind (None or unknown: exact).

    >>> point_interval("upper_inclusive", 30000.0)
    Interval(qualifier='upper', value=30000.0, low=nan, high=30000.0, \
low_inclusive=None, high_inclusive=True)
    """
    qualifier, low, high, low_inc, high_inc = _BOUNDS.get(qualifier_kind, _BOUNDS["exact"])
    return Interval(
        qualifier, value, value if low else NAN, value if high else NAN, low_inc, high_inc
    )


def vague_interval(qualifier_kind: str | None, low: float, high: float) -> Interval:
    """The interval of a vague plural ("hundreds": [200, 1000)), cut open by a bound kind
    ("more than hundreds" keeps only the low bound); no point value.

    >>> vague_interval("lower_inclusive", 200.0, 1000.0)
    Interval(qualifier='lower', value=nan, low=200.0, high=nan, low_inclusive=True, \
high_inclusive=None)
    """
    if qualifier_kind in ("lower_exclusive", "lower_inclusive"):
        return Interval("lower", NAN, low, NAN, qualifier_kind == "lower_inclusive", None)
    if qualifier_kind in ("upper_exclusive", "upper_inclusive"):
        return Interval("upper", NAN, NAN, high, None, qualifier_kind == "upper_inclusive")
    return Interval("range", NAN, low, high, True, False)
