"""Aggregates for big corpora (storylens.reports.scale): sizes that follow the reader."""

from __future__ import annotations

import pandas as pd
import pytest

from storylens import analysis, load_corpus
from storylens.actors import registry_for
from storylens.reports import scale
from storylens.synthetic import write_corpus


@pytest.fixture()
def documents():
    """Six articles from three outlets (one unnamed) over two months."""
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(6)],
        "outlet": ["AP", "AP", "AP", "BBC", "BBC", None],
        "published": pd.to_datetime(["2025-02-03", "2025-02-05", "2025-03-10", "2025-02-04",
                                     "2025-03-11", None]),
    })  # fmt: skip


@pytest.fixture()
def mentions():
    rows = [("d0", "Macron", 0.5), ("d0", "Macron", 0.4), ("d1", "Starmer", -0.2),
            ("d3", "Macron", -0.6), ("d4", "Putin", -0.9), ("d5", "Macron", 0.1)]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["doc_id", "actor", "sentiment"])
    return frame.assign(
        label=["positive", "positive", "neutral", "negative", "negative", "neutral"]
    )


def test_sources_become_outlets_above_the_listing_size(documents):
    listed = scale.source_or_outlet(documents)
    assert listed["d0"] == "AP, 2025-02-03"
    folded = scale.source_or_outlet(documents, limit=5)
    assert folded.tolist() == ["AP", "AP", "AP", "BBC", "BBC", "unknown outlet"]


def test_articles_and_mentions_per_month_and_week_by_outlet(documents, mentions):
    months = scale.counts_over_time(documents, documents, period="month", outlets=1)
    assert months.to_dict("records") == [
        {"period": "2025-02", "outlet": "AP", "articles": 2},
        {"period": "2025-02", "outlet": "other outlets", "articles": 1},
        {"period": "2025-03", "outlet": "AP", "articles": 1},
        {"period": "2025-03", "outlet": "other outlets", "articles": 1},
    ]  # the undated article is left out
    weeks = scale.counts_over_time(mentions, documents, period="week", name="mentions")
    assert weeks[weeks["outlet"] == "AP"][["period", "mentions"]].values.tolist() == [
        ["2025-02-03", 3]
    ]  # Monday 3 February: d0 twice, d1 once
    with pytest.raises(ValueError, match="period must be one of week, month, not 'day'"):
        scale.counts_over_time(documents, documents, period="day")


def test_top_outlets_and_actors(documents, mentions):
    assert scale.top_outlets(documents, n=2).values.tolist() == [["AP", 3], ["BBC", 2]]
    assert scale.top_actors(mentions, n=2).values.tolist() == [["Macron", 4, 3], ["Putin", 1, 1]]


def test_portrayal_grid_is_top_actors_by_top_outlets(documents, mentions):
    grid = scale.portrayal_grid(mentions, documents, actors=1, outlets=1, min_mentions=1)
    assert grid[["actor", "outlet", "n"]].values.tolist() == [
        ["Macron", "AP", 2], ["Macron", "other outlets", 2]]  # fmt: skip


def test_events_ranked_by_sources_and_top_rows_state_the_total():
    events = pd.DataFrame({"event_id": ["E1", "E2", "E3"], "n_sources": [1, 3, 3],
                           "n_statements": [5, 3, 4],
                           "date_start": pd.to_datetime(["2025-01-01"] * 3)})  # fmt: skip
    assert scale.events_by_sources(events, n=2)["event_id"].tolist() == ["E3", "E2"]
    top = scale.top_rows(events, by="n_statements", n=2)
    assert (top.total, top.rows["event_id"].tolist()) == (3, ["E1", "E3"])
    assert top.sentence("events", "events.csv") == (
        "The first 2 of 3 events; all of them are in events.csv.")  # fmt: skip
    assert scale.top_rows(events, by="n_statements", n=9).sentence("events", "x.csv") == (
        "All 3 events; also in x.csv.")  # fmt: skip


def test_counting_by_partition_equals_counting_the_whole_table(tmp_path):
    folder = write_corpus(tmp_path / "corpus", 30)
    corpus = load_corpus(folder, cache=False)
    params = analysis.Parameters(registry_for(corpus))
    docs = list(analysis.document_inputs(corpus))
    analysis.annotate(docs, params, cache=tmp_path / "cache", jobs=1)  # three batches
    parts = list(analysis.table_partitions(corpus, "mentions", cache=tmp_path / "cache",
                                           columns=["doc_id", "actor"]))  # fmt: skip
    assert len(parts) == 3 and list(parts[0].columns) == ["doc_id", "actor"]
    by_parts = scale.partition_counts(parts, ["actor"])
    whole = analysis.analyse_corpus(corpus, cache=tmp_path / "cache", tables=["mentions"])
    expected = whole.mentions.groupby("actor").size().rename("n").reset_index()
    pd.testing.assert_frame_equal(by_parts, expected)
    assert scale.partition_counts([], ["actor"]).columns.tolist() == ["actor", "n"]
