"""Tests for storylens.figures.qualifiers: the quick qualifier search and the intervals."""

from __future__ import annotations

import math

import pytest

from storylens.figures.qualifiers import (
    QUALIFIER_BEFORE,
    point_interval,
    qualifier_before,
    vague_interval,
)
from storylens.paths import seeds_dir

# Qualifiers in odd spellings: capitals, the letters IGNORECASE folds to ASCII (İ, ı, ſ,
# the Kelvin sign), no-break spaces, a newline before the number, symbols.
TRICKY = (
    " UP TO 5, Up\u00a0to 6, up\u202fto 7, ſome 8, \u212aelvin 9, wİthin 10, about\n11,"
    " ~12, >= 13, approx. 14, c. 15, (about 16), between\t17, from  18, nearly 19, the 20"
)


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt"))] + [TRICKY]


def test_quick_qualifier_search_agrees_with_the_full_search():
    # at every position of the seed articles, with the reader's 30-character window
    for text in _texts():
        for end in range(len(text) + 1):
            start = max(0, end - 30)
            full = QUALIFIER_BEFORE.search(text, start, end)
            quick = qualifier_before(text, start, end)
            assert (quick and quick.span()) == (full and full.span()), (text[start:end], end)


@pytest.mark.parametrize(
    "kind, value, expected",
    [
        ("lower_exclusive", 5.0, ("lower", 5.0, 5.0, math.nan, False, None)),
        ("lower_inclusive", 5.0, ("lower", 5.0, 5.0, math.nan, True, None)),
        ("upper_exclusive", 5.0, ("upper", 5.0, math.nan, 5.0, None, False)),
        ("upper_inclusive", 5.0, ("upper", 5.0, math.nan, 5.0, None, True)),
        ("approx", 5.0, ("approx", 5.0, 5.0, 5.0, True, True)),
        (None, 5.0, ("exact", 5.0, 5.0, 5.0, True, True)),
    ],
)
def test_point_interval(kind, value, expected):
    got = point_interval(kind, value)
    assert [("nan" if x != x else x) for x in got] == [("nan" if x != x else x) for x in expected]


def test_vague_interval_is_open_at_the_top():
    assert tuple(vague_interval(None, 200.0, 1000.0)[2:]) == (200.0, 1000.0, True, False)
    assert vague_interval("upper_exclusive", 200.0, 1000.0).qualifier == "upper"
