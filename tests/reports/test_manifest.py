"""Tests for storylens.reports.manifest: corpus files, hashes and the glance."""

from __future__ import annotations

from storylens import load_corpus
from storylens.paths import seeds_dir
from storylens.reports import manifest as rp


def test_corpus_files_hashes_agree_with_the_seeds_checksum_file():
    files = {f["path"]: f for f in rp.corpus_files(seeds_dir())}
    listed = dict(
        reversed(line.split()) for line in (seeds_dir() / "SHA256SUMS").read_text().splitlines()
    )
    assert {name: files[name]["sha256"] for name in listed} == listed
    assert files["metadata.csv"]["bytes"] == (seeds_dir() / "metadata.csv").stat().st_size


def test_corpus_glance_counts_agree_with_the_loaded_tables():
    glance = rp.corpus_glance(seeds_dir()).summary
    loaded = load_corpus(seeds_dir(), cache=False)
    assert glance["documents"] == len(list(seeds_dir().glob("*.txt")))
    assert glance["sentences"] == len(loaded.sentences)
    assert glance["tokens"] == len(loaded.tokens)
    dated = loaded.documents["published"].dropna().sort_values()
    assert (glance["date_min"], glance["date_max"]) == (
        dated.iloc[0].strftime("%Y-%m-%d"),
        dated.iloc[-1].strftime("%Y-%m-%d"),
    )
    assert glance["undated"] + len(dated) == glance["documents"]
    assert sum(glance["outlets"].values()) + glance["no_outlet"] == glance["documents"]


def test_corpus_glance_lists_every_document_for_the_index():
    glance = rp.corpus_glance(seeds_dir())
    loaded = load_corpus(seeds_dir(), cache=False)
    assert [d["doc_id"] for d in glance.documents] == loaded.documents["doc_id"].tolist()
    assert sum(d["n_tokens"] for d in glance.documents) == glance.summary["tokens"]


def test_index_rows_carry_what_the_source_labels_need(tmp_path):
    from storylens.reports.render import index_note, index_rows

    (tmp_path / "a.txt").write_text(
        "Britain and France are prepared to send troops to Ukraine, officials said on Friday.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("Macron spoke in Paris on Monday.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,published,date_note\n"
        "a.txt,,2025-02-21,\n"
        "b.txt,AP,2025-02-19,Estimated from clues in the text\n",
        encoding="utf-8",
    )
    documents = rp.corpus_glance(tmp_path).documents
    by_id = {d["first_words"]: d for d in documents}
    assert set(by_id) == {
        "Britain and France are prepared to send troops to Ukraine, officials said",
        "Macron spoke in Paris on Monday.",
    }
    assert (
        by_id["Macron spoke in Paris on Monday."]["date_note"] == "Estimated from clues in the text"
    )
    rows = index_rows(documents)
    assert [r["source"] for r in rows] == [
        "AP, 19 Feb 2025*",
        "Britain and France are prepared …, 21 Feb 2025",
    ]
    assert index_note(documents) == (
        "* date estimated: AP from clues noted in the metadata. So is everything dated against such a date."
    )
