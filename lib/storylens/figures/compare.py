"""Comparing figures across sources: disagreements and the span of each topic."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _bounds(row) -> tuple[float, float]:
    low = row["low"] if pd.notna(row["low"]) else -np.inf
    high = row["high"] if pd.notna(row["high"]) else np.inf
    return low, high


def _overlap(a, b) -> bool:
    """Whether two figures' intervals share a value (open bounds respected)."""
    (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
    lo, hi = max(alo, blo), min(ahi, bhi)
    if lo < hi:
        return True
    if lo > hi:
        return False

    # touching at one point: shared only if both sides include it
    def includes(row, x):
        low, high = _bounds(row)
        ok_low = x > low or (x == low and row["low_inclusive"] is not False)
        ok_high = x < high or (x == high and row["high_inclusive"] is not False)
        return ok_low and ok_high

    return includes(a, lo) and includes(b, lo)


COMPARE_COLUMNS = [
    "kind", "topic", "reason", "claimant", "doc_id_a", "text_a", "low_a", "high_a",
    "sentence_a", "doc_id_b", "text_b", "low_b", "high_b", "sentence_b",
]  # fmt: skip


def compare(figures: pd.DataFrame) -> pd.DataFrame:
    """Disagreements between sources among figures of the same kind and topic.

    Two figures from different documents are flagged when (a) the same claimant is given
    different intervals ("same claimant, different figures": Zelensky's 200,000 troops in
    one source, "more than 100,000" in another), or (b) their intervals do not overlap
    ("intervals do not overlap": "up to 30,000" against "more than 100,000"; open bounds
    and inclusiveness are respected). Returns one row per flagged pair: ``kind, topic,
    reason, claimant`` (for reason a) and, for each side ``_a``/``_b``, ``doc_id, text,
    low, high, sentence``; sorted by kind, topic and position.
    """
    rows = []
    figures = figures.reset_index(drop=True)
    for (kind, topic), group in figures.groupby(["kind", "topic"], sort=True):
        records = group.sort_values(["doc_id", "start"]).to_dict("records")
        for i, a in enumerate(records):
            for b in records[i + 1 :]:
                if a["doc_id"] == b["doc_id"]:
                    continue
                same_interval = _bounds(a) == _bounds(b)
                claim_a = set(filter(None, str(a["claimant"] or "").split("; ")))
                claim_b = set(filter(None, str(b["claimant"] or "").split("; ")))
                shared = sorted(claim_a & claim_b)
                if shared and not same_interval:
                    reason, claimant = "same claimant, different figures", "; ".join(shared)
                elif not _overlap(a, b):
                    reason, claimant = "intervals do not overlap", ""
                else:
                    continue
                sides = [
                    s[c] for s in (a, b) for c in ("doc_id", "text", "low", "high", "sentence")
                ]
                rows.append((kind, topic, reason, claimant, *sides))
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)


def figure_groups(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per kind and topic: how many figures and sources, and their span.

    Returns ``kind, topic, n_figures, n_sources, lowest`` (the smallest known bound or
    value), ``highest`` (the largest), ``claimants`` (``"; "``-joined) and ``texts`` (the
    figures as written, ``" | "``-joined), sorted by kind and topic.
    """
    columns = ["kind", "topic", "n_figures", "n_sources", "lowest", "highest", "claimants", "texts"]
    if figures.empty:
        return pd.DataFrame(columns=columns)
    known = figures.assign(
        lo=figures[["low", "value", "high"]].min(axis=1),
        hi=figures[["low", "value", "high"]].max(axis=1),
    )
    groups = known.groupby(["kind", "topic"], sort=True).agg(
        n_figures=("text", "size"),
        n_sources=("doc_id", "nunique"),
        lowest=("lo", "min"),
        highest=("hi", "max"),
        claimants=(
            "claimant",
            lambda c: "; ".join(sorted({x for v in c for x in str(v).split("; ") if x})),
        ),
        texts=("text", " | ".join),
    )
    return groups.reset_index()[columns]
