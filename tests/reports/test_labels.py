"""Tests for storylens.reports.labels: sources and dates as a reader names them."""

from __future__ import annotations

import pandas as pd
import pytest

from storylens.reports import labels as lb


def _docs(**columns) -> pd.DataFrame:
    base = {
        "doc_id": ["004_db59", "001_2d7f", "003_3b7b"],
        "title": [None, "Britain and France have taken their clearest step yet", None],
        "outlet": [None, None, "Responsible Statecraft"],
        "published": pd.to_datetime(["2025-02-21", "2026-01-07", "2024-12-13"]),
        "date_source": ["header", "dateline", "metadata"],
        "date_note": ["", "", "Estimated from clues in the text, not stated"],
        "text": ["As Washington and Moscow edge toward negotiations\n\nBody.", "x", "y"],
    }
    base.update(columns)
    return pd.DataFrame(base)


@pytest.mark.parametrize(
    ("ts", "expected"),
    [("2025-02-21", "21 Feb 2025"), (pd.Timestamp("2026-01-07"), "7 Jan 2026"), (None, "")],
)
def test_date_label(ts, expected):
    assert lb.date_label(ts) == expected


def test_labels_name_outlet_or_short_title_and_mark_estimates():
    labels = lb.source_labels(_docs())
    assert (
        labels.to_dict()
        == {
            "004_db59": "As Washington and Moscow edge …, 21 Feb 2025",  # no title: the text's first line
            "001_2d7f": "Britain and France have taken …, 7 Jan 2026*",  # a dateline date is estimated
            "003_3b7b": "Responsible Statecraft, 13 Dec 2024*",  # the metadata note says estimated
        }
    )


def test_sources_are_ordered_by_publication_date():
    assert lb.source_order(_docs()) == [
        "Responsible Statecraft, 13 Dec 2024*",
        "As Washington and Moscow edge …, 21 Feb 2025",
        "Britain and France have taken …, 7 Jan 2026*",
    ]


def test_clashing_labels_get_their_doc_id():
    docs = _docs(outlet=["AP", "AP", "AP"], published=pd.to_datetime(["2025-02-21"] * 3),
                 date_source=["header"] * 3, date_note=[""] * 3)  # fmt: skip
    assert lb.source_labels(docs).tolist() == [
        "AP, 21 Feb 2025 (004_db59)", "AP, 21 Feb 2025 (001_2d7f)", "AP, 21 Feb 2025 (003_3b7b)",
    ]  # fmt: skip


def test_estimated_note_names_each_estimate_and_only_those_shown():
    docs = _docs()
    note = lb.estimated_note(docs)
    assert note.startswith("* date estimated: Britain and France have taken … from its dateline; ")
    assert "Responsible Statecraft from clues noted in the metadata" in note
    assert lb.estimated_note(docs, shown=pd.Series(["004_db59"])) == ""


def test_timeline_rows_resolved_against_an_estimate_are_marked():
    rows = pd.DataFrame({
        "doc_id": ["001_2d7f", "001_2d7f", "004_db59", "001_2d7f"],
        "timex": ["on Thursday", "6 January 2026", "next week", "within two years"],
        "anchored": [True, True, True, False],
        "dated_by": ["expression"] * 4,
    })  # fmt: skip
    # relative to an estimated date / written in full / relative to a stated date / a span
    assert lb.resolved_against_estimate(rows, _docs()).tolist() == [True, False, False, False]


@pytest.mark.parametrize(
    "hostile",
    ["[x](javascript:alert(1)).txt", "[y](javascript:alert(2))", "<script>alert(3)</script>",
     "<javascript:alert(4)>", "**bold** _it_ `code`"],
)  # fmt: skip
def test_escaped_markdown_renders_as_the_literal_text(hostile):
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    page = markdown2html_mistune(f"Outlet: {lb.escape_markdown(hostile)}.")
    assert "href" not in page and "<script" not in page and "<strong>" not in page
    import html

    assert (
        html.unescape(page.replace("<p>", "").replace("</p>", "")).strip() == f"Outlet: {hostile}."
    )
