"""The tables of every file of a corpus, each processed afresh or read from the cache.

A file's cache entry is keyed by its bytes, its suffix and the loader's code and rules
(:func:`cache_key`); an unchanged corpus is read back from one snapshot of the combined
tables.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from storylens.corpus.columns import TABLE_SCHEMAS
from storylens.corpus.errors import SkipFile
from storylens.corpus.process import Processed, process_text
from storylens.corpus.reading import Skipped, read_file

__all__ = ["FileResult", "cache_key", "read_all"]


@dataclasses.dataclass
class FileResult:
    """The articles of one file: document records and Arrow tables (what is cached)."""

    documents: list[dict]
    sentences: pa.Table
    tokens: pa.Table
    removed: pa.Table

    @classmethod
    def from_processed(cls, processed: list[Processed]) -> FileResult:
        tables = {}
        for name, schema in TABLE_SCHEMAS.items():
            columns = {c: [] for c in schema.names}
            for p in processed:
                for c, values in getattr(p, name).items():
                    columns[c].extend(values)
            tables[name] = pa.table(columns, schema=schema)
        return cls(documents=[p.document for p in processed], **tables)


@functools.cache
def _code_fingerprint() -> bytes:
    """The library version plus a hash of the code and rule files that shape the tables,
    so a cache entry is never reused after the loader changes (even without a release)."""
    from storylens import __version__

    digest = hashlib.sha256(__version__.encode())
    package = resources.files("storylens")
    names = sorted(p.name for p in package.joinpath("corpus").iterdir() if p.name.endswith(".py"))
    files = [f"corpus/{n}" for n in names] + [
        "nlp.py", "lexicon.py", "data/boilerplate.yaml", "data/abbreviations.txt",
        "data/lexicon.yaml",
    ]  # fmt: skip
    for name in files:
        digest.update(package.joinpath(name).read_bytes())
    return digest.digest()


def cache_key(data: bytes, path: str) -> str:
    """The cache key of a file: sha256 of its bytes, suffix and the loader's fingerprint."""
    digest = hashlib.sha256()
    digest.update(data)
    digest.update(b"\0" + Path(path).suffix.lower().encode())
    digest.update(b"\0" + _code_fingerprint())
    return digest.hexdigest()


def _process_file(
    path: Path, data: bytes, cache: Path | None, key: str = ""
) -> tuple[FileResult, list[Skipped]]:
    """Articles of one file, processed; read from / written to the cache by content hash."""
    key = key or cache_key(data, str(path))
    entry = cache / key[:2] / key if cache else None
    if entry is not None and (entry / "documents.parquet").exists():
        return _read_cache(entry, path), []
    articles, skipped = read_file(path, data)
    result = FileResult.from_processed([process_text(a) for a in articles])
    if entry is not None and not skipped:
        _write_cache(entry, result)
    return result, skipped


def _write_cache(entry: Path, result: FileResult) -> None:
    """Write one file's tables; a temporary folder renamed into place, so a crash never
    leaves a half-written entry that a later load would trust."""
    tmp = entry.with_name(f"{entry.name}.tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(result.documents), tmp / "documents.parquet")
    for name in TABLE_SCHEMAS:
        pq.write_table(getattr(result, name), tmp / f"{name}.parquet")
    try:
        tmp.rename(entry)
    except OSError:  # another process wrote the same entry first
        shutil.rmtree(tmp, ignore_errors=True)


def _read_cache(entry: Path, path: Path) -> FileResult:
    documents = pq.read_table(entry / "documents.parquet").to_pylist()
    for record in documents:
        # The path is not part of the key: a moved file keeps its cache entry.
        row = record["path"].partition("#")[2]
        record["path"] = f"{path}#{row}" if row else str(path)
    tables = {
        n: pq.read_table(entry / f"{n}.parquet", schema=schema)
        for n, schema in TABLE_SCHEMAS.items()
    }
    return FileResult(documents=documents, **tables)


def read_all(
    files: list[Path], cache_root: Path | None, show: bool
) -> tuple[FileResult, list[Skipped]]:
    """Every file's tables, combined in file order (documents carry ``file_no``), and the
    skipped files and rows.

    With a cache, an unchanged corpus (same files, same contents, same loader) is read
    from one snapshot of the combined tables; otherwise each file comes from its own cache
    entry or is processed, and a new snapshot is written.
    """
    contents = []
    for path in files:
        data = path.read_bytes()
        contents.append((path, data, cache_key(data, str(path)) if cache_root else ""))
    snapshot = None
    if cache_root is not None:
        digest = hashlib.sha256(b"snapshot\0")
        for path, _, key in contents:
            digest.update(f"{path}\0{key}\n".encode())
        snapshot = cache_root / "snapshots" / digest.hexdigest()
        if (snapshot / "documents.parquet").exists():
            return _read_snapshot(snapshot)
    results, skipped = [], []
    iterator: Iterable = contents
    if show:
        from tqdm.auto import tqdm

        iterator = tqdm(contents, desc="loading articles", unit="file")
    for path, data, key in iterator:
        try:
            result, row_skips = _process_file(path, data, cache_root, key)
        except SkipFile as skip:
            skipped.append((str(path), skip.reason, skip.detail))
            continue
        results.append(result)
        skipped.extend(row_skips)
    combined = _combine(results)
    if snapshot is not None:
        _write_snapshot(snapshot, combined, skipped)
    return combined, skipped


def _combine(results: list[FileResult]) -> FileResult:
    documents, tables = [], {name: [] for name in TABLE_SCHEMAS}
    for file_no, result in enumerate(results):
        documents += [{**doc, "file_no": file_no} for doc in result.documents]
        for name in TABLE_SCHEMAS:
            table = getattr(result, name)
            tables[name].append(
                table.append_column("file_no", pa.array([file_no] * len(table), pa.int64()))
            )
    return FileResult(
        documents=documents,
        **{
            name: pa.concat_tables(parts)
            if parts
            else TABLE_SCHEMAS[name].append(pa.field("file_no", pa.int64())).empty_table()
            for name, parts in tables.items()
        },
    )


def _write_snapshot(folder: Path, combined: FileResult, skipped: list) -> None:
    tmp = folder.with_name(f"{folder.name}.tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    for name in TABLE_SCHEMAS:
        pq.write_table(getattr(combined, name), tmp / f"{name}.parquet")
    (tmp / "skipped.json").write_text(json.dumps(skipped), encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(combined.documents), tmp / "documents.parquet")  # last
    try:
        tmp.rename(folder)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


def _read_snapshot(folder: Path) -> tuple[FileResult, list]:
    documents = pq.read_table(folder / "documents.parquet").to_pylist()
    tables = {name: pq.read_table(folder / f"{name}.parquet") for name in TABLE_SCHEMAS}
    skipped = [tuple(s) for s in json.loads((folder / "skipped.json").read_text(encoding="utf-8"))]
    return FileResult(documents=documents, **tables), skipped
