"""compare(..., collapse=True) compares each voice (figures of one claim, claimant,
interval, thing and day) once: the pairs its rows stand for must be the rows of the
uncollapsed compare, relation by relation, and every uncollapsed pair must fall in the
collapsed row of its two voices."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from storylens.figures import (
    compare,
    figure_changes,
    figure_gaps,
    figure_voices,
    measure_of,
    pair_count,
)
from storylens.reports.findings import figure_findings
from tests.figures.test_compare_blocking import generated


def with_repeats(n: int, seed: int) -> pd.DataFrame:
    """A generated table whose figures many sources repeat on the same day (new sources,
    and sources already in the table), and some a source repeats (another position);
    some copies name another noun, so that figures of one topic on one day are on a
    default topic and not (they relate differently as the first or the second)."""
    rng = np.random.default_rng(seed + 100)
    figures = generated(n, seed)
    if figures.empty:
        return figures
    copies = []
    for _ in range(n):
        row = figures.iloc[rng.integers(len(figures))].to_dict()
        where = rng.integers(3)
        if where == 0:
            row["doc_id"] = f"r{rng.integers(n)}"  # a new source repeats it
        elif where == 1:
            row["doc_id"] = figures["doc_id"].iloc[rng.integers(len(figures))]
        row["start"] = int(row["start"]) + 100 + int(rng.integers(50))
        if rng.integers(4) == 0:  # another noun: its named topic is then no default topic
            row["noun"], row["sentence"] = "members", row["sentence"] + " (members)"
        copies.append(row)
    return pd.concat([figures, pd.DataFrame(copies)], ignore_index=True)


def voices_of_sides(figures: pd.DataFrame) -> dict[tuple, int]:
    """The voice of each figure, found by what a pair's side shows of it."""
    voices = figure_voices(figures)
    found: dict[tuple, set] = {}
    for (_, row), voice in zip(figures.iterrows(), voices, strict=True):
        if pd.isna(voice):
            continue
        key = (row["kind"], row["topic"], measure_of(row), row["doc_id"], row["text"],
               row["sentence"], row["published"], row["claim"], row["claimant"],
               row["low"], row["high"], row["low_inclusive"], row["high_inclusive"])  # fmt: skip
        found.setdefault(tuple(_known(k) for k in key), set()).add(int(voice))
    assert all(len(v) == 1 for v in found.values()), "one side must name one voice"
    return {k: v.pop() for k, v in found.items()}


def _known(x):
    return None if pd.isna(x) else x


def side_key(pair, suffix: str) -> tuple:
    columns = ["doc_id", "text", "sentence", "published", "claim", "claimant", "low", "high",
               "low_inclusive", "high_inclusive"]  # fmt: skip
    head = (pair["kind"], pair["topic"], pair["measure"])
    return tuple(_known(k) for k in (*head, *[pair[f"{c}{suffix}"] for c in columns]))


CASES = [(0, 0), (40, 2), (150, 3), (400, 4), (600, 7)]


@pytest.mark.parametrize("n, seed", CASES)
@pytest.mark.parametrize("window", [0, 31])
def test_pairs_per_relation_are_the_uncollapsed_rows(n, seed, window):
    figures = with_repeats(n, seed) if n else generated(5, 0).iloc[0:0]
    full = compare(figures, window_days=window)
    pd.testing.assert_frame_equal(full, compare(figures, window_days=window, exhaustive=True))
    collapsed = compare(figures, window_days=window, collapse=True)
    counted = collapsed.groupby("relation")["pairs"].sum().to_dict()
    assert counted == full["relation"].value_counts().to_dict()
    assert pair_count(collapsed) == pair_count(full) == len(full)
    if n >= 400:
        assert len(collapsed) < len(full)  # the repeats collapse
        assert (collapsed["pairs"] > 1).any()


@pytest.mark.parametrize("n, seed", CASES[1:])
def test_every_uncollapsed_pair_falls_in_its_collapsed_row(n, seed):
    figures = with_repeats(n, seed)
    full = compare(figures)
    collapsed = compare(figures, collapse=True)
    voice = voices_of_sides(figures)
    mapped = Counter(
        (p["relation"], frozenset({voice[side_key(p, "_a")], voice[side_key(p, "_b")]}))
        for _, p in full.iterrows()
    )
    rows = Counter()
    for _, r in collapsed.iterrows():
        rows[(r["relation"], frozenset({r["voice_a"], r["voice_b"]}))] += r["pairs"]
    assert mapped == rows
    assert (collapsed["pairs"] > 0).all()


@pytest.mark.parametrize("n, seed", CASES[1:])
def test_voice_sizes_and_sources(n, seed):
    figures = with_repeats(n, seed)
    collapsed = compare(figures, collapse=True)
    voices = figure_voices(figures)
    sizes, docs = voices.value_counts(), figures.groupby(voices)["doc_id"].nunique()
    for side in ("a", "b"):
        ids = collapsed[f"voice_{side}"]
        assert collapsed[f"n_{side}"].tolist() == sizes.loc[ids].tolist()
        assert collapsed[f"sources_{side}"].tolist() == docs.loc[ids].tolist()


