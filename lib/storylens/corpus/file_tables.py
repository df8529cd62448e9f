"""The tables of every file of a corpus, each processed afresh or read from the cache.

The cache is two :class:`~storylens.corpus.store.TableStore` namespaces under
``<cache>/corpus``: ``files`` holds each file's tables keyed by :func:`cache_key` (its
bytes, its suffix, the loader's code and rules, the library and dependency versions),
written in batches of up to :data:`BATCH_FILES` files; ``snapshots`` holds the combined
tables of a whole corpus, so an unchanged corpus is read back at once. Editing one file
reprocesses only that file.

The tokens table, by far the largest, is kept out of memory where the cache allows: it
is stored once, in each file's own entry, and never combined at loading. A snapshot
lists the files its tables were made of (``result_files``), and the combined result of
a cached load holds a :class:`CachedTable` that stacks the files' tokens when they are
asked for. A cold load drops each file's tokens as soon as its batch is written, so at
100,000 articles the load no longer holds some 50 million token rows at once.

A cached load does not turn the documents' texts into Python strings either: the
records it hands on hold the top of each raw text (what the date rules read) and the
whole texts stay one Arrow table (``FileResult.texts``), which becomes the documents'
``text`` and ``raw`` columns as it is.
"""

from __future__ import annotations

import dataclasses
import functools
import warnings
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from storylens.corpus.columns import DOCUMENT_RECORD_SCHEMA, SKIPPED_SCHEMA, TABLE_SCHEMAS
from storylens.corpus.errors import CorpusError, SkipFile
from storylens.corpus.process import Processed, process_text
from storylens.corpus.pubdate import TOP_CHARS
from storylens.corpus.reading import MAX_FILE_BYTES, Skipped, article_name, read_file
from storylens.corpus.store import TableStore, dependency_versions, fingerprint

__all__ = [
    "BATCH_FILES",
    "CachedTable",
    "FileResult",
    "cache_key",
    "code_fingerprint",
    "read_all",
    "read_bytes",
    "store_quietly",
]

BATCH_FILES = 1000  # files per cache batch: a few parquet files per batch, not per file
PARALLEL_FROM = 200  # files to make afresh before a load with jobs > 1 uses processes
SNAPSHOTS = "snapshots"  # the namespace of the whole-corpus snapshots
FILE_NO = pa.field("file_no", pa.int64())
# The snapshot's list of the files its tables were made of (their entries hold the tokens).
RESULT_FILES = "result_files"
RESULT_SCHEMA = pa.schema([pa.field("path", pa.string()), pa.field("file_key", pa.string())])


@dataclasses.dataclass(frozen=True)
class CachedTable:
    """A combined table left in the cache until it is read: the ``name`` tables of the
    files' own entries under ``cache_root`` (namespace ``files``), stacked in file order
    with their ``file_no``.

    ``files`` are the ``(path, cache key)`` of the files the combined result was made
    of, in order (a file's ``file_no`` is its position). A file whose entry is not there
    (the cache was cleared, or it was never written: a file with skipped rows is not
    cached, nor is any file when the cache cannot be written) is made afresh from its
    path, provided it has not changed since the load.
    """

    cache_root: Path
    name: str
    files: tuple[tuple[str, str], ...]

    def read(self) -> pa.Table:
        """The table (with ``file_no``), as the load that made this reference saw it."""
        store = TableStore(self.cache_root, namespace="files")
        found = store.get_tables({key for _, key in self.files}, names=[self.name])
        parts = [found.get(key, {}).get(self.name) for _, key in self.files]
        todo = [n for n, part in enumerate(parts) if part is None]
        if todo:
            with warnings.catch_warnings():  # what reading them warns was said at loading
                warnings.simplefilter("ignore")
                sources = self._unchanged_sources([self.files[n] for n in todo])
                for n, source in zip(todo, sources, strict=True):
                    parts[n] = getattr(_made(source)[0], self.name)
        if not parts:
            return TABLE_SCHEMAS[self.name].append(FILE_NO).empty_table()
        return pa.concat_tables([_with_file_no(t, n) for n, t in enumerate(parts)])

    def _unchanged_sources(self, files: Iterable[tuple[str, str]]) -> list[_Source]:
        sources = []
        for path, key in files:
            try:
                data = read_bytes(Path(path))
            except SkipFile as skip:
                raise self._gone(path, f"{skip.reason}: {skip.detail}") from skip
            if cache_key(data, path) != key:
                raise self._gone(path, "its content changed")
            sources.append(_Source(Path(path), data, key))
        return sources

    def _gone(self, path: str, why: str) -> CorpusError:
        return CorpusError(
            f"the {self.name} table is no longer in the cache ({self.cache_root}) and cannot "
            f"be made again: {path} has changed since the corpus was loaded ({why}); load "
            "the corpus again"
        )


