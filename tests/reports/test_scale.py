"""Aggregates for big corpora (storylens.reports.scale): sizes that follow the reader."""

from __future__ import annotations

import pandas as pd
import pyarrow.compute as pc
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
    # rows chosen while reading, on a column not read: the same rows as a pandas filter
    actor = expected["actor"].iloc[0]
    chosen = analysis.table_partitions(corpus, "mentions", cache=tmp_path / "cache",
                                       columns=["doc_id"], where=pc.field("actor") == actor)  # fmt: skip
    chosen = pd.concat(list(chosen), ignore_index=True)
    assert list(chosen.columns) == ["doc_id"]
    wanted = whole.mentions.loc[whole.mentions["actor"] == actor, "doc_id"]
    assert sorted(chosen["doc_id"]) == sorted(wanted)  # parts come in batch order
    assert 0 < len(chosen) < len(whole.mentions)


@pytest.mark.parametrize(
    "articles, limit, aggregate, first, unit",
    [
        (60, 0, False, None, "source"),  # 0: the library's LIST_ARTICLES_UP_TO (60)
        (61, 0, True, 50, "outlet"),
        (80, 20, True, 50, "outlet"),
        (20, 20, False, None, "source"),
    ],
)
def test_a_report_aggregates_only_above_its_size(articles, limit, aggregate, first, unit):
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(articles)]})
    sc = scale.report_scale(docs, limit=limit)
    assert (sc.limit, sc.aggregate, sc.first, sc.unit) == (
        limit or scale.LIST_ARTICLES_UP_TO, aggregate, first, unit)  # fmt: skip
    with pytest.raises(ValueError, match="list_articles_up_to must be 0 .* not -1"):
        scale.report_scale(docs, limit=-1)


def test_names_are_listed_in_full_below_the_size_and_cut_above_it():
    names = [f"Metro Times, {d} Feb 2025" for d in range(1, 15)]
    assert scale.ReportScale(5, limit=10).listed(names) == "; ".join(names)
    cut = scale.ReportScale(50, limit=10).listed(names)
    assert cut == "; ".join(names[:10]) + " and 4 more"
    assert scale.ReportScale(50, limit=10).listed(names[:3]) == "; ".join(names[:3])


def test_rows_are_summed_per_outlet_with_the_rest_folded(documents):
    lines = pd.DataFrame({"doc_id": ["d0", "d1", "d3", "d5", "d5"],
                          "reason": ["navigation", "navigation", "navigation", "image credit",
                                     "navigation"], "lines": [3, 1, 2, 5, 1]})  # fmt: skip
    table = scale.by_outlet(lines, documents, keys=["reason"], value="lines", top=1)
    assert table.values.tolist() == [
        ["AP", "navigation", 4], ["other outlets", "image credit", 5],
        ["other outlets", "navigation", 3]]  # fmt: skip
    counted = scale.by_outlet(lines, documents, keys=[], name="rows", top=2)
    assert dict(counted.values.tolist()) == {"AP": 2, "BBC": 1, "other outlets": 2}
    assert counted["rows"].sum() == len(lines)  # every row counted once
    assert scale.outlet_order(documents, top=2) == ["AP", "BBC", "other outlets"]
    assert scale.with_outlet(lines, documents, top=None)["outlet"].tolist() == [
        "AP", "AP", "BBC", "unknown outlet", "unknown outlet"]  # fmt: skip


@pytest.mark.parametrize(
    "dates, period",
    [
        (["2025-02-19", "2025-03-02"], "week"),  # the seeds' fortnight
        (["2025-01-01", "2025-07-03"], "week"),  # 183 days
        (["2025-01-01", "2025-07-04"], "month"),
        ([None], "month"),
    ],
)
def test_short_spans_count_by_week_long_ones_by_month(dates, period):
    assert scale.choose_period(pd.Series(pd.to_datetime(dates))) == period


def test_statements_are_counted_at_their_own_date(documents):
    statements = pd.DataFrame({"doc_id": ["d0", "d0", "d3"],
                               "date_start": pd.to_datetime(["2025-01-06", "2025-02-24",
                                                             "2025-01-07"])})  # fmt: skip
    table = scale.counts_over_time(statements, documents, period="week", name="statements",
                                   when="date_start")  # fmt: skip
    assert table.values.tolist() == [
        ["2025-01-06", "AP", 1], ["2025-01-06", "BBC", 1], ["2025-02-24", "AP", 1]]  # fmt: skip


