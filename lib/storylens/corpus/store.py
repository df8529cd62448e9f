"""A content-addressed store of tables, written in batches, safe for concurrent writers.

An *entry* is a few named tables stored under one *key* (a :func:`fingerprint` of
everything that determines them: the content, the code, the versions in
:func:`dependency_versions`). Entries are never updated: a key names its tables forever.

Layout under ``root/namespace/`` (``root``: a folder or any fsspec URL,
:mod:`storylens.corpus.location`)::

    batches/<batch id>/manifest.json     which keys the batch holds, and where
    batches/<batch id>/<table>.parquet   one file per table name, all keys, a ``key`` column
    tmp/<batch id>/                      a batch being written (renamed into batches/)

:meth:`TableStore.put_many` writes one batch for many entries (a few files, not a few per
entry). In a local folder it is written into ``tmp/`` and the finished folder renamed
into ``batches/``; on an object store (no atomic rename) its tables are written into
``batches/`` and its manifest last, and a batch without a manifest is not read yet. So
a reader sees a whole batch or none, several processes (or cluster workers) can write at
once, and no shared index is ever updated in place. A batch that cannot be read is
discarded with a warning; its entries are then missing, and the caller makes and stores
them again.

Every pass adds a batch, and many small batches slow reading: :meth:`TableStore.tidy`
(called at the end of a pass) compacts a store holding more than
:data:`COMPACT_AFTER_BATCHES` batches into batches of up to :data:`BATCH_ROWS` rows
(:meth:`TableStore.compact`), which stay small enough to aggregate one at a time.

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
import time
import uuid
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import metadata
from pathlib import PurePath
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)
import pyarrow.parquet as pq

from storylens.corpus.location import Location, StoreLocationError, open_location

__all__ = [
    "ABANDONED_AFTER_S",
    "BATCH_ROWS",
    "COMPACT_AFTER_BATCHES",
    "StoreLocationError",
    "TableStore",
    "concat_arrow",
    "dependency_versions",
    "fingerprint",
]

KEY_COLUMN = "key"
MANIFEST = "manifest.json"
FORMAT = 1  # of the batch layout; a batch of another format is ignored
# A store with more batches than this is compacted at the end of a pass (TableStore.tidy).
COMPACT_AFTER_BATCHES = 16
# The rows (all its tables together) a batch made by compaction holds at most; a batch of
# at least half as many, with nothing to drop, is left as it is.
BATCH_ROWS = 2_000_000
# A batch being written that is older than this (seconds) was abandoned by its writer
# (killed mid-write): compaction removes it.
ABANDONED_AFTER_S = 24 * 3600

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
    folder: PurePath
    slots: dict[str, dict[str, _Slot]]  # key -> table name -> slot

    @property
    def rows(self) -> int:
        return sum(slot.length for tables in self.slots.values() for slot in tables.values())


_PENDING = object()  # a batch still being written (no manifest yet, on an object store)


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


def _column_names(table: Table) -> list[str]:
    return table.column_names if isinstance(table, pa.Table) else [str(c) for c in table.columns]


class TableStore:
    """Tables stored by key under ``root/namespace`` (see the module docstring); ``root``
    is a folder or an fsspec URL (``file://``, ``memory://``, ``s3://``, ...)."""

    def __init__(self, root: str | os.PathLike, *, namespace: str):
        self.location: Location = open_location(root)
        self.folder = self.location.root / namespace
        self._batches: dict[str, _Batch | None] = {}  # batch id -> manifest (None: bad)
        self._arrow_fs = self.location.arrow_filesystem()

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

    def get_tables(
        self, keys: Iterable[str], names: Iterable[str] | None = None
    ) -> dict[str, dict[str, pa.Table]]:
        """Like :meth:`get_many`, as Arrow tables (without copying the rows); ``names``:
        read only those tables of each entry (None: all)."""
        chosen = None if names is None else set(names)
        found = {}
        for batch, keys_here, tables in self._read(keys, chosen):
            for key in keys_here:
                found[key] = {
                    name: tables[name].slice(slot.offset, slot.length).drop_columns(KEY_COLUMN)
                    for name, slot in batch.slots[key].items()
                    if chosen is None or name in chosen
                }
        return found

    def partitions(
        self,
        name: str,
        keys: Iterable[str],
        *,
        columns: Sequence[str] | None = None,
        where: pa.compute.Expression | None = None,
    ) -> Iterator[pd.DataFrame]:
        """The ``name`` rows of ``keys``, one frame per stored batch (a partition of the
        parquet dataset under this store), reading only ``columns`` (None: all) and only
        the rows for which the pyarrow expression ``where`` holds (filtered while reading,
        so the others never become pandas rows): for aggregating a table bigger than
        memory one batch at a time. Each key is read from one batch only (the newest
        holding it)."""
        wanted = set(keys)
        for batch in self._manifests():
            here = {k for k in batch.slots if k in wanted and name in batch.slots[k]}
            if not here:
                continue
            read = None if columns is None else [KEY_COLUMN, *columns]
            try:
                table = self._read_parquet(batch.folder / f"{name}.parquet", read, where)
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

    def batch_count(self) -> int:
        """The number of readable batches (from the manifests alone)."""
        return len(self._manifests())

    def _read(self, keys: Iterable[str], names: set[str] | None = None):
        """``(batch, its wanted keys, its tables)`` for each batch holding wanted keys
        (``names``: only those tables; None: every table the keys have).

        A batch removed meanwhile (by a compaction in another process) is skipped, and
        the batches are listed once more for the keys it held: the compacted batch has
        them."""
        wanted, visited = set(keys), set()
        for _ in range(2):
            vanished = False
            for batch in self._manifests():
                if batch.folder.name in visited:
                    continue
                visited.add(batch.folder.name)
                here = [k for k in batch.slots if k in wanted]
                if not here:
                    continue
                stored = {name for k in here for name in batch.slots[k]}
                tables = self._load_tables(batch, stored if names is None else stored & names)
                if tables is None:
                    vanished = vanished or self._batches.get(batch.folder.name) is _PENDING
                    continue
                wanted.difference_update(here)
                yield batch, here, tables
            if not (vanished and wanted):
                return

    def _load_tables(self, batch: _Batch, names: set[str]) -> dict[str, pa.Table] | None:
        try:
            return {name: self._read_parquet(batch.folder / f"{name}.parquet") for name in names}
        except FileNotFoundError:
            if not self.location.exists(batch.folder / MANIFEST):  # compacted away
                self._batches[batch.folder.name] = _PENDING  # listed again if it is back
                return None
            self._discard(batch.folder, "a table file is missing")
            return None
        except (OSError, pa.ArrowException) as err:
            self._discard(batch.folder, f"cannot read its tables ({err})")
            return None

    def _read_parquet(
        self,
        path: PurePath,
        columns: list[str] | None = None,
        where: pa.compute.Expression | None = None,
    ) -> pa.Table:
        return pq.read_table(str(path), columns=columns, filters=where, filesystem=self._arrow_fs)

    def _manifests(self) -> list[_Batch]:
        """Every readable batch, newest first (manifests are read once per store)."""
        folder = self.folder / "batches"
        batches = []
        for name in sorted(self.location.names(folder), reverse=True):
            if self._batches.get(name, _PENDING) is _PENDING:
                self._batches[name] = self._read_manifest(folder / name)
            if isinstance(self._batches[name], _Batch):
                batches.append(self._batches[name])
        return batches

    def _read_manifest(self, folder: PurePath) -> _Batch | None | object:
        try:
            text = self.location.read_text(folder / MANIFEST)
        except FileNotFoundError:
            if not self.location.local:
                return _PENDING  # tables written, manifest not yet: read it next time
            self._discard(folder, "it has no manifest")
            return None
        try:
            spec = json.loads(text)
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
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
            self._discard(folder, f"its manifest is unreadable ({err})")
            return None
        return _Batch(folder, slots)

    def _discard(self, folder: PurePath, why: str) -> None:
        warnings.warn(
            f"cache batch {folder} discarded: {why}; its entries will be rebuilt", stacklevel=4
        )
        self._batches[folder.name] = None
        self.location.remove(folder)

    # ----------------------------------------------------------------- upkeep

    def tidy(self, *, after: int | None = None) -> int:
        """Compact the store (:meth:`compact`, keeping every entry) when it holds more
        than ``after`` batches (None: :data:`COMPACT_AFTER_BATCHES`); what a pass calls
        when it is done. Returns the number of batches removed (0: none, or too few)."""
        if self.batch_count() <= (COMPACT_AFTER_BATCHES if after is None else after):
            return 0
        return self.compact()

    def compact(self, keep: Iterable[str] | None = None, *, max_rows: int = BATCH_ROWS) -> int:
        """Rewrite the store's entries (only those of ``keep`` when given, dropping the
        rest: entries of edited documents, of older code) into as few batches as hold at
        most ``max_rows`` rows each; a batch of at least ``max_rows / 2`` rows with
        nothing to drop is left as it is. Tables are copied as Arrow (never converted to
        pandas), one new batch at a time. The new batches are in place before the old ones
        are removed, so a reader never misses an entry; a batch written meanwhile by
        another process is not touched. Returns the number of batches removed."""
        old = self._manifests()
        wanted = None if keep is None else set(keep)
        plan, seen = [], set()  # (batch, the keys it still provides)
        for batch in old:
            keys = [k for k in batch.slots if (wanted is None or k in wanted) and k not in seen]
            seen.update(keys)
            full = len(keys) == len(batch.slots) and batch.rows >= max_rows / 2
            if not full:
                plan.append((batch, keys))
        if len(plan) <= 1 and all(len(keys) == len(b.slots) for b, keys in plan):
            self._sweep_abandoned()
            return 0
        for group in _groups(plan[::-1], max_rows):  # oldest first
            self._rewrite(group)
        for batch, _ in plan:
            self.location.remove(batch.folder)
            self._batches[batch.folder.name] = None
        self._sweep_abandoned()
        return len(plan)

    def _rewrite(self, group: list[tuple[_Batch, list[str]]]) -> None:
        """One batch holding the given keys of the given batches, copied as Arrow."""
        parts: dict[str, list[tuple[str, pa.Table, _Slot]]] = {}
        slots: dict[str, dict[str, _Slot]] = {k: {} for _, keys in group for k in keys}
        if not slots:
            return  # every entry of these batches is dropped
        for batch, keys in group:
            names = {name for k in keys for name in batch.slots[k]}
            tables = {name: self._read_parquet(batch.folder / f"{name}.parquet") for name in names}
            for key in keys:
                for name, slot in batch.slots[key].items():
                    piece = tables[name].slice(slot.offset, slot.length).drop_columns(KEY_COLUMN)
                    parts.setdefault(name, []).append((key, piece, slot))
        stacked = {}
        for name, items in parts.items():
            stacked[name], placed = _restacked(items)
            for (key, _, _), slot in zip(items, placed, strict=True):
                slots[key][name] = slot
        self._write_batch(stacked, slots)

    def _sweep_abandoned(self) -> None:
        """Remove batches being written for longer than :data:`ABANDONED_AFTER_S`."""
        limit = time.time_ns() - ABANDONED_AFTER_S * 10**9
        batches = self.folder / "batches"
        pending = [batches / n for n, b in self._batches.items() if b is _PENDING]
        for folder in [*(self.folder / "tmp" / n for n in self.location.names(self.folder / "tmp")),
                       *pending]:  # fmt: skip
            started = folder.name.split("-", 1)[0]
            if started.isdigit() and int(started) < limit:
                self.location.remove(folder)

    # ----------------------------------------------------------------- writing

    def put_many(self, entries: Mapping[str, Entry]) -> None:
        """Store many entries in one batch (a few files, not one per entry).

        ``entries`` maps each key to its tables (pandas DataFrames or Arrow tables; one
        table name holds one kind across the batch). The batch is published whole (see
        the module docstring), so concurrent writers never clash.
        """
        if not entries:
            return
        by_name: dict[str, list[tuple[str, Table]]] = {}
        for key, tables in entries.items():
            for name, table in tables.items():
                if KEY_COLUMN in _column_names(table):
                    raise ValueError(
                        f"table {name!r} of entry {key!r} has a column named {KEY_COLUMN!r}, "
                        "which the store adds to every stored table; rename that column"
                    )
                by_name.setdefault(name, []).append((key, table))
        stacked, slots = {}, {key: {} for key in entries}
        for name, items in by_name.items():
            if all(isinstance(t, pa.Table) for _, t in items):
                stacked[name], placed = _stacked_arrow(items)
            else:
                frames = [(k, t.to_pandas() if isinstance(t, pa.Table) else t) for k, t in items]
                stacked[name], placed = _stacked_pandas(frames)
            for (key, _), slot in zip(items, placed, strict=True):
                slots[key][name] = slot
        self._write_batch(stacked, slots)

    def _write_batch(self, tables: dict[str, pa.Table], slots: dict[str, dict[str, _Slot]]):
        """Write one batch: a parquet file per table, then its manifest, and publish it:
        renamed from ``tmp/`` in a local folder, the manifest written last elsewhere."""
        batch_id = _batch_id()
        final = self.folder / "batches" / batch_id
        folder = self.folder / "tmp" / batch_id if self.location.local else final
        self.location.makedirs(folder)
        try:
            for name, table in tables.items():
                pq.write_table(table, str(folder / f"{name}.parquet"), filesystem=self._arrow_fs)
            self.location.write_text(folder / MANIFEST, json.dumps(_manifest(slots)))
            if self.location.local:
                self.location.makedirs(final.parent)
                os.rename(folder, final)
        finally:  # after a rename, nothing is left here; after a failure, a partial batch
            if self.location.local or not self.location.exists(folder / MANIFEST):
                self.location.remove(folder)


def _manifest(slots: dict[str, dict[str, _Slot]]) -> dict:
    """The manifest of a batch: key -> table name -> ``[offset, length, dtypes index]``,
    and the distinct dtypes of the pandas tables."""
    dtypes: dict[str, int] = {}  # JSON of a dtypes spec -> its index
    entries: dict[str, dict[str, list]] = {}
    for key, tables in slots.items():
        entries[key] = {}
        for name, slot in tables.items():
            index = None
            if slot.dtypes is not None:
                index = dtypes.setdefault(json.dumps(slot.dtypes), len(dtypes))
            entries[key][name] = [slot.offset, slot.length, index]
    return {"format": FORMAT, "dtypes": [json.loads(d) for d in dtypes], "entries": entries}


def _groups(plan: list[tuple[_Batch, list[str]]], max_rows: int):
    """The batches of ``plan`` in groups of at most ``max_rows`` kept rows (a batch over
    it alone is a group of its own)."""
    group, rows = [], 0
    for batch, keys in plan:
        kept = sum(slot.length for k in keys for slot in batch.slots[k].values())
        if group and rows + kept > max_rows:
            yield group
            group, rows = [], 0
        group.append((batch, keys))
        rows += kept
    if group:
        yield group


def _restacked(items: list[tuple[str, pa.Table, _Slot]]) -> tuple[pa.Table, list[_Slot]]:
    """Entries' rows of one table name from several batches as one table (key column
    first, dictionary-encoded) and each entry's new slot (its dtypes kept). Parts whose
    Arrow types cannot be merged are stacked through pandas, as written."""
    try:
        stacked = concat_arrow([piece for _, piece, _ in items])
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        frames = [(key, _as_written(piece, slot)) for key, piece, slot in items]
        return _stacked_pandas(frames)
    lengths = np.array([slot.length for _, _, slot in items], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    slots = [_Slot(int(o), int(n), slot.dtypes)
             for o, n, (_, _, slot) in zip(offsets, lengths, items, strict=True)]  # fmt: skip
    indices = np.repeat(np.arange(len(items), dtype=np.int32), lengths)
    keys = pa.DictionaryArray.from_arrays(indices, pa.array([key for key, _, _ in items]))
    return stacked.add_column(0, KEY_COLUMN, keys), slots


def _as_written(piece: pa.Table, slot: _Slot) -> pd.DataFrame:
    frame = piece.to_pandas()
    return frame if slot.dtypes is None else _restored(frame, slot.dtypes)


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
