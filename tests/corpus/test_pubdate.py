"""Tests for storylens.corpus.pubdate: where each publication date comes from."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from storylens.corpus import load_corpus

from .articles import write


@pytest.mark.parametrize(
    "prefix, published, source",
    [
        ("000", date(2025, 2, 19), "inferred"),  # latest dated caption, 19 February 2025
        ("001", date(2026, 1, 7), "metadata"),
        ("002", None, "unknown"),
        ("003", date(2024, 12, 13), "metadata"),
        ("004", date(2025, 2, 21), "header"),  # " date 2025-02-21 As Washington ..."
    ],
)
def test_publication_dates_and_their_source(seeds, prefix, published, source):
    doc = seeds.documents[seeds.documents.doc_id.str.startswith(prefix)].iloc[0]
    assert doc.date_source == source
    if published is None:
        assert pd.isna(doc.published)
    else:
        assert doc.published.date() == published


def test_header_date_is_taken_out_of_the_body(seeds):
    text = seeds.text("004_db5903f6822ba59a")
    assert text.startswith("As Washington and Moscow edge toward negotiations")
    assert "2025-02-21" not in text
    removed = seeds.removed[seeds.removed.doc_id == "004_db5903f6822ba59a"]
    assert removed.reason.tolist() == ["date header"]


def test_inferred_date_is_the_latest_full_date_and_marked(tmp_path):
    write(tmp_path, "a.txt", "Talks began on Feb. 3, 2025 in Riyadh. A deal was signed on "
          "March 1, 2025. It follows the 2014 accords.\n")  # fmt: skip
    doc = load_corpus(tmp_path, cache=False).documents.iloc[0]
    assert (doc.published.date(), doc.date_source) == (date(2025, 3, 1), "inferred")
