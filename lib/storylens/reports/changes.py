"""The "Changes the sources report" table of the figure report: figures that are a
change (``change`` increase/decrease in :func:`storylens.figures.figure_table`), as an
amount with its direction ("increase of 2 percentage points") or as a from → to pair
("5% → 7%", shown once for the two figures of the pair)."""

from __future__ import annotations

import pandas as pd

from storylens.reports.tables import format_number

__all__ = ["UNIT_SIGNS", "change_words", "reported_changes"]

UNIT_SIGNS = {"percent": "%"}  # units written as a sign after the number ("7%")
COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "change", "change_part", "reported",
           "kind", "topic", "claimant", "sentence"]  # fmt: skip


def _amount(value, unit) -> str:
    sign = UNIT_SIGNS.get(unit) if isinstance(unit, str) else None
    if sign:
        return f"{format_number(value)}{sign}"
    return format_number(value) + (f" {unit}" if isinstance(unit, str) and unit else "")


def change_words(rec: dict) -> str:
    """One change in words: "increase of 2 percentage point" for an amount, "5% → 7%"
    (with its direction) for a from → to pair, "increase to 5%" for the level reached,
    "decrease from 40%" for the level left.

    >>> change_words({"change": "increase", "change_part": "from", "from_value": 5.0,
    ...               "to_value": 7.0, "unit": "percent", "low": 5.0, "text": "5%"})
    'increase: 5% → 7%'
    >>> change_words({"change": "decrease", "change_part": "amount", "low": 3000.0,
    ...               "unit": None, "text": "3,000"})
    'decrease of 3,000'
    >>> change_words({"change": "increase", "change_part": "to", "from_value": float("nan"),
    ...               "unit": "percent", "text": "5%"})
    'increase to 5%'
    """
    if rec.get("change_part") in ("from", "to") and pd.notna(rec.get("from_value")):
        unit = rec.get("unit")
        before, after = _amount(rec["from_value"], unit), _amount(rec["to_value"], unit)
        return f"{rec['change']}: {before} → {after}"
    if rec.get("change_part") in ("from", "to"):
        return f"{rec['change']} {rec['change_part']} {rec['text']}"
    return f"{rec['change']} of {rec['text']}"


def reported_changes(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures that are a change, one row per change: an amount, or a from → to pair
    (its ``to`` figure left out when its ``from`` figure is there), with ``reported`` in
    words (:func:`change_words`)."""
    changed = figures[figures["change"].notna() & (figures["change"] != "")]
    pair = ["doc_id", "sent_id", "from_value", "to_value"]
    froms = changed[changed["change_part"] == "from"][pair].drop_duplicates()
    keyed = changed.merge(froms.assign(_paired=True), on=pair, how="left")
    keep = ~((keyed["change_part"] == "to") & keyed["_paired"].eq(True))
    changed = changed[keep.to_numpy()]
    reported = [change_words(r) for r in changed.to_dict("records")]
    out = changed.assign(reported=pd.Series(reported, index=changed.index, dtype=object))
    extra = [c for c in ("source", "published") if c in out]
    return out[COLUMNS + extra].reset_index(drop=True)
