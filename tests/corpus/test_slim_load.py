"""A cached load keeps the documents' texts in Arrow (``slim_records``): the corpus it
gives is the one a load without the cache gives, dates, duplicates and emptied files
included."""

import pandas as pd
import pyarrow as pa

from storylens.corpus import load_corpus
from storylens.corpus.columns import DOCUMENT_RECORD_SCHEMA
from storylens.corpus.file_tables import slim_records
from storylens.corpus.pubdate import TOP_CHARS


def _record(**given):
    base = {name: None for name in DOCUMENT_RECORD_SCHEMA.names}
    base.update(n_sentences=3, n_tokens=9, notes=[], doc_id="a", path="a.txt")
    base.update(given)
    return base


def test_slim_records_keep_what_the_loader_reads_and_the_texts_row_for_row():
    long_raw = "Published 3 March 2025\n" + "word " * 1000
    rows = [
        _record(doc_id="undated", raw=long_raw, text="clean"),
        _record(
            doc_id="dated",
            raw=long_raw,
            text="clean",
            header_date=pd.Timestamp("2025-01-02").date(),
        ),
        _record(doc_id="emptied", raw=long_raw, text="", n_sentences=0),
        _record(doc_id="no-raw", raw="", text="Published 4 March 2025. Then more."),
    ]
    table = pa.Table.from_pylist(rows, schema=DOCUMENT_RECORD_SCHEMA)
    records, texts = slim_records(table)
    assert [r["doc_id"] for r in records] == ["undated", "dated", "emptied", "no-raw"]
    assert all("text" not in r for r in records)
    assert records[0]["raw"] == long_raw[:TOP_CHARS]  # what text_date reads, cut there
    assert records[1]["raw"] is None  # the file dated it: the text is never read for a date
    assert records[2]["raw"] == long_raw  # said in full when it is skipped as emptied
    assert (
        records[3]["raw"] == "Published 4 March 2025. Then more."
    )  # its text, as choose_date reads
    assert texts.column_names == ["text", "raw"]
    assert texts.column("raw").to_pylist() == [r["raw"] for r in rows]


def _write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_a_cached_load_is_the_load_without_cache(tmp_path):
    articles = tmp_path / "news"
    articles.mkdir()
    body = "The ministers met in Paris to discuss the plan. They agreed on nothing."
    _write(articles, "a.txt", "date 2025-02-01\nTitle A\n\n" + body)
    _write(articles, "b.txt", "Title B\n\nPublished 3 March 2025\n\n" + body + " Again.")
    _write(
        articles, "c.txt", "Title B\n\nPublished 3 March 2025\n\n" + body + " Again."
    )  # duplicate
    _write(articles, "d.txt", "Ünïcode ✓ title\n\n" + "Él dijo que sí. " * 200)  # undated, long
    _write(articles, "e.txt", "Advertisement\n\nSign up for our newsletter\n")  # boilerplate only
    cold = load_corpus(articles, cache=False)
    load_corpus(articles, cache=tmp_path / "cache")
    warm = load_corpus(articles, cache=tmp_path / "cache")
    assert warm.documents["doc_id"].tolist() == ["a", "b", "d"]  # c a duplicate, e emptied
    pd.testing.assert_frame_equal(warm.documents, cold.documents)
    pd.testing.assert_frame_equal(warm.sentences, cold.sentences)
    pd.testing.assert_frame_equal(warm.skipped, cold.skipped)
    assert warm.documents.set_index("doc_id").loc["b", "date_source"] == "published_line"
    assert (
        "'Advertisement'"
        in warm.skipped.set_index("reason").loc["nothing left after cleaning", "detail"]
    )