@dataclasses.dataclass
class FileResult:
    """The articles of one file (or, combined, of all files): document records and Arrow
    tables (what is cached). Only a combined result read with a cache has its ``tokens``
    as a :class:`CachedTable` (read it with :meth:`tokens_table`)."""

    documents: list[dict]
    sentences: pa.Table
    tokens: pa.Table | CachedTable | None  # None: one file's, dropped once in the cache
    removed: pa.Table
    # The documents' ``text`` and ``raw``, row for row, when the records leave them out
    # (a cached load: see :func:`slim_records`); None: the records hold them.
    texts: pa.Table | None = None

    def tokens_table(self) -> pa.Table:
        """The tokens as an Arrow table, read from the cache if they are left there."""
        return self.tokens.read() if isinstance(self.tokens, CachedTable) else self.tokens

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

    @classmethod
    def from_tables(cls, tables: dict[str, pa.Table], path: Path) -> FileResult:
        """A file's result as read from the cache, its documents' paths set to ``path``
        (the path is not part of the key: a moved file keeps its cache entry)."""
        documents = tables["documents"].to_pylist()
        for record in documents:
            row = record["path"].partition("#")[2]
            record["path"] = f"{path}#{row}" if row else str(path)
        return cls(documents, **{name: tables.get(name) for name in TABLE_SCHEMAS})

    def tables(self) -> dict[str, pa.Table]:
        """The document records and the tables, as stored in the cache."""
        documents = pa.Table.from_pylist(self.documents, schema=DOCUMENT_RECORD_SCHEMA)
        return {"documents": documents, **{name: getattr(self, name) for name in TABLE_SCHEMAS}}


@functools.cache
def code_fingerprint() -> str:
    """A hash of the library and dependency versions and of the code and rule files that
    shape the tables, so a cache entry is never reused after the loader changes (even
    without a release)."""
    package = resources.files("storylens")
    corpus = sorted(p.name for p in package.joinpath("corpus").iterdir() if p.name.endswith(".py"))
    files = [f"corpus/{name}" for name in corpus] + [
        "nlp.py", "lexicon.py", "data/boilerplate.yaml", "data/abbreviations.txt",
        "data/lexicon.yaml",
    ]  # fmt: skip
    versions = sorted(dependency_versions().items())
    return fingerprint(repr(versions), *(package.joinpath(name).read_bytes() for name in files))


def cache_key(data: bytes, path: str) -> str:
    """The cache key of a file: its bytes, its name without the folder (the doc_ids come
    from it: a renamed file is read afresh, a moved one is not), its suffix (the inner one
    of a ``.gz``, and ``.gz``) and :func:`code_fingerprint`."""
    name = article_name(Path(path))
    suffix = name.suffix.lower() + (".gz" if name != Path(path) else "")
    return fingerprint(data, name.stem, suffix, code_fingerprint())


