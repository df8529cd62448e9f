"""The per-document pass on a real Dask cluster (a scheduler and two worker processes on
127.0.0.1): the same cache entries, and so the same tables, as on this machine."""

from __future__ import annotations

import pandas as pd
import pytest

from storylens import analysis, cluster, load_corpus
from storylens.actors import registry_for
from storylens.analysis import Parameters, analyse_corpus
from storylens.synthetic import write_corpus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dask_cluster():
    """A LocalCluster of two single-threaded worker processes, always closed."""
    from distributed import LocalCluster

    local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                         host="127.0.0.1", dashboard_address=None)  # fmt: skip
    try:
        yield local
    finally:
        local.close()


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    """The seeds and 200 generated articles, with the seeds' story file."""
    import shutil

    from storylens.paths import seeds_dir

    folder = write_corpus(tmp_path_factory.mktemp("cluster") / "corpus", 200)
    for path in seeds_dir().glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return load_corpus(folder, cache=False)


def _tables(docs, params, cache):
    result = analysis.run_pass(docs, params, cache=cache)
    assert result.computed == dict.fromkeys(analysis.TABLES, 0)  # all from the cache
    return result


@pytest.mark.parametrize("workers_write", [True, False], ids=["workers write", "gathered"])
def test_cluster_pass_equals_the_local_one(dask_cluster, big_corpus, tmp_path, monkeypatch,
                                           workers_write):  # fmt: skip
    params = Parameters(registry_for(big_corpus))
    docs = list(analysis.document_inputs(big_corpus))
    if not workers_write:  # as on a cluster that cannot see this machine's folder
        monkeypatch.setattr(cluster, "workers_see", lambda client, folder: False)
        docs = docs[:40]  # the seeds and 35 articles: the same code path, less time
    chunks = analysis.pending_chunks(docs, params, cache=tmp_path / "dask", workers=2)
    seen = []
    with cluster.connect(dask_cluster.scheduler_address) as client:
        assert cluster.check_workers(client) == 2
        cluster.run_chunks(client, chunks, params, tmp_path / "dask", progress=seen.append)
    assert sum(seen) == len(docs) == (205 if workers_write else 40)
    analysis.annotate(docs, params, cache=tmp_path / "local", jobs=1)
    on_cluster = _tables(docs, params, tmp_path / "dask")
    local = _tables(docs, params, tmp_path / "local")
    for name in analysis.TABLES:
        pd.testing.assert_frame_equal(getattr(on_cluster, name), getattr(local, name), obj=name)
        assert len(getattr(local, name)), name


@pytest.mark.parametrize(
    "kind, workers_write",
    [("file-url", True), ("memory", False)],  # memory:// is this process's own: gathered
)
def test_cluster_pass_into_a_store_url(dask_cluster, big_corpus, tmp_path, kind, workers_write):
    """``--store URL``: the workers write into a file:// URL themselves; a store they
    cannot see (memory:// of this process) gets their tables through this process."""
    params = Parameters(registry_for(big_corpus))
    docs = list(analysis.document_inputs(big_corpus))[:40]
    url = (tmp_path / "dask").as_uri() if kind == "file-url" else f"memory://{tmp_path.name}"
    chunks = analysis.pending_chunks(docs, params, cache=url, workers=2)
    with cluster.connect(dask_cluster.scheduler_address) as client:
        assert cluster.workers_see(client, url) is workers_write
        cluster.run_chunks(client, chunks, params, url)
    analysis.annotate(docs, params, cache=tmp_path / "local", jobs=1)
    on_cluster = _tables(docs, params, url)
    local = _tables(docs, params, tmp_path / "local")
    for name in analysis.TABLES:
        pd.testing.assert_frame_equal(getattr(on_cluster, name), getattr(local, name), obj=name)
    if kind == "file-url":  # the URL is the folder: the batches are there
        assert list((tmp_path / "dask" / "analysis" / "mentions" / "batches").iterdir())


def test_unreachable_scheduler_says_what_to_do():
    with pytest.raises(
        cluster.ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"
    ):
        with cluster.connect("tcp://127.0.0.1:9", timeout=2):
            pass


def test_scheduler_from_option_else_environment(monkeypatch):
    monkeypatch.delenv(cluster.SCHEDULER_VARIABLE, raising=False)
    assert cluster.scheduler_address(None) is None
    monkeypatch.setenv(cluster.SCHEDULER_VARIABLE, "tcp://10.0.0.5:8786")
    assert cluster.scheduler_address(None) == "tcp://10.0.0.5:8786"
    assert cluster.scheduler_address("tcp://other:1") == "tcp://other:1"


