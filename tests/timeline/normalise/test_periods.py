"""Tests for storylens.timeline.normalise.periods: pure normalisers returning typed records,
and what they tell the expressions after them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from storylens.timeline import extract_timexes
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


# "the quarter ended <day>": the calendar quarter holding most of the three months that end
# then (results are told after it ends), unless the company's own quarter was named before.
ENDED_QUARTER_CASES = [
    ("For the quarter ended Sept. 30, Delta posted net income of $1 million.", "1989-10-26",
     ["1989-Q3", "1989-09-30"]),
    ("In the quarter ended July 31, Jayark had an average of 12 stores.", "1989-10-30",
     ["1989-Q2", "1989-07-31"]),
    ("Sales rose in the quarter ended Dec. 31, up from $2 million a year earlier.",
     "1990-02-01", ["1989-Q4", "1989-12-31", "1988-Q4"]),
    ("Profit in the fiscal first quarter rose. For the quarter ended Sept. 29, sales grew.",
     "1989-10-26", ["1989-Q1", "1989-Q1", "1989-09-29"]),
]  # fmt: skip


@pytest.mark.parametrize("sentence,dct,values", ENDED_QUARTER_CASES)
def test_the_quarter_ended_a_day_is_the_quarter_holding_it(sentence, dct, values):
    assert extract_timexes(sentence, dct=dct)["value"].tolist() == values


# Centuries and decades as TIMEX3 writes them: a decade by its first three digits, a
# century by its first two; a decade or century counted from now is a stretch (P1DE).
DECADE_CENTURY_CASES = [
    ("It was the bloodiest war of the 20th century.", "the 20th century", "DATE", "19", ""),
    ("The dispute dates to the late 19th century.", "the late 19th century", "DATE", "18",
     "END"),
    ("It was popular in the eighteenth century.", "the eighteenth century", "DATE", "17", ""),
    ("The economy boomed in the 1990s.", "the 1990s", "DATE", "199", ""),
    ("The city was founded in the early 2000s.", "the early 2000s", "DATE", "200", "START"),
    ("This decade will decide the climate fight.", "This decade", "DATE", "202", ""),
    ("Nothing like it has happened this century.", "this century", "DATE", "20", ""),
    ("Over the past decade, the bank has tripled in size.", "the past decade", "DURATION",
     "P1DE", ""),
    ("In the following decade, the city grew fast.", "the following decade", "DURATION",
     "P1DE", ""),
    ("The past century saw two world wars.", "The past century", "DURATION", "P1CE", ""),
]  # fmt: skip


@pytest.mark.parametrize("sentence,expression,type_,value,mod", DECADE_CENTURY_CASES)
def test_centuries_and_decades(sentence, expression, type_, value, mod):
    df = extract_timexes(sentence, dct=DCT)
    rows = list(zip(df["text"], df["type"], df["value"], df["mod"], strict=True))
    assert (expression, type_, value, mod) in rows


# "the day", "the week" of a report: the day told of shortly before, else the article's
THE_UNIT_CASES = [
    ("Stocks rose 2% for the day.", "the day", "2025-02-21", ""),
    ("Shares fell earlier in the day, then recovered.", "earlier in the day", "2025-02-21",
     "START"),
    ("The index fell on Feb. 12. For the week, it lost 3%.", "the week", "2025-W07", ""),
    ("Volume was the week's highest.", "the week", "2025-W08", ""),
    ("A high for the year, traders said.", "the year", "2025", ""),
    # "earlier today" keeps "earlier" in its span, as "later today" does "later"
    ("He did that earlier today, aides said.", "earlier today", "2025-02-21", "START"),
    ("She will speak later today.", "later today", "2025-02-21", "END"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,expression,value,mod", THE_UNIT_CASES)
def test_the_unit_a_report_is_in(sentence, expression, value, mod):
    df = extract_timexes(sentence, dct=DCT)
    rows = list(zip(df["text"], df["value"], df["mod"], strict=True))
    assert (expression, value, mod) in rows
