"""Tests for storylens.corpus.file_tables: the per-file cache and the snapshot."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from storylens.corpus import file_tables, load_corpus

from .articles import ARTICLE, write


def test_cache_is_used_and_only_changed_files_are_redone(tmp_path, monkeypatch):
    src = tmp_path / "src"
    write(src, "a.txt", ARTICLE)
    write(src, "b.txt", "Poland ruled out sending troops. Tusk said so on Feb. 3, 2025.")
    cache = tmp_path / "cache"
    first = load_corpus(src, cache=cache)

    calls = []
    real = file_tables.process_text
    monkeypatch.setattr(file_tables, "process_text", lambda a: calls.append(a.doc_id) or real(a))
    second = load_corpus(src, cache=cache)
    assert calls == []
    for name in ("documents", "sentences", "tokens", "removed"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))

    write(src, "b.txt", "Poland ruled out sending troops. Tusk said so on Feb. 4, 2025.")
    third = load_corpus(src, cache=cache)
    assert calls == ["b"]
    assert third.documents.set_index("doc_id").loc["b", "published"].day == 4


def test_an_unchanged_corpus_is_read_from_one_snapshot(tmp_path, monkeypatch):
    src, cache = tmp_path / "src", tmp_path / "cache"
    write(src, "a.txt", ARTICLE)
    write(src, "copy.txt", ARTICLE.replace("\n\n", "\n"))  # a duplicate, listed in skipped
    write(src / "sub", "a.txt", "Poland ruled out sending troops. Tusk said so.")  # same stem
    with pytest.warns(UserWarning, match="already used; renamed 'a-2'"):
        first = load_corpus(src, cache=cache)
    for entry in (cache / "corpus").iterdir():  # leave only the snapshot
        if entry.name != "snapshots":
            shutil.rmtree(entry)
    calls = []
    real = file_tables.process_text
    monkeypatch.setattr(file_tables, "process_text", lambda a: calls.append(a.doc_id) or real(a))
    with pytest.warns(UserWarning, match="already used; renamed 'a-2'"):
        second = load_corpus(src, cache=cache)
    assert calls == []
    for name in ("documents", "sentences", "tokens", "removed", "skipped"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))
    assert sorted(second.documents.doc_id) == ["a", "a-2"]
    assert second.skipped.reason.tolist() == ["duplicate"]


def test_cached_tables_equal_fresh_ones_on_the_seeds(seeds, tmp_path):
    """Cold cache, snapshot and per-file batches all give the tables of a fresh load."""
    cold = load_corpus(cache=tmp_path)
    snapshot = load_corpus(cache=tmp_path)
    shutil.rmtree(tmp_path / "corpus" / "snapshots")
    from_batches = load_corpus(cache=tmp_path)
    for loaded in (cold, snapshot, from_batches):
        for name in ("documents", "sentences", "tokens", "removed", "skipped"):
            pd.testing.assert_frame_equal(getattr(loaded, name), getattr(seeds, name))
