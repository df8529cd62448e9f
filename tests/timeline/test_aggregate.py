"""Tests for storylens.timeline.aggregate on a whole corpus: build_timeline and timeline_events."""

from __future__ import annotations

import pandas as pd
import pytest

from storylens.timeline import build_timeline, timeline_events


@pytest.fixture(scope="module")
def timeline(seeds):
    return build_timeline(seeds)


@pytest.mark.parametrize(
    "prefix, timex, value, start, end",
    [
        ("003", "December 7", "2024-12-07", "2024-12-07", "2024-12-07"),
        ("003", "November", "2024-11", "2024-11-01", "2024-11-30"),  # a month covers its days
        (
            "004",
            "Thursday",
            "2025-02-27",
            "2025-02-27",
            "2025-02-27",
        ),  # "set to meet Trump on Thursday"
        ("004", "Monday", "2025-02-17", "2025-02-17", "2025-02-17"),  # "Starmer said Monday"
        ("004", "next week", "2025-W09", "2025-02-24", "2025-03-02"),  # a week Monday to Sunday
        (
            "000",
            "next week",
            "2025-W09",
            "2025-02-24",
            "2025-03-02",
        ),  # anchored on the inferred date
    ],
)
def test_statements_are_anchored_to_the_publication_date(
    timeline, prefix, timex, value, start, end
):
    row = timeline[timeline.doc_id.str.startswith(prefix) & (timeline.timex == timex)].iloc[0]
    assert (row.value, row.date_start, row.date_end) == (
        value,
        pd.Timestamp(start),
        pd.Timestamp(end),
    )
    assert row.anchored


def test_an_undated_document_keeps_absolute_dates_only():
    from storylens.corpus import Article, Corpus, process_text

    text = "Talks resume\n\nThe envoys met on Thursday. The accord was signed on May 20, 2016."
    p = process_text(Article(doc_id="u", path="u", raw=text))
    docs = pd.DataFrame([{**p.document, "published": pd.NaT, "date_source": "unknown"}])
    corpus = Corpus(docs, pd.DataFrame(p.sentences), pd.DataFrame(p.tokens), pd.DataFrame(p.removed),
                    pd.DataFrame(), source="u")  # fmt: skip
    table = build_timeline(corpus).set_index("timex")
    assert not table.loc["Thursday", "anchored"] and pd.isna(table.loc["Thursday", "date_start"])
    assert table.loc["Thursday", "value"].startswith("XXXX")
    assert table.loc["May 20, 2016", "anchored"]


def test_offsets_and_sentences_point_into_the_text(seeds, timeline):
    texts = seeds.documents.set_index("doc_id").text
    sentences = seeds.sentences.set_index(["doc_id", "sent_id"]).text
    for row in timeline.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.timex
        assert sentences[(row.doc_id, row.sent_id)] == row.sentence
        assert row.timex in row.sentence


def test_actors_in_the_sentence(timeline):
    row = timeline[timeline.timex == "December 7"].iloc[0]
    assert row.actors == "Donald Trump; Emmanuel Macron; Volodymyr Zelensky"


def test_the_same_event_in_two_sources_is_one_event(timeline):
    """'next week' in 000 and 004: Starmer in Washington, told by both."""
    events = timeline_events(timeline)
    week = events[events.value == "2025-W09"]
    assert week.n_sources.tolist() == [2]
    assert "Keir Starmer" in week.actors.iloc[0]
    # independent re-computation: n_sources equals the documents behind the event id
    for event in events.itertuples():
        docs = timeline.loc[timeline.event_id == event.event_id, "doc_id"].nunique()
        assert docs == event.n_sources


def test_events_filter_by_date_and_granularity(timeline):
    events = timeline_events(timeline, start="2024-11-01", end="2026-01-31", coarsest="month")
    assert events.date_end.min() >= pd.Timestamp("2024-11-01")
    assert set(events.granularity) <= {"time", "day", "week", "month"}
    assert "2014" not in set(events.value)
    assert events.date_start.is_monotonic_increasing


def test_durations_and_references_have_no_interval(timeline):
    others = timeline[timeline.type.isin(["DURATION", "SET"]) | timeline.value.str.endswith("_REF")]
    assert len(others) > 0
    assert others.date_start.isna().all() and not others.anchored.any()


def test_dated_statements_keep_what_fits_a_time_axis(timeline):
    from storylens.timeline import dated_statements

    kept = dated_statements(timeline, coarsest="week")
    assert set(kept.granularity) <= {"time", "day", "week"} and kept.anchored.all()
    assert set(kept.type) <= {"DATE", "TIME"}
    assert "2025-W09" in set(kept.value) and "2024-11" not in set(kept.value)
    with pytest.raises(ValueError, match="'fortnight' is not one of time, day, week"):
        dated_statements(timeline, coarsest="fortnight")


def test_build_timeline_is_the_aggregate_of_the_per_document_tables(seeds, timeline):
    """Independent re-computation: one document at a time, then aggregate_timeline."""
    from storylens.actors import actor_mentions
    from storylens.timeline import aggregate_timeline, document_timexes

    parts = []
    for doc in seeds.documents.itertuples(index=False):
        sentences = seeds.sentences[seeds.sentences.doc_id == doc.doc_id]
        dct = None if pd.isna(doc.published) else doc.published.date()
        found = document_timexes(doc.text, sentences, dct=dct)
        parts.append(found.assign(doc_id=doc.doc_id, outlet=doc.outlet, published=doc.published))
    timexes = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    again = aggregate_timeline(timexes, actor_mentions(seeds))
    pd.testing.assert_frame_equal(again, timeline)
    body = aggregate_timeline(timexes, actor_mentions(seeds), roles=("body",))
    assert set(body.role) == {"body"}
    assert len(body) == (timeline.role == "body").sum()


def test_aggregate_timeline_of_nothing_has_the_columns():
    from storylens.timeline import TIMELINE_COLUMNS, aggregate_timeline

    empty = aggregate_timeline(pd.DataFrame(), pd.DataFrame(columns=["doc_id", "sent_id", "actor"]))
    assert empty.empty and list(empty.columns) == TIMELINE_COLUMNS


def test_document_timexes_keeps_every_role(seeds):
    """Filtering by role is the aggregation's job: a caption's dates are in the table."""
    from storylens.timeline import document_timexes

    doc = seeds.documents[seeds.documents.doc_id.str.startswith("004")].iloc[0]
    sentences = seeds.sentences[seeds.sentences.doc_id == doc.doc_id]
    found = document_timexes(doc.text, sentences, dct=doc.published.date())
    assert {"body", "caption"} <= set(found.role)
    for row in found.itertuples():
        assert doc.text[row.start : row.end] == row.text and row.text in row.sentence
