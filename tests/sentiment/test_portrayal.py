"""Tests for storylens.sentiment.portrayal: means per group with bootstrap intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def test_portrayal_means_agree_with_a_groupby_and_intervals_hold_them():
    from storylens.sentiment import portrayal

    rng = np.random.default_rng(1)
    table = pd.DataFrame({
        "actor": np.repeat(["Russia", "France", "NATO"], [12, 5, 1]),
        "source": np.tile(["a", "b"], 9),
        "sentiment": rng.uniform(-1, 1, 18),
    })  # fmt: skip
    result = portrayal(table, by=["actor", "source"])
    expected = table.groupby(["actor", "source"])["sentiment"].agg(["size", "mean"]).reset_index()
    assert result["n"].tolist() == expected["size"].tolist()
    assert np.allclose(result["mean"], expected["mean"], atol=1e-6)
    many = result[result["n"] > 1]
    assert ((many["ci_low"] <= many["mean"]) & (many["mean"] <= many["ci_high"])).all()
    assert result.loc[result["n"] == 1, ["ci_low", "ci_high"]].isna().all().all()
    assert (result[["n_negative", "n_neutral", "n_positive"]].sum(axis=1) == result["n"]).all()
    pd.testing.assert_frame_equal(result, portrayal(table, by=["actor", "source"]))  # seeded


def test_portrayal_names_a_missing_column():
    from storylens.sentiment import portrayal

    with pytest.raises(KeyError, match="no column"):
        portrayal(pd.DataFrame({"actor": ["A"]}), by=["actor"])
