"""Tests for storylens.corpus.file_tables: the per-file cache and the snapshot."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from storylens.corpus import file_tables, load_corpus

from .articles import ARTICLE, SEEDS, write


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


def _varied_folder(src):
    """Files that exercise every outcome of reading: plain articles, a stray NUL byte (a
    warning), a binary file and a boilerplate-only file (skipped), a JSONL feed with a bad
    line (a skipped row), a duplicate text, and the seeds."""
    for seed in SEEDS.glob("*.txt"):
        write(src, seed.name, seed.read_bytes())
    for n in range(6):
        write(src, f"n{n}.txt", f"Poland ruled out sending {n + 2},000 troops. Tusk said so.")
    body = (ARTICLE + "Russia refused the plan. " * 50).encode()
    write(src, "nul.txt", body[:40] + b"\x00" + body[40:])
    write(src, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    write(src, "promo.txt", "Advertisement\n\nSign up for our newsletter\n")
    write(src, "feed.jsonl", '{"id": "j1", "text": "Kyiv agreed to talks."}\n{bad\n')
    write(src, "copy.txt", ARTICLE)
    write(src, "a.txt", ARTICLE)


@pytest.mark.parametrize("cache", [False, True], ids=["no cache", "cold cache"])
def test_loading_on_two_processes_gives_the_tables_of_one(tmp_path, monkeypatch, cache):
    """The files to make afresh go to forked processes (here from 2 files on): same
    documents, sentences, tokens, removed lines, skipped files and warnings, in order."""
    import os
    import warnings

    src = tmp_path / "src"
    _varied_folder(src)
    pids = tmp_path / "pids"
    real = file_tables.process_text

    def noted(article):
        with open(pids, "a") as out:
            out.write(f"{os.getpid()}\n")
        return real(article)

    monkeypatch.setattr(file_tables, "process_text", noted)
    monkeypatch.setattr(file_tables, "PARALLEL_FROM", 2)
    loaded = {}
    for jobs in (1, 2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            where = tmp_path / f"cache{jobs}" if cache else False
            loaded[jobs] = (
                load_corpus(src, cache=where, jobs=jobs),
                [str(w.message) for w in caught],
            )
    (one, said_one), (two, said_two) = loaded[1], loaded[2]
    for name in ("documents", "sentences", "tokens", "removed", "skipped"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    assert said_one == said_two and any("stray NUL" in m for m in said_two)
    assert {"image.txt", "promo.txt", "copy.txt"} <= {
        p.rsplit("/", 1)[-1] for p in two.skipped.path
    }
    assert one.warnings == two.warnings
    assert len(set(pids.read_text().split())) > 1  # the second load ran in other processes
