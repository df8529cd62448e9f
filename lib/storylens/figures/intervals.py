"""Figures as intervals: whether two can both hold, and how to say one in words.

A figure row has ``low``, ``high`` (NaN where open), ``low_inclusive``,
``high_inclusive``, ``qualifier`` and ``value``, as :func:`extract_figures` returns.

>>> up_to = {"qualifier": "upper", "value": 30000.0, "low": float("nan"), "high": 30000.0,
...          "low_inclusive": None, "high_inclusive": True}
>>> interval_text(up_to)
'at most 30,000'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

import pandas as pd


def bounds(row: Mapping) -> tuple[float, float]:
    """The figure's interval as ``(low, high)``, with infinities where it is open."""
    low, high = row["low"], row["high"]
    return (
        float(low) if pd.notna(low) else -math.inf,
        float(high) if pd.notna(high) else math.inf,
    )


# The digits of a number before a scale word, as written: accepts "13.6 million" (the
# decimals "6"), "$43 million", "1.375bn"; rejects "43,885,310" (no scale word: every
# digit is stated) and "10 m" (metres: single-letter scales are left out).
SCALED_DIGITS = re.compile(
    r"\d[\d,]*(?:\.(?P<decimals>\d+))?\s*-?(?P<scale>trillion|billion|million|thousand|bn|tn)\b",
    re.I,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12,
          "tn": 1e12}  # fmt: skip


def rounding(row: Mapping) -> float:
    """How far a point figure may stand from the number it rounds: half a unit of its last
    stated digit before a scale word ("$13.6 million": 50,000), a whole unit for an
    approximate one ("nearly $44 million": 1 million); 0 for every other figure (digits
    written out, "43,885,310", state every unit).

    >>> rounding({"text": "$13.6 million", "qualifier": "exact"})
    50000.0
    >>> rounding({"text": "nearly $44 million", "qualifier": "approx"})
    1000000.0
    >>> rounding({"text": "30,000", "qualifier": "exact"})
    0.0
    """
    m = SCALED_DIGITS.search(str(row.get("text") or ""))
    if not m or row.get("qualifier") not in ("exact", "approx"):
        return 0.0
    unit = _SCALE[m.group("scale").lower()] / 10 ** len(m.group("decimals") or "")
    return unit if row.get("qualifier") == "approx" else unit / 2


def widened(row: Mapping) -> Mapping:
    """A point figure widened by its :func:`rounding` (the figure itself if none)."""
    r = rounding(row)
    if not r:
        return row
    return {**row, "low": row["low"] - r, "high": row["high"] + r}


def closed(flag) -> bool:
    """A bound counts as closed unless it is marked exclusive (``False``)."""
    return flag is not False and not (isinstance(flag, float) and math.isnan(flag))


def compatible(a: Mapping, b: Mapping) -> bool:
    """Whether two figures' intervals can both hold: they share a value, or they touch
    at a bound that at least one of them includes. News figures are rounded, so
    adjacent bounds are compatible: "30,000 troops" and "fewer than 30,000" can both
    be true of one plan, as can "fewer than 30,000" and "at least 30,000"; "more than
    30,000" and "fewer than 30,000" (both open at 30,000) cannot, nor can "up to 30,000"
    and "40,000".

    >>> nan = float("nan")
    >>> exactly = {"low": 3e4, "high": 3e4, "low_inclusive": True, "high_inclusive": True}
    >>> fewer = {"low": nan, "high": 3e4, "low_inclusive": None, "high_inclusive": False}
    >>> more = {"low": 3e4, "high": nan, "low_inclusive": False, "high_inclusive": None}
    >>> compatible(exactly, fewer), compatible(fewer, more)
    (True, False)

    A rounded figure stands for the numbers it rounds (:func:`rounding`): "$13.6 million"
    and "$13,625,777" can both hold, "$43 million" and "$43,885,310" cannot.
    """
    a, b = widened(a), widened(b)
    (alo, ahi), (blo, bhi) = bounds(a), bounds(b)
    lo, hi = max(alo, blo), min(ahi, bhi)
    if lo != hi:
        return lo < hi
    # touching at one point: compatible unless both bounds that meet there are open
    a_side = closed(a["high_inclusive"]) if ahi == lo else closed(a["low_inclusive"])
    b_side = closed(b["high_inclusive"]) if bhi == lo else closed(b["low_inclusive"])
    if alo == ahi or blo == bhi:  # a point figure includes its value
        return True
    return a_side or b_side


def number_text(x: float) -> str:
    """A number as news writes it: ``30,000``, ``2.5``, ``0.2``."""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.6g}"


def interval_text(row: Mapping) -> str:
    """The figure's interval in words: "40,000", "about 600,000", "at most 30,000",
    "fewer than 30,000", "more than 100,000", "at least 5", "20–30"."""
    low, high = bounds(row)
    qualifier = row.get("qualifier")
    if qualifier == "range" or (math.isfinite(low) and math.isfinite(high) and low < high):
        return f"{number_text(low)}–{number_text(high)}"
    if math.isinf(low) and math.isfinite(high):
        word = "at most" if closed(row["high_inclusive"]) else "fewer than"
        return f"{word} {number_text(high)}"
    if math.isfinite(low) and math.isinf(high):
        word = "at least" if closed(row["low_inclusive"]) else "more than"
        return f"{word} {number_text(low)}"
    value = row["value"] if pd.notna(row.get("value")) else low
    return ("about " if qualifier == "approx" else "") + number_text(value)


def span_text(rows: Iterable[Mapping]) -> str:
    """Several figures for one thing in words: the one figure's :func:`interval_text`;
    else the lowest to the highest number they state ("100,000–200,000" for "more than
    100,000" and "200,000"), or "at most 30,000" when they state one number and bound
    it only from above ("up to 30,000", "30,000", "fewer than 30,000").

    >>> nan = float("nan")
    >>> more = {"qualifier": "lower", "value": 1e5, "low": 1e5, "high": nan,
    ...         "low_inclusive": False, "high_inclusive": None}
    >>> exactly = {"qualifier": "exact", "value": 2e5, "low": 2e5, "high": 2e5,
    ...            "low_inclusive": True, "high_inclusive": True}
    >>> span_text([more, exactly])
    '100,000–200,000'
    """
    rows = list(rows)
    if len(rows) == 1:
        return interval_text(rows[0])
    stated = [x for r in rows for x in bounds(r) if math.isfinite(x)]
    if not stated:
        return "any number"
    lo, hi = min(stated), max(stated)
    if lo < hi:
        return f"{number_text(lo)}–{number_text(hi)}"
    qualifiers = {r.get("qualifier") for r in rows}
    if "upper" in qualifiers and qualifiers <= {"upper", "exact"}:
        return f"at most {number_text(hi)}"
    if "lower" in qualifiers and qualifiers <= {"lower", "exact"}:
        return f"at least {number_text(lo)}"
    return number_text(lo)
