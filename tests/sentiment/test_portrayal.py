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


def test_adding_an_unrelated_actor_leaves_the_other_intervals_alone():
    from storylens.sentiment import portrayal

    rng = np.random.default_rng(7)
    table = pd.DataFrame({
        "actor": np.repeat(["Russia", "France"], [12, 6]),
        "source": np.tile(["a", "b"], 9),
        "sentiment": rng.uniform(-1, 1, 18),
    })  # fmt: skip
    # "Austria" sorts before both: with one shared generator it would shift every draw
    extra = pd.DataFrame({"actor": ["Austria"] * 5, "source": ["a"] * 5,
                          "sentiment": rng.uniform(-1, 1, 5)})  # fmt: skip
    for by in (["actor", "source"], ["actor"]):
        alone = portrayal(table, by=by).set_index(by)
        more = portrayal(pd.concat([extra, table]), by=by).set_index(by)
        assert len(more) > len(alone)
        pd.testing.assert_frame_equal(more.loc[alone.index], alone)
    # the seed still matters, and a group's interval depends on its values only
    other_seed = portrayal(table, by=["actor"], seed=1)["ci_low"].to_numpy()
    assert (other_seed != portrayal(table, by=["actor"])["ci_low"].to_numpy()).all()
    russia = portrayal(table[table["actor"] == "Russia"], by=["actor"])
    pd.testing.assert_frame_equal(
        russia, portrayal(table, by=["actor"]).iloc[[1]].reset_index(drop=True)
    )
