"""Qualifiers of a figure ("up to", "more than", "about", "or more", "+") and the
interval each one gives a number.
"""

from __future__ import annotations

import re

from storylens.figures.words import NAN, WORDS, phrase_alternation, rx

# Qualifiers. "up to 30,000" accepts "up to "; rejects "set up to" (no number follows).
QUALIFIER_KIND: dict[str, str] = {
    re.sub(r"\s+", " ", phrase.lower()): kind
    for kind, phrases in WORDS["qualifiers_before"].items()
    for phrase in phrases
}
QUALIFIER_BEFORE = rx(
    r"(?i)(?<!\w)(?P<q>between|from|" + phrase_alternation(list(QUALIFIER_KIND)) + r")_B_*$"
)
QUALIFIER_AFTER_KIND: dict[str, str] = {
    re.sub(r"\s+", " ", phrase.lower()): kind
    for kind, phrases in WORDS["qualifiers_after"].items()
    for phrase in phrases
}
# "30,000 or more" accepts " or more"; "30,000+" accepts "+"; rejects " or two".
QUALIFIER_AFTER = rx(
    r"(?:(?P<plus>\+)(?![\d/])|-(?P<dplus>plus)(?![A-Za-z])|_B_+(?i:(?P<q>"
    + phrase_alternation([p for p in QUALIFIER_AFTER_KIND if p != "+"], grouped=True)
    + r"))(?![A-Za-z]))"
)
# "for over 20 years" accepts "for "; "a package over four years" has no such word.
FOR_BEFORE = rx(r"(?i)\b(?:for|in|of|than|lasting|lasted|last|after|took|takes)_B_+$")


def point_interval(qualifier_kind: str, value: float):
    """(qualifier, value, low, high, low_inclusive, high_inclusive) for a point number."""
    if qualifier_kind == "lower_exclusive":
        return "lower", value, value, NAN, False, None
    if qualifier_kind == "lower_inclusive":
        return "lower", value, value, NAN, True, None
    if qualifier_kind == "upper_exclusive":
        return "upper", value, NAN, value, None, False
    if qualifier_kind == "upper_inclusive":
        return "upper", value, NAN, value, None, True
    if qualifier_kind == "approx":
        return "approx", value, value, value, True, True
    return "exact", value, value, value, True, True
