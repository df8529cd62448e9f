"""Tests for storylens.timeline.normalise.holidays: the tabular Hijri calendar against
the first days of Ramadan and the Eids as announced (which may differ by a day from the
tabular date; the cases here are ones where they agree), and the holiday season's year."""

from __future__ import annotations

import datetime as dt

import pytest

from storylens.timeline import extract_timexes
from storylens.timeline.normalise import hijri_to_gregorian

# (Hijri year, month, day, Gregorian date observed)
HIJRI_CASES = [
    (1420, 9, 1, dt.date(1999, 12, 9)),  # Ramadan 1420
    (1445, 9, 1, dt.date(2024, 3, 11)),  # Ramadan 1445
    (1445, 10, 1, dt.date(2024, 4, 10)),  # Eid al-Fitr 1445
    (1446, 9, 1, dt.date(2025, 3, 1)),  # Ramadan 1446
    (1447, 9, 1, dt.date(2026, 2, 18)),  # Ramadan 1447
]  # fmt: skip


@pytest.mark.parametrize("y, m, d, expected", HIJRI_CASES)
def test_hijri_to_gregorian(y, m, d, expected):
    assert hijri_to_gregorian(y, m, d) == expected


# (sentence, article date, span, value)
HOLIDAY_CASES = [
    ("Attacks rose during Ramadan.", "2025-06-18", "Ramadan", "2025-03"),
    ("Ramadan begins next week.", "2026-02-10", "Ramadan", "2026-03"),  # Feb 18 - Mar 19
    ("Ramadan will start in March.", "2024-01-05", "Ramadan", "2024-03"),
    ("Crowds prayed on Eid al-Fitr.", "2024-05-01", "Eid al-Fitr", "2024-04-10"),
    ("Mosques were full during Ramadan.", "1999-12-20", "Ramadan", "1999-12"),
    ("Sales were weak over the holiday season.", "2025-01-08", "the holiday season",
     "2024-12"),
    ("Retailers are hiring for the holiday season.", "2025-11-20", "the holiday season",
     "2025-12"),
    ("Retailers hired fewer staff last holiday season.", "2025-06-18",
     "last holiday season", "2024-12"),
    ("Retailers saw weak demand over the holiday season.", "2025-06-18",
     "the holiday season", "2024-12"),
]  # fmt: skip


@pytest.mark.parametrize("sentence, dct, span, value", HOLIDAY_CASES)
def test_holidays_in_text(sentence, dct, span, value):
    df = extract_timexes(sentence, dct=dct)
    hits = df[df["text"] == span]
    assert hits["value"].tolist() == [value], df[["text", "value"]].values.tolist()
