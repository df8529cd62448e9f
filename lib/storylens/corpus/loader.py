"""The corpus itself: :func:`load_corpus`, the :class:`Corpus` tables, their summary and
chart labels.

>>> corpus = load_corpus()                      # the bundled seeds
>>> len(corpus.documents)
5
>>> s = corpus.sentences.iloc[0]
>>> doc = corpus.documents.set_index("doc_id").loc[s.doc_id, "text"]
>>> doc[s.start:s.end] == s.text
True
"""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

import pandas as pd

from storylens.corpus.assemble import TableOnDemand, assemble_documents, concat_table
from storylens.corpus.columns import SKIPPED_COLUMNS
from storylens.corpus.errors import CorpusError
from storylens.corpus.file_tables import read_all
from storylens.corpus.metadata import gather_metadata
from storylens.corpus.reading import find_files
from storylens.memory import release_unused_memory
from storylens.paths import cache_dir as default_cache_dir
from storylens.paths import seeds_dir

__all__ = ["Corpus", "empty_corpus_message", "load_corpus", "source_labels", "summarise"]


class _MadeOnFirstRead:
    """A dataclass field holding a DataFrame or a :class:`TableOnDemand`: reading it gives
    the DataFrame, made on the first read and then kept. It has no default (reading it
    on the class raises AttributeError, which tells :mod:`dataclasses` so)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name, self.slot = name, f"_{name}"

    def __get__(self, instance: object, owner: type | None = None) -> pd.DataFrame:
        if instance is None:
            raise AttributeError(f"{self.name} is a field of each corpus, with no default")
        value = instance.__dict__[self.slot]
        if isinstance(value, TableOnDemand):
            value = instance.__dict__[self.slot] = value.frame()
        return value

    def __set__(self, instance: object, value: pd.DataFrame | TableOnDemand) -> None:
        instance.__dict__[self.slot] = value

    def made(self, instance: object) -> bool:
        """Whether the DataFrame of ``instance`` exists yet."""
        return not isinstance(instance.__dict__[self.slot], TableOnDemand)


@dataclasses.dataclass(repr=False)
class Corpus:
    """A loaded corpus: tidy tables that all share ``doc_id``.

    ``documents``, ``sentences``, ``tokens``, ``removed`` and ``skipped`` are described
    column by column in README.md ("Data dictionary"); ``warnings`` lists every warning
    raised while loading (metadata rows that match no file, encoding fallbacks);
    ``cache_root`` is the cache folder it was loaded with (None: no cache), which the
    per-document analysis (:mod:`storylens.analysis`) uses too.

    ``tokens`` is made the first time it is read (then kept): :func:`load_corpus` leaves
    it in the cache, or as Arrow without a cache, so a kernel that never reads it never
    holds it as pandas; ``tokens_loaded`` says whether it exists yet and ``n_tokens``
    counts the tokens without making it. A ``tokens`` given as a DataFrame is used as it is.
    """

    documents: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame = _MadeOnFirstRead()  # type: ignore[assignment]  (no default)
    removed: pd.DataFrame
    skipped: pd.DataFrame
    source: str
    warnings: list[str] = dataclasses.field(default_factory=list)
    cache_root: Path | None = None

    def __len__(self) -> int:
        return len(self.documents)

    def __repr__(self) -> str:
        tokens = f"{len(self.tokens):,}" if self.tokens_loaded else f"{self.n_tokens:,} (not made)"
        return (f"<Corpus {self.source}: {len(self.documents):,} documents, "
                f"{len(self.sentences):,} sentences, tokens {tokens}>")  # fmt: skip

    @property
    def tokens_loaded(self) -> bool:
        """Whether the ``tokens`` DataFrame has been made (reading ``tokens`` makes it)."""
        return Corpus.__dict__["tokens"].made(self)

    @property
    def n_tokens(self) -> int:
        """The number of tokens: ``len(tokens)`` once it is made, else the documents'
        ``n_tokens`` summed (the same number: a test checks), without making it."""
        if self.tokens_loaded:
            return len(self.tokens)
        return int(self.documents["n_tokens"].sum())

    def text(self, doc_id: str) -> str:
        """The clean text of one document."""
        return self.documents.loc[self.documents["doc_id"] == doc_id, "text"].iloc[0]

    def summary(self) -> str:
        """A plain-text summary (what ``python -m storylens corpus`` prints)."""
        return summarise(self)


def load_corpus(
    source: str | Path | None = None,
    *,
    metadata: str | Path | pd.DataFrame | None = None,
    cache: bool | str | Path = True,
    progress: bool | None = None,
    follow_links: bool = False,
    jobs: int = 1,
) -> Corpus:
    """Load articles into a :class:`Corpus` of documents, sentences, tokens.

    ``source``: a folder (searched recursively; hidden files and folders are ignored), a
    single file, or None for the bundled seeds. Reads ``.txt``, ``.md``, ``.html``/``.htm``,
    ``.json`` (an object, or a list of objects), ``.jsonl`` and ``.csv`` (one article per
    item/line/row with a ``text`` field and optional ``id, title, outlet, url,
    published``), each also gzip-compressed (``.html.gz``). Every other file is listed in
    ``skipped`` with its reason; a corpus of no article raises :class:`CorpusError`.

    ``metadata``: a ``metadata.csv`` path or DataFrame (``file, title, outlet, url,
    published, date_note``); by default every ``metadata.csv`` found under ``source`` is
    used for the files of its folder. Metadata wins over what the file itself says.

    ``cache``: True caches per-file tables as parquet under ``outputs/cache/corpus`` keyed
    by the file's content hash and the library version (and loader code); a path uses
    that folder instead; False reads everything afresh. ``progress``: show a progress bar
    (default: when there are more than 50 files). ``follow_links``: read what links
    pointing out of ``source`` (and folder links) lead to; by default they are listed in
    ``skipped``. ``jobs``: processes that read and split the files not in the cache (used
    from 200 such files on; the tables are the same whatever the number).

    Nothing is dropped silently: a file that cannot be read (permissions, too large, a
    link out of the folder), a bad JSONL line, a duplicate text and a file of nothing but
    boilerplate are rows of ``skipped``; repaired input (stray NUL bytes, a cp1252 file, a
    repeated row id, a sentence split for length, an impossible header date, a metadata
    date with trailing text or in the future) is a line of ``warnings``.

    The publication date comes from, in order: metadata, the file itself (a leading
    ``date YYYY-MM-DD`` line, HTML metadata, a CSV/JSONL column), a date in the URL, a
    "Published"/"Updated" line, a dateline, and else the latest full date written in the
    text (``date_source`` says which: ``metadata``, ``header``, ``url``,
    ``published_line``, ``dateline``, ``inferred``, ``unknown``; see
    :mod:`storylens.corpus.pubdate`).
    """
    root = Path(source) if source is not None else seeds_dir()
    if not root.exists():
        raise CorpusError(f"corpus path {root} does not exist; give a folder or a file of articles")
    found = find_files(root, follow_links=follow_links)
    files = found.files
    cache_base = (default_cache_dir() if cache is True else Path(cache)) if cache else None
    cache_root = cache_base / "corpus" if cache_base else None
    show = progress if progress is not None else len(files) > 50
    with warnings.catch_warnings(record=True) as recorded:
        warnings.simplefilter("always")
        combined, skipped = read_all(files, cache_root=cache_root, show=show, jobs=jobs)
        meta = gather_metadata(metadata, found.metadata)
    notes = [note for doc in combined.documents for note in doc.get("notes") or []]
    caught = list(dict.fromkeys(notes + [str(w.message) for w in recorded]))
    skipped = found.skipped + skipped
    assembled = assemble_documents(
        combined.documents, metadata=meta, root=root, skipped=skipped, texts=combined.texts
    )
    caught += assembled.warnings
    ids = assembled.new_ids
    all_skipped = skipped + assembled.skipped
    if not len(assembled.documents):
        raise CorpusError(empty_corpus_message(root, len(files), all_skipped))
    corpus = Corpus(
        documents=assembled.documents,
        **{name: concat_table(getattr(combined, name), ids) for name in ("sentences", "removed")},
        tokens=TableOnDemand(combined.tokens, ids),  # made when first read
        skipped=pd.DataFrame(all_skipped, columns=SKIPPED_COLUMNS),
        source=str(root),
        warnings=caught,
        cache_root=cache_base,
    )
    for message in caught:
        warnings.warn(message, stacklevel=2)
    del combined, assembled, recorded  # the file records and tables: in corpus now
    release_unused_memory()  # what loading built and dropped, not kept by the allocators
    return corpus


def empty_corpus_message(root: Path, n_files: int, skipped: list[tuple[str, str, str]]) -> str:
    """What to say when a corpus has no article: the folder, what was skipped and why.

    >>> print(empty_corpus_message(Path("news"), 1, [("news/a.pdf", "unsupported file type",
    ...                                                ".pdf is not read")]))
    no articles loaded from news (1 file found, 1 skipped):
      news/a.pdf: unsupported file type (.pdf is not read)
    put articles there as .txt, .md, .html, .json, .jsonl or .csv files (or those gzipped, .gz)
    """
    lines = [f"no articles loaded from {root} ({n_files} file{'s' * (n_files != 1)} found, "
             f"{len(skipped)} skipped){':' if skipped else ''}"]  # fmt: skip
    lines += [f"  {path}: {reason} ({detail})" for path, reason, detail in skipped[:20]]
    if len(skipped) > 20:
        lines.append(f"  ... and {len(skipped) - 20} more")
    lines.append("put articles there as .txt, .md, .html, .json, .jsonl or .csv files "
                 "(or those gzipped, .gz)")  # fmt: skip
    return "\n".join(lines)


def source_labels(documents: pd.DataFrame) -> pd.Series:
    """A short, unique label per document for charts: ``outlet, YYYY-MM-DD``.

    Falls back to the doc_id for the outlet and leaves out a missing date; two documents
    with the same label get their doc_id added. Returns a Series indexed by doc_id.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["AP", None],
    ...                      "published": pd.to_datetime(["2025-02-21", None])})
    >>> source_labels(docs).tolist()
    ['AP, 2025-02-21', 'b']
    """
    outlet = documents["outlet"].where(documents["outlet"].notna(), documents["doc_id"])
    day = documents["published"].dt.strftime("%Y-%m-%d")
    labels = outlet.where(day.isna(), outlet.astype(str) + ", " + day.fillna(""))
    clash = labels.duplicated(keep=False)
    labels = labels.where(~clash, labels + " (" + documents["doc_id"] + ")")
    return pd.Series(labels.to_numpy(), index=documents["doc_id"].to_numpy(), name="source")


def _document_lines(docs: pd.DataFrame) -> list[str]:
    lines = []
    for doc in docs.itertuples():
        title = doc.title if isinstance(doc.title, str) else ""
        when = "" if pd.isna(doc.published) else f"{doc.published:%Y-%m-%d}"
        lines.append(
            f"  {doc.doc_id:<28} {when:<10} ({doc.date_source:<14}) "
            f"{doc.n_sentences:>4} sentences  {title[:60]}"
        )
    return lines


def summarise(corpus: Corpus) -> str:
    """Documents, dates and their sources, sentences, tokens, removed lines, skipped files."""
    docs = corpus.documents
    lines = [f"corpus: {corpus.source}"]
    lines.append(
        f"documents: {len(docs):,}   sentences: {len(corpus.sentences):,}   "
        f"tokens: {corpus.n_tokens:,}"
    )
    dated = docs["published"].dropna()
    if len(dated):
        lines.append(f"dates: {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}")
    counts = docs["date_source"].value_counts()
    sources = ("metadata", "header", "inferred", "unknown")
    lines.append("date sources: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in sources))
    lines += _document_lines(docs)
    if len(corpus.sentences):
        roles = corpus.sentences["role"].value_counts()
        lines.append("sentences by role: " + ", ".join(f"{k} {v}" for k, v in roles.items()))
    removed = corpus.removed["reason"].value_counts()
    lines.append(f"lines removed: {len(corpus.removed):,}")
    lines.extend(f"  {reason:<24} {n:>5}" for reason, n in removed.items())
    lines.append(f"files skipped: {len(corpus.skipped):,}")
    lines.extend(f"  {r.path}: {r.reason} ({r.detail})" for r in corpus.skipped.itertuples())
    lines.extend(f"warning: {message}" for message in corpus.warnings)
    return "\n".join(lines)
