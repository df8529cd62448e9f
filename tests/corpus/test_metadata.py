"""Tests for storylens.corpus.metadata: the metadata.csv sidecar and tables."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from storylens import corpus as corpus_mod
from storylens.corpus import CorpusError, load_corpus

from .articles import ARTICLE, write


def test_documents_columns_and_metadata(seeds):
    assert list(seeds.documents.columns) == corpus_mod.DOCUMENT_COLUMNS
    doc = seeds.documents.set_index("doc_id").loc["003_3b7b40b3d07fecc0"]
    assert doc.outlet == "Responsible Statecraft"
    assert doc.date_note.startswith("Estimated from clues")
    assert seeds.skipped.empty and not seeds.warnings


def test_metadata_row_without_a_file_warns_naming_the_row(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "metadata.csv", "file,title,published\na.txt,A,2025-01-02\nmissing.txt,B,\n")
    with pytest.warns(
        UserWarning, match=r"metadata row 3 \(file 'missing.txt'\) matches no article"
    ):
        corpus = load_corpus(tmp_path, cache=False)
    doc = corpus.documents.iloc[0]
    assert (doc.title, doc.published.date(), doc.date_source) == ("A", date(2025, 1, 2), "metadata")


def test_unparseable_metadata_date_names_row_and_column(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "metadata.csv", "file,published\na.txt,2025-01-02\na.txt,next Tuesday\n")
    with pytest.raises(
        CorpusError, match=r"row 3 column 'published': cannot read the date 'next Tuesday'"
    ):
        load_corpus(tmp_path, cache=False)


def test_metadata_given_as_a_table(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    table = pd.DataFrame({"file": ["a.txt"], "outlet": ["AP"], "published": ["2025-01-02"]})
    doc = load_corpus(tmp_path, metadata=table, cache=False).documents.iloc[0]
    assert (doc.outlet, doc.published.date(), doc.date_source) == (
        "AP",
        date(2025, 1, 2),
        "metadata",
    )
    with pytest.raises(CorpusError, match=r"metadata row 2 column 'published'"):
        load_corpus(tmp_path, metadata=table.assign(published=["soon"]), cache=False)
