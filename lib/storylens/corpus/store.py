"""A content-addressed store of tables, written in batches, safe for concurrent writers.

An *entry* is a few named tables stored under one *key* (a :func:`fingerprint` of
everything that determines them: the content, the code, the versions in
:func:`dependency_versions`). Entries are never updated: a key names its tables forever.

Layout under ``root/namespace/``::

    batches/<batch id>/manifest.json     which keys the batch holds, and where
    batches/<batch id>/<table>.parquet   one file per table name, all keys, a ``key`` column
    tmp/<batch id>/                      a batch being written (renamed into batches/)

:meth:`TableStore.put_many` writes one batch for many entries (a few files, not a few per
entry) into ``tmp/`` and renames the finished folder into ``batches/``, so a reader sees
a whole batch or none, several processes can write at once, and no shared index is ever
updated in place. A batch that cannot be read is discarded with a warning; its entries
are then missing, and the caller makes and stores them again.

>>> import tempfile
>>> store = TableStore(tempfile.mkdtemp(), namespace="demo")
>>> key = fingerprint("some text", "v1")
>>> store.put_many({key: {"words": pd.DataFrame({"word": ["a", "b"], "n": [1, 2]})}})
>>> store.get_many([key, "unknown"])[key]["words"]
  word  n
0    a  1
1    b  2
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import time
import uuid
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)
import pyarrow.parquet as pq

__all__ = ["TableStore", "concat_arrow", "dependency_versions", "fingerprint"]

KEY_COLUMN = "key"
MANIFEST = "manifest.json"
FORMAT = 1  # of the batch layout; a batch of another format is ignored

# Libraries whose version can change what storylens computes from the same input.
RESULT_DEPENDENCIES = ("nltk", "pandas", "pyarrow", "trafilatura", "vaderSentiment", "PyYAML")

Table = pd.DataFrame | pa.Table
Entry = Mapping[str, Table]


def fingerprint(*parts: str | bytes) -> str:
    """The sha256 hex digest of ``parts`` (each one length-prefixed, so ``("ab", "c")``
    and ``("a", "bc")`` differ).

    >>> fingerprint("a", b"b") == fingerprint("a", "b"), fingerprint("ab") == fingerprint("a", "b")
    (True, False)
    """
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else bytes(part)
        digest.update(f"{len(data)}:".encode())
        digest.update(data)
    return digest.hexdigest()


@functools.cache
def dependency_versions() -> dict[str, str]:
    """The installed versions of storylens and of the libraries that change its results
    (``missing`` for one not installed); part of every cache key.

    >>> sorted(dependency_versions())[:3]
    ['PyYAML', 'nltk', 'pandas']
    """
    from storylens import __version__

    versions = {}
    for name in RESULT_DEPENDENCIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    return {**versions, "storylens": __version__}


class _Slot(NamedTuple):
    """Where one entry's rows of one table lie in its batch file, and for a table given
    as pandas, its columns and their dtypes (None for an Arrow table)."""

    offset: int
    length: int
    dtypes: dict[str, str | dict] | None


class _Batch(NamedTuple):
    folder: Path
    slots: dict[str, dict[str, _Slot]]  # key -> table name -> slot


def _batch_id() -> str:
    """A unique, time-ordered batch name: ``<ns since epoch>-<pid>-<random>``."""
    return f"{time.time_ns():020d}-{os.getpid()}-{uuid.uuid4().hex[:12]}"


def _stacked_pandas(frames: list[tuple[str, pd.DataFrame]]) -> tuple[pa.Table, list[_Slot]]:
    """One Arrow table of pandas frames (key column first) and each frame's slot."""
    slots, offset = [], 0
    for _, frame in frames:
        dtypes = {str(c): _dtype_spec(t) for c, t in frame.dtypes.items()}
        slots.append(_Slot(offset, len(frame), dtypes))
        offset += len(frame)
    parts = [frame.reset_index(drop=True) for _, frame in frames]
    if any(KEY_COLUMN in frame.columns for frame in parts):
        raise ValueError(f"a stored table may not have a {KEY_COLUMN!r} column (the store's)")
    stacked = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    stacked.insert(0, KEY_COLUMN, [key for key, frame in frames for _ in range(len(frame))])
    return pa.Table.from_pandas(stacked, preserve_index=False), slots


