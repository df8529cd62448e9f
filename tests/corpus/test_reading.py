"""Tests for storylens.corpus.reading: bad input and the file formats."""

from __future__ import annotations

import gzip
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


BODY = (
    "Senate Majority Leader Mitch McConnell (R-Ky.) said he would bring up the bill. "
    "Democrats said they would block it."
)


def test_unknown_extensions_and_unread_files_are_listed_with_a_reason(tmp_path):
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "scan.pdf", b"%PDF-1.4 not an article")
    write(tmp_path, "notes", "a file with no extension")
    write(tmp_path, "story.yaml", "name: test\n")  # the story file is a companion, not listed
    corpus = load_corpus(tmp_path, cache=False)
    skipped = corpus.skipped.set_index(corpus.skipped.path.map(lambda p: Path(p).name))
    assert sorted(skipped.index) == ["notes", "scan.pdf"]
    assert skipped.loc["scan.pdf", "reason"] == "unsupported file type"
    assert skipped.loc["scan.pdf", "detail"].startswith(".pdf is not read; convert it to one of")
    assert skipped.loc["notes", "detail"].startswith("no extension is not read")


def test_json_object_and_list_of_objects_are_read(tmp_path):
    write(tmp_path, "one.json", json.dumps({"title": "Bill stalls", "text": BODY, "outlet": "Fox"}))
    items = [{"id": "n1", "title": "Vote set", "body": BODY.replace("block", "delay")},
             {"id": "n2", "text": ""}]  # fmt: skip
    write(tmp_path, "many.json", json.dumps(items))
    write(tmp_path, "config.json", json.dumps({"version": 2, "pages": 3}))
    corpus = load_corpus(tmp_path, cache=False)
    docs = corpus.documents.set_index("doc_id")
    assert sorted(docs.index) == ["n1", "one"]
    assert (docs.loc["one", "outlet"], docs.loc["one", "title"]) == ("Fox", "Bill stalls")
    assert docs.loc["one", "path"].endswith("one.json")
    assert docs.loc["n1", "path"].endswith("many.json#item=1")
    reasons = dict(zip(corpus.skipped.path.map(lambda p: Path(p).name), corpus.skipped.reason,
                       strict=True))  # fmt: skip
    assert reasons == {"config.json": "no text field", "many.json": "empty row"}


def test_gzip_compressed_files_are_read_by_their_inner_name(tmp_path):
    write(tmp_path, "a.txt.gz", gzip.compress(ARTICLE.encode()))
    rows = json.dumps({"id": "j1", "title": "Vote set", "text": BODY}) + "\n"
    write(tmp_path, "feed.jsonl.gz", gzip.compress(rows.encode()))
    html = f"<html><body><article><h1>Bill stalls</h1><p>{BODY}</p></article></body></html>"
    write(tmp_path, "page.html.gz", gzip.compress(html.encode()))
    write(tmp_path, "broken.txt.gz", b"\x1f\x8b\x08 not gzip at all")
    corpus = load_corpus(tmp_path, cache=False)
    docs = corpus.documents.set_index("doc_id")
    assert sorted(docs.index) == ["a", "j1", "page"]
    assert "Mitch McConnell (R-Ky.) said" in docs.loc["page", "text"]
    assert corpus.skipped.reason.tolist() == ["bad gzip"]


def test_an_empty_corpus_is_an_error_naming_the_folder_and_the_skipped(tmp_path):
    write(tmp_path, "a.json", json.dumps({"headline": "No text here"}))
    write(tmp_path, "b.docx", b"PK\x03\x04")
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path, cache=False)
    message = str(err.value)
    assert message.startswith(f"no articles loaded from {tmp_path} (2 files found, 2 skipped)")
    assert "a.json: no text field" in message and "b.docx: unsupported file type" in message
    (tmp_path / "none").mkdir()
    with pytest.raises(CorpusError, match=r"none \(0 files found, 0 skipped\)"):
        load_corpus(tmp_path / "none", cache=False)


