"""Tests for the scorer of benchmarks/eval_timebank.py: the notational variants it treats
as one value, and the folds it splits the training file into."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_timebank.py"


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("eval_timebank", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "a,b",
    [
        ("P1DE", "P10Y"),
        ("P2.5Y", "P2Y6M"),
        ("P1CE", "P100Y"),
        ("PT1H30M", "PT90M"),
        ("199X", "199"),
        ("19XX", "19"),
        ("2000-W7", "2000-W07"),
        ("1998-XX-XX", "1998"),
    ],
)
def test_notational_variants_are_one_value(scorer, a, b):
    assert scorer.normalise(a) == scorer.normalise(b)


@pytest.mark.parametrize(
    "a,b",
    [("PXDE", "PXY"), ("P1M", "PT1M"), ("P1D", "P1W"), ("199", "19"), ("2025-W09", "2025-09")],
)
def test_different_values_stay_apart(scorer, a, b):
    assert scorer.normalise(a) != scorer.normalise(b)


def test_folds_are_stable_and_cover_every_document(scorer):
    ids = [f"doc{i}" for i in range(200)]
    folds = [scorer.fold_of(i, 5) for i in ids]
    assert folds == [scorer.fold_of(i, 5) for i in ids]
    assert set(folds) == {0, 1, 2, 3, 4}
