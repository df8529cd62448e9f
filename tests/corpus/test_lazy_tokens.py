"""Tests for the tokens table made on first read (issue #13): ``load_corpus`` leaves it in
the cache or as Arrow, ``Corpus.tokens`` makes it once and keeps it, and it is the table
an eager load made (columns, dtypes, row order, renamed doc_ids, dropped duplicates)."""

from __future__ import annotations

import contextlib
import pickle
import shutil

import pandas as pd
import pyarrow as pa
import pytest

from storylens.corpus import Corpus, assemble, file_tables, load_corpus
from storylens.corpus.columns import TABLE_SCHEMAS, TOKEN_COLUMNS
from storylens.corpus.errors import CorpusError
from storylens.corpus.process import process_text
from storylens.corpus.reading import Article

from .articles import ARTICLE, SEEDS, write

TOKENS = "Poland ruled out sending troops. Tusk said so on Feb. 3, 2025."


def _renamed_and_duplicate(folder):
    """A corpus of 3 files: ``a``, ``sub/a`` (renamed ``a-2``) and a duplicate of ``a``."""
    write(folder, "a.txt", ARTICLE)
    write(folder, "copy.txt", ARTICLE.replace("\n\n", "\n"))  # same text: dropped
    write(folder / "sub", "a.txt", TOKENS)  # same stem: renamed a-2
    return folder


@pytest.fixture
def built(monkeypatch):
    """The number of token frames made so far (each :meth:`TableOnDemand.frame` call)."""
    calls = []
    real = assemble.TableOnDemand.frame
    monkeypatch.setattr(assemble.TableOnDemand, "frame", lambda s: calls.append(1) or real(s))
    return calls


def _load(source, cache) -> Corpus:
    renames = source.name == "mixed"
    with pytest.warns(UserWarning, match="renamed") if renames else contextlib.nullcontext():
        return load_corpus(source, cache=cache)


def _eager_tokens(corpus: Corpus) -> pd.DataFrame:
    """The tokens an eager load makes: each kept document processed on its own, with
    the doc_id the corpus gave it (independent of the combined tables and the cache)."""
    frames = []
    for doc in corpus.documents.itertuples():
        file_path, _, row = doc.path.partition("#")
        stem = file_path.rsplit("/", 1)[-1].split(".")[0]
        raw = open(file_path, encoding="utf-8").read()  # noqa: SIM115 (a test)
        processed = process_text(Article(doc_id=stem, path=doc.path, raw=raw))
        frame = pd.DataFrame(processed.tokens).assign(doc_id=doc.doc_id)
        frames.append(frame[TOKEN_COLUMNS])
    return pd.concat(frames, ignore_index=True)


@pytest.mark.parametrize("corpus_name", ["seeds", "mixed"])
@pytest.mark.parametrize("cache", ["none", "cold", "warm"])
def test_tokens_are_made_on_first_read_and_equal_the_eager_table(
    tmp_path, built, corpus_name, cache
):
    source = SEEDS if corpus_name == "seeds" else _renamed_and_duplicate(tmp_path / "mixed")
    folder = False if cache == "none" else tmp_path / "cache"
    if cache == "warm":
        _load(source, folder)
    loaded = _load(source, folder)
    assert (built, loaded.tokens_loaded) == ([], False)
    tokens = loaded.tokens
    assert (len(built), loaded.tokens_loaded) == (1, True)
    assert loaded.tokens is tokens and len(built) == 1  # made once, then kept
    pd.testing.assert_frame_equal(tokens, _eager_tokens(loaded), check_dtype=False)
    assert tokens.dtypes.to_dict() == _arrow_dtypes()
    assert loaded.n_tokens == len(tokens) == loaded.documents["n_tokens"].sum() > 0
    if cache != "none":
        pd.testing.assert_frame_equal(tokens, _load(source, False).tokens)


def _arrow_dtypes() -> dict:
    """The pandas dtypes of the tokens schema (what the eager load converted to)."""
    return TABLE_SCHEMAS["tokens"].empty_table().to_pandas().dtypes.to_dict()


def test_renamed_and_dropped_documents_keep_their_tokens_right(tmp_path):
    with pytest.warns(UserWarning, match="renamed 'a-2'"):
        corpus = load_corpus(_renamed_and_duplicate(tmp_path / "mixed"), cache=tmp_path / "c")
    assert corpus.documents.doc_id.tolist() == ["a", "a-2"]
    assert corpus.skipped.reason.tolist() == ["duplicate"]
    counts = corpus.tokens["doc_id"].value_counts().to_dict()
    assert counts == corpus.documents.set_index("doc_id")["n_tokens"].to_dict()
    assert corpus.tokens["doc_id"].tolist() == sorted(corpus.tokens["doc_id"])  # file order
    texts = corpus.documents.set_index("doc_id")["text"]
    assert all(texts[t.doc_id][t.start : t.end] == t.token for t in corpus.tokens.itertuples())
    assert corpus.tokens.query("doc_id == 'a-2'")["token"].head(3).tolist() == [
        "Poland", "ruled", "out"]  # fmt: skip


