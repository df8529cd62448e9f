"""compare_at_scale() counts what compare() lists: its change and gap summaries must equal
figure_changes/figure_gaps of the listed pairs, and its same-time rows the pairs compare()
lists, on generated figure tables with ties, undated figures, window edges, times of day,
demands of several claimants, default topics and amounts of change."""

from __future__ import annotations

import pandas as pd
import pytest

from storylens.figures import compare, figure_changes, figure_gaps
from storylens.figures.at_scale import CHANGE_COLUMNS, GAP_COLUMNS, compare_at_scale
from storylens.figures.compare import month_of
from tests.figures.test_compare_blocking import generated

CASES = [(1, 0), (40, 2), (150, 3), (400, 4), (800, 5)]
SAME_TIME_KEY = ["relation", "kind", "topic", "measure", "claim", "claimant", "month"]


def _both(n: int, seed: int, window: int):
    figures = generated(n, seed)
    return compare(figures, window_days=window), compare_at_scale(figures, window_days=window)


def _distinct(pairs: pd.DataFrame, side: str) -> int:
    return len(pairs[[f"doc_id{side}", f"text{side}"]].drop_duplicates())


def _sorted(table: pd.DataFrame) -> pd.DataFrame:
    key = [*CHANGE_COLUMNS[:5], "before_when", "after_when"]
    return table[CHANGE_COLUMNS].sort_values(key).reset_index(drop=True)


@pytest.mark.parametrize("n, seed", CASES)
@pytest.mark.parametrize("window", [0, 31])
def test_changes_and_gaps_equal_the_summaries_of_the_listed_pairs(n, seed, window):
    listed, counted = _both(n, seed, window)
    expected = figure_changes(listed)
    pd.testing.assert_frame_equal(_sorted(counted.changes), _sorted(expected), check_dtype=False)
    pd.testing.assert_frame_equal(counted.gaps[GAP_COLUMNS], figure_gaps(listed), check_dtype=False)
    if n >= 400:
        assert len(expected) and len(counted.gaps)  # big enough to hold both


@pytest.mark.parametrize("n, seed", CASES)
@pytest.mark.parametrize("window", [0, 31])
def test_same_time_rows_count_the_listed_pairs_and_their_sides(n, seed, window):
    listed, counted = _both(n, seed, window)
    pairs = listed[listed["relation"].isin(["disagreement", "consistent"])]
    pairs = pairs.assign(month=pairs["published_a"].map(month_of))
    expected = {
        key: (len(g), _distinct(g, "_a"), _distinct(g, "_b"))
        for key, g in pairs.groupby(SAME_TIME_KEY)
    }
    got = {
        tuple(r[c] for c in SAME_TIME_KEY): (r["pairs"], r["n_a"], r["n_b"])
        for r in counted.same_time.to_dict("records")
    }
    assert got == expected
    if n >= 400 and window:
        assert {k[0] for k in got} == {"disagreement", "consistent"}


def test_every_example_is_a_listed_pair_of_its_row():
    listed, counted = _both(400, 4, 31)
    columns = ["relation", "text_a", "doc_id_a", "text_b", "doc_id_b"]
    seen = set(listed[columns].itertuples(index=False, name=None))
    for r in counted.same_time.itertuples():
        assert (r.relation, r.text_a, r.doc_id_a, r.text_b, r.doc_id_b) in seen
    for r in counted.changes.itertuples():
        assert ("change", r.text_a, r.doc_id_a, r.text_b, r.doc_id_b) in seen


def test_no_figure_gives_empty_tables_with_their_columns():
    counted = compare_at_scale(generated(5, 0).iloc[0:0])
    assert [len(t) for t in counted] == [0, 0, 0]
    assert list(counted.changes.columns[: len(CHANGE_COLUMNS)]) == CHANGE_COLUMNS
