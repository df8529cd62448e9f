"""One pass per document: every per-document table at once, cached by content hash.

:func:`analyse_document` is a pure function of one cleaned document (its text, sentences
and publication date) and the analysis :class:`Parameters` (actor registry, topic terms,
unit table). It computes the actor mentions once and reuses them for everything that
needs them, and returns a :class:`DocumentAnalysis` of five tables:

========== ================================================================================
table      what it holds (columns as documented by the function that makes it)
========== ================================================================================
mentions   every registry actor mentioned (:func:`storylens.actors.document_mentions`)
sentiment  the target-sentiment score of each mention, row for row (``doc_id, start,
           end, sentiment, label``; :func:`storylens.sentiment.score_mentions`)
stances    every stance cue attributed to an actor (:func:`storylens.actors.document_stance_cues`)
timexes    every temporal expression, resolved against the document's date
           (:func:`storylens.timeline.document_timexes`)
figures    every figure with its sentence, claimant and topic
           (:func:`storylens.figures.document_figures`)
========== ================================================================================

All five cover every sentence role; the corpus-level functions (``build_timeline``,
``actor_mentions``, ``stance_evidence``, ``actor_stances``, ``figure_table``, ...) filter
by role and aggregate. :func:`analyse_corpus` runs the pass over a corpus, reading and
writing a per-document cache (a :class:`storylens.corpus.store.TableStore` under
``outputs/cache/analysis``, or under ``$STORYLENS_STORE``: any folder or fsspec URL)
keyed by the document's content, the parameters, the library's code and the versions of
the packages that change results, so a re-run redoes only the documents that changed.
Each table is computed when first asked for
(``sentiment``, ``stances`` and ``figures`` read the mentions; the topic terms key only ``stances``,
the unit table only ``figures``), and within a process each table of one corpus object
is kept, so the notebooks' many calls share one pass and ``actor_mentions`` alone does
not pay for the figures.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import weakref
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from storylens.frames import column_array, columns_frame

TABLES = ("mentions", "sentiment", "stances", "timexes", "figures", "vocabulary")
# The tables that read a document's mentions (computed first).
READS_MENTIONS = frozenset({"sentiment", "stances", "figures"})


@dataclasses.dataclass(frozen=True)
class Parameters:
    """What the per-document pass depends on besides the document itself.

    ``registry``: the actor registry (:class:`storylens.actors.Registry`); ``topic``: the
    terms naming the proposal (None: the registry's); ``units``: the unit table of the
    figure reader (None: the packaged one).
    """

    registry: object
    topic: tuple[str, ...] | None = None
    units: object | None = None

    @functools.cached_property
    def fingerprint(self) -> str:
        """A hash of everything here that changes any table."""
        return self._hashes["all"]

    def fingerprint_for(self, table: str) -> str:
        """A hash of what changes ``table``: the registry for all, the topic terms for
        ``stances`` only, the unit table for ``figures`` only; nothing for ``vocabulary``
        (the words of the text only)."""
        if table == "vocabulary":
            return "no parameters"
        return self._hashes[table]

    @functools.cached_property
    def _hashes(self) -> dict[str, str]:
        reg = self.registry
        base = {
            "actors": reg.actors.drop(columns=["source"], errors="ignore").to_csv(index=False),
            "topic_terms": list(reg.topic_terms),
            "surfaces": [dataclasses.astuple(s) for s in reg.surfaces],
            "figure_topics": list(reg.figure_topics),
        }
        topic = list(self.topic) if self.topic is not None else None
        units = repr(self.units) if self.units is not None else None

        def digest(**extra) -> str:
            blob = json.dumps({**base, **extra}, sort_keys=True, default=str).encode()
            return hashlib.sha256(blob).hexdigest()

        plain = digest()
        return {
            "mentions": plain,
            "sentiment": plain,
            "timexes": plain,
            "stances": digest(topic=topic),
            "figures": digest(units=units),
            "all": digest(topic=topic, units=units),
        }


@dataclasses.dataclass(frozen=True)
class DocumentInput:
    """One cleaned document, as the per-document pass reads it."""

    doc_id: str
    text: str
    published: date | None
    sentences: pd.DataFrame  # this document's rows of Corpus.sentences
    # its content_key when already known (document_inputs hashes a corpus's columns at once)
    known_key: str | None = dataclasses.field(default=None, compare=False, repr=False)

    @functools.cached_property
    def content_key(self) -> str:
        """A hash of everything in the document that the pass reads."""
        if self.known_key is not None:
            return self.known_key
        columns = [self.sentences[c].to_numpy(dtype="int64") for c in ("sent_id", "start", "end")]
        return _content_key(self.doc_id, self.text, self.published, columns, self.sentences["role"])


def _content_key(doc_id: str, text: str, published, columns, roles) -> str:
    digest = hashlib.sha256()
    for part in (doc_id, text, str(published)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for column in columns:  # sent_id, start, end as int64
        digest.update(column.tobytes())
    digest.update("\0".join(map(str, roles)).encode())
    return digest.hexdigest()


@dataclasses.dataclass(frozen=True)
class DocumentAnalysis:
    """The per-document tables (see the module docstring)."""

    mentions: pd.DataFrame
    sentiment: pd.DataFrame
    stances: pd.DataFrame
    timexes: pd.DataFrame
    figures: pd.DataFrame
    vocabulary: pd.DataFrame


def _mentions(doc: DocumentInput, params: Parameters, _=None) -> pd.DataFrame:
    from storylens.actors import document_mentions

    return document_mentions(doc.doc_id, doc.sentences, params.registry)


def _sentiment(doc: DocumentInput, params: Parameters, mentions: pd.DataFrame) -> pd.DataFrame:
    from storylens.sentiment import score_mentions

    scores = score_mentions(mentions, sentence_start_col="sent_start")
    sentiment, label = scores["sentiment"].to_numpy(), scores["label"].to_numpy()
    columns = {c: mentions[c].tolist() for c in ("doc_id", "start", "end")}
    fast = columns_frame({**columns, "sentiment": sentiment, "label": label.tolist()})
    if fast is not None:  # the same table as below, without pandas inferring each column
        return fast
    keys = mentions[["doc_id", "start", "end"]].reset_index(drop=True)
    return keys.assign(sentiment=sentiment, label=label)


def _stances(doc: DocumentInput, params: Parameters, mentions: pd.DataFrame) -> pd.DataFrame:
    from storylens.actors import document_stance_cues

    return document_stance_cues(
        doc.doc_id, doc.sentences, mentions, params.registry, topic=params.topic
    )


def _timexes(doc: DocumentInput, params: Parameters, _=None) -> pd.DataFrame:
    from storylens.timeline import document_timexes

    found = document_timexes(doc.text, doc.sentences, dct=doc.published)
    doc_ids = column_array([doc.doc_id] * len(found)) if len(found) else None
    if doc_ids is None:
        return found.assign(doc_id=doc.doc_id)
    found = found.copy(deep=False)  # the same as assign, without inferring the column
    found["doc_id"] = doc_ids
    return found


def _figures(doc: DocumentInput, params: Parameters, mentions: pd.DataFrame) -> pd.DataFrame:
    from storylens.figures import document_figures

    return document_figures(
        doc.doc_id, doc.text, doc.sentences, mentions, params.registry, units=params.units
    )


def _vocabulary(doc: DocumentInput, params: Parameters, _=None) -> pd.DataFrame:
    from storylens.terms import document_vocabulary

    return document_vocabulary(doc.doc_id, doc.sentences)


_STEPS = {
    "mentions": _mentions,
    "sentiment": _sentiment,
    "stances": _stances,
    "timexes": _timexes,
    "figures": _figures,
    "vocabulary": _vocabulary,
}


def analyse_document(doc: DocumentInput, params: Parameters) -> DocumentAnalysis:
    """Every per-document table of one document (a pure function of its arguments)."""
    mentions = _mentions(doc, params)
    others = {name: _STEPS[name](doc, params, mentions) for name in TABLES[1:]}
    return DocumentAnalysis(mentions=mentions, **others)


# --------------------------------------------------------------------------- the corpus


@dataclasses.dataclass(frozen=True)
class CorpusAnalysis:
    """The per-document tables of a whole corpus, concatenated in document order; a
    table not asked for is None. ``computed`` and ``cached`` count, per table, the
    documents annotated afresh and read from the cache in the run that made it."""

    mentions: pd.DataFrame | None = None
    sentiment: pd.DataFrame | None = None
    stances: pd.DataFrame | None = None
    timexes: pd.DataFrame | None = None
    figures: pd.DataFrame | None = None
    vocabulary: pd.DataFrame | None = None
    computed: dict[str, int] = dataclasses.field(default_factory=dict)
    cached: dict[str, int] = dataclasses.field(default_factory=dict)


class DocumentInputs(Sequence):
    """The documents of a corpus as :class:`DocumentInput`, in document order, each built
    when it is read; :attr:`content_keys` hashes them all without building any, so a
    pass that finds every document cached never splits the sentence table."""

    def __init__(self, corpus):
        sentences, documents = corpus.sentences, corpus.documents
        self._sentences = sentences
        self._rows = sentences.groupby("doc_id", sort=False, observed=True).indices
        # Columns, not a tuple per document: those would hold every column of every
        # document as Python objects, its raw text too (128 MB at 10,000 articles, made
        # again by each table's pass); a text is made when its document is read.
        self._ids = documents["doc_id"].tolist()
        self._texts = documents["text"]
        published = (
            documents["published"] if "published" in documents else None
        )  # absent in hand-built corpora
        self._published = [None] * len(self._ids) if published is None else [
            None if pd.isna(day) else day.date() for day in published
        ]  # fmt: skip
        self._columns = [sentences[c].to_numpy(dtype="int64") for c in ("sent_id", "start", "end")]
        self._roles = sentences["role"].astype(object).to_numpy()
        self._keys: list[str | None] = [None] * len(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def _parts(self, i: int):
        doc_id = self._ids[i]
        return doc_id, self._published[i], self._rows.get(doc_id, np.zeros(0, dtype="int64"))

    def key(self, i: int) -> str:
        """The :attr:`DocumentInput.content_key` of document ``i``."""
        if self._keys[i] is None:
            doc_id, published, at = self._parts(i)
            columns = [c[at] for c in self._columns]
            text = self._texts.iloc[i]
            self._keys[i] = _content_key(doc_id, text, published, columns, self._roles[at])
        return self._keys[i]

    @property
    def content_keys(self) -> list[str]:
        return [self.key(i) for i in range(len(self))]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        doc_id, published, at = self._parts(i)
        contiguous = len(at) and at[-1] - at[0] + 1 == len(at)  # then a slice, not a copy
        rows = self._sentences.iloc[at[0] : at[-1] + 1] if contiguous else self._sentences.take(at)
        return DocumentInput(doc_id, self._texts.iloc[i], published, rows, self.key(i))


def document_inputs(corpus) -> Iterator[DocumentInput]:
    """The documents of a corpus as :class:`DocumentInput`, in document order."""
    yield from DocumentInputs(corpus)


@functools.cache
def code_fingerprint() -> str:
    """A hash of the library version, of the code the per-document pass runs and of every
    data file: a cache entry is never reused after any of them changes. The code is the
    modules this one imports, directly or through others (:func:`pass_modules`): an edit
    to the reports, the charts or the cluster glue leaves the per-document tables valid."""
    from storylens import __version__

    return package_fingerprint(Path(str(resources.files("storylens"))), __version__)


def package_fingerprint(package: Path, version: str = "") -> str:
    """:func:`code_fingerprint` of the package folder ``package`` (``.../storylens``)."""
    digest = hashlib.sha256(version.encode())
    code = {package.joinpath(*m.split(".")[1:]) for m in pass_modules(package)}
    for path in sorted(package.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        if (
            path.suffix == ".py"
            and path.with_suffix("") not in code
            and not (path.name == "__init__.py" and path.parent in code)
        ):
            continue  # a module the pass never imports
        digest.update(str(path.relative_to(package)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def pass_modules(package: Path, start: str = "storylens.analysis") -> set[str]:
    """The modules of ``package`` that ``start`` imports, directly or through others, at
    module level or inside a function (read from the source, so every import counts, run
    or not), with the packages holding each (whose ``__init__`` runs first)."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        path = _module_path(package, name)
        if name in seen or path is None:
            continue
        seen.add(name)
        todo.extend(_imported(package, path, name))
    return seen


def _module_path(package: Path, name: str) -> Path | None:
    base = package.joinpath(*name.split(".")[1:])
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return base.with_suffix(".py") if base.with_suffix(".py").is_file() else None


def _imported(package: Path, path: Path, name: str) -> set[str]:
    """The ``storylens`` modules and packages the source at ``path`` imports."""
    import ast

    here = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            parts = here.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1]) if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            found.add(module)  # and each name that is a module of it ("from x import y")
            found.update(f"{module}.{a.name}" for a in node.names
                         if _module_path(package, f"{module}.{a.name}"))  # fmt: skip
    found = {m for m in found if m == "storylens" or m.startswith("storylens.")}
    return found | {".".join(m.split(".")[:i]) for m in found for i in range(1, m.count(".") + 1)}


