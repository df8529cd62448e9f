"""One pass per document: every per-document table at once, cached by content hash.

:func:`analyse_document` is a pure function of one cleaned document (its text, sentences
and publication date) and the analysis :class:`Parameters` (actor registry, topic terms,
unit table). It computes the actor mentions once and reuses them for everything that
needs them, and returns a :class:`DocumentAnalysis` of four tables:

========== ================================================================================
table      what it holds (columns as documented by the function that makes it)
========== ================================================================================
mentions   every registry actor mentioned (:func:`storylens.actors.document_mentions`),
           with the target-sentiment score of each (``sentiment``, ``label``)
stances    every stance cue attributed to an actor (:func:`storylens.actors.document_stance_cues`)
timexes    every temporal expression, resolved against the document's date
           (:func:`storylens.timeline.document_timexes`)
figures    every figure with its sentence, claimant and topic
           (:func:`storylens.figures.document_figures`)
========== ================================================================================

All four cover every sentence role; the corpus-level functions (``build_timeline``,
``actor_mentions``, ``stance_evidence``, ``actor_stances``, ``figure_table``, ...) filter
by role and aggregate. :func:`analyse_corpus` runs the pass over a corpus, reading and
writing a per-document cache (a :class:`storylens.corpus.store.TableStore` under
``outputs/cache/analysis``) keyed by the document's content, the parameters, the
library's code and the versions of the packages that change results, so a re-run
redoes only the documents that changed. Within a process the result for one corpus
object and one set of parameters is kept, so the notebooks' many calls share one pass.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import weakref
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from importlib import resources
from pathlib import Path

import pandas as pd

TABLES = ("mentions", "stances", "timexes", "figures")


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
        """A hash of everything here that changes results."""
        reg = self.registry
        spec = {
            "actors": reg.actors.drop(columns=["source"], errors="ignore").to_csv(index=False),
            "topic_terms": list(reg.topic_terms),
            "surfaces": [dataclasses.astuple(s) for s in reg.surfaces],
            "figure_topics": list(reg.figure_topics),
            "topic": list(self.topic) if self.topic is not None else None,
            "units": None if self.units is None else repr(self.units),
        }
        blob = json.dumps(spec, sort_keys=True, default=str).encode()
        return hashlib.sha256(blob).hexdigest()


@dataclasses.dataclass(frozen=True)
class DocumentInput:
    """One cleaned document, as the per-document pass reads it."""

    doc_id: str
    text: str
    published: date | None
    sentences: pd.DataFrame  # this document's rows of Corpus.sentences

    def content_key(self) -> str:
        """A hash of everything in the document that the pass reads."""
        digest = hashlib.sha256()
        for part in (self.doc_id, self.text, str(self.published)):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        cols = self.sentences[["sent_id", "start", "end", "role"]]
        digest.update(cols.to_csv(index=False).encode())
        return digest.hexdigest()


@dataclasses.dataclass(frozen=True)
class DocumentAnalysis:
    """The per-document tables (see the module docstring)."""

    mentions: pd.DataFrame
    stances: pd.DataFrame
    timexes: pd.DataFrame
    figures: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLES}


def analyse_document(doc: DocumentInput, params: Parameters) -> DocumentAnalysis:
    """Every per-document table of one document (a pure function of its arguments)."""
    from storylens.actors import document_mentions, document_stance_cues
    from storylens.figures import document_figures
    from storylens.sentiment import score_mentions
    from storylens.timeline import document_timexes

    mentions = document_mentions(doc.doc_id, doc.sentences, params.registry)
    scores = score_mentions(mentions, sentence_start_col="sent_start")
    mentions = mentions.assign(sentiment=scores["sentiment"], label=scores["label"])
    stances = document_stance_cues(
        doc.doc_id, doc.sentences, mentions, params.registry, topic=params.topic
    )
    timexes = document_timexes(doc.text, doc.sentences, dct=doc.published)
    timexes = timexes.assign(doc_id=doc.doc_id)
    figures = document_figures(
        doc.doc_id, doc.text, doc.sentences, mentions, params.registry, units=params.units
    )
    return DocumentAnalysis(mentions, stances, timexes, figures)


# --------------------------------------------------------------------------- the corpus


@dataclasses.dataclass(frozen=True)
class CorpusAnalysis:
    """The per-document tables of a whole corpus, concatenated in document order.

    ``computed`` and ``cached`` count the documents annotated afresh and read from the
    cache in the run that made it.
    """

    mentions: pd.DataFrame
    stances: pd.DataFrame
    timexes: pd.DataFrame
    figures: pd.DataFrame
    computed: int = 0
    cached: int = 0


def document_inputs(corpus) -> Iterator[DocumentInput]:
    """The documents of a corpus as :class:`DocumentInput`, in document order."""
    by_doc = dict(tuple(corpus.sentences.groupby("doc_id", sort=False)))
    empty = corpus.sentences.iloc[0:0]
    for doc in corpus.documents.itertuples(index=False):
        published = getattr(doc, "published", None)  # absent in hand-built corpora
        published = None if published is None or pd.isna(published) else published.date()
        yield DocumentInput(doc.doc_id, doc.text, published, by_doc.get(doc.doc_id, empty))


@functools.cache
def code_fingerprint() -> str:
    """A hash of the library version, its code and its data files: a cache entry is
    never reused after any of them changes."""
    from storylens import __version__

    digest = hashlib.sha256(__version__.encode())
    package = Path(str(resources.files("storylens")))
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yaml", ".yml", ".txt", ".json"}:
            digest.update(str(path.relative_to(package)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _entry_key(doc: DocumentInput, params: Parameters) -> str:
    from storylens.corpus.store import dependency_versions, fingerprint

    versions = json.dumps(dependency_versions(), sort_keys=True)
    return fingerprint(doc.content_key(), params.fingerprint, code_fingerprint(), versions)


def _analyse_chunk(docs: list[DocumentInput], params: Parameters) -> list[DocumentAnalysis]:
    return [analyse_document(d, params) for d in docs]


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _compute(docs: list[DocumentInput], params: Parameters, jobs: int) -> list[DocumentAnalysis]:
    if jobs <= 1 or len(docs) < 2:
        return _analyse_chunk(docs, params)
    import multiprocessing

    size = max(1, min(200, len(docs) // (jobs * 4) or 1))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        parts = pool.map(_analyse_chunk, _chunks(docs, size), [params] * len(docs))
        return [result for part in parts for result in part]


def _concat(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    parts = list(parts)
    non_empty = [p for p in parts if len(p)]
    if not non_empty:
        return parts[0].iloc[0:0].reset_index(drop=True) if parts else pd.DataFrame()
    return pd.concat(non_empty, ignore_index=True)


def _store(cache) -> object | None:
    if cache is False or cache is None:
        return None
    from storylens.corpus.store import TableStore
    from storylens.paths import cache_dir

    root = cache_dir() if cache is True else Path(cache)
    return TableStore(root, namespace="analysis")


def run_pass(
    docs: list[DocumentInput], params: Parameters, *, cache=True, jobs: int = 1
) -> CorpusAnalysis:
    """The per-document pass over ``docs``: cached entries are read, the rest computed
    (in ``jobs`` processes) and written back in one batch."""
    store = _store(cache)
    keys = [_entry_key(d, params) for d in docs] if store else [None] * len(docs)
    results = store.get_many(keys) if store else {}
    missing = [i for i, key in enumerate(keys) if key not in results]
    fresh = _compute([docs[i] for i in missing], params, jobs)
    new = {(keys[i] or i): analysis.tables() for i, analysis in zip(missing, fresh, strict=True)}
    if store and new:
        store.put_many(new)
    results.update(new)
    if docs:
        ordered = [results[key or i] for i, key in enumerate(keys)]
        tables = {name: _concat(r[name] for r in ordered) for name in TABLES}
    else:
        tables = analyse_document(DocumentInput("", "", None, _EMPTY_SENTENCES), params).tables()
    return CorpusAnalysis(**tables, computed=len(missing), cached=len(docs) - len(missing))


_EMPTY_SENTENCES = pd.DataFrame(
    {
        "doc_id": pd.Series(dtype=object),
        "sent_id": pd.Series(dtype="int64"),
        "start": pd.Series(dtype="int64"),
        "end": pd.Series(dtype="int64"),
        "text": pd.Series(dtype=object),
        "role": pd.Series(dtype=object),
    }
)

# Results kept per corpus object (by id, dropped when the corpus is collected) and
# per parameter fingerprint.
_MEMO: dict[int, dict[str, CorpusAnalysis]] = {}


def clear_memo() -> None:
    """Forget the results kept in this process (the on-disk cache stays)."""
    _MEMO.clear()


def _default_cache(corpus):
    return getattr(corpus, "cache_root", None) or False


def analyse_corpus(
    corpus,
    *,
    registry=None,
    topic: Iterable[str] | None = None,
    units=None,
    cache=None,
    jobs: int = 1,
) -> CorpusAnalysis:
    """The per-document tables of every document of ``corpus`` (see the module docstring).

    ``registry``: a Registry, a story.yaml path, or None for the one beside the corpus;
    ``topic``: terms naming the proposal (None: the registry's); ``units``: the figure
    reader's unit table. ``cache``: a folder for the per-document cache, True for
    ``outputs/cache``, False for none; None follows the corpus (cached when it was loaded
    with a cache). ``jobs``: processes for the documents not in the cache.
    """
    from storylens.actors import registry_for

    params = Parameters(
        registry_for(corpus, registry), tuple(topic) if topic is not None else None, units
    )
    kept = _MEMO.get(id(corpus), {})
    if params.fingerprint in kept:
        return kept[params.fingerprint]
    store = _default_cache(corpus) if cache is None else cache
    result = run_pass(list(document_inputs(corpus)), params, cache=store, jobs=jobs)
    if id(corpus) not in _MEMO:
        _MEMO[id(corpus)] = {}
        weakref.finalize(corpus, _MEMO.pop, id(corpus), None)
    _MEMO[id(corpus)][params.fingerprint] = result
    return result
