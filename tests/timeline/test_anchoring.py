"""Tests for storylens.timeline.anchoring: the calendar interval of a TIMEX3 value, the tense
of the clause around an expression."""

from __future__ import annotations

import datetime as dt

import pytest

from storylens.timeline import timex_interval
from storylens.timeline.anchoring import tense_direction

INTERVAL_CASES = [
    ("2024-12-07", dt.date(2024, 12, 7), dt.date(2024, 12, 7)),
    ("2024-12", dt.date(2024, 12, 1), dt.date(2024, 12, 31)),
    ("2025-02", dt.date(2025, 2, 1), dt.date(2025, 2, 28)),
    ("2025-W09", dt.date(2025, 2, 24), dt.date(2025, 3, 2)),
    ("2025-W09-WE", dt.date(2025, 3, 1), dt.date(2025, 3, 2)),
    ("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ("2025-H2", dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
    ("2025-SU", dt.date(2025, 6, 1), dt.date(2025, 8, 31)),
    ("2024-WI", dt.date(2024, 12, 1), dt.date(2025, 2, 28)),
    ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("199X", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
    ("199", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
    ("19", dt.date(1900, 1, 1), dt.date(1999, 12, 31)),
    ("19XX", dt.date(1900, 1, 1), dt.date(1999, 12, 31)),
    ("2024-12-07T10:30", dt.date(2024, 12, 7), dt.date(2024, 12, 7)),
    ("XXXX-12-07", None, None),
    ("XXXX-WXX-4", None, None),
    ("PXM", None, None),
    ("P2Y", None, None),
    ("PAST_REF", None, None),
]


@pytest.mark.parametrize("value,first,last", INTERVAL_CASES)
def test_timex_interval(value, first, last):
    assert timex_interval(value) == (first, last)


# The tense of the clause around an expression: a word in -ed is a past form unless it is
# one of the -eed/-ed words that are no past tense ("succeed", "need", "indeed", "based").
TENSE_CASES = [
    ("Mr. Schwarz will succeed Mr. Davison on Feb. 1.", "Feb. 1", 1),
    ("Mr. Schwarz succeeded Mr. Davison on Feb. 1.", "Feb. 1", -1),
    ("The company, based in Seattle, will report results on Feb. 1.", "Feb. 1", 1),
    ("Talks will proceed on Monday.", "Monday", 1),
    ("The firm agreed on Monday to sell the unit.", "Monday", -1),
    ("Prices rose on Monday.", "Monday", -1),
    ("Markets are closed on Monday.", "Monday", 0),
    # a payment or a rule's start told right before its date lies ahead
    ("The board declared a dividend, payable Dec. 1 to stock of record.", "Dec. 1", 1),
    ("It signed a new labor pact effective June 1.", "June 1", 1),
]


@pytest.mark.parametrize("sentence,expression,direction", TENSE_CASES)
def test_tense_direction(sentence, expression, direction):
    start = sentence.index(expression)
    assert tense_direction(sentence, start, start + len(expression)) == direction
