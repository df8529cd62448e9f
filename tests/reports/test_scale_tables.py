"""Evidence tables above a report's size: the first rows, the total stated, texts cut."""

from __future__ import annotations

import re

import pandas as pd

from storylens.reports import tables as tb

SENTENCE = (
    "Britain and France are working on a plan for a European 'reassurance force' of up to "
    "30,000 troops that would be deployed to Ukraine after a ceasefire, to deter Russia from "
    "launching a new invasion, officials in London and Paris said on Thursday, adding that "
    "the force would not be sent to the front line."
)  # 300 characters: longer than tb.LONG_TEXT


def mentions(n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": [f"article-{i:06d}" for i in range(n)], "sent_id": list(range(n)),
        "actor": ["France"] * n, "sentence": [f"{i}: {SENTENCE}" for i in range(n)],
    })  # fmt: skip


def test_the_first_rows_are_shown_with_the_total_and_a_link_to_every_row():
    page = tb.table_html(mentions(120), columns=["actor", "sentence"], first=50,
                         what="mentions", csv="/tmp/out/data/02-actor-sentiment/m.csv")  # fmt: skip
    note = re.search(r'<p class="sl-table-note">(.*?)</p>', page).group(1)
    assert note == ('The first 50 of 120 mentions; all of them are in <a href="../data/'
                    '02-actor-sentiment/m.csv">the data as CSV (m.csv)</a>.')  # fmt: skip
    shown = {int(n) for n in re.findall(r"(\d+): Britain", page)}
    assert shown == set(range(50))  # the first 50 rows, no more
    assert "<details" not in page and "… (cut)" in page  # long texts cut, not carried whole


def test_the_page_does_not_grow_with_the_table():
    sizes = [len(tb.table_html(mentions(n), columns=["actor", "sentence"], first=50))
             for n in (100, 1000)]  # fmt: skip
    assert abs(sizes[1] - sizes[0]) <= 10  # only the total's digits differ


def test_a_table_within_the_limit_is_whole_and_says_so():
    page = tb.table_html(mentions(3), columns=["actor", "sentence"], first=50, what="mentions")
    assert re.search(r'sl-table-note">All 3 mentions; also in the data behind this report\.<', page)
    assert len(re.findall("<tr>", page)) == 4  # header and three rows


def test_without_first_the_table_is_as_before():
    df = mentions(20)
    assert tb.table_html(df, first=None) == tb.table_html(df)
    assert "<details" in tb.table_html(df)  # long texts folded, complete on demand
