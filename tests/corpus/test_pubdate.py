"""Tests for storylens.corpus.pubdate: where each publication date comes from."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from storylens.corpus import load_corpus
from storylens.corpus.pubdate import text_date, url_date

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


# A 2010 article that recalls an old date in its body (shaped like the BASIL stories).
OLD_DATE_BODY = (
    "Lawmakers want the money for first responders who fell ill after the Sept. 11, 2001 "
    "attacks, and Republicans said Wednesday they would block it until the tax cuts pass.\n"
)


@pytest.mark.parametrize(
    "url, expected",
    [
        ("http://www.foxnews.com/politics/2012/08/21/rep-akin-appeals.html", date(2012, 8, 21)),
        ("https://www.huffingtonpost.com/2010/12/01/senate-gop-bluff_n_790666.html",
         date(2010, 12, 1)),
        ("https://www.nytimes.com/politics/first-draft/2015/07/31/hillary-clinton-releases",
         date(2015, 7, 31)),
        ("https://example.com/news/2010-07-14/story", date(2010, 7, 14)),
        ("https://www.huffingtonpost.com/entry/chuck-schumer_us_5a6639e1e4b0e56300727401", None),
        ("https://example.com/2010/07/story", None),  # no day
        ("https://example.com/2010/13/40/story", None),  # not a date
        (None, None),
    ],
)  # fmt: skip
def test_url_date(url, expected):
    assert url_date(url) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Senate GOP vows to block bills\n\nUpdated Dec. 1, 2010 8:42 p.m. ET\n\nEvery Senate "
         "Republican has signed onto a letter.", (date(2010, 12, 1), "published_line")),
        ("Calling the GOP's bluff\n\nPosted: 12/01/2010 5:28 pm EST\n\nWASHINGTON -- The "
         "Senate GOP's threat will be tested.", (date(2010, 12, 1), "published_line")),
        # a "Published" line beats an "Updated" one, wherever each is
        ("Trump holds off\n\nUpdated November 18, 2017\nPublished November 17, 2017\n\nBody.",
         (date(2017, 11, 17), "published_line")),
        ("With Abortion in the Spotlight\n\nHOUSTON, Aug. 21, 2012 — The decision by "
         "Republican convention delegates poses a challenge.", (date(2012, 8, 21), "dateline")),
        ("Akin\n\nST. LOUIS, Mo., Aug. 21, 2012 -- Rep. Todd Akin said.",
         (date(2012, 8, 21), "dateline")),
        # no date to take: a dateline without one, "Updated" as a word, a date in the text
        ("Calling the GOP's bluff\n\nWASHINGTON -- The Senate GOP's threat will be tested.", None),
        ("Updated figures show the deficit grew on Dec. 1, 2010.", None),
        ("WASHINGTON, Dec. 1, 2010, the Senate met.", None),
        ("FBI agents said Dec. 1, 2010 - the day of the raid.", None),
    ],
)  # fmt: skip
def test_text_date(text, expected):
    found = text_date(text)
    assert (tuple(found) if found else None) == expected


def test_a_url_date_beats_the_latest_date_in_the_body(tmp_path):
    write(tmp_path, "fox.txt", "Senate Republicans vow to block bills\n\n" + OLD_DATE_BODY)
    write(tmp_path, "metadata.csv", "file,url,published\nfox.txt,"
          "https://www.foxnews.com/politics/2010/12/01/senate-republicans-vow.html,\n")  # fmt: skip
    doc = load_corpus(tmp_path, cache=False).documents.iloc[0]
    assert (doc.published.date(), doc.date_source) == (date(2010, 12, 1), "url")


def test_a_url_in_a_jsonl_record_dates_its_article(tmp_path):
    line = {"title": "Senate Republicans vow to block bills", "text": OLD_DATE_BODY,
            "url": "https://www.huffingtonpost.com/2010/12/01/senate-gop-bluff_n_790666.html"}  # fmt: skip
    write(tmp_path, "a.jsonl", json.dumps(line) + "\n")
    doc = load_corpus(tmp_path, cache=False).documents.iloc[0]
    assert (doc.published.date(), doc.date_source) == (date(2010, 12, 1), "url")


@pytest.mark.parametrize(
    "top, expected",
    [
        ("WASHINGTON, Dec. 1, 2010 — ", (date(2010, 12, 1), "dateline")),
        ("Updated Dec. 1, 2010 8:42 p.m. ET\n\n", (date(2010, 12, 1), "published_line")),
        ("", (date(2001, 9, 11), "inferred")),  # nothing better: the body's latest, flagged
    ],
)
def test_a_dateline_or_published_line_beats_the_body(tmp_path, top, expected):
    write(tmp_path, "nyt.txt", "Senate Republicans vow to block bills\n\n" + top + OLD_DATE_BODY)
    doc = load_corpus(tmp_path, cache=False).documents.iloc[0]
    assert (doc.published.date(), doc.date_source) == expected


def test_metadata_and_the_file_beat_the_url(tmp_path):
    write(tmp_path, "a.txt", "date 2010-12-02 Senate Republicans vow\n\n" + OLD_DATE_BODY)
    write(tmp_path, "b.txt", "Calling the GOP's bluff\n\n" + OLD_DATE_BODY)
    url = "https://www.foxnews.com/politics/2010/12/01/senate.html"
    write(tmp_path, "metadata.csv", f"file,url,published\na.txt,{url},\nb.txt,{url},2010-12-03\n")
    docs = load_corpus(tmp_path, cache=False).documents.set_index("path")
    got = {p.split("/")[-1]: (d.published.date(), d.date_source) for p, d in docs.iterrows()}
    assert got == {
        "a.txt": (date(2010, 12, 2), "header"),
        "b.txt": (date(2010, 12, 3), "metadata"),
    }
