"""Tests for storylens.figures.table: figure_table (claimants, topics), the per-document
table and its aggregation."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storylens.figures import (
    DOCUMENT_FIGURE_COLUMNS,
    FIGURE_TABLE_COLUMNS,
    aggregate_figures,
    document_figures,
    figure_table,
)


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
        # "But Western leaders are discussing ... along the 600-mile front line": since the
        # West is a registered bloc the sentence's subject is taken as the claimant, though
        # the length is the reporter's description (a claimant-rule question, not a bloc one)
        ("600-mile", "the West", "subject", "the front line"),
        (
            "within two years",
            "Michael Clarke",
            "subject",
            "how long the force lasts",
        ),  # "Clarke, ... warned that"
        (
            "20 or 30 years",
            "Michael Clarke",
            "previous sentence",
            "how long the force lasts",
        ),  # "A successful one, he said, ...": he is the previous sentence's Clarke
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


def _document_tables(seeds):
    from storylens.actors import actor_mentions, registry_for

    reg = registry_for(seeds)
    mentions = actor_mentions(seeds, registry=reg)
    for doc in seeds.documents.itertuples(index=False):
        yield document_figures(
            doc.doc_id,
            doc.text,
            seeds.sentences[seeds.sentences.doc_id == doc.doc_id],
            mentions[mentions.doc_id == doc.doc_id],
            reg,
        )


def test_document_tables_aggregate_to_the_corpus_table(seeds, figures):
    tables = list(_document_tables(seeds))
    assert all(list(t.columns) == DOCUMENT_FIGURE_COLUMNS for t in tables)
    assert all(set(t.doc_id) <= {d} for t, d in zip(tables, seeds.documents.doc_id, strict=True))
    combined = pd.concat([t for t in tables if not t.empty], ignore_index=True)
    pd.testing.assert_frame_equal(aggregate_figures(combined, seeds.documents), figures)
    # every document's figures, counted a second way: extract_figures on each text
    from storylens.figures import extract_figures

    # ... less the conversions folded into the figure before them ("600-mile (1,000-kilometer)")
    extracted = sum(len(extract_figures(t)) for t in seeds.documents.text)
    assert len(combined) == extracted - combined.conversion.notna().sum() == extracted - 1
    troops = aggregate_figures(combined, seeds.documents, kinds=["troops"])
    pd.testing.assert_frame_equal(troops, figure_table(seeds, kinds=["troops"]))
    assert list(troops.columns) == FIGURE_TABLE_COLUMNS


def test_document_figures_without_figures_or_sentences(seeds):
    from storylens.actors import registry_for

    reg = registry_for(seeds)
    none = document_figures("x", "No numbers here.", seeds.sentences.iloc[:0], pd.DataFrame(), reg)
    assert none.empty and list(none.columns) == DOCUMENT_FIGURE_COLUMNS


def test_aggregate_filters_roles(seeds):
    combined = pd.concat(list(_document_tables(seeds)), ignore_index=True)
    titles = aggregate_figures(combined, seeds.documents, roles=["title"])
    assert set(titles.role) <= {"title"}
    assert len(titles) == (combined.role == "title").sum()


@pytest.mark.parametrize(
    "text, claim",
    [
        ("up to 30,000 troops", "plan"),  # "a proposed Anglo-French plan to deploy up to"
        ("30,000 troops", "plan"),  # "A Western force of 30,000 troops ... would"
        ("40,000 heavily armed European “peacekeepers”", "plan"),  # "to discuss a plan for"
        ("fewer than 30,000 European troops", "plan"),  # "The ... plan envisions"
        ("200,000 troops", "demand"),  # "that Ukrainian President Zelensky believes are necessary"
        ("more than 100,000 European troops", "demand"),  # "Zelenskyy has called for a force of"
        ("an estimated 600,000 Russian troops", "estimate"),
        ("one problem", "incidental"),  # "There is just one problem:"
        ("two", "incidental"),  # "no essential difference between the two"
        ("three primary missions", "incidental"),  # "with three primary missions:"
        ("more than two dozen leaders", "other"),  # "The summit brought together"
    ],
)
def test_claim_of_each_seed_figure(figures, text, claim):
    assert figures[figures.text == text].claim.tolist() == [claim]


def test_every_troop_figure_has_its_claim(figures):
    troops = figures[figures.kind == "troops"]
    assert troops.claim.value_counts().to_dict() == {"plan": 4, "demand": 2, "estimate": 1}


def test_a_conversion_is_one_figure_with_its_conversion(figures):
    line = figures[figures.topic == "the front line"]
    assert line[["text", "conversion", "unit"]].values.tolist() == [
        ["600-mile", "1,000-kilometer", "mile"]
    ]
    assert figures.conversion.notna().sum() == 1


@pytest.mark.parametrize(
    "text, conversions",
    [
        ("the 600-mile (1,000-kilometer) front line", ["1,000-kilometer"]),
        ("a bill of $100 (€90) was paid", ["€90"]),
        ("5 miles (8 km) away and 3 miles away", ["8 km", None]),
        ("30,000 troops (about a third of the army)", [None, None]),  # not another unit
        ("600 miles and (ahem) 1,000 km", [None, None]),  # not alone in the brackets
    ],
)
def test_merge_conversions(text, conversions):
    from storylens.figures import extract_figures
    from storylens.figures.table import merge_conversions

    merged = merge_conversions(text, extract_figures(text).to_dict("records"))
    assert [r["conversion"] for r in merged] == conversions


def test_a_pronoun_speaker_needs_a_previous_sentence_with_a_person(seeds):
    from storylens.actors import registry_for
    from storylens.figures.table import carried_speaker

    reg = registry_for(seeds)
    previous = "Michael Clarke warned that the force could collapse."
    spans = [(0, 14, "michael-clarke")]
    assert carried_speaker("It could last, he said, 20 years.", previous, spans, reg) == [
        "michael-clarke"
    ]
    assert carried_speaker("It could last 20 years.", previous, spans, reg) == []  # no pronoun
    russia = [(0, 6, "RU")]
    russian = "Russia warned that the force could collapse."
    assert carried_speaker("It could last, he said, 20 years.", russian, russia, reg) == []
    assert carried_speaker("It could last, they said, 20 years.", russian, russia, reg) == ["RU"]


def test_a_count_names_its_noun_in_the_kind(seeds):
    from storylens.actors import registry_for
    from storylens.figures import table_kind

    assert table_kind("count", "votes") == "count: votes"
    assert table_kind("count", None) == "count" and table_kind("money", None) == "money"
    text = "The measure got 81 votes, and Democrats added 3,000 jobs."
    sentences = pd.DataFrame(
        {"doc_id": ["x"], "sent_id": [0], "start": [0], "end": [len(text)], "text": [text],
         "role": ["body"]}
    )  # fmt: skip
    table = document_figures("x", text, sentences, pd.DataFrame(), registry_for(seeds))
    got = table[["text", "kind", "topic", "change", "change_part"]].fillna("")
    assert got.values.tolist() == [
        ["81 votes", "count: votes", "count: votes", "", ""],
        ["3,000 jobs", "count: jobs", "count: jobs", "increase", "amount"],
    ]
    # "count" keeps every count, as a kinds filter
    kept = aggregate_figures(
        table.assign(role="body"),
        pd.DataFrame({"doc_id": ["x"], "outlet": ["o"], "published": [pd.NaT]}),
        kinds=["count"],
    )
    assert kept.kind.tolist() == ["count: votes", "count: jobs"]


FAST_PATH_TEXTS = [
    "The 600-mile (1,000-kilometer) border would need a force of up to 200,000 troops.",
    "Spending rose from 2% to 3.5% of GDP, about $40 billion a year.",
    "It could last 20 or 30 years, Mr Clarke said.",
    "between the two of them",
]


def _same_records(text):
    from storylens.figures.extract import extract_figures, figure_records

    fast, slow = figure_records(text), extract_figures(text).to_dict("records")
    assert len(fast) == len(slow)
    for a, b in zip(fast, slow, strict=True):
        assert list(a) == list(b)
        for name in a:
            assert type(a[name]) is type(b[name]), (name, a[name], b[name])
            assert a[name] == b[name] or (a[name] != a[name] and b[name] != b[name])
    return len(fast)


def test_figure_records_are_to_dict_records_on_every_seed(seeds):
    assert sum(_same_records(text) for text in seeds.documents["text"]) > 10


@pytest.mark.parametrize("text", FAST_PATH_TEXTS)
def test_figure_records_are_to_dict_records(text):
    from storylens.figures.extract import extract_figures, figure_records

    fast, slow = figure_records(text), extract_figures(text).to_dict("records")
    assert len(fast) == len(slow) > 0
    for a, b in zip(fast, slow, strict=True):
        assert list(a) == list(b)
        for name in a:
            assert type(a[name]) is type(b[name]), (name, a[name], b[name])
            assert a[name] == b[name] or (a[name] != a[name] and b[name] != b[name])


@pytest.mark.parametrize(
    "rows",
    [
        [("d1", 0, "body", None, 1.5, True, "km"), ("d1", 1, "title", "x", float("nan"), None, 3)],
        [("d1", 0, "body", "600-mile", 1.0, False, "mile")],
        [("d2", 3, "caption", None, None, pd.NA, None), ("d2", 4, "body", None, 2.0, True, "")],
    ],
)
def test_records_table_is_the_dataframe_of_the_rows(rows):
    from storylens.figures.table import _records_table

    columns = ["doc_id", "sent_id", "role", "conversion", "low", "flag", "unit"]
    pd.testing.assert_frame_equal(
        _records_table(rows, columns), pd.DataFrame(rows, columns=columns)
    )


@pytest.mark.parametrize(
    "column",
    [
        (None, None),  # no conversion
        (None, True),  # a flag unknown for one figure
        (None, False, True),
        ("year", float("nan")),  # a unit missing for one figure
        (float("nan"), "percent", "percent"),
        ("year", 2.0),  # a real number among text: pandas decides
        ("year", None, float("nan")),
        (float("nan"), float("nan")),
        (1, "a"),
    ],
)
def test_records_table_as_the_dataframe_constructor(column):
    from storylens.figures import table

    rows = [(i, value) for i, value in enumerate(column)]
    expected = pd.DataFrame(rows, columns=["n", "x"])
    found = table._records_table(rows, ["n", "x"])
    assert found["x"].dtype == expected["x"].dtype
    assert [type(v) for v in found["x"]] == [type(v) for v in expected["x"]]  # None, NaN
    pd.testing.assert_frame_equal(found, expected, check_exact=True)
