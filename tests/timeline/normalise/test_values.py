"""Tests for storylens.timeline.normalise.values: what number, duration and year words are
worth."""

from __future__ import annotations

import pytest

from storylens.timeline.normalise import duration_value, number, year_int


@pytest.mark.parametrize(
    "n, unit, value",
    [(2, "year", "P2Y"), (None, "month", "PXM"), (1.5, "hour", "PT1H30M"), (2.5, "year", "P2.5Y"),
     (1.5, "minute", "PT1M30S"), (0.5, "day", "PT12H"), (2, "fortnight", "P4W")],
)  # fmt: skip
def test_duration_value(n, unit, value):
    assert duration_value(n, unit) == value


@pytest.mark.parametrize(
    "text, value",
    [("20", 20), ("1,000", 1000), ("twenty-five", 25), ("a couple of", 2), ("5 1/2", 5.5),
     ("half a", 0.5), ("zero", None)],
)  # fmt: skip
def test_number(text, value):
    assert number(text) == value


@pytest.mark.parametrize(
    "text, year",
    [("1996", 1996), ("nineteen ninety-six", 1996), ("two thousand", 2000),
     ("two thousand and one", 2001), ("nineteen oh five", 1905)],
)  # fmt: skip
def test_year_int(text, year):
    assert year_int(text) == year
