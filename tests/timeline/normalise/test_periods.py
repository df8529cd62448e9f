"""Tests for storylens.timeline.normalise.periods: pure normalisers returning typed records,
and what they tell the expressions after them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from storylens.timeline.anchoring import Anchors
from storylens.timeline.normalise import Period, Timex
from storylens.timeline.rules import RULES

DCT = dt.date(2025, 2, 21)


def normalised(rule_name: str, text: str, anchors: Anchors):
    rule = next(r for r in RULES if r.name == rule_name)
    m = rule.pattern.search(text)
    return rule.normalise(m, anchors, m.start(), m.end())


def test_a_normaliser_returns_what_it_tells_and_changes_nothing():
    text = "Profit rose in the third quarter."  # told in the past in February: last year's
    anchors = Anchors(text, DCT)
    timex = normalised("quarter", text, anchors)
    assert timex == Timex("DATE", "2024-Q3", "quarter", relative=True, resolved=True,
                          period=Period("quarter", (2024, 3)))  # fmt: skip
    assert anchors == Anchors(text, DCT)  # untouched
    with pytest.raises(dataclasses.FrozenInstanceError):
        anchors.ref_year = 2024  # type: ignore[misc]


def test_the_tagger_applies_what_an_expression_tells():
    text = "Profit will rise in the fourth quarter, against a loss a year earlier."
    anchors = Anchors(text, DCT)
    after = anchors.after(normalised("quarter", text, anchors), 38)
    assert (after.ref_quarter, after.ref_span) == ((2025, 4), "quarter")
    # a forecast quarter is not the one reported: the year before the last completed one
    assert normalised("duration", text, after).value == "2023-Q4"
    assert normalised("duration", text, anchors).value == "2024"


def test_that_year_counts_from_the_year_told_before():
    text = "It was founded in 1998 and that year it grew."
    anchors = Anchors(text, DCT).after(Timex("DATE", "1998", "year"), 22)
    assert normalised("relative_unit", text, anchors).value == "1998"
    assert normalised("relative_unit", text, Anchors(text, DCT)).value == "2025"
