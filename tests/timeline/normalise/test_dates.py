"""Tests for storylens.timeline.normalise.dates: holidays on a weekday or Easter rule, dates
after "since"."""

from __future__ import annotations

import datetime as dt

import pytest

from storylens.timeline import extract_timexes
from storylens.timeline.normalise.dates import easter_sunday

HOLIDAY_CASES = [
    # told in the past: the last one; ahead: the next one (article of Thursday 21 Feb 2013)
    ("The bombings happened on Easter Sunday.", "Easter Sunday", "2012-04-08"),
    ("Churches will be full on Good Friday.", "Good Friday", "2013-03-29"),
    ("The parade will be held on Memorial Day.", "Memorial Day", "2013-05-27"),
    ("He returned to work after Labor Day.", "Labor Day", "2012-09-03"),
    ("The vote is due after Presidents' Day.", "Presidents' Day", "2014-02-17"),
    # a name with an apostrophe inside keeps its case: "Year's", not "Year'S"
    ("Crowds will gather on New Year's Eve.", "New Year's Eve", "2013-12-31"),
    ("He proposed on Valentine's Day.", "Valentine's Day", "2013-02-14"),
]


@pytest.mark.parametrize("sentence,expression,value", HOLIDAY_CASES)
def test_a_movable_holiday_is_its_date(sentence, expression, value):
    df = extract_timexes(sentence, dct="2013-02-21")
    assert list(zip(df["text"], df["value"], strict=True)) == [(expression, value)]


@pytest.mark.parametrize(
    "year,day",
    [(2013, dt.date(2013, 3, 31)), (2019, dt.date(2019, 4, 21)), (2000, dt.date(2000, 4, 23)),
     (2024, dt.date(2024, 3, 31)), (2025, dt.date(2025, 4, 20))],
)  # fmt: skip
def test_easter_sunday(year, day):
    assert easter_sunday(year) == day


# A date after "since" or a period that "ended" lies before the article date, however far back: the last such month
# or day on or before it (a present perfect "have risen" is no past-tense cue).
SINCE_CASES = [
    ("Prices have risen since March.", "2013-02-10", "March", "2012-03"),
    ("Prices have risen since early March.", "2013-02-10", "early March", "2012-03"),
    ("Prices have risen since March.", "2013-03-22", "March", "2013-03"),
    ("He has been held since Dec. 5.", "2013-11-20", "Dec. 5", "2012-12-05"),
    ("The index is up 5% since year-end.", "1989-10-30", "year-end", "1988"),
    # a reporting period that "ended" is over: its last day lies behind (as in TimeBank wsj_0505)
    ("In the fiscal year ended Jan. 31, the company reported sales of $59.5 million.",
     "1989-10-31", "Jan. 31", "1989-01-31"),
    ("In the second quarter ended Oct. 31, it had a loss.", "1989-10-27", "Oct. 31",
     "1988-10-31"),
    ("Results for the quarter ending Oct. 31 are due next month.", "1989-10-27", "Oct. 31",
     "1989-10-31"),
    # without "since", the nearest: "by year-end" is this year's
    ("The deal should close by year-end.", "1989-10-30", "year-end", "1989"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,dct,expression,value", SINCE_CASES)
def test_a_date_after_since_lies_before_the_article_date(sentence, dct, expression, value):
    df = extract_timexes(sentence, dct=dct)
    assert (expression, value) in list(zip(df["text"], df["value"], strict=True))