def _entry_keys(docs: Sequence[DocumentInput], params: Parameters, table: str) -> list[str]:
    from storylens.corpus.store import dependency_versions, fingerprint

    shared = (params.fingerprint_for(table), code_fingerprint())
    versions = json.dumps(dependency_versions(), sort_keys=True)
    contents = (
        docs.content_keys if isinstance(docs, DocumentInputs) else [d.content_key for d in docs]
    )
    return [fingerprint(c, table, *shared, versions) for c in contents]


_Job = tuple[str, DocumentInput, pd.DataFrame | None]


def _run_jobs(jobs: list[_Job], params: Parameters) -> list[pd.DataFrame]:
    return [_STEPS[table](doc, params, mentions) for table, doc, mentions in jobs]


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _compute(jobs: list[_Job], params: Parameters, processes: int) -> list[pd.DataFrame]:
    if processes <= 1 or len(jobs) < 2:
        return _run_jobs(jobs, params)
    import multiprocessing

    size = max(1, min(200, len(jobs) // (processes * 4)))
    chunks = list(_chunks(jobs, size))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        parts = pool.map(_run_jobs, chunks, [params] * len(chunks))
        return [frame for part in parts for frame in part]


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    non_empty = [p for p in parts if len(p)]
    if not non_empty:
        return parts[0].iloc[0:0].reset_index(drop=True)
    return pd.concat(non_empty, ignore_index=True)


# Where the per-document tables are stored, when set: a folder or any fsspec URL
# (``s3://bucket/storylens``); it replaces the cache folder of a corpus (whose own cache of
# parsed files stays where it is). ``--store`` sets it for a report run.
STORE_VARIABLE = "STORYLENS_STORE"


def store_root(cache):
    """Where the pass stores its tables for a corpus cached under ``cache`` (None or
    False: not cached): ``$STORYLENS_STORE`` when set, else ``cache``."""
    if not cache:
        return cache
    return os.environ.get(STORE_VARIABLE) or cache


def corpus_store(corpus):
    """:func:`store_root` of the cache a corpus was loaded with (False: none)."""
    return store_root(getattr(corpus, "cache_root", None) or False)


def _store(cache, table: str):
    if cache is False or cache is None:
        return None
    from storylens.corpus.store import TableStore
    from storylens.paths import cache_dir

    root = cache_dir() if cache is True else cache  # a folder or an fsspec URL
    return TableStore(root, namespace=f"analysis/{table}")


def tidy_cache(cache, *, tables: Iterable[str] = TABLES, jobs: int = 1) -> dict[str, int]:
    """Compact each table's store under ``cache`` that holds too many batches
    (:meth:`storylens.corpus.store.TableStore.tidy`); what a pass does when it is done.
    ``jobs``: tables compacted at once, on threads (Arrow reads and writes parquet
    without the GIL; each table has its own store). Returns the batches removed per table."""
    names = list(tables)
    if jobs <= 1 or len(names) < 2:
        return {t: _store(cache, t).tidy() for t in names}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(jobs, len(names))) as pool:
        removed = pool.map(lambda t: _store(cache, t).tidy(), names)
        return dict(zip(names, removed, strict=True))


def _no_sentences() -> pd.DataFrame:
    from storylens.corpus.columns import TABLE_SCHEMAS  # the loader's own schema

    return TABLE_SCHEMAS["sentences"].empty_table().to_pandas()


def _table_pass(
    table: str, docs: Sequence[DocumentInput], params: Parameters, mentions, *, cache, jobs: int
) -> tuple[pd.DataFrame, int]:
    """One table over ``docs``: cached entries read, the rest computed and written back
    in one batch. Returns the table and the number of documents computed."""
    store = _store(cache, table)
    keys = _entry_keys(docs, params, table) if store else list(range(len(docs)))
    stacked = store.get_stacked(keys, table) if store and docs else None
    if stacked is not None:  # all cached: one conversion instead of one per document
        log_pass(table, computed=0, cached=len(docs))
        return stacked, 0
    found = {k: v[table] for k, v in store.get_many(keys).items()} if store else {}
    missing = [i for i, key in enumerate(keys) if key not in found]
    empty = mentions.iloc[0:0] if mentions is not None else None
    by_doc = dict(tuple(mentions.groupby("doc_id", sort=False))) if mentions is not None else {}
    work = [(table, docs[i], by_doc.get(docs[i].doc_id, empty)) for i in missing]
    fresh = dict(zip((keys[i] for i in missing), _compute(work, params, jobs), strict=True))
    if store and fresh:
        store.put_many({key: {table: frame} for key, frame in fresh.items()})
        store.tidy()
    found.update(fresh)
    log_pass(table, computed=len(missing), cached=len(docs) - len(missing))
    if not docs:  # typed empty tables, from an empty document
        nothing = DocumentInput("", "", None, _no_sentences())
        no_mentions = _mentions(nothing, params) if table in READS_MENTIONS else None
        return _STEPS[table](nothing, params, no_mentions), 0
    return _concat([found[key] for key in keys]), len(missing)


# A JSON-lines file where every table pass appends what it computed (diagnostics: a test
# reads it to check that report notebooks run after the prepass compute nothing).
PASS_LOG_VARIABLE = "STORYLENS_PASS_LOG"


def log_pass(table: str, *, computed: int, cached: int) -> None:
    """Append one line to ``$STORYLENS_PASS_LOG`` (when set): table, documents computed
    and read from the cache, process id."""
    path = os.environ.get(PASS_LOG_VARIABLE)
    if not path:
        return
    line = {"table": table, "computed": computed, "cached": cached, "pid": os.getpid()}
    with open(path, "a", encoding="utf-8") as log:
        log.write(json.dumps(line) + "\n")


def run_pass(
    docs: Sequence[DocumentInput],
    params: Parameters,
    *,
    tables: Iterable[str] = TABLES,
    cache=True,
    jobs: int = 1,
    known: dict[str, pd.DataFrame] | None = None,
) -> CorpusAnalysis:
    """The per-document pass over ``docs`` for ``tables`` (and the mentions they read):
    cached entries are read, the rest computed (in ``jobs`` processes) and written back
    in one batch per table. ``known``: tables already at hand, not recomputed."""
    wanted = [t for t in TABLES if t in set(tables)]
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown tables {sorted(unknown)}; the pass makes {', '.join(TABLES)}")
    if READS_MENTIONS & set(wanted) and "mentions" not in wanted:
        wanted.insert(0, "mentions")
    result, computed, cached = dict(known or {}), {}, {}
    for table in wanted:
        if table in result:
            continue
        mentions = result.get("mentions") if table in READS_MENTIONS else None
        result[table], computed[table] = _table_pass(
            table, docs, params, mentions, cache=cache, jobs=jobs
        )
        cached[table] = len(docs) - computed[table]
    return CorpusAnalysis(**result, computed=computed, cached=cached)


# Tables kept per corpus object (by id, dropped when the corpus is collected), per table
# and the fingerprint of the parameters that change it.
_MEMO: dict[int, dict[tuple[str, str], pd.DataFrame]] = {}


def clear_memo() -> None:
    """Forget the tables kept in this process (the on-disk cache stays)."""
    _MEMO.clear()


def corpus_memo(corpus) -> dict[tuple[str, str], pd.DataFrame]:
    """Tables kept for ``corpus`` in this process, by ``(name, fingerprint)``: the pass's
    tables and corpus-wide tables made from them (dropped with the corpus, or by
    :func:`clear_memo`). A table kept here must not be changed in place."""
    return _memo_for(corpus)


def _memo_for(corpus) -> dict[tuple[str, str], pd.DataFrame]:
    if id(corpus) not in _MEMO:
        _MEMO[id(corpus)] = {}
        weakref.finalize(corpus, _MEMO.pop, id(corpus), None)
    return _MEMO[id(corpus)]


def analyse_corpus(
    corpus,
    *,
    registry=None,
    topic: Iterable[str] | None = None,
    units=None,
    tables: Iterable[str] = TABLES,
    cache=None,
    jobs: int = 1,
) -> CorpusAnalysis:
    """The per-document ``tables`` of every document of ``corpus`` (see the module
    docstring; the others are None unless already computed in this process).

    ``registry``: a Registry, a story.yaml path, or None for the one beside the corpus;
    ``topic``: terms naming the proposal (None: the registry's); ``units``: the figure
    reader's unit table. ``cache``: a folder or fsspec URL for the per-document cache,
    True for ``outputs/cache``, False for none; None follows the corpus (cached when it was
    loaded with a cache, under ``$STORYLENS_STORE`` when set). ``jobs``: processes for the
    documents not in the cache.
    """
    from storylens.actors import registry_for

    topic = tuple(topic) if topic is not None else None
    params = Parameters(registry_for(corpus, registry), topic, units)
    memo = _memo_for(corpus)
    known = {t: memo[(t, params.fingerprint_for(t))] for t in TABLES
             if (t, params.fingerprint_for(t)) in memo}  # fmt: skip
    if set(tables) <= set(known):
        return CorpusAnalysis(**known)
    store = corpus_store(corpus) if cache is None else cache
    docs = DocumentInputs(corpus)
    result = run_pass(docs, params, tables=tables, cache=store, jobs=jobs, known=known)
    for t in TABLES:
        if getattr(result, t) is not None:
            memo[(t, params.fingerprint_for(t))] = getattr(result, t)
    return result


# ----------------------------------------------------------- the chunked pass (prepass)

# Documents per chunk of the chunked pass: one task, one batch written per table.
CHUNK_DOCUMENTS = 200


@dataclasses.dataclass(frozen=True)
class Chunk:
    """Documents for one task of :func:`annotate`: each with the cache key of every table
    it still lacks (``{table: key}``), in document order."""

    items: tuple[tuple[DocumentInput, dict[str, str]], ...]


def analyse_chunk(chunk: Chunk, params: Parameters) -> dict[str, dict[str, pd.DataFrame]]:
    """The missing tables of every document of ``chunk``: ``{table: {key: frame}}``.

    The mentions are computed once per document when any missing table reads them (and
    kept only if the mentions table itself is missing)."""
    out: dict[str, dict[str, pd.DataFrame]] = {}
    for doc, keys in chunk.items:
        reads = "mentions" in keys or bool(READS_MENTIONS & set(keys))
        mentions = _mentions(doc, params) if reads else None
        for table, key in keys.items():
            frame = mentions if table == "mentions" else _STEPS[table](doc, params, mentions)
            out.setdefault(table, {})[key] = frame
    return out


def store_chunk(
    chunk: Chunk, params: Parameters, root: str | None
) -> dict[str, dict[str, pd.DataFrame]] | int:
    """:func:`analyse_chunk`, written into the cache under ``root`` when given (one batch
    per table; returns the number of documents), else returned. What a worker runs."""
    found = analyse_chunk(chunk, params)
    if root is None:
        return found
    write_tables(root, found)
    return len(chunk.items)


def write_tables(root, found: dict[str, dict[str, pd.DataFrame]]) -> None:
    """Store ``{table: {key: frame}}`` in the pass's cache under ``root``."""
    for table, frames in found.items():
        _store(root, table).put_many({key: {table: frame} for key, frame in frames.items()})


def pending_chunks(
    docs: Sequence[DocumentInput],
    params: Parameters,
    *,
    tables: Iterable[str] = TABLES,
    cache,
    workers: int = 1,
) -> list[Chunk]:
    """The documents whose ``tables`` are not yet in the cache, in chunks: at most
    :data:`CHUNK_DOCUMENTS`, at least four per worker when there are enough documents."""
    wanted = [t for t in TABLES if t in set(tables)]
    keyed = {t: _entry_keys(docs, params, t) for t in wanted}
    stored = {t: _store(cache, t).stored_keys() for t in wanted}
    items = []
    for i in range(len(docs)):
        missing = {t: keyed[t][i] for t in wanted if keyed[t][i] not in stored[t]}
        if missing:
            items.append((docs[i], missing))
    size = max(10, min(CHUNK_DOCUMENTS, len(items) // (4 * workers) or 1))
    return [Chunk(tuple(part)) for part in _chunks(items, size)]


def annotate(
    docs: Sequence[DocumentInput],
    params: Parameters,
    *,
    cache,
    tables: Iterable[str] = TABLES,
    jobs: int = 1,
    progress=None,
) -> int:
    """Fill the cache under ``cache`` (a folder or fsspec URL) with every ``tables`` entry
    of ``docs`` (see :func:`run_chunks`). Returns the number of documents annotated (the others were
    already cached). The tables are left in the cache, not returned, so a corpus bigger
    than memory can be annotated."""
    chunks = pending_chunks(docs, params, tables=tables, cache=cache, workers=jobs)
    run_chunks(chunks, params, cache, jobs=jobs, progress=progress)
    for table in (t for t in TABLES if t in set(tables)):
        computed = sum(table in keys for c in chunks for _, keys in c.items)
        log_pass(table, computed=computed, cached=len(docs) - computed)
    return sum(len(c.items) for c in chunks)


def run_chunks(chunks: list[Chunk], params: Parameters, cache, *, jobs=1, progress=None) -> None:
    """Annotate ``chunks`` in ``jobs`` processes, each writing its chunks into the cache
    under ``cache`` (a folder or fsspec URL), then compact the tables that now hold too
    many batches (:func:`tidy_cache`); ``progress(n)`` is called as each chunk of n
    documents is done."""
    root = str(cache)
    if jobs <= 1 or len(chunks) < 2:
        for chunk in chunks:
            _report(progress, store_chunk(chunk, params, root))
        if chunks:
            tidy_cache(root)
        return
    import multiprocessing
    from concurrent.futures import as_completed

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [pool.submit(store_chunk, chunk, params, root) for chunk in chunks]
        for future in as_completed(futures):
            _report(progress, future.result())
    tidy_cache(root, jobs=jobs)


def _report(progress, done: int) -> None:
    if progress is not None:
        progress(done)


def table_partitions(
    corpus,
    table: str,
    *,
    registry=None,
    topic=None,
    units=None,
    columns=None,
    where=None,
    cache=None,
) -> Iterator[pd.DataFrame]:
    """The cached rows of ``table`` for ``corpus``, one frame per stored batch (see
    :meth:`storylens.corpus.store.TableStore.partitions`), without ever stacking the
    whole table; documents not yet annotated are left out (run :func:`annotate` first).
    ``columns``: the columns to read (None: all); ``where``: a pyarrow expression the
    rows read must meet (``pyarrow.compute.field("kind") == "word"``).
    ``cache``: the cache folder or URL (None: the corpus's own, or ``$STORYLENS_STORE``)."""
    from storylens.actors import registry_for

    root = cache if cache is not None else store_root(getattr(corpus, "cache_root", None))
    if not root:
        raise ValueError("the corpus was loaded without a cache: pass cache=FOLDER")
    params = Parameters(registry_for(corpus, registry), tuple(topic) if topic else None, units)
    keys = _entry_keys(DocumentInputs(corpus), params, table)
    yield from _store(root, table).partitions(table, keys, columns=columns, where=where)


def compact_cache(
    docs: list[DocumentInput], params: Parameters, cache, *, tables: Iterable[str] = TABLES
) -> dict[str, int]:
    """Rewrite each table's cache under ``cache`` as one batch holding only the entries of
    ``docs`` with ``params`` (documents since edited or removed, and other parameters,
    are dropped). Returns the batches removed per table."""
    return {t: _store(cache, t).compact(_entry_keys(docs, params, t)) for t in tables}
