"""compare() checks only candidate pairs (blocked on what related pairs must share): its
result must equal checking every pair, on generated figure tables with ties, undated
figures, window edges, demands of several claimants and mixed default topics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from storylens.figures import compare

SENTENCES = [
    # (sentence, figure text): events, capitalised modifiers and phrases after vary
    ("The agreement that 33 Senate Democrats voted to advance", "33 Senate Democrats"),
    ("Only 10 House Democrats voted for it", "10 House Democrats"),
    ("The 10 Democrats who gathered on Monday", "10 Democrats"),
    ("Eyeing one of the Democrats who pushed", "one of the Democrats"),
    ("Dozens of other Democrats stayed away", "Dozens of other Democrats"),
    ("He paid $43 million in federal taxes", "$43 million"),
    ("She paid $13.6 million in state taxes", "$13.6 million"),
    ("Britain could send 30,000 troops to Ukraine", "30,000 troops"),
    ("Fewer than 30,000 European troops would go", "Fewer than 30,000 European troops"),
    ("A force of 40,000 heavily armed peacekeepers", "40,000 heavily armed peacekeepers"),
]
CLAIMS = ["plan", "demand", "estimate", "other", "incidental", None]
CLAIMANTS = ["", "", "Keir Starmer", "Volodymyr Zelensky", "Keir Starmer; Emmanuel Macron"]
BOUNDS = [
    (30000, 30000, True, True), (np.nan, 30000, None, True), (np.nan, 30000, None, False),
    (30000, np.nan, True, None), (30000, np.nan, False, None), (40000, 40000, True, True),
]  # fmt: skip
# Days after the first date: the same day (ties), one window apart and a day either side,
# with and without a time of day; None: undated.
DAYS = [0, 0, 0, 1, 30, 31, 31.5, 32, 33, 60, 365, None]


def generated(n: int, seed: int) -> pd.DataFrame:
    """``n`` figures on a few topics, every field drawn from the lists above."""
    rng = np.random.default_rng(seed)
    day0, rows = pd.Timestamp("2025-01-01"), []
    for _ in range(n):
        sentence, text = SENTENCES[rng.integers(len(SENTENCES))]
        noun = text.split()[-1] if "$" not in text else None
        kind = "money" if noun is None else "troops" if noun == "troops" else f"count: {noun}"
        named = f"{kind}: {noun or 'US dollar'}"  # default topics both ways, and a story's
        topic = [kind, kind, named, "the proposed force"][rng.integers(4)]
        low, high, low_inc, high_inc = BOUNDS[rng.integers(len(BOUNDS))]
        days = DAYS[rng.integers(len(DAYS))]
        part = [None, None, "amount", "to", "from"][rng.integers(5)]
        rows.append({
            "doc_id": f"d{rng.integers(max(2, n // 4))}", "start": int(rng.integers(3)) * 10,
            "kind": kind, "topic": topic, "noun": noun,
            "unit": "US dollar" if noun is None else None, "text": text,
            "claim": CLAIMS[rng.integers(len(CLAIMS))],
            "claimant": CLAIMANTS[rng.integers(len(CLAIMANTS))], "qualifier": "exact",
            "value": low if low == high else np.nan, "low": low, "high": high,
            "low_inclusive": low_inc, "high_inclusive": high_inc,
            "published": pd.NaT if days is None else day0 + pd.Timedelta(days=days),
            "sentence": sentence, "change_part": part,
            "change": ["increase", "decrease"][rng.integers(2)] if part else None,
        })  # fmt: skip
    return pd.DataFrame(rows)


@pytest.mark.parametrize("n, seed", [(0, 0), (1, 0), (2, 1), (40, 2), (150, 3), (400, 4)])
@pytest.mark.parametrize("window", [0, 31])
def test_blocked_pairs_equal_every_pair_checked(n, seed, window):
    figures = generated(n, seed) if n else generated(5, 0).iloc[0:0]
    blocked = compare(figures, window_days=window)
    every = compare(figures, window_days=window, exhaustive=True)
    pd.testing.assert_frame_equal(blocked, every)
    if n >= 400 and window:  # the table is big enough to hold every relation
        assert set(every["relation"]) == {"disagreement", "consistent", "change", "gap"}


def test_identical_figures_tie_and_are_all_found():
    # five copies of one demand by one claimant in five sources on one day: every pair
    row = generated(1, 0).iloc[0].to_dict()
    row.update(claim="demand", claimant="Volodymyr Zelensky", kind="troops", topic="force",
               change_part=None, published=pd.Timestamp("2025-02-19"))  # fmt: skip
    figures = pd.DataFrame([{**row, "doc_id": f"d{i}"} for i in range(5)])
    blocked = compare(figures)
    assert len(blocked) == 10
    pd.testing.assert_frame_equal(blocked, compare(figures, exhaustive=True))


@pytest.mark.parametrize(
    "days_apart, related",
    [(31, True), (31.9, True), (32, False), (32.5, False)],  # days_apart counts whole days
)
def test_a_gap_at_the_edge_of_the_window(days_apart, related):
    base = generated(1, 0).iloc[0].to_dict()
    base.update(kind="troops", topic="force", change_part=None, claimant="")
    plan = {**base, "claim": "plan", "doc_id": "a", "published": pd.Timestamp("2025-02-01")}
    demand = {**base, "claim": "demand", "doc_id": "b",
              "published": plan["published"] + pd.Timedelta(days=days_apart)}  # fmt: skip
    figures = pd.DataFrame([demand, plan])
    found = compare(figures)
    assert found["relation"].tolist() == (["gap"] if related else [])
    pd.testing.assert_frame_equal(found, compare(figures, exhaustive=True))