def test_row_titles_get_the_title_role_like_txt_headlines(tmp_path):
    rows = [{"id": "r1", "title": "Shutdown  deal\nreached", "text": BODY},
            {"id": "r2", "title": "Vote set", "text": "Vote set\n\n" + BODY}]  # fmt: skip
    pd.DataFrame(rows).to_csv(tmp_path / "feed.csv", index=False)
    corpus = load_corpus(tmp_path, cache=False)
    first = corpus.sentences.groupby("doc_id").first()
    assert first.role.to_dict() == {"r1": "title", "r2": "title"}
    assert first.text.to_dict() == {"r1": "Shutdown deal reached", "r2": "Vote set"}
    assert corpus.sentences.role.tolist().count("title") == 2  # the repeat is removed
    assert corpus.removed.reason.tolist() == ["repeated title"]
    doc = corpus.documents.set_index("doc_id").loc["r1"]
    sent = corpus.sentences[corpus.sentences.doc_id == "r1"].iloc[1]
    assert doc.text[sent.start : sent.end] == sent.text == BODY.split(" Democrats")[0]


def test_html_title_stays_out_of_the_body_and_tables_are_kept(tmp_path):
    rows = "".join(f"<tr><td>Team {i}</td><td>{30 - i} points</td></tr>" for i in range(8))
    html = (
        "<html><head><title>League standings</title></head><body><article>"
        "<h1>League standings</h1><p>The table after the weekend's matches, with the leaders "
        "three points clear of the chasing pack as the season nears its end.</p>"
        f"<table>{rows}</table></article></body></html>"
    )
    write(tmp_path, "standings.html", html)
    doc = load_corpus(tmp_path, cache=False).documents.iloc[0]
    assert doc.title == "League standings"
    assert not doc.text.startswith("League standings")
    assert "Team 7" in doc.text and "23 points" in doc.text


def test_companion_files_name_the_story_file():
    from storylens.actors.registry import STORY_FILE
    from storylens.corpus.reading import COMPANION_FILES

    assert STORY_FILE in COMPANION_FILES


def test_gzip_files_are_cached_by_their_inner_type(tmp_path):
    from storylens.corpus.file_tables import cache_key

    data = gzip.compress(ARTICLE.encode())
    assert cache_key(data, "a.txt.gz") != cache_key(data, "a.html.gz")
    assert cache_key(data, "a.txt.gz") != cache_key(data, "a.txt")
    write(tmp_path / "news", "a.txt.gz", data)
    first = load_corpus(tmp_path / "news", cache=tmp_path / "cache")
    again = load_corpus(tmp_path / "news", cache=tmp_path / "cache")
    assert first.documents.text.tolist() == again.documents.text.tolist()
    assert again.documents.path.iloc[0].endswith("a.txt.gz")


def test_a_jsonl_file_of_other_records_is_skipped_once_with_its_keys(tmp_path):
    write(tmp_path, "good.txt", ARTICLE)
    notes = [{"file": "fox.txt", "sentence": BODY, "polarity": "neg"}] * 3
    write(tmp_path, "annotations.jsonl", "\n".join(json.dumps(n) for n in notes))
    write(tmp_path, "mixed.jsonl", json.dumps({"id": "m1", "text": BODY}) + "\n[1, 2]\n")
    write(tmp_path, "none.json", "[]")
    corpus = load_corpus(tmp_path, cache=False)
    assert sorted(corpus.documents.doc_id) == ["good", "m1"]
    rows = [(Path(p).name, r, d) for p, r, d in corpus.skipped.itertuples(index=False)]
    assert rows == [
        ("annotations.jsonl", "no text field",
         "no line has a text, body or content field (keys seen: file, polarity, sentence); "
         "not articles"),
        ("mixed.jsonl", "not an object", "line 2: not a JSON object"),
        ("none.json", "no articles in JSON",
         "need an object or a list of objects with a text, body or content field"),
    ]  # fmt: skip
