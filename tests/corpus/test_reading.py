"""Tests for storylens.corpus.reading: bad input and the file formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from storylens.corpus import CorpusError, load_corpus

from .articles import ARTICLE, write


def test_missing_folder_is_an_error_naming_it(tmp_path):
    with pytest.raises(CorpusError, match=re.escape(str(tmp_path / "nowhere"))):
        load_corpus(tmp_path / "nowhere", cache=False)


def test_bad_files_are_skipped_with_a_reason(tmp_path):
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blank.md", "   \n\t\n")
    write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "copy.txt", ARTICLE.replace("\n\n", "\n"))  # same text, other layout
    corpus = load_corpus(tmp_path, cache=False)
    assert corpus.documents.doc_id.tolist() == ["copy"]  # sorted order: copy.txt comes first
    reasons = {
        Path(p).name: r for p, r in zip(corpus.skipped.path, corpus.skipped.reason, strict=True)
    }
    assert reasons == {
        "blank.md": "empty file",
        "empty.txt": "empty file",
        "image.txt": "binary file",
        "good.txt": "duplicate",
    }
    assert (
        corpus.skipped.set_index("reason")
        .loc["duplicate", "detail"]
        .startswith("same text as copy")
    )


def test_cp1252_text_is_decoded_and_the_fallback_recorded(tmp_path):
    write(
        tmp_path,
        "old.txt",
        "Macron’s plan – “reassurance force”. It was rejected.".encode("cp1252"),
    )
    with pytest.warns(UserWarning, match="old.txt: not valid UTF-8; decoded as cp1252"):
        corpus = load_corpus(tmp_path, cache=False)
    doc = corpus.documents.iloc[0]
    assert doc.encoding == "cp1252 (fallback)"
    assert "Macron’s plan – “reassurance force”" in doc.text


def test_csv_and_jsonl_give_one_article_per_row(tmp_path):
    rows = [
        {"id": "a1", "title": "One", "outlet": "AP", "published": "2025-02-21", "text": ARTICLE},
        {"id": "a2", "title": "Two", "text": "Poland ruled out sending troops. Tusk said so."},
        {"id": "a3", "title": "Empty", "text": ""},
    ]
    pd.DataFrame(rows).to_csv(tmp_path / "feed.csv", index=False)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Macron has been particularly vocal. He wants guarantees."})
        + "\n"
    )
    corpus = load_corpus(tmp_path, cache=False)
    docs = corpus.documents.set_index("doc_id")
    assert sorted(docs.index) == ["a1", "a2", "j1"]
    assert (docs.loc["a1", "outlet"], docs.loc["a1", "date_source"]) == ("AP", "header")
    assert corpus.skipped.reason.tolist() == ["empty row"]
    assert "row 4" in corpus.skipped.detail.iloc[0]


def test_html_main_text_is_extracted(tmp_path):
    body = " ".join(
        f"<p>Paragraph {i}: Russia has flatly rejected the idea of European troops in Ukraine, "
        "and Foreign Minister Sergei Lavrov warned that their presence would be unacceptable.</p>"
        for i in range(4)
    )
    html = (
        "<html><head><title>Peace plan faces test</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Peace plan faces test</h1>{body}</article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )
    write(tmp_path, "page.html", html)
    doc = load_corpus(tmp_path, cache=False).documents.iloc[0]
    assert "Paragraph 3: Russia has flatly rejected" in doc.text
    assert "Home" not in doc.text and "Subscribe" not in doc.text
    assert doc.title == "Peace plan faces test"


def test_single_file_source(tmp_path):
    path = write(tmp_path, "one.md", ARTICLE)
    corpus = load_corpus(path, cache=False)
    assert corpus.documents.doc_id.tolist() == ["one"]
    assert corpus.removed.reason.tolist() == ["comments counter"]
