"""Tests for storylens.figures.table and .compare: figure_table (claimants, topics), compare."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from storylens.figures import compare, figure_table


@pytest.fixture(scope="module")
def figures(seeds):
    return figure_table(seeds)


@pytest.mark.parametrize(
    "text, claimant, via, topic",
    [
        (
            "200,000 troops",
            "Volodymyr Zelensky",
            "claim verb",
            "the proposed force",
        ),  # "that ... Zelensky believes"
        (
            "more than 100,000 European troops",
            "Volodymyr Zelensky",
            "subject",
            "the proposed force",
        ),  # "Zelenskyy has called for"
        (
            "40,000 heavily armed European “peacekeepers”",
            "Emmanuel Macron",
            "subject",
            "the proposed force",
        ),  # "Macron ... to discuss a plan for"
        ("up to 30,000 troops", "", "", "the proposed force"),  # the source's own statement
        ("an estimated 600,000 Russian troops", "", "", "Russian forces"),
        ("600-mile", "", "", "the front line"),
        (
            "within two years",
            "Michael Clarke",
            "subject",
            "how long the force lasts",
        ),  # "Clarke, ... warned that"
    ],
)
def test_claimant_and_topic(figures, text, claimant, via, topic):
    row = figures[figures.text == text].iloc[0]
    assert (row.claimant, row.claimant_via, row.topic) == (claimant, via, topic)


def test_offsets_sentences_and_sources(seeds, figures):
    texts = seeds.documents.set_index("doc_id").text
    sentences = seeds.sentences.set_index(["doc_id", "sent_id"]).text
    for row in figures.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
        assert sentences[(row.doc_id, row.sent_id)] == row.sentence
    # independent re-computation: numbers before "troops"/"peacekeepers" in the texts
    pattern = re.compile(r"\d[\d,]*\s+(?:[\w-]+\s+){0,3}[“\"]?(?:troops|peacekeepers)")
    expected = sum(len(pattern.findall(t)) for t in seeds.documents.text)
    assert (figures.kind == "troops").sum() == expected == 7


def test_kinds_filter(seeds):
    troops = figure_table(seeds, kinds=["troops"])
    assert set(troops.kind) == {"troops"} and len(troops) == 7


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
