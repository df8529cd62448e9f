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
    """For a lead (no expression) start = end = its sentence's start, and timex is ""."""
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
    from storylens.timeline import aggregate_timeline, document_timexes, lead_statements

    parts = []
    for doc in seeds.documents.itertuples(index=False):
        sentences = seeds.sentences[seeds.sentences.doc_id == doc.doc_id]
        dct = None if pd.isna(doc.published) else doc.published.date()
        found = document_timexes(doc.text, sentences, dct=dct)
        parts.append(found.assign(doc_id=doc.doc_id, outlet=doc.outlet, published=doc.published))
    timexes = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    leads = lead_statements(seeds.documents, seeds.sentences)
    again = aggregate_timeline(timexes, actor_mentions(seeds), leads=leads)
    pd.testing.assert_frame_equal(again, timeline)
    body = aggregate_timeline(timexes, actor_mentions(seeds), roles=("body",), leads=leads)
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


# ------------------------------------------------ issue #10: events an analyst can trust


@pytest.mark.parametrize(
    "prefix, published, role, opening",
    [
        ("000", "2025-02-19", "title", "Anglo-French Peacekeeping Force in Ukraine"),
        # 001's news (the Paris summit, the declaration) has no date expression at all
        ("001", "2026-01-07", "body", "Britain and France have taken their clearest step"),
        ("003", "2024-12-13", "title", "European 'peacekeepers' in Ukraine?"),
        ("004", "2025-02-21", "body", "As Washington and Moscow edge toward negotiations"),
    ],
)
def test_each_dated_article_has_its_lead_at_its_publication_date(
    timeline, prefix, published, role, opening
):
    leads = timeline[timeline.doc_id.str.startswith(prefix) & (timeline.dated_by == "publication")]
    assert len(leads) == 1
    lead = leads.iloc[0]
    assert (lead.value, lead.date_start, lead.role) == (published, pd.Timestamp(published), role)
    assert lead.sentence.startswith(opening) and lead.timex == "" and lead.anchored


def test_every_dated_article_is_on_the_time_axis(seeds, timeline):
    """Independent re-computation: the documents with a date vs. the sources charted."""
    from storylens.timeline import dated_statements

    dated = set(seeds.documents.loc[seeds.documents.published.notna(), "doc_id"])
    assert len(dated) == 4
    assert set(dated_statements(timeline, coarsest="month").doc_id) == dated
    undated = timeline[timeline.doc_id.str.startswith("002")]
    assert (undated.dated_by == "expression").all()  # no date, no lead
    assert set(timeline.dated_by) == {"expression", "publication"}


CAPTIONS = ["training on shooting drones", "Mar-a-Lago", "Radar MMS", "gives a press conference",
            "greets Britain's Prime Minister"]  # fmt: skip


def test_captions_stay_out_of_events_by_default(timeline):
    events = timeline_events(timeline)
    assert events.captions.sum() == 0
    for caption in CAPTIONS:
        assert not events.sentences.str.contains(caption, regex=False).any(), caption
    assert timeline.loc[timeline.role == "caption", "event_id"].isna().all()


def test_include_captions_brings_them_in_marked(seeds):
    events = timeline_events(build_timeline(seeds, include_captions=True))
    for caption in CAPTIONS:
        hit = events[events.sentences.str.contains(caption, regex=False)]
        assert len(hit) == 1 and hit.captions.iloc[0] == 1, caption
    assert events.captions.sum() == len(CAPTIONS)


def test_a_quote_and_a_caption_of_the_same_day_are_two_events(seeds):
    """Starmer's Monday quote (2025-02-17) is not merged into the Feb. 17 caption."""
    events = timeline_events(build_timeline(seeds, include_captions=True))
    day = events[events.value == "2025-02-17"].set_index("captions")
    assert len(day) == 2
    assert day.loc[0, "sentences"].endswith("Starmer said Monday.")
    assert day.loc[1, "sentence"].startswith("French President Emmanuel Macron, (L) greets")


def test_an_event_shows_all_its_sentences(timeline):
    week = timeline_events(timeline).set_index("value").loc["2025-W09"]
    sentences = week.sentences.split(" | ")
    assert week.n_statements == 2 == len(sentences) and week.n_sources == 2
    assert (
        sentences[0] == week.sentence and "Sir Keir Starmer in Washington next week" in sentences[0]
    )
    assert "visit Washington next week for separate meetings" in sentences[1]
    assert week.actors == "Keir Starmer"  # the actor both sentences name
    assert week.shared_words == "propos; washin"
    # independent re-computation: n_statements equals the rows behind the event id
    for event in timeline_events(timeline).itertuples():
        assert (timeline.event_id == event.event_id).sum() == event.n_statements


def test_the_thursday_sentences_of_003_are_two_events(timeline):
    """Same day (2024-12-12) and both name NATO, but not the same happening."""
    thursday = timeline_events(timeline).set_index("value").loc[["2024-12-12"]]
    assert len(thursday) == 2
    assert thursday.actors.tolist() == [
        "NATO",
        "NATO; Russia; Ukraine; the West",
    ]  # "Western troops"
    assert (
        thursday.sentence.iloc[0]
        == "It was discussed on Thursday by NATO foreign ministers in Brussels."
    )
    assert thursday.sentence.iloc[1].startswith("There is just one problem")
    assert (thursday.n_statements == 1).all()


def test_what_the_filters_leave_out_is_counted_and_said(timeline):
    from storylens.timeline import dated_statements, describe_left_out, statements_left_out

    left = statements_left_out(timeline, coarsest="month")
    years = left[left.reason == "coarser"]
    assert sorted(years.timex) == ["2014", "earlier this year", "pre-2014"]
    assert years.set_index("timex").value.to_dict() == {
        "2014": "2014", "earlier this year": "2024", "pre-2014": "2014"
    }  # fmt: skip
    assert (left.reason == "caption").sum() == len(CAPTIONS)
    said = describe_left_out(left)
    assert (
        "3 year-level expressions not shown: “…that pursuing Ukraine’s pre-2014” (2014); " in said
    )
    assert "5 dated statements in photo captions not shown" in said
    # independent re-computation: shown + left out = every anchored date on the axis
    shown = dated_statements(timeline, coarsest="month")
    axis = timeline[timeline.anchored & timeline.type.isin(["DATE", "TIME"])]
    assert len(shown) + len(left) == len(axis)
    assert set(shown.index).isdisjoint(left.index)


def test_a_date_range_leaves_out_what_lies_outside(timeline):
    from storylens.timeline import describe_left_out, statements_left_out

    left = statements_left_out(timeline, start="2025-01-01", include_captions=True)
    assert set(left.reason) == {"before"}
    assert left.date_end.max() < pd.Timestamp("2025-01-01")
    assert "2024-12-07" in set(left.value)
    said = describe_left_out(left, start="2025-01-01")
    assert said.startswith(f"{len(left)} dated statements before 2025-01-01 not shown: ")


def test_a_lead_is_labelled_by_its_opening(timeline):
    from storylens.timeline import statement_labels

    lead = timeline[(timeline.dated_by == "publication") & timeline.doc_id.str.startswith("001")]
    assert statement_labels(lead, width=40).tolist() == ["Britain and France have taken their…"]