def test_reports_prepass_on_the_scheduler(dask_cluster, tmp_path, monkeypatch):
    """``reports --scheduler ADDRESS`` (here through $STORYLENS_SCHEDULER): the prepass
    sends the documents to the cluster and the cache then holds every table."""
    import io
    import sys

    from storylens.reports.prepass import run_prepass
    from storylens.reports.runner import check_request

    monkeypatch.setenv("STORYLENS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv(cluster.SCHEDULER_VARIABLE, dask_cluster.scheduler_address)
    folder = write_corpus(tmp_path / "corpus", 12)
    request = check_request(folder, out=None, config=None, notebooks=None, only=None,
                            jobs=None, timeout=60, argv=[], stream=sys.stderr)  # fmt: skip
    err = io.StringIO()
    done = run_prepass(request, jobs=2, stream=err)
    assert (done.annotated, done.where) == (12, f"Dask scheduler {dask_cluster.scheduler_address}")
    analysis.clear_memo()
    corpus = load_corpus(folder)
    assert analyse_corpus(corpus).computed == dict.fromkeys(analysis.TABLES, 0)


def test_the_store_variable_moves_the_per_document_tables(tmp_path, monkeypatch):
    """$STORYLENS_STORE (what --store sets) replaces the corpus's cache folder for the
    pass; the corpus's own cache of parsed files stays in its folder."""
    from storylens.corpus.store import TableStore

    folder = write_corpus(tmp_path / "corpus", 3)
    url = f"memory://{tmp_path.name}/store"
    monkeypatch.setenv(analysis.STORE_VARIABLE, url)
    corpus = load_corpus(folder, cache=tmp_path / "cache")
    first = analyse_corpus(corpus, tables=["mentions"])
    assert first.computed == {"mentions": 3}
    assert len(TableStore(url, namespace="analysis/mentions").stored_keys()) == 3
    assert not (tmp_path / "cache" / "analysis").exists()
    assert list((tmp_path / "cache" / "corpus").iterdir())
    analysis.clear_memo()
    again = analyse_corpus(load_corpus(folder, cache=tmp_path / "cache"), tables=["mentions"])
    assert again.computed == {"mentions": 0}
    pd.testing.assert_frame_equal(again.mentions, first.mentions)


def test_store_option_sets_the_variable_for_the_run_and_refuses_an_unknown_protocol(
    monkeypatch,
):
    import os

    from storylens.reports.cli import build_parser
    from storylens.reports.errors import ReportsError
    from storylens.reports.runner import store_for_notebooks

    monkeypatch.setenv(analysis.STORE_VARIABLE, "memory://from-environment")
    assert build_parser().parse_args([]).store == "memory://from-environment"
    assert build_parser().parse_args(["--store", "memory://given"]).store == "memory://given"
    with store_for_notebooks("memory://given"):
        assert os.environ[analysis.STORE_VARIABLE] == "memory://given"
    assert os.environ[analysis.STORE_VARIABLE] == "memory://from-environment"
    with pytest.raises(ReportsError, match="--store: the store nosuch://x has an unknown"):
        with store_for_notebooks("nosuch://x"):
            pass


def test_the_chunked_pass_compacts_each_table_when_it_is_done(tmp_path, monkeypatch):
    """Each chunk writes a batch per table; a pass that leaves a table with more batches
    than the threshold (3 here, instead of COMPACT_AFTER_BATCHES) compacts it, and the
    tables read the same."""
    from storylens.corpus import store
    from storylens.corpus.store import TableStore

    monkeypatch.setattr(store, "COMPACT_AFTER_BATCHES", 3)
    corpus = load_corpus(write_corpus(tmp_path / "corpus", 40), cache=False)
    params = Parameters(registry_for(corpus))
    docs = list(analysis.document_inputs(corpus))
    cache = tmp_path / "cache"

    def batches():
        return {t: TableStore(cache, namespace=f"analysis/{t}").batch_count()
                for t in analysis.TABLES}  # fmt: skip

    chunks = analysis.pending_chunks(docs[:30], params, cache=cache)
    assert [len(c.items) for c in chunks] == [10, 10, 10]
    analysis.run_chunks(chunks, params, cache)
    assert batches() == dict.fromkeys(analysis.TABLES, 3)  # not more than 3: left alone
    before = _tables(docs[:30], params, cache)
    chunks = analysis.pending_chunks(docs, params, cache=cache)  # ten new documents
    assert [len(c.items) for c in chunks] == [10]
    analysis.run_chunks(chunks, params, cache)  # a fourth batch: compacted
    assert batches() == dict.fromkeys(analysis.TABLES, 1)
    after = _tables(docs[:30], params, cache)
    for name in analysis.TABLES:
        pd.testing.assert_frame_equal(getattr(after, name), getattr(before, name), obj=name)
    assert len(_tables(docs, params, cache).mentions) > len(after.mentions)


def test_tables_compacted_on_threads_equal_those_compacted_one_by_one(tmp_path, monkeypatch):
    """tidy_cache(jobs=2) compacts two tables at once: the same batches removed, one
    batch left per table, the same tables read back."""
    import shutil

    from storylens.corpus import store
    from storylens.corpus.store import TableStore

    corpus = load_corpus(write_corpus(tmp_path / "corpus", 30), cache=False)
    params = Parameters(registry_for(corpus))
    docs = list(analysis.document_inputs(corpus))
    cache = tmp_path / "cache"
    analysis.run_chunks(analysis.pending_chunks(docs, params, cache=cache), params, cache)
    shutil.copytree(cache, tmp_path / "copy")
    monkeypatch.setattr(store, "COMPACT_AFTER_BATCHES", 1)  # three batches each: compacted
    one = analysis.tidy_cache(cache)
    two = analysis.tidy_cache(tmp_path / "copy", jobs=2)
    assert one == two == dict.fromkeys(analysis.TABLES, 3)
    for root in (cache, tmp_path / "copy"):
        assert {TableStore(root, namespace=f"analysis/{t}").batch_count()
                for t in analysis.TABLES} == {1}  # fmt: skip
    first, second = _tables(docs, params, cache), _tables(docs, params, tmp_path / "copy")
    for name in analysis.TABLES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name), obj=name)