def read_bytes(path: Path) -> bytes:
    """The bytes of one file; :class:`SkipFile` when it cannot be read or is too large."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SkipFile("too large", f"{size / 2**20:,.0f} MB, over the limit of "
                           f"{MAX_FILE_BYTES // 2**20} MB for one file; split it")  # fmt: skip
        return path.read_bytes()
    except OSError as err:
        raise SkipFile("cannot read", f"{err.strerror or err}; check the file's permissions "
                       "(the other files were read)") from err  # fmt: skip


def store_quietly(store: TableStore, entries: Mapping[str, dict[str, pa.Table]]) -> bool:
    """Write cache entries; a cache that cannot be written (a full disk, a read-only
    folder) is a warning, not a failed load: the tables are in memory already. Returns
    whether they were written."""
    try:
        store.put_many(entries)
    except OSError as err:
        warnings.warn(f"cache not written in {store.folder}: {err.strerror or err}; the corpus "
                      "is loaded but will be read afresh next time (free some space, or "
                      "pass cache=False)", stacklevel=2)  # fmt: skip
        return False
    return True


@dataclasses.dataclass(frozen=True)
class _Source:
    path: Path
    data: bytes
    key: str  # "" without a cache


def read_all(
    files: list[Path], *, cache_root: Path | None, show: bool = False, jobs: int = 1
) -> tuple[FileResult, list[Skipped]]:
    """Every file's tables, combined in file order (documents carry ``file_no``), and the
    skipped files and rows.

    With a cache, an unchanged corpus (same files, same contents, same loader) is read
    from one snapshot of the combined tables; otherwise each file comes from its own cache
    entry or is processed, and a new snapshot is written.
    """
    sources, unread = [], []
    for path in files:
        try:
            data = read_bytes(path)
        except SkipFile as skip:
            unread.append((str(path), skip.reason, skip.detail))
            continue
        sources.append(_Source(path, data, cache_key(data, str(path)) if cache_root else ""))
    if cache_root is None:
        combined, skipped, _ = _process_all(sources, None, show, jobs)
        return combined, _in_file_order(files, unread + skipped)
    snapshots = TableStore(cache_root, namespace=SNAPSHOTS)
    digest = fingerprint("snapshot", *(f"{s.path}\0{s.key}" for s in sources))
    snapshot = snapshots.get_tables([digest]).get(digest)
    if snapshot is not None and RESULT_FILES in snapshot:
        return _from_snapshot(snapshot, cache_root, files, unread)
    store = TableStore(cache_root, namespace="files")
    combined, skipped, made_of = _process_all(sources, store, show, jobs)
    combined.tokens = CachedTable(cache_root, "tokens", made_of)  # each file's entry holds them
    store_quietly(snapshots, _snapshot_entries(digest, combined, skipped, made_of))
    return combined, _in_file_order(files, unread + skipped)


def _in_file_order(files: list[Path], skipped: list[Skipped]) -> list[Skipped]:
    """The skipped files and rows in the order of the files (rows in their order)."""
    order = {str(path): n for n, path in enumerate(files)}
    return sorted(skipped, key=lambda s: order.get(s[0], len(order)))


def _progress(sources: list[_Source], show: bool) -> Iterable[_Source]:
    if not show:
        return sources
    from tqdm.auto import tqdm

    return tqdm(sources, desc="loading articles", unit="file")


def _process_all(
    sources: list[_Source], store: TableStore | None, show: bool, jobs: int = 1
) -> tuple[FileResult, list[Skipped], tuple[tuple[str, str], ...]]:
    """Each file's tables from the store or made afresh (on ``jobs`` processes when there
    are at least :data:`PARALLEL_FROM` to make), stored in batches; and the ``(path,
    key)`` of the files with a result, in order. With a store the tokens are not kept:
    they are read from the files' entries (or made again) when asked for
    (:class:`CachedTable`), so the combined result has none."""
    lazy = store is not None
    names = [n for n in ("documents", *TABLE_SCHEMAS) if n != "tokens"] if lazy else None
    cached = store.get_tables({s.key for s in sources}, names) if lazy else {}
    made = _made_in_order([s for s in sources if s.key not in cached], jobs, lazy)
    results, skipped, pending, made_of = [], [], {}, []
    for source in _progress(sources, show):
        if source.key in cached:
            results.append(FileResult.from_tables(cached[source.key], source.path))
            made_of.append((str(source.path), source.key))
            continue
        result, stored, row_skips, raised = next(made)
        for message, category in raised:  # said here, in file order, whichever process ran it
            warnings.warn(message, category, stacklevel=2)
        skipped.extend(row_skips)
        if result is None:
            continue
        if lazy:  # in the batch written below, or made again from the file when read
            result.tokens = None
        results.append(result)
        made_of.append((str(source.path), source.key))
        if stored is not None:
            pending[source.key] = stored
        if lazy and len(pending) >= BATCH_FILES:
            store_quietly(store, pending)
            pending = {}
    if lazy:
        store_quietly(store, pending)
    return _combine(results, tokens=not lazy), skipped, tuple(made_of)


_Made = tuple[
    FileResult | None, dict[str, pa.Table] | None, list[Skipped], list[tuple[str, type[Warning]]]
]


def _made(source: _Source, keep: bool = False) -> _Made:
    """One file read and processed: its result (None if the whole file is skipped), its
    tables to cache (when ``keep``, and no row of it was skipped: such a file is redone),
    the skipped file or rows, and the warnings raised on the way (message, category)."""
    with warnings.catch_warnings(record=True) as recorded:
        warnings.simplefilter("always")
        try:
            articles, row_skips = read_file(source.path, source.data)
        except SkipFile as skip:
            result, row_skips = None, [(str(source.path), skip.reason, skip.detail)]
        else:
            result = FileResult.from_processed([process_text(a) for a in articles])
    stored = result.tables() if keep and result is not None and not row_skips else None
    return result, stored, row_skips, [(str(w.message), w.category) for w in recorded]


def _made_in_order(todo: list[_Source], jobs: int, keep: bool) -> Iterator[_Made]:
    """:func:`_made` of each of ``todo``, in order: in this process, or in ``jobs`` forked
    processes when there are at least :data:`PARALLEL_FROM` files (each file's work is
    a pure function of its path and bytes, so the tables are the same either way)."""
    make = functools.partial(_made, keep=keep)
    if jobs <= 1 or len(todo) < PARALLEL_FROM:
        yield from map(make, todo)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    size = max(1, min(50, len(todo) // (8 * jobs)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(make, todo, chunksize=size)


def _with_file_no(table: pa.Table, file_no: int) -> pa.Table:
    return table.append_column(FILE_NO, pa.array([file_no] * len(table), pa.int64()))


def _combine(results: list[FileResult], *, tokens: bool = True) -> FileResult:
    """The files' results in one, each row carrying its ``file_no`` (``tokens``: combine
    the tokens too; else the result has none, for the caller to set)."""
    documents = [
        {**doc, "file_no": file_no} for file_no, r in enumerate(results) for doc in r.documents
    ]
    tables: dict[str, pa.Table | None] = {}
    for name, schema in TABLE_SCHEMAS.items():
        if name == "tokens" and not tokens:
            tables[name] = None
            continue
        parts = [_with_file_no(getattr(r, name), n) for n, r in enumerate(results)]
        tables[name] = pa.concat_tables(parts) if parts else schema.append(FILE_NO).empty_table()
    return FileResult(documents=documents, **tables)


def _snapshot_entries(
    digest: str, combined: FileResult, skipped: list[Skipped], made_of: tuple[tuple[str, str], ...]
) -> dict[str, dict[str, pa.Table]]:
    """The snapshot ``digest``: documents, sentences, removed, skipped and the files
    the tables were made of (``result_files``, whose entries hold the tokens)."""
    documents = pa.Table.from_pylist(
        combined.documents, schema=DOCUMENT_RECORD_SCHEMA.append(FILE_NO)
    )
    skipped_table = pa.Table.from_pylist(
        [dict(zip(SKIPPED_SCHEMA.names, row, strict=True)) for row in skipped],
        schema=SKIPPED_SCHEMA,
    )
    tables = {name: getattr(combined, name) for name in TABLE_SCHEMAS if name != "tokens"}
    made = pa.table(
        {"path": [p for p, _ in made_of], "file_key": [k for _, k in made_of]}, schema=RESULT_SCHEMA
    )
    snapshot = {"documents": documents, **tables, "skipped": skipped_table, RESULT_FILES: made}
    return {digest: snapshot}


TEXT_COLUMNS = ["text", "raw"]


def slim_records(documents: pa.Table) -> tuple[list[dict], pa.Table]:
    """The document records of ``documents`` without their texts, and the texts.

    A slim record has no ``text``, and its ``raw`` is what the loader still reads of
    it: the whole raw text of a document with no sentence (to say what it held), the
    first :data:`~storylens.corpus.pubdate.TOP_CHARS` characters (of its ``text`` when
    the raw text is empty) where :func:`~storylens.corpus.pubdate.choose_date` may look
    for a written date (the file gave none), else nothing. The texts are the ``text``
    and ``raw`` columns as they are, row for row. Python strings of every text would
    double what a load holds.
    """
    raw, text = documents.column("raw"), documents.column("text")
    has_raw = pc.fill_null(pc.greater(pc.utf8_length(raw), 0), False)
    top = pc.utf8_slice_codeunits(pc.if_else(has_raw, raw, text), 0, TOP_CHARS)
    file_dated = pc.or_(pc.is_valid(documents.column("header_date")),
                        pc.is_valid(documents.column("file_date")))  # fmt: skip
    top = pc.if_else(file_dated, pa.scalar(None, pa.string()), top)
    emptied = pc.equal(documents.column("n_sentences"), 0)
    slim = documents.drop_columns(TEXT_COLUMNS).append_column("raw", pc.if_else(emptied, raw, top))
    return slim.to_pylist(), documents.select(TEXT_COLUMNS)


def _from_snapshot(
    tables: dict[str, pa.Table], cache_root: Path, files: list[Path], unread: list[Skipped]
) -> tuple[FileResult, list[Skipped]]:
    skipped = [tuple(row.values()) for row in tables["skipped"].to_pylist()]
    documents, texts = slim_records(tables.pop("documents"))
    kept = {name: tables[name] for name in TABLE_SCHEMAS if name != "tokens"}
    made = tables[RESULT_FILES]
    made_of = tuple(zip(made["path"].to_pylist(), made["file_key"].to_pylist(), strict=True))
    tokens = CachedTable(cache_root, "tokens", made_of)
    result = FileResult(documents, **kept, tokens=tokens, texts=texts)
    return result, _in_file_order(files, unread + skipped)
