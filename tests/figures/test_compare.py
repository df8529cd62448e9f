"""Tests for storylens.figures.compare: disagreements between sources, interval overlap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from storylens.figures import compare, figure_table


@pytest.fixture(scope="module")
def figures(seeds):
    return figure_table(seeds)


def test_compare_flags_the_same_claimant_with_different_figures(figures):
    flagged = compare(figures)
    same = flagged[flagged.reason == "same claimant, different figures"]
    assert same[["claimant", "text_a", "text_b"]].values.tolist() == [
        ["Volodymyr Zelensky", "200,000 troops", "more than 100,000 European troops"]
    ]


def test_compare_flags_intervals_that_do_not_overlap(figures):
    flagged = compare(figures)
    pairs = {
        (r.text_a, r.text_b) for r in flagged.itertuples() if r.reason == "intervals do not overlap"
    }
    assert ("up to 30,000 troops", "more than 100,000 European troops") in pairs
    # "up to 30,000" and "fewer than 30,000" overlap: no flag
    assert ("up to 30,000 troops", "fewer than 30,000 European troops") not in pairs
    # figures of different topics are never compared
    assert not any("Russian" in a or "Russian" in b for a, b in pairs)


@pytest.mark.parametrize(
    "a, b, overlap",
    [
        (
            (np.nan, 30000, True, True),
            (30000, np.nan, True, False),
            True,
        ),  # up to 30k vs at least 30k
        (
            (np.nan, 30000, True, False),
            (30000, np.nan, True, False),
            False,
        ),  # fewer than 30k vs at least 30k
        (
            (100000, np.nan, False, True),
            (200000, 200000, True, True),
            True,
        ),  # more than 100k vs 200k
        ((20, 30, True, True), (40, 40, True, True), False),
    ],
)
def test_interval_overlap_respects_inclusiveness(a, b, overlap):
    def row(doc, bounds):
        low, high, low_inc, high_inc = bounds
        return {"doc_id": doc, "kind": "troops", "topic": "t", "claimant": "", "text": doc, "start": 0,
                "low": low, "high": high, "low_inclusive": low_inc, "high_inclusive": high_inc, "sentence": ""}  # fmt: skip

    flagged = compare(pd.DataFrame([row("a", a), row("b", b)]))
    assert flagged.empty is overlap


def test_figure_groups_count_what_the_table_holds(figures):
    from storylens.figures import figure_groups

    groups = figure_groups(figures)
    # independent re-computation: sizes and sources per (kind, topic) from the table
    expected = figures.groupby(["kind", "topic"]).agg(n=("text", "size"), s=("doc_id", "nunique"))
    assert groups.n_figures.tolist() == expected.n.tolist()
    assert groups.n_sources.tolist() == expected.s.tolist()
    assert figure_groups(figures.iloc[:0]).empty