@pytest.mark.parametrize("n, seed", CASES[1:])
def test_changes_summarised_alike(n, seed):
    figures = with_repeats(n, seed)
    full, collapsed = compare(figures), compare(figures, collapse=True)
    pd.testing.assert_frame_equal(figure_changes(full), figure_changes(collapsed))


@pytest.mark.parametrize("n, seed", CASES[2:])
def test_gaps_summarised_alike(n, seed):
    # figure_gaps counts figures told apart by source and text: here no source gives one
    # text in two voices (a known limit of the collapsed count, see figure_gaps)
    figures = with_repeats(n, seed).drop_duplicates(["doc_id", "text"])
    full, collapsed = compare(figures), compare(figures, collapse=True)
    assert (collapsed["relation"] == "gap").any()
    pd.testing.assert_frame_equal(figure_gaps(full), figure_gaps(collapsed))


def test_figure_findings_count_pairs():
    figures = with_repeats(400, 4)
    full, collapsed = compare(figures), compare(figures, collapse=True)
    chart = figures.assign(role="body")
    same = [t[t["relation"].isin(["disagreement", "consistent"])] for t in (full, collapsed)]
    texts = [
        [f.text for f in figure_findings(chart, s, s.iloc[0:0], kinds=["troops"])] for s in same
    ]
    assert texts[0] == texts[1]


SENTENCE = "The plan envisions a force of up to 30,000 troops, officials said."
OTHER = "Zelensky has said a force of 40,000 troops would be needed."


def _figure(doc: str, sentence: str, text: str, high: float, low=np.nan) -> dict:
    return {
        "doc_id": doc, "start": sentence.index(text), "kind": "troops",
        "topic": "the proposed force", "noun": "troops", "unit": None, "text": text,
        "claim": "plan", "claimant": "", "qualifier": "upper" if pd.isna(low) else "exact",
        "value": high, "low": low, "high": high, "low_inclusive": None if pd.isna(low) else True,
        "high_inclusive": True, "published": pd.Timestamp("2025-02-19"), "sentence": sentence,
        "change_part": None, "change": None,
    }  # fmt: skip


def test_five_sources_of_one_figure_are_one_voice():
    # five articles give "up to 30,000 troops" on one day, three "40,000 troops"
    up_to = [_figure(f"d{i}", SENTENCE, "up to 30,000 troops", 30000.0) for i in range(5)]
    exact = [_figure(f"e{i}", OTHER, "40,000 troops", 40000.0, 40000.0) for i in range(3)]
    figures = pd.DataFrame(up_to + exact)
    collapsed = compare(figures, collapse=True)
    got = collapsed[["relation", "n_a", "n_b", "sources_a", "sources_b", "pairs"]]
    assert got.values.tolist() == [
        ["disagreement", 5, 3, 5, 3, 15],
        ["consistent", 5, 5, 5, 5, 10],
        ["consistent", 3, 3, 3, 3, 3],
    ]
    full = compare(figures)
    assert full["relation"].value_counts().to_dict() == {"disagreement": 15, "consistent": 13}
    assert collapsed["summary"].iloc[0] == (
        "at most 30,000 (the source, d0) and 40,000 (the source, e0) cannot both hold"
    )


def test_one_source_repeating_a_figure_is_no_pair():
    # one article gives the figure twice; a second article once: two pairs, not three
    figures = pd.DataFrame(
        [_figure("d0", SENTENCE, "up to 30,000 troops", 30000.0) for _ in range(2)]
        + [_figure("d1", SENTENCE, "up to 30,000 troops", 30000.0)]
    )
    figures["start"] = [10, 90, 10]
    collapsed = compare(figures, collapse=True)
    assert collapsed[["relation", "n_a", "sources_a", "pairs"]].values.tolist() == [
        ["consistent", 3, 2, 2]
    ]
    assert len(compare(figures)) == 2


def test_voices_of_one_day_relate_as_their_figures_interleave():
    # "troops" is the named topic's own noun (a default topic: a tie is needed when it
    # comes first), "soldiers" is not (no tie needed): d1 and d3 give the first, d2
    # between them the second; only (d2, d3) is related, and d1, d3 share no tie
    some, arrived = "Some 30,000 troops.", "By then 30,000 soldiers arrived."
    rows = [
        _figure("d1", some, "30,000 troops", 30000.0, 30000.0),
        {**_figure("d2", arrived, "30,000 soldiers", 30000.0, 30000.0), "noun": "soldiers"},
        _figure("d3", some, "30,000 troops", 30000.0, 30000.0),
    ]
    figures = pd.DataFrame(rows).assign(topic="troops: troops", claim="estimate")
    full = compare(figures)
    assert full[["relation", "doc_id_a", "doc_id_b"]].values.tolist() == [
        ["consistent", "d2", "d3"]
    ]
    collapsed = compare(figures, collapse=True)
    assert collapsed[["relation", "n_a", "n_b", "pairs"]].values.tolist() == [
        ["consistent", 1, 2, 1]
    ]