def test_event_bars_rank_and_label_the_events_told_by_the_most_sources():
    events = pd.DataFrame({
        "event_id": ["E1", "E2", "E3"], "n_sources": [1, 4, 2], "n_statements": [1, 5, 2],
        "date_start": pd.to_datetime(["2025-02-17", "2025-02-24", "2025-03-02"]),
        "sentence": ["European leaders met in Paris on Monday.",
                     "Starmer, set to meet Trump on Thursday, said Europe must step up.",
                     "Leaders gathered at Lancaster House on Sunday."],
    })  # fmt: skip
    bars = scale.event_bars(events, n=2, width=30)
    assert bars["event_id"].tolist() == ["E2", "E3"] and bars["rank"].tolist() == [1, 2]
    assert bars["event"].tolist() == [
        "1. 24 Feb 2025: Starmer, set to meet Trump on…",
        "2. 2 Mar 2025: Leaders gathered at Lancaster…",
    ]


def test_top_claims_count_the_articles_and_outlets_giving_each_figure():
    rows = [("d0", "AP", "up to 30,000 troops", "upper", None, 30000.0),
            ("d1", "AP", "up to 30,000 troops", "upper", None, 30000.0),
            ("d1", "AP", "up to 30,000 troops", "upper", None, 30000.0),
            ("d3", "BBC", "as many as 30,000 troops", "upper", None, 30000.0),
            ("d4", "BBC", "more than 100,000 troops", "lower", 100000.0, None),
            ("d5", "RS", "200,000 troops", "exact", 200000.0, 200000.0),
            ("d6", "RS", "200,000 troops", "exact", 200000.0, 200000.0)]  # fmt: skip
    figures = pd.DataFrame(rows, columns=["doc_id", "outlet", "text", "qualifier", "low", "high"])
    figures = figures.assign(topic="the proposed force", claim="plan", value=figures["high"])
    claims = scale.top_claims(figures, n=2)
    assert claims[["text", "n_figures", "n_articles", "n_outlets"]].values.tolist() == [
        ["up to 30,000 troops", 4, 3, 2], ["200,000 troops", 2, 2, 1]]  # fmt: skip
    recount = figures[figures["qualifier"] == "upper"]  # the same claim, counted by hand
    assert claims.loc[0, "n_articles"] == recount["doc_id"].nunique()
    none = scale.top_claims(figures.iloc[:0])
    assert none.empty and (none[["n_figures", "n_articles", "n_outlets"]].dtypes == "int64").all()
    assert scale.claim_labels(none).empty  # and labelling no claim is no error


def test_terms_and_stances_are_counted_in_articles():
    terms = pd.DataFrame({"doc_id": ["d0", "d1", "d1", "d3"], "outlet": ["AP", "AP", "AP", "BBC"],
                          "term": ["peacekeepers", "peacekeepers", "summit", "peacekeepers"]})  # fmt: skip
    assert scale.term_counts(terms, n=1).values.tolist() == [
        ["peacekeepers", "AP", 2], ["peacekeepers", "BBC", 1]]  # fmt: skip
    stances = pd.DataFrame({"doc_id": ["d0", "d1", "d3", "d3"],
                            "actor": ["France", "France", "France", "Germany"],
                            "stance": ["support", "support", "conditional support", "oppose"]})  # fmt: skip
    assert scale.stance_counts(stances, actors=1).values.tolist() == [
        ["France", "conditional support", 1], ["France", "support", 2]]  # fmt: skip
    assert scale.stance_counts(stances.iloc[:0]).columns.tolist() == ["actor", "stance", "articles"]


@pytest.mark.parametrize(
    "labels, period, bars",
    [
        (["2025-02", "2025-04"], "month", ["2025-02", "2025-03", "2025-04"]),  # March: a gap
        (["2025-02-24", "2025-02-17"], "week", ["2025-02-17", "2025-02-24"]),
        (["1994-05", "2025-02"], "month", ["1994-05", "2025-02"]),  # 370 months: only these
        ([], "week", []),
    ],
)
def test_period_charts_show_empty_periods_as_gaps_within_reason(labels, period, bars):
    assert scale.all_periods(pd.Series(labels, dtype=object), period) == bars
