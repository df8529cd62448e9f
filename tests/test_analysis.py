"""The per-document pass: one pass, cached by content, the same tables however it runs."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from storylens import analysis, load_corpus
from storylens.actors import actor_mentions, actor_stances, stance_evidence
from storylens.analysis import DocumentInput, Parameters, analyse_corpus, analyse_document
from storylens.figures import figure_table
from storylens.paths import seeds_dir
from storylens.timeline import build_timeline


@pytest.fixture()
def seed_copy(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir(), folder)
    return folder


def _assert_same(a, b):
    for name in analysis.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_like=False)


def test_every_table_covers_every_document(seeds):
    result = analyse_corpus(seeds, cache=False)
    docs = set(seeds.documents["doc_id"])
    for name in analysis.TABLES:
        table = getattr(result, name)
        assert len(table), name
        assert set(table["doc_id"]) <= docs, name
    # every mention has its sentiment score, row for row, computed in the same pass
    scores = result.sentiment
    assert scores[["doc_id", "start", "end"]].equals(result.mentions[["doc_id", "start", "end"]])
    assert scores["sentiment"].between(-1, 1).all()
    assert set(scores["label"]) <= {"negative", "neutral", "positive"}


def test_offsets_point_into_the_document_text(seeds):
    result = analyse_corpus(seeds, cache=False)
    texts = dict(zip(seeds.documents["doc_id"], seeds.documents["text"], strict=True))
    for name, column in (("mentions", "text"), ("figures", "text"), ("timexes", "text")):
        table = getattr(result, name)
        for row in table.itertuples(index=False):
            assert texts[row.doc_id][row.start : row.end] == getattr(row, column), (name, row)


def test_document_pass_is_a_function_of_the_document_alone(seeds):
    """Annotating one document alone gives its rows of the corpus pass."""
    params = Parameters(analysis_registry(seeds))
    whole = analyse_corpus(seeds, cache=False)
    for doc in analysis.document_inputs(seeds):
        alone = analyse_document(doc, params)
        for name in analysis.TABLES:
            rows = getattr(whole, name)
            rows = rows[rows["doc_id"] == doc.doc_id].reset_index(drop=True)
            got = getattr(alone, name).reset_index(drop=True)
            pd.testing.assert_frame_equal(got, rows, check_dtype=False, obj=name)


def analysis_registry(corpus):
    from storylens.actors import registry_for

    return registry_for(corpus)


def test_corpus_functions_aggregate_the_pass(seeds):
    """The corpus-level functions read the pass: computed two ways, the same rows."""
    result = analyse_corpus(seeds, cache=False)
    mentions = actor_mentions(seeds)
    assert len(mentions) == len(result.mentions)
    assert list(mentions["start"]) == list(result.mentions["start"])
    evidence = stance_evidence(seeds, roles=("title", "body", "caption"))
    assert len(evidence) == len(result.stances)
    timeline = build_timeline(seeds, leads=False)  # the expressions; leads come from the documents
    assert len(timeline) == len(result.timexes)
    figures = figure_table(seeds)
    assert len(figures) == len(result.figures)
    stances = actor_stances(seeds)
    cues_per_actor = result.stances[result.stances["role"].isin(["title", "body"])]
    # stances count evidence sentences, each once per actor
    sentences = cues_per_actor.drop_duplicates(["doc_id", "actor_id", "sent_id"])
    assert stances["n_sentences"].sum() == len(sentences)


def test_one_pass_per_corpus_and_parameters(seeds):
    first = analyse_corpus(seeds, cache=False)
    again = analyse_corpus(seeds, cache=False)
    for name in analysis.TABLES:
        assert getattr(again, name) is getattr(first, name), name
    # other topic terms change the stance cues only: the rest is reused, not recomputed
    other_topic = analyse_corpus(seeds, cache=False, topic=["peacekeepers"])
    assert other_topic.stances is not first.stances
    assert other_topic.computed == {"stances": len(seeds)}
    assert other_topic.mentions is first.mentions and other_topic.figures is first.figures
    assert other_topic.sentiment is first.sentiment


def test_tables_are_computed_when_asked_for(seed_copy):
    corpus = load_corpus(seed_copy, cache=False)
    only = analyse_corpus(corpus, tables=["mentions"])
    assert only.computed == {"mentions": len(corpus)}
    assert only.figures is None and only.timexes is None and only.stances is None
    assert only.sentiment is None
    figures = analyse_corpus(corpus, tables=["figures"])
    assert figures.computed == {"figures": len(corpus)}  # the mentions are reused
    assert figures.mentions is only.mentions
    with pytest.raises(ValueError, match="unknown tables \\['events'\\]"):
        analyse_corpus(corpus, tables=["events"])


def test_parameters_fingerprint_follows_what_changes_results(seeds):
    reg = analysis_registry(seeds)
    base = Parameters(reg).fingerprint
    assert Parameters(reg).fingerprint == base
    assert Parameters(reg, topic=("force",)).fingerprint != base


def test_cache_reannotates_only_the_edited_document(seed_copy, tmp_path):
    cache = tmp_path / "cache"
    corpus = load_corpus(seed_copy, cache=cache, progress=False)
    first = analyse_corpus(corpus, cache=cache)
    n = len(corpus)
    assert first.computed == dict.fromkeys(analysis.TABLES, n)
    assert first.cached == dict.fromkeys(analysis.TABLES, 0)

    analysis.clear_memo()
    again = analyse_corpus(load_corpus(seed_copy, cache=cache, progress=False), cache=cache)
    assert again.computed == dict.fromkeys(analysis.TABLES, 0)
    assert again.cached == dict.fromkeys(analysis.TABLES, n)
    _assert_same(again, first)

    edited = sorted(seed_copy.glob("*.txt"))[1]
    edited.write_text(edited.read_text("utf-8") + "\nMacron said on Monday he backed it.\n")
    analysis.clear_memo()
    changed = load_corpus(seed_copy, cache=cache, progress=False)
    after = analyse_corpus(changed, cache=cache)
    assert after.computed == dict.fromkeys(analysis.TABLES, 1)
    assert after.cached == dict.fromkeys(analysis.TABLES, n - 1)
    analysis.clear_memo()
    fresh = analyse_corpus(load_corpus(seed_copy, cache=False), cache=False)
    _assert_same(after, fresh)


def test_same_tables_in_processes(seeds):
    params = Parameters(analysis_registry(seeds))
    docs = list(analysis.document_inputs(seeds))
    one = analysis.run_pass(docs, params, cache=False, jobs=1)
    two = analysis.run_pass(docs, params, cache=False, jobs=2)
    _assert_same(one, two)


def test_empty_document_list_gives_typed_empty_tables(seeds):
    params = Parameters(analysis_registry(seeds))
    empty = analysis.run_pass([], params, cache=False)
    for name in analysis.TABLES:
        table = getattr(empty, name)
        assert len(table) == 0 and len(table.columns) > 3, name


def test_document_input_key_changes_with_date(seeds):
    doc = next(analysis.document_inputs(seeds))
    moved = DocumentInput(doc.doc_id, doc.text, None, doc.sentences)
    assert doc.content_key != moved.content_key


def test_document_inputs_hash_what_each_document_holds(seeds):
    """The keys hashed from the corpus's columns equal each document's own hash, and
    the documents are the same whether a document's sentences are one run of rows or
    spread over the table (then copied) or absent."""
    from types import SimpleNamespace

    docs = analysis.DocumentInputs(seeds)
    assert len(docs) == len(seeds.documents)
    for doc, key in zip(docs, docs.content_keys, strict=True):
        fresh = DocumentInput(doc.doc_id, doc.text, doc.published, doc.sentences)
        assert fresh.content_key == key == doc.content_key
        assert doc.sentences["doc_id"].eq(doc.doc_id).all()
    spread = seeds.sentences.sample(frac=1.0, random_state=0)
    last = seeds.documents["doc_id"].iloc[-1]
    spread = spread[spread["doc_id"] != last]  # the last document has no sentence here
    shuffled = analysis.DocumentInputs(SimpleNamespace(documents=seeds.documents, sentences=spread))
    for doc, other in zip(docs[:-1], shuffled[:-1], strict=True):
        order = other.sentences.sort_values("sent_id")
        pd.testing.assert_frame_equal(doc.sentences.reset_index(drop=True),
                                      order.reset_index(drop=True))  # fmt: skip
        assert DocumentInput(other.doc_id, other.text, other.published, order).content_key == (
            doc.content_key
        )
    empty = shuffled[len(shuffled) - 1]
    assert empty.doc_id == last and empty.sentences.empty
    assert empty.content_key != docs[len(docs) - 1].content_key


# ------------------------------------------------------------ the chunked pass (prepass)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """30 varied articles (storylens.synthetic), loaded without the corpus cache."""
    from storylens.synthetic import write_corpus

    folder = write_corpus(tmp_path_factory.mktemp("generated") / "corpus", 30)
    return folder


def test_chunked_pass_fills_the_cache_the_corpus_pass_reads(generated, tmp_path):
    corpus = load_corpus(generated, cache=False)
    params = Parameters(analysis_registry(corpus))
    docs = list(analysis.document_inputs(corpus))
    assert analysis.annotate(docs, params, cache=tmp_path, jobs=1) == 30
    assert analysis.annotate(docs, params, cache=tmp_path, jobs=1) == 0  # all stored
    read = analyse_corpus(corpus, cache=tmp_path)
    assert read.computed == dict.fromkeys(analysis.TABLES, 0)
    analysis.clear_memo()
    _assert_same(read, analyse_corpus(load_corpus(generated, cache=False), cache=False))


def test_same_tables_whatever_the_number_of_jobs(generated, tmp_path):
    corpus = load_corpus(generated, cache=False)
    params = Parameters(analysis_registry(corpus))
    docs = list(analysis.document_inputs(corpus))
    chunks = analysis.pending_chunks(docs, params, cache=tmp_path / "two", workers=2)
    assert len(chunks) == 3  # 30 documents, at least ten a chunk: really in parallel
    seen = []
    analysis.run_chunks(chunks, params, tmp_path / "two", jobs=2, progress=seen.append)
    assert sorted(seen) == [10, 10, 10]
    analysis.annotate(docs, params, cache=tmp_path / "one", jobs=1)
    one = analyse_corpus(corpus, cache=tmp_path / "one")
    analysis.clear_memo()
    two = analyse_corpus(corpus, cache=tmp_path / "two")
    assert one.computed == two.computed == dict.fromkeys(analysis.TABLES, 0)
    _assert_same(one, two)


def test_adding_documents_annotates_only_those(tmp_path):
    from storylens.synthetic import write_corpus

    folder = write_corpus(tmp_path / "corpus", 30)
    cache = tmp_path / "cache"
    corpus = load_corpus(folder, cache=False)
    params = Parameters(analysis_registry(corpus))
    assert analysis.annotate(list(analysis.document_inputs(corpus)), params, cache=cache) == 30
    write_corpus(folder, 3, first=30)
    grown = load_corpus(folder, cache=False)
    docs = list(analysis.document_inputs(grown))
    pending = analysis.pending_chunks(docs, params, cache=cache)
    added = {doc.doc_id for chunk in pending for doc, _ in chunk.items}
    assert added == {"article-000030", "article-000031", "article-000032"}
    assert analysis.annotate(docs, params, cache=cache) == 3
    assert analyse_corpus(grown, cache=cache).computed == dict.fromkeys(analysis.TABLES, 0)


def test_chunk_computes_only_the_missing_tables(seeds):
    params = Parameters(analysis_registry(seeds))
    doc = next(analysis.document_inputs(seeds))
    whole = analyse_document(doc, params)
    chunk = analysis.Chunk(((doc, {"sentiment": "k1", "timexes": "k2"}),))
    found = analysis.analyse_chunk(chunk, params)
    assert set(found) == {"sentiment", "timexes"}  # the mentions read, not kept
    pd.testing.assert_frame_equal(found["sentiment"]["k1"], whole.sentiment)
    pd.testing.assert_frame_equal(found["timexes"]["k2"], whole.timexes)


def test_pass_log_counts_what_each_table_pass_computed(seeds, tmp_path, monkeypatch):
    log = tmp_path / "pass.jsonl"
    monkeypatch.setenv(analysis.PASS_LOG_VARIABLE, str(log))
    analysis.clear_memo()
    analyse_corpus(seeds, cache=tmp_path / "cache", tables=["timexes"])
    analysis.clear_memo()
    analyse_corpus(seeds, cache=tmp_path / "cache", tables=["timexes"])
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(x["table"], x["computed"], x["cached"]) for x in lines] == [
        ("timexes", len(seeds), 0),
        ("timexes", 0, len(seeds)),
    ]


def test_compacting_the_cache_drops_what_the_corpus_no_longer_has(seed_copy, tmp_path):
    corpus = load_corpus(seed_copy, cache=False)
    params = Parameters(analysis_registry(corpus))
    docs = list(analysis.document_inputs(corpus))
    analysis.annotate(docs[:2], params, cache=tmp_path)
    analysis.annotate(docs, params, cache=tmp_path)  # a second batch per table
    removed = analysis.compact_cache(docs[1:], params, tmp_path)
    assert removed == dict.fromkeys(analysis.TABLES, 2)
    pending = analysis.pending_chunks(docs, params, cache=tmp_path)
    assert [doc.doc_id for chunk in pending for doc, _ in chunk.items] == [docs[0].doc_id]


def test_code_fingerprint_follows_every_data_file(tmp_path, monkeypatch):
    """A cache entry is not reused after any packaged file changes, whatever its kind
    (the sentiment word clusters are a .tsv); compiled files do not count."""
    (tmp_path / "data").mkdir()
    (tmp_path / "module.py").write_text("x = 1\n")
    (tmp_path / "data" / "clusters.tsv").write_text("word\t1\n")
    monkeypatch.setattr(analysis.resources, "files", lambda _: tmp_path)
    analysis.code_fingerprint.cache_clear()
    try:
        before = analysis.code_fingerprint()
        (tmp_path / "__pycache__").mkdir()
        (tmp_path / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"\0")
        analysis.code_fingerprint.cache_clear()
        assert analysis.code_fingerprint() == before
        (tmp_path / "data" / "clusters.tsv").write_text("word\t2\n")
        analysis.code_fingerprint.cache_clear()
        assert analysis.code_fingerprint() != before
    finally:
        analysis.code_fingerprint.cache_clear()
