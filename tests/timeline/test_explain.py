"""Tests for storylens.timeline.explain: a reader's gloss of each kind of TIMEX3 value."""

from __future__ import annotations

import datetime as dt

import pytest

from storylens.timeline import explain_value, extract_timexes

GLOSS_CASES = [
    # calendar values
    ("2025-W09", "DATE", None, "week of 24 Feb 2025"),
    ("2025-W09-WE", "DATE", None, "weekend of 1 Mar 2025"),
    ("2025-02-21", "DATE", None, "21 Feb 2025"),
    ("XXXX-12-07", "DATE", None, "7 Dec"),
    ("2024-12-XX", "DATE", None, "a day in Dec 2024"),
    ("2025-02", "DATE", None, "February 2025"),
    ("2026-Q1", "DATE", None, "first quarter of 2026"),
    ("2025-H2", "DATE", None, "second half of 2025"),
    ("2025-SU", "DATE", None, "summer 2025"),
    ("2025", "DATE", "START", "early 2025"),
    ("199", "DATE", "END", "the late 1990s"),
    ("19", "DATE", None, "the 20th century"),
    ("19XX", "DATE", None, "the 20th century"),
    # times
    ("2025-02-21TNI", "TIME", None, "night of 21 Feb 2025"),
    ("2025-02-21T20:00", "TIME", None, "20:00 on 21 Feb 2025"),
    # durations
    ("P2Y", "DURATION", None, "2 years"),
    ("P2Y", "DURATION", "EQUAL_OR_LESS", "at most 2 years"),
    ("P1DE", "DURATION", "MORE_THAN", "more than 1 decade"),
    ("P2.5Y", "DURATION", None, "2.5 years"),
    ("PT1H30M", "DURATION", None, "1 hour 30 minutes"),
    ("PXM", "DURATION", None, "some months"),
    ("PTXM", "DURATION", None, "some minutes"),
    ("PXDE", "DURATION", None, "some decades"),
    ("PXX", "DURATION", None, "some time"),
    # sets
    ("P1W", "SET", None, "every week"),
    ("P2W", "SET", None, "every 2 weeks"),
    ("PXY", "SET", None, "every few years"),
    ("XXXX-WXX-1", "SET", None, "every Monday"),
    ("XXXX-WXX-5TEV", "SET", None, "every Friday evening"),
    ("XXXX-XX-XXTMO", "SET", None, "every morning"),
    ("XXXX-SU", "SET", None, "every summer"),
    ("XXXX-07", "SET", None, "every July"),
    # references
    ("PAST_REF", "DATE", None, "some time before"),
    ("PRESENT_REF", "DATE", None, "now"),
    ("FUTURE_REF", "DATE", None, "some time after"),
]


@pytest.mark.parametrize("value,type_,mod,gloss", GLOSS_CASES)
def test_a_value_is_glossed_for_a_reader(value, type_, mod, gloss):
    assert explain_value(value, type_, mod=mod) == gloss


def test_a_reference_names_the_article_date_when_given():
    assert explain_value("PAST_REF", "DATE", dct="2025-02-21") == "some time before 21 Feb 2025"
    assert explain_value("PRESENT_REF", "DATE", dct=dt.date(2025, 2, 21)) == "around 21 Feb 2025"


def test_a_value_it_cannot_read_comes_back_as_it_is():
    assert explain_value("2025-W99", "DATE") == "2025-W99"
    assert explain_value("sometime", "DATE") == "sometime"


def test_every_value_the_tagger_gives_on_a_news_paragraph_is_glossed():
    text = (
        "Starmer said Monday he will go to Washington next week. The talks could take "
        "months. Ministers meet every morning, and the summit is held annually. Recent "
        "polls, taken over the past decade, show support at its lowest since the 1990s. "
        "The strike began Sunday night at 8 PM."
    )
    df = extract_timexes(text, dct="2025-02-21")
    rows = zip(df["value"], df["type"], df["mod"], strict=True)
    glosses = [explain_value(v, t, m) for v, t, m in rows]
    assert glosses == [
        "17 Feb 2025", "week of 24 Feb 2025", "some months", "every morning", "every year",
        "some time before", "1 decade", "the 1990s", "night of 16 Feb 2025", "20:00 on 16 Feb 2025",
    ]  # fmt: skip