def _stacked_arrow(tables: list[tuple[str, pa.Table]]) -> tuple[pa.Table, list[_Slot]]:
    """One Arrow table of Arrow tables (key column first) and each table's slot."""
    lengths = np.array([len(table) for _, table in tables], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    slots = [_Slot(int(o), int(n), None) for o, n in zip(offsets, lengths, strict=True)]
    stacked = concat_arrow([table for _, table in tables])
    # The key column is dictionary-encoded: one string per entry, an index per row.
    indices = np.repeat(np.arange(len(tables), dtype=np.int32), lengths)
    keys = pa.DictionaryArray.from_arrays(indices, pa.array([key for key, _ in tables]))
    return stacked.add_column(0, KEY_COLUMN, keys), slots


def concat_arrow(parts: list[pa.Table]) -> pa.Table:
    """Arrow tables stacked, their schemas unified: a column with no value in some parts
    (which pandas wrote as ``null`` or, from NaN in an ``object`` column, ``double``)
    takes the type the other parts give it, or ``null`` when no part has a value."""
    try:
        return pa.concat_tables(parts)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        pass
    typed: dict[str, pa.DataType] = {}  # a column's type where it has values, else null
    for part in parts:
        for name, column in zip(part.column_names, part.columns, strict=True):
            if column.null_count < len(column) and typed.get(name) is None:
                typed[name] = column.type
            typed.setdefault(name, None)
    fixed = []
    for part in parts:
        for i, (name, column) in enumerate(zip(part.column_names, part.columns, strict=True)):
            want = typed[name] or pa.null()
            if column.type != want and column.null_count == len(column):
                part = part.set_column(i, name, pa.nulls(len(column), want))
        fixed.append(part)
    return pa.concat_tables(fixed, promote_options="permissive")


def _piece(whole: pd.DataFrame, slot: _Slot, as_read: dict) -> pd.DataFrame:
    """One entry's rows of a batch table, as the entry was written (``as_read``: the
    dtypes of ``whole``; most entries have just these and need no restoring)."""
    frame = whole.iloc[slot.offset : slot.offset + slot.length].reset_index(drop=True)
    if slot.dtypes is None or slot.dtypes == as_read:
        return frame
    return _restored(frame, slot.dtypes)


def _dtype_spec(dtype) -> str | dict:
    """A pandas dtype as JSON: its name, or for a categorical its categories and order."""
    if isinstance(dtype, pd.CategoricalDtype):
        categories = dtype.categories
        return {"categories": categories.tolist(), "dtype": str(categories.dtype),
                "ordered": bool(dtype.ordered)}  # fmt: skip
    return str(dtype)


def _dtype(spec: str | dict):
    if isinstance(spec, str):
        return spec
    categories = pd.Index(spec["categories"], dtype=spec["dtype"])
    return pd.CategoricalDtype(categories, ordered=spec["ordered"])


def _restored(frame: pd.DataFrame, dtypes: dict[str, str | dict]) -> pd.DataFrame:
    """``frame`` with exactly the columns and dtypes an entry was written with (a missing
    value in an ``object`` column comes back as None)."""
    frame = frame[list(dtypes)]
    wanted = {c: _dtype(spec) for c, spec in dtypes.items()}
    changed = {c: t for c, t in wanted.items() if frame[c].dtype != t}
    if not changed:
        return frame
    frame = frame.astype(changed)
    for column in (c for c, t in changed.items() if t == "object"):
        frame[column] = frame[column].where(frame[column].notna(), None)
    return frame


class TableStore:
    """Tables stored by key under ``root/namespace`` (see the module docstring)."""

    def __init__(self, root: str | os.PathLike, *, namespace: str):
        self.folder = Path(root) / namespace
        self._batches: dict[str, _Batch | None] = {}  # batch id -> manifest (None: bad)

    # ----------------------------------------------------------------- reading

    def get_many(self, keys: Iterable[str]) -> dict[str, dict[str, pd.DataFrame]]:
        """The stored tables of each key found: {key: {table_name: frame}}.

        Each frame equals the one written (columns, dtypes, a fresh RangeIndex); keys not
        in the store are left out.
        """
        found: dict[str, dict[str, pd.DataFrame]] = {}
        for batch, keys_here, tables in self._read(keys):
            for name, table in tables.items():
                whole = table.drop_columns(KEY_COLUMN).to_pandas()  # once per batch
                as_read = {str(c): _dtype_spec(t) for c, t in whole.dtypes.items()}
                for key in keys_here:
                    slot = batch.slots[key].get(name)
                    if slot is not None:
                        found.setdefault(key, {})[name] = _piece(whole, slot, as_read)
        return found

    def get_stacked(self, keys: Sequence[str], name: str) -> pd.DataFrame | None:
        """The ``name`` tables of ``keys`` stacked in the order of ``keys`` (what
        ``pd.concat`` of the non-empty entries of :meth:`get_many` gives, dtypes
        included), converted once per set of dtypes instead of once per entry; None
        unless every key is stored with a ``name`` table written from pandas."""
        slices: dict[str, tuple[pa.Table, _Slot]] = {}
        for batch, keys_here, tables in self._read(keys):
            for key in keys_here:
                slot = batch.slots[key].get(name)
                if slot is not None and slot.dtypes is not None and name in tables:
                    slices[key] = (tables[name].slice(slot.offset, slot.length), slot)
        if len(slices) < len(set(keys)):
            return None
        filled = [slices[k] for k in keys if slices[k][1].length]
        if not filled:
            return None
        groups: dict[str, list[int]] = {}  # the entries written with each set of dtypes
        for i, (_, slot) in enumerate(filled):
            groups.setdefault(json.dumps(slot.dtypes, sort_keys=True), []).append(i)
        frames, positions = [], []
        for members in groups.values():
            parts = [filled[i][0].drop_columns(KEY_COLUMN) for i in members]
            frames.append(_stacked_parts(parts, filled[members[0]][1].dtypes))
            positions.append(np.repeat(members, [filled[i][1].length for i in members]))
        stacked = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        order = np.argsort(np.concatenate(positions), kind="stable")
        return stacked.iloc[order].reset_index(drop=True)

    def get_tables(self, keys: Iterable[str]) -> dict[str, dict[str, pa.Table]]:
        """Like :meth:`get_many`, as Arrow tables (without copying the rows)."""
        found = {}
        for batch, keys_here, tables in self._read(keys):
            for key in keys_here:
                found[key] = {
                    name: tables[name].slice(slot.offset, slot.length).drop_columns(KEY_COLUMN)
                    for name, slot in batch.slots[key].items()
                }
        return found

    def partitions(
        self, name: str, keys: Iterable[str], *, columns: Sequence[str] | None = None
    ) -> Iterator[pd.DataFrame]:
        """The ``name`` rows of ``keys``, one frame per stored batch (a partition of the
        parquet dataset under this store), reading only ``columns`` (None: all): for
        aggregating a table bigger than memory one batch at a time. Each key is read from
        one batch only (the newest holding it)."""
        wanted = set(keys)
        for batch in self._manifests():
            here = {k for k in batch.slots if k in wanted and name in batch.slots[k]}
            if not here:
                continue
            path = batch.folder / f"{name}.parquet"
            read = None if columns is None else [KEY_COLUMN, *columns]
            try:
                table = pq.read_table(path, columns=read)
            except (OSError, pa.ArrowException) as err:
                self._discard(batch.folder, f"cannot read its tables ({err})")
                continue
            wanted.difference_update(here)
            mask = pa.compute.is_in(table.column(KEY_COLUMN).cast(pa.string()),
                                    value_set=pa.array(sorted(here)))  # fmt: skip
            yield table.filter(mask).drop_columns(KEY_COLUMN).to_pandas()

    def stored_keys(self) -> set[str]:
        """Every key held by a readable batch (from the manifests alone: no table is read)."""
        return {key for batch in self._manifests() for key in batch.slots}

    def _read(self, keys: Iterable[str]):
        """``(batch, its wanted keys, its tables)`` for each batch holding wanted keys."""
        wanted = set(keys)
        for batch in self._manifests():
            here = [k for k in batch.slots if k in wanted]
            if not here:
                continue
            names = {name for k in here for name in batch.slots[k]}
            tables = self._load_tables(batch, names)
            if tables is None:
                continue
            wanted.difference_update(here)
            yield batch, here, tables

    def _load_tables(self, batch: _Batch, names: set[str]) -> dict[str, pa.Table] | None:
        try:
            return {name: pq.read_table(batch.folder / f"{name}.parquet") for name in names}
        except (OSError, pa.ArrowException) as err:
            self._discard(batch.folder, f"cannot read its tables ({err})")
            return None

    def _manifests(self) -> list[_Batch]:
        """Every readable batch, newest first (manifests are read once per store)."""
        folder = self.folder / "batches"
        names = sorted(os.listdir(folder), reverse=True) if folder.is_dir() else []
        batches = []
        for name in names:
            if name not in self._batches:
                self._batches[name] = self._read_manifest(folder / name)
            if self._batches[name] is not None:
                batches.append(self._batches[name])
        return batches

    def _read_manifest(self, folder: Path) -> _Batch | None:
        try:
            spec = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if spec.get("format") != FORMAT:
                return None
            dtypes = spec["dtypes"]  # the distinct pandas column dtypes, shared by entries
            slots = {
                key: {
                    name: _Slot(offset, length, None if i is None else dtypes[i])
                    for name, (offset, length, i) in tables.items()
                }
                for key, tables in spec["entries"].items()
            }
        except (OSError, ValueError, KeyError, TypeError) as err:
            self._discard(folder, f"its manifest is unreadable ({err})")
            return None
        return _Batch(folder, slots)

    def _discard(self, folder: Path, why: str) -> None:
        warnings.warn(
            f"cache batch {folder} discarded: {why}; its entries will be rebuilt", stacklevel=4
        )
        self._batches[folder.name] = None
        shutil.rmtree(folder, ignore_errors=True)

    # ----------------------------------------------------------------- upkeep

    def compact(self, keep: Iterable[str] | None = None) -> int:
        """Rewrite the store as one batch: every entry (only those of ``keep`` when given,
        dropping the rest: entries of edited documents, of older code). The new batch
        is in place before the old ones are removed, so a reader never misses an entry;
        run it when no other process is writing to the store. Returns the number of
        batches removed."""
        old = self._manifests()
        stored = {key for batch in old for key in batch.slots}
        kept = stored if keep is None else stored & set(keep)
        if len(old) <= 1 and kept == stored:
            return 0
        self.put_many(self.get_many(kept))
        for batch in old:
            shutil.rmtree(batch.folder, ignore_errors=True)
            self._batches[batch.folder.name] = None
        return len(old)

    # ----------------------------------------------------------------- writing

    def put_many(self, entries: Mapping[str, Entry]) -> None:
        """Store many entries in one batch (a few files, not one per entry).

        ``entries`` maps each key to its tables (pandas DataFrames or Arrow tables; one
        table name holds one kind across the batch). The batch is written to a temporary
        folder and renamed into place, so concurrent writers never clash.
        """
        if not entries:
            return
        batch_id = _batch_id()
        tmp = self.folder / "tmp" / batch_id
        tmp.mkdir(parents=True)
        try:
            slots, dtypes = self._write_tables(tmp, entries)
            manifest = {"format": FORMAT, "dtypes": dtypes, "entries": slots}
            (tmp / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
            (self.folder / "batches").mkdir(exist_ok=True)
            os.rename(tmp, self.folder / "batches" / batch_id)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _write_tables(self, tmp: Path, entries: Mapping[str, Entry]) -> tuple[dict, list]:
        """Write one parquet file per table name; returns key -> table name -> ``[offset,
        length, dtypes index]`` and the distinct dtypes of the pandas tables."""
        by_name: dict[str, list[tuple[str, Table]]] = {}
        for key, tables in entries.items():
            for name, table in tables.items():
                by_name.setdefault(name, []).append((key, table))
        slots: dict[str, dict[str, list]] = {key: {} for key in entries}
        dtypes: dict[str, int] = {}  # JSON of a dtypes spec -> its index
        for name, items in by_name.items():
            if all(isinstance(t, pa.Table) for _, t in items):
                stacked, placed = _stacked_arrow(items)
            else:
                frames = [(k, t.to_pandas() if isinstance(t, pa.Table) else t) for k, t in items]
                stacked, placed = _stacked_pandas(frames)
            pq.write_table(stacked, tmp / f"{name}.parquet")
            for (key, _), slot in zip(items, placed, strict=True):
                index = None
                if slot.dtypes is not None:
                    index = dtypes.setdefault(json.dumps(slot.dtypes), len(dtypes))
                slots[key][name] = [slot.offset, slot.length, index]
        return slots, [json.loads(spec) for spec in dtypes]


def _stacked_parts(parts: list[pa.Table], dtypes: dict) -> pd.DataFrame:
    """Entries written with the same pandas dtypes, as one frame.

    Arrow may have stored an object column differently in two batches (strings in one,
    all-NaN floats as ``double`` in another): when the types cannot be merged, each part
    is converted on its own and stacked by pandas, as ``pd.concat`` of the entries would.
    """
    try:
        table = concat_arrow(parts)  # a column all null in some entries is unified
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        frames = [_restored(part.to_pandas(), dtypes) for part in parts]
        return _restored(pd.concat(frames, ignore_index=True), dtypes)
    return _restored(table.to_pandas(), dtypes)
