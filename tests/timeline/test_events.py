"""Tests for storylens.timeline.events: which statements tell the same happening."""

from __future__ import annotations

import pandas as pd
import pytest

from storylens.timeline import group_events, happening_words
from storylens.timeline.events import EVENT_COLUMNS, SENTENCE_SEP, summarise_events

# The seed sentences (003, 004, 000), with the actors the registry finds in them.
THURSDAY_NATO = ("It was discussed on Thursday by NATO foreign ministers in Brussels.", "NATO")
THURSDAY_RUSSIA = (
    "There is just one problem: According to every Russian official and expert with whom my "
    "colleagues and I have spoken (most recently on Thursday), the idea of Western troops in "
    "Ukraine is just as unacceptable to Moscow as Ukraine's membership of NATO.",
    "NATO; Russia; Ukraine",
)
WEEK_000 = (
    "This proposal, set to be discussed by Sir Keir Starmer in Washington next week, includes "
    "support from US and NATO partners", "Keir Starmer; NATO; United States",
)  # fmt: skip
WEEK_004 = (
    "After months of behind-the-scenes talks, the proposal is gaining traction and is expected "
    "to be a key topic when British Prime Minister Keir Starmer and French President Emmanuel "
    "Macron visit Washington next week for separate meetings with President Donald Trump.",
    "Donald Trump; Emmanuel Macron; Keir Starmer",
)


def rows(*statements, value="2024-12-12", timex="Thursday"):
    return pd.DataFrame({
        "value": value, "anchored": True, "timex": timex,
        "sentence": [s for s, _ in statements], "actors": [a for _, a in statements],
    })  # fmt: skip


@pytest.mark.parametrize(
    "statements, value, timex, expected",
    [
        # same day, a shared actor (NATO), nothing else in common: two happenings
        ([THURSDAY_NATO, THURSDAY_RUSSIA], "2024-12-12", "Thursday", ["E0001", "E0002"]),
        # Starmer in Washington next week, told by 000 and 004: one
        ([WEEK_000, WEEK_004], "2025-W09", "next week", ["E0001", "E0001"]),
        # the same words but no actor in common: two
        ([WEEK_000, (WEEK_004[0], "Donald Trump")], "2025-W09", "next week", ["E0001", "E0002"]),
    ],
)
def test_group_events_needs_the_same_happening(statements, value, timex, expected):
    assert group_events(rows(*statements, value=value, timex=timex)) == expected


def test_group_events_needs_the_same_value_and_skips_unanchored():
    table = pd.concat([rows(WEEK_000, value="2025-W09"), rows(WEEK_004, value="2025-W10")])
    assert group_events(table) == ["E0001", "E0002"]
    assert group_events(table.assign(anchored=[True, False])) == ["E0001", None]


def test_a_third_statement_must_share_an_actor_the_event_shares():
    """Each event keeps the actors all its statements name; a statement joins only by one
    of those (Keir Starmer here), not by an actor one member alone names (NATO)."""
    nato_only = (WEEK_004[0], "NATO")
    table = rows(WEEK_000, WEEK_004, nato_only, value="2025-W09", timex="next week")
    assert group_events(table) == ["E0001", "E0001", "E0002"]


@pytest.mark.parametrize(
    "sentence, timex, actors, expected",
    [
        (
            *THURSDAY_NATO[:1],
            "Thursday",
            "NATO",
            ["brusse", "discus", "foreig"],
        ),  # "ministers" ignored
        (
            WEEK_000[0],
            "next week",
            WEEK_000[1],
            ["discus", "includ", "partne", "propos", "set", "suppor", "washin"],
        ),  # fmt: skip
    ],
)
def test_happening_words_leave_out_the_date_the_actors_and_stop_words(
    sentence, timex, actors, expected
):
    assert sorted(happening_words(sentence, timex, actors)) == expected


def _one_event(event_id: str, group: pd.DataFrame) -> dict:
    """The plain per-event summary (one frame per event) the grouped one must equal."""
    actors = set.intersection(*[set(a.split("; ")) - {""} for a in group["actors"]])
    counts: dict[str, int] = {}
    for rec in group.itertuples():
        for w in happening_words(rec.sentence, rec.timex, rec.actors):
            counts[w] = counts.get(w, 0) + 1
    return {
        "event_id": event_id, "value": group["value"].iloc[0],
        "date_start": group["date_start"].min(), "date_end": group["date_end"].max(),
        "granularity": group["granularity"].iloc[0],
        "dated_by": "expression" if (group["dated_by"] == "expression").any() else "publication",
        "actors": "; ".join(sorted(actors)), "doc_ids": "; ".join(sorted(set(group["doc_id"]))),
        "n_sources": group["doc_id"].nunique(), "n_statements": len(group),
        "captions": int((group["role"] == "caption").sum()),
        "shared_words": "; ".join(sorted(w for w, n in counts.items() if n > 1)),
        "timex": group["timex"].iloc[0], "sentence": group["sentence"].iloc[0],
        "sentences": SENTENCE_SEP.join(group["sentence"]),
    }  # fmt: skip


def test_summarise_events_equals_one_summary_per_event():
    """Events interleaved in row order, several documents, a caption, a lead dated by
    publication, a missing end date and an unanchored row: the grouped summary is the
    plain one, row for row and type for type."""
    statements = [WEEK_000, THURSDAY_NATO, WEEK_004, THURSDAY_RUSSIA, WEEK_000, THURSDAY_NATO]
    table = rows(*statements).assign(
        event_id=["E0001", "E0002", "E0001", "E0003", None, "E0002"],
        value=["2025-W09", "2024-12-12", "2025-W09", "2024-12-12", "2025-W09", "2024-12-12"],
        doc_id=["000", "003", "004", "003", "001", "001"],
        role=["body", "body", "caption", "body", "body", "lead"],
        dated_by=["expression", "publication", "publication", "expression", "expression",
                  "publication"],
        granularity=["week", "day", "week", "day", "week", "day"],
        date_start=pd.to_datetime(["2025-02-24", "2024-12-12", "2025-02-24", "2024-12-12",
                                   "2025-02-24", "2024-12-11"]),
        date_end=pd.to_datetime(["2025-03-02", None, "2025-03-03", "2024-12-12", "2025-03-02",
                                 "2024-12-12"]),
    )  # fmt: skip
    got = summarise_events(table)
    kept = table.dropna(subset=["event_id"])
    plain = (
        pd.DataFrame(
            [_one_event(k, g) for k, g in kept.groupby("event_id", sort=False)],
            columns=EVENT_COLUMNS,
        )
        .sort_values(["date_start", "date_end", "event_id"])
        .reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(got, plain, check_exact=True)
    assert got["event_id"].tolist() == ["E0002", "E0003", "E0001"]
    assert got.loc[2, ["n_sources", "n_statements", "captions"]].tolist() == [2, 2, 1]
    assert summarise_events(table.assign(event_id=None)).columns.tolist() == EVENT_COLUMNS
