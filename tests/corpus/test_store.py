"""Tests for storylens.corpus.store: the content-addressed table store and its batches."""

from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
import time
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from storylens.corpus import file_tables, load_corpus
from storylens.corpus.store import (
    ABANDONED_AFTER_S,
    COMPACT_AFTER_BATCHES,
    StoreLocationError,
    TableStore,
    concat_arrow,
    dependency_versions,
    fingerprint,
)

from .articles import ARTICLE, write


def sample_tables(n: int) -> dict[str, pd.DataFrame]:
    """Tables of several dtypes, ``n`` rows each, plus an empty one that keeps its dtypes."""
    rows = pd.DataFrame(
        {
            "doc_id": [f"d{n}"] * n,
            "start": list(range(n)),
            "score": [0.5 * i for i in range(n)],
            "text": [f"word {i}" if i % 3 else None for i in range(n)],
            "flag": [i % 2 == 0 for i in range(n)],
            "when": pd.to_datetime(["2025-02-21"] * n),
            "kind": pd.Categorical(["a", "b"] * (n // 2) + ["a"] * (n % 2)),
        }
    )
    empty = pd.DataFrame(
        {
            "doc_id": pd.Series([], dtype=object),
            "n": pd.Series([], dtype="int64"),
            "day": pd.Series([], dtype="datetime64[ns]"),
        }
    )
    return {"rows": rows, "empty": empty}


def assert_same_tables(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]):
    assert sorted(got) == sorted(expected)
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(got[name], frame, check_dtype=True)


def test_tables_read_back_equal_what_was_written(tmp_path):
    store = TableStore(tmp_path, namespace="t")
    entries = {fingerprint(str(n)): sample_tables(n) for n in (0, 1, 4, 7)}
    store.put_many(entries)
    found = TableStore(tmp_path, namespace="t").get_many([*entries, fingerprint("absent")])
    assert sorted(found) == sorted(entries)
    for key, tables in entries.items():
        assert_same_tables(found[key], tables)


def test_arrow_tables_read_back_equal_what_was_written(tmp_path):
    store = TableStore(tmp_path, namespace="t")
    schema = pa.schema([("doc_id", pa.string()), ("n", pa.int64())])
    entries = {
        "a": {"t": pa.table({"doc_id": ["a", "a"], "n": [1, 2]}, schema=schema)},
        "b": {"t": schema.empty_table()},
    }
    store.put_many(entries)
    found = store.get_tables(["a", "b"])
    for key, tables in entries.items():
        assert found[key]["t"].equals(tables["t"])
        assert found[key]["t"].schema == schema


def test_one_batch_is_a_few_files_not_a_few_per_entry(tmp_path):
    store = TableStore(tmp_path, namespace="t")
    store.put_many({fingerprint(str(n)): sample_tables(n) for n in range(200)})
    files = [p for p in (tmp_path / "t").rglob("*") if p.is_file()]
    assert sorted(p.name for p in files) == ["empty.parquet", "manifest.json", "rows.parquet"]
    assert not any((tmp_path / "t" / "tmp").iterdir())  # nothing left half-written


def test_later_batches_add_to_earlier_ones(tmp_path):
    TableStore(tmp_path, namespace="t").put_many({"a": sample_tables(2)})
    TableStore(tmp_path, namespace="t").put_many({"b": sample_tables(3)})
    found = TableStore(tmp_path, namespace="t").get_many(["a", "b"])
    assert_same_tables(found["a"], sample_tables(2))
    assert_same_tables(found["b"], sample_tables(3))
    assert TableStore(tmp_path, namespace="other").get_many(["a"]) == {}


def _write_batch(root: str, worker: int) -> None:
    TableStore(root, namespace="t").put_many(
        {f"w{worker}-{i}": sample_tables(i + worker) for i in range(20)}
    )


def test_concurrent_writers_do_not_clash(tmp_path):
    spawn = multiprocessing.get_context("spawn")  # fork() in a threaded process may deadlock
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
        list(pool.map(_write_batch, [str(tmp_path)] * 4, range(4)))
    found = TableStore(tmp_path, namespace="t").get_many(
        [f"w{w}-{i}" for w in range(4) for i in range(20)]
    )
    assert len(found) == 80
    assert_same_tables(found["w3-5"], sample_tables(8))
    assert len(list((tmp_path / "t" / "batches").iterdir())) == 4


@pytest.mark.parametrize("damaged", ["rows.parquet", "manifest.json"])
def test_a_corrupt_batch_is_discarded_with_a_warning(tmp_path, damaged):
    store = TableStore(tmp_path, namespace="t")
    store.put_many({"a": sample_tables(3)})
    (batch,) = (tmp_path / "t" / "batches").iterdir()
    (batch / damaged).write_bytes(b"not what was written")
    with pytest.warns(UserWarning, match="discarded: .* will be rebuilt"):
        assert TableStore(tmp_path, namespace="t").get_many(["a"]) == {}
    assert not batch.exists()
    store.put_many({"a": sample_tables(3)})  # rebuilt
    assert_same_tables(TableStore(tmp_path, namespace="t").get_many(["a"])["a"], sample_tables(3))


def test_fingerprint_and_dependency_versions():
    assert fingerprint("a", "bc") != fingerprint("ab", "c")
    assert fingerprint("a", b"bc") == fingerprint(b"a", "bc")
    assert len(fingerprint()) == 64
    versions = dependency_versions()
    for name in ("nltk", "trafilatura", "pyarrow", "pandas", "storylens"):
        assert versions[name] and versions[name] != "missing", name


def test_cache_keys_change_with_content_suffix_and_code(monkeypatch):
    key = file_tables.cache_key(b"text", "a.txt")
    assert key == file_tables.cache_key(b"text", "other/a.txt")  # the folder is not in the key
    assert key != file_tables.cache_key(b"text", "b.txt")  # the name is: doc_ids come from it
    assert key != file_tables.cache_key(b"text!", "a.txt")
    assert key != file_tables.cache_key(b"text", "a.md")
    monkeypatch.setattr(file_tables, "code_fingerprint", lambda: "another version")
    assert key != file_tables.cache_key(b"text", "a.txt")


def test_corpus_cache_is_one_batch_and_survives_a_corrupt_one(tmp_path):
    src, cache = tmp_path / "src", tmp_path / "cache"
    for i in range(12):
        write(src, f"a{i:02d}.txt", ARTICLE.replace("Peace plan", f"Peace plan {i}"))
    fresh = load_corpus(src, cache=False)
    load_corpus(src, cache=cache)
    parquet = sorted(p.name for p in Path(cache, "corpus", "files").rglob("*.parquet"))
    assert parquet == ["documents.parquet", "removed.parquet", "sentences.parquet",
                       "tokens.parquet"]  # fmt: skip
    for folder in Path(cache, "corpus").iterdir():
        for path in folder.rglob("tokens.parquet"):
            path.write_bytes(b"damaged")
    write(src, "a00.txt", ARTICLE.replace("Peace plan", "Peace plan 0 (edited)"))
    again = load_corpus(src, cache=cache)  # the tokens are not read at loading
    assert len(again.documents) == 12
    with pytest.warns(UserWarning, match="discarded"):  # found when they are read
        again.tokens  # noqa: B018 (reading it makes it)
    for name in ("sentences", "tokens", "removed"):
        pd.testing.assert_frame_equal(
            getattr(again, name)[lambda t: t.doc_id != "a00"].reset_index(drop=True),
            getattr(fresh, name)[lambda t: t.doc_id != "a00"].reset_index(drop=True),
        )


def test_stacked_read_equals_concatenating_the_entries(tmp_path):
    """get_stacked converts once per set of dtypes; the result is what pd.concat of the
    non-empty entries gives (dtypes resolved the same way), in the order of the keys."""
    from storylens.corpus.store import TableStore

    entries = {
        "k1": pd.DataFrame({"n": [1, 2], "flag": [True, False], "unit": ["km", "kg"]}),
        "k2": pd.DataFrame({"n": [3], "flag": [None], "unit": [float("nan")]}),
        "k3": pd.DataFrame({"n": pd.Series([], dtype="int64"), "flag": [], "unit": []}),
        "k4": pd.DataFrame({"n": [4], "flag": [True], "unit": ["m"]}),
    }
    store = TableStore(tmp_path, namespace="t")
    store.put_many({key: {"x": frame} for key, frame in entries.items()})
    order = ["k4", "k3", "k1", "k2"]
    stacked = store.get_stacked(order, "x")
    found = store.get_many(order)
    expected = pd.concat([found[k]["x"] for k in order if len(found[k]["x"])], ignore_index=True)
    pd.testing.assert_frame_equal(stacked, expected)
    assert stacked["n"].tolist() == [4, 1, 2, 3]
    assert store.get_stacked(["k1", "missing"], "x") is None


def test_stacked_read_merges_batches_that_stored_a_column_as_strings_and_as_floats(tmp_path):
    """An entry whose ``unit`` is all NaN (float64) is stored as ``string`` in a batch it
    shares with entries that have units, and as ``double`` in a batch of its own; Arrow
    cannot merge the two, pandas can (the figures table on the seeds plus one more file)."""
    store = TableStore(tmp_path, namespace="t")
    nan_unit = pd.DataFrame({"value": [1.0], "unit": [float("nan")]})
    with_unit = pd.DataFrame({"value": [2.0], "unit": ["km"]})
    store.put_many({"a": {"x": nan_unit}, "b": {"x": with_unit}})
    store.put_many({"c": {"x": nan_unit.assign(value=3.0)}})
    order = ["c", "b", "a"]
    stacked = store.get_stacked(order, "x")
    found = store.get_many(order)
    expected = pd.concat([found[k]["x"] for k in order], ignore_index=True)
    pd.testing.assert_frame_equal(stacked, expected)
    assert stacked["value"].tolist() == [3.0, 2.0, 1.0]


def test_stacked_read_across_batches_whose_arrow_types_differ(tmp_path):
    """A column with no value in one batch (pandas NaN in an object column: Arrow double)
    and strings in another: read together, as pd.concat of the entries gives them."""
    store = TableStore(tmp_path, namespace="t")
    blank = pd.DataFrame({"n": [1], "unit": pd.Series([float("nan")], dtype=object)})
    named = pd.DataFrame({"n": [2, 3], "unit": ["km", "kg"]})
    store.put_many({"a": {"x": blank}})
    store.put_many({"b": {"x": named}})
    stacked = store.get_stacked(["a", "b"], "x")
    found = store.get_many(["a", "b"])  # a missing value in an object column: None
    expected = pd.concat([found["a"]["x"], found["b"]["x"]], ignore_index=True)
    pd.testing.assert_frame_equal(stacked, expected)
    assert stacked["unit"].tolist() == [None, "km", "kg"] and stacked["n"].tolist() == [1, 2, 3]
    # no value in either: a batch of strings with a missing one, and the NaN batch
    store.put_many({"c": {"x": pd.DataFrame({"n": [4, 5], "unit": [None, "m"]})}})
    pieces = store.get_stacked(["a", "c"], "x")
    assert pieces["unit"].isna().tolist() == [True, True, False] and pieces["unit"].iloc[2] == "m"
    parts = [
        pa.table({"u": pa.array([None], pa.float64())}),
        pa.table({"u": pa.array([None], pa.string())}),
    ]
    assert concat_arrow(parts).column("u").to_pylist() == [None, None]


def test_stored_keys_are_read_from_the_manifests(tmp_path):
    store = TableStore(tmp_path, namespace="t")
    assert store.stored_keys() == set()
    store.put_many({"a": {"x": pd.DataFrame({"n": [1]})}, "b": {"x": pd.DataFrame({"n": [2]})}})
    store.put_many({"c": {"x": pd.DataFrame({"n": [3]})}})
    assert TableStore(tmp_path, namespace="t").stored_keys() == {"a", "b", "c"}


def test_compact_keeps_the_entries_asked_for_in_one_batch(tmp_path):
    store = TableStore(tmp_path, namespace="t")
    frames = {k: pd.DataFrame({"n": [i], "unit": ["km"]}) for i, k in enumerate("abc")}
    for key, frame in frames.items():
        store.put_many({key: {"x": frame}})
    assert store.compact() == 3  # three batches rewritten as one, nothing dropped
    assert len(list((tmp_path / "t" / "batches").iterdir())) == 1
    assert store.compact() == 0  # already one batch
    assert store.compact(keep=["a", "c", "unknown"]) == 1
    fresh = TableStore(tmp_path, namespace="t")
    assert fresh.stored_keys() == {"a", "c"}
    pd.testing.assert_frame_equal(fresh.get_many(["c"])["c"]["x"], frames["c"])


# ------------------------------------------------------------------ locations (fsspec URLs)


@pytest.fixture(params=["folder", "file-url", "memory"])
def root(request, tmp_path):
    """A store root of each kind: a local folder, the same as a file:// URL, memory://."""
    if request.param == "folder":
        return tmp_path / "store"
    if request.param == "file-url":
        return (tmp_path / "store").as_uri()
    return f"memory://{tmp_path.name}/store"  # one per test: memory:// is process-wide


def _read_everything(store: TableStore, keys: list[str]) -> dict:
    return {
        "many": store.get_many(keys),
        "rows": store.get_stacked(keys, "rows"),
        "parts": pd.concat(list(store.partitions("rows", keys)), ignore_index=True),
        "keys": store.stored_keys(),
    }


def _assert_same_reads(got: dict, expected: dict) -> None:
    assert got["keys"] == expected["keys"]
    assert sorted(got["many"]) == sorted(expected["many"])
    for key, tables in expected["many"].items():
        assert_same_tables(got["many"][key], tables)
    pd.testing.assert_frame_equal(got["rows"], expected["rows"])

    # Partitions come in batch order, as stored: a bool column stacked with an empty
    # entry's is stored as double in some batches, so its dtype depends on the batching.
    def rows(parts):
        return parts.astype({"flag": bool}).sort_values(["doc_id", "start"], ignore_index=True)

    pd.testing.assert_frame_equal(rows(got["parts"]), rows(expected["parts"]))


def _filled(root, batches: int) -> tuple[TableStore, list[str]]:
    """A store at ``root`` with ``batches`` batches of two entries each."""
    store = TableStore(root, namespace="t")
    keys = []
    for b in range(batches):
        entries = {fingerprint(str(b), str(i)): sample_tables(b + 2 * i) for i in range(2)}
        store.put_many(entries)
        keys += list(entries)
    return store, keys


def test_the_same_tables_from_a_folder_a_file_url_and_memory(root, tmp_path):
    expected_store, keys = _filled(tmp_path / "reference", 3)
    expected = _read_everything(expected_store, keys)
    store, _ = _filled(root, 3)
    _assert_same_reads(_read_everything(TableStore(root, namespace="t"), keys), expected)
    assert store.batch_count() == 3
    if not str(root).startswith("memory://"):  # a file:// URL is the folder itself
        assert len(list((tmp_path / "store" / "t" / "batches").iterdir())) == 3


@pytest.mark.parametrize(
    "url, message",
    [
        ("nosuchprotocol://bucket/cache",
         r"the store nosuchprotocol://bucket/cache has an unknown protocol nosuchprotocol://"),
        ("s3://bucket/cache",
         r"the store s3://bucket/cache needs the s3fs package .* \(pip install s3fs\)"),
        ("gs://bucket/cache", r"needs the gcsfs package .* \(pip install gcsfs\)"),
    ],
)  # fmt: skip
def test_an_unknown_or_uninstalled_protocol_is_named(url, message):
    import importlib.util

    package = {"s3": "s3fs", "gs": "gcsfs"}.get(url.split(":")[0])
    if package and importlib.util.find_spec(package):
        pytest.skip(f"{package} is installed here")
    with pytest.raises(StoreLocationError, match=message):
        TableStore(url, namespace="t")


def test_on_an_object_store_a_batch_without_its_manifest_is_not_read_yet(tmp_path):
    """memory:// stands for an object store: no rename, the manifest is written last."""
    root = f"memory://{tmp_path.name}"
    store = TableStore(root, namespace="t")
    store.put_many({"a": sample_tables(3)})
    (batch,) = store.location.names(store.folder / "batches")
    folder = store.folder / "batches" / batch
    manifest = store.location.read_text(folder / "manifest.json")
    store.location.remove(folder / "manifest.json")  # as if its writer were still at work
    reader = TableStore(root, namespace="t")
    assert reader.get_many(["a"]) == {} and reader.batch_count() == 0
    assert store.location.exists(folder / "rows.parquet")  # not discarded
    store.location.write_text(folder / "manifest.json", manifest)  # the writer is done
    assert_same_tables(reader.get_many(["a"])["a"], sample_tables(3))


# ------------------------------------------------------------------ compaction


def test_a_pass_compacts_a_store_of_too_many_batches(root):
    store, keys = _filled(root, COMPACT_AFTER_BATCHES + 1)
    before = _read_everything(store, keys)
    assert store.batch_count() == COMPACT_AFTER_BATCHES + 1
    assert store.tidy() == COMPACT_AFTER_BATCHES + 1  # every batch rewritten...
    fresh = TableStore(root, namespace="t")
    assert fresh.batch_count() == 1  # ...as one
    _assert_same_reads(_read_everything(fresh, keys), before)
    assert fresh.tidy() == 0


def test_a_store_of_few_batches_is_left_as_it_is(tmp_path):
    store, _ = _filled(tmp_path, COMPACT_AFTER_BATCHES)
    assert store.tidy() == 0 and store.batch_count() == COMPACT_AFTER_BATCHES


def test_compacted_batches_hold_at_most_max_rows(tmp_path):
    store, keys = _filled(tmp_path, 12)  # rows per batch: 2b + 2 (rows) + 0 (empty)
    before = _read_everything(store, keys)
    # batches 9-11 hold 20 rows or more (max_rows / 2): left as they are
    assert store.compact(max_rows=40) == 9
    fresh = TableStore(tmp_path, namespace="t")
    manifests = [json.loads(p.read_text()) for p in tmp_path.glob("t/batches/*/manifest.json")]
    sizes = [sum(n for t in m["entries"].values() for _, n, _ in t.values()) for m in manifests]
    # rewritten oldest first, up to 40 rows each: 2+4+6+8+10, 12+14, 16+18
    assert sorted(sizes) == [20, 22, 24, 26, 30, 34] and fresh.batch_count() == 6
    assert sum(sizes) == sum(2 * b + 2 for b in range(12))
    _assert_same_reads(_read_everything(fresh, keys), before)


def test_compaction_merges_batches_whose_arrow_types_differ(tmp_path):
    store = TableStore(tmp_path, namespace="t")
    blank = pd.DataFrame({"n": [1], "unit": pd.Series([float("nan")], dtype=object)})
    store.put_many({"a": {"x": blank}})
    store.put_many({"b": {"x": pd.DataFrame({"n": [2, 3], "unit": ["km", "kg"]})}})
    store.put_many({"c": {"x": pd.DataFrame({"n": [4], "unit": [float("nan")]})}})
    store.put_many({"d": {"x": pa.table({"n": [5], "unit": ["m"]})}})
    keys = ["a", "b", "c", "d"]
    before = store.get_many(keys), store.get_stacked(keys[:3], "x"), store.get_tables(["d"])
    assert store.compact() == 4
    fresh = TableStore(tmp_path, namespace="t")
    after = fresh.get_many(keys), fresh.get_stacked(keys[:3], "x"), fresh.get_tables(["d"])
    for key in keys:
        pd.testing.assert_frame_equal(after[0][key]["x"], before[0][key]["x"])
    pd.testing.assert_frame_equal(after[1], before[1])
    assert after[2]["d"]["x"].to_pylist() == before[2]["d"]["x"].to_pylist()


def test_a_reader_that_lost_a_batch_to_a_compaction_finds_its_entries(tmp_path):
    store, keys = _filled(tmp_path, 4)
    reader = TableStore(tmp_path, namespace="t")
    assert reader.batch_count() == 4  # manifests read before the compaction
    store.compact()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing discarded: the entries moved
        found = reader.get_many(keys)
    assert sorted(found) == sorted(keys)


@pytest.mark.parametrize("kind", ["folder", "memory"])
def test_compaction_removes_batches_abandoned_mid_write(tmp_path, kind):
    """A writer killed mid-batch leaves ``tmp/<id>`` (a folder) or a batch without its
    manifest (an object store); compaction removes those older than a day, not newer."""
    root = tmp_path if kind == "folder" else f"memory://{tmp_path.name}"
    store, _ = _filled(root, 2)
    where = store.folder / ("tmp" if kind == "folder" else "batches")
    day_ago = time.time_ns() - ABANDONED_AFTER_S * 10**9
    old, new = f"{day_ago - 10**9:020d}-1-aaaa", f"{time.time_ns():020d}-1-bbbb"
    for name in (old, new):
        store.location.makedirs(where / name)
        store.location.write_text(where / name / "rows.parquet", "half written")
    assert TableStore(root, namespace="t").compact() == 2
    left = store.location.names(where)
    assert new in left and old not in left


@pytest.mark.parametrize("arrow", [False, True])
def test_a_column_named_like_the_stores_own_is_refused_naming_it(tmp_path, arrow):
    """The store adds a ``key`` column to each stored table: a table with its own would
    be read back wrong (a batch whose key column matches twice), so it is refused."""
    from storylens.corpus.store import TableStore

    table = pd.DataFrame({"path": ["a.txt"], "key": ["k"]})
    store = TableStore(tmp_path, namespace="t")
    with pytest.raises(ValueError, match=r"table 'files' of entry 'e1' has a column named 'key'"):
        store.put_many({"e1": {"files": pa.Table.from_pandas(table) if arrow else table}})
    assert store.stored_keys() == set()