def test_a_warm_load_reads_no_token_rows(tmp_path, monkeypatch):
    """The snapshot read at loading holds no tokens table: those rows stay on disk."""
    load_corpus(cache=tmp_path)
    read = []
    real = file_tables.TableStore.get_tables

    def recording(store, keys, names=None):
        found = real(store, keys, names)
        read.extend(name for entry in found.values() for name in entry)
        return found

    monkeypatch.setattr(file_tables.TableStore, "get_tables", recording)
    corpus = load_corpus(cache=tmp_path)
    assert sorted(read) == ["documents", "removed", "result_files", "sentences", "skipped"]
    assert len(corpus.tokens) == corpus.documents["n_tokens"].sum() == 4850
    assert read[-1:] == ["tokens"]


@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_read_all_leaves_the_tokens_in_the_cache(tmp_path, cache):
    files = sorted(SEEDS.glob("*.txt"))
    if cache == "warm":
        file_tables.read_all(files, cache_root=tmp_path)
    combined, _ = file_tables.read_all(files, cache_root=tmp_path)
    assert isinstance(combined.tokens, file_tables.CachedTable)
    uncached, _ = file_tables.read_all(files, cache_root=None)
    assert isinstance(uncached.tokens, pa.Table)
    assert combined.tokens_table().equals(uncached.tokens)


def test_tokens_are_made_afresh_when_the_cache_was_cleared(tmp_path, seeds):
    corpus = load_corpus(cache=tmp_path)
    shutil.rmtree(tmp_path / "corpus")
    pd.testing.assert_frame_equal(corpus.tokens, seeds.tokens)


def test_a_file_changed_after_the_cache_was_cleared_is_named(tmp_path):
    src = tmp_path / "src"
    write(src, "a.txt", ARTICLE)
    path = write(src, "b.txt", TOKENS)
    corpus = load_corpus(src, cache=tmp_path / "cache")
    shutil.rmtree(tmp_path / "cache")
    path.write_text(TOKENS.replace("Feb. 3", "Feb. 4"), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"b\.txt has changed .*its content changed.*again"):
        corpus.tokens  # noqa: B018 (reading it makes it)


def test_a_corpus_made_with_a_tokens_frame_uses_it(seeds):
    """Positional construction, as the actor and timeline tests do, and assignment."""
    corpus = Corpus(seeds.documents, seeds.sentences, seeds.tokens, seeds.removed,
                    seeds.skipped, "test")  # fmt: skip
    assert corpus.tokens is seeds.tokens and corpus.tokens_loaded
    fewer = seeds.tokens.head(3)
    corpus.tokens = fewer
    assert corpus.tokens is fewer and corpus.n_tokens == 3
    with pytest.raises(TypeError, match="tokens"):
        Corpus(seeds.documents, seeds.sentences)  # tokens has no default


def test_the_summary_and_repr_count_tokens_without_making_them(tmp_path, built):
    corpus = load_corpus(cache=tmp_path)
    assert "tokens: 4,850" in corpus.summary()
    assert repr(corpus).endswith("233 sentences, tokens 4,850 (not made)>")
    assert built == [] and not corpus.tokens_loaded


@pytest.mark.parametrize("cache", [False, True])
def test_a_pickled_corpus_keeps_its_tokens_to_make(tmp_path, seeds, cache):
    """A corpus sent to another process (pickled) still makes its tokens there."""
    corpus = load_corpus(cache=tmp_path if cache else False)
    copy = pickle.loads(pickle.dumps(corpus))
    assert not copy.tokens_loaded
    pd.testing.assert_frame_equal(copy.tokens, seeds.tokens)


def test_tokens_of_files_not_in_the_cache_are_made_when_read(tmp_path, monkeypatch):
    """A file with a skipped row is not cached, and a cache that cannot be written holds
    no file: their tokens are made again from the files when read, the same as a load
    without a cache."""
    src = tmp_path / "src"
    write(src, "a.txt", ARTICLE)
    write(src, "feed.csv", f'id,text\nok,"{TOKENS}"\nempty,""\n')  # row 3 skipped
    eager = load_corpus(src, cache=False)
    cold = load_corpus(src, cache=tmp_path / "cache")
    assert cold.skipped["path"].str.endswith("feed.csv").any()
    assert "ok" in set(cold.tokens["doc_id"])  # from feed.csv, which has a skipped row
    pd.testing.assert_frame_equal(cold.tokens, eager.tokens)

    def unwritable(store, entries):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(file_tables.TableStore, "put_many", unwritable)
    with pytest.warns(UserWarning, match="cache not written"):
        full = load_corpus(src, cache=tmp_path / "full")
    pd.testing.assert_frame_equal(full.tokens, eager.tokens)
    pd.testing.assert_frame_equal(full.sentences, eager.sentences)
