"""Tests for storylens.timeline.anchoring: the calendar interval of a TIMEX3 value."""

from __future__ import annotations

import datetime as dt

import pytest

from storylens.timeline import timex_interval

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
