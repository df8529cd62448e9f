"""Load a folder of news articles into clean, dated documents, sentences and tokens.

``load_corpus()`` reads articles as they come from the web (plain text copied from a page,
HTML, JSON, or one article per row of a CSV/JSONL file; any of them gzipped), takes out
the lines that are not the article (navigation, donation appeals, teasers for other
stories, image credits), finds the publication date, and splits the body into sentences
and word tokens with exact character offsets into the clean text.

Where each part lives:

- ``reading``: finding files, gzip, decoding bytes, HTML main text, JSON, CSV/JSONL rows;
- ``boilerplate``: the line rules (``data/boilerplate.yaml``), captions, ``clean_lines``;
- ``pubdate``: the header date and the choice of the publication date;
- ``process``: :func:`process_text`, the pure per-document step (clean, split, tokenise);
- ``metadata``: the ``metadata.csv`` sidecar;
- ``file_tables`` and ``store``: the tables of each file, from the cache or made afresh;
- ``assemble``: metadata applied, duplicates dropped, doc_ids made unique;
- ``loader``: :class:`Corpus`, :func:`load_corpus`, :func:`summarise`, :func:`source_labels`;
- ``cli``: ``python -m storylens corpus``.
"""

from storylens.corpus.assemble import Assembled, assemble_documents
from storylens.corpus.boilerplate import (
    CAPTION_CREDIT,
    CAPTION_MARKER,
    CAPTION_TRAILING_DATE,
    SENTENCE_END,
    WORD,
    CleanedLines,
    KeptLine,
    RemovedLine,
    boilerplate_reason,
    clean_lines,
    is_caption,
)
from storylens.corpus.cli import main
from storylens.corpus.columns import (
    DOCUMENT_COLUMNS,
    REMOVED_COLUMNS,
    SENTENCE_COLUMNS,
    SKIPPED_COLUMNS,
    TOKEN_COLUMNS,
)
from storylens.corpus.errors import CorpusError, SkipFile
from storylens.corpus.file_tables import FileResult
from storylens.corpus.loader import Corpus, load_corpus, source_labels, summarise
from storylens.corpus.metadata import METADATA_COLUMNS, METADATA_FILE, read_metadata
from storylens.corpus.process import MAX_SENTENCE_CHARS, Processed, process_text
from storylens.corpus.pubdate import (
    FULL_DATE,
    HEADER_DATE,
    YEAR,
    choose_date,
    latest_full_date,
    parse_full_date,
)
from storylens.corpus.reading import (
    ARTICLE_SUFFIXES,
    MAX_ARTICLE_CHARS,
    MAX_FILE_BYTES,
    ROW_TEXT_COLUMNS,
    Article,
    decode_bytes,
    decode_text,
    read_file,
)
from storylens.corpus.store import TableStore, dependency_versions, fingerprint

__all__ = [
    "ARTICLE_SUFFIXES",
    "CAPTION_CREDIT",
    "CAPTION_MARKER",
    "CAPTION_TRAILING_DATE",
    "DOCUMENT_COLUMNS",
    "FULL_DATE",
    "HEADER_DATE",
    "MAX_ARTICLE_CHARS",
    "MAX_FILE_BYTES",
    "MAX_SENTENCE_CHARS",
    "METADATA_COLUMNS",
    "METADATA_FILE",
    "REMOVED_COLUMNS",
    "ROW_TEXT_COLUMNS",
    "SENTENCE_COLUMNS",
    "SENTENCE_END",
    "SKIPPED_COLUMNS",
    "TOKEN_COLUMNS",
    "WORD",
    "YEAR",
    "Article",
    "Assembled",
    "CleanedLines",
    "Corpus",
    "CorpusError",
    "FileResult",
    "KeptLine",
    "Processed",
    "RemovedLine",
    "SkipFile",
    "TableStore",
    "assemble_documents",
    "boilerplate_reason",
    "choose_date",
    "clean_lines",
    "decode_bytes",
    "decode_text",
    "dependency_versions",
    "fingerprint",
    "is_caption",
    "latest_full_date",
    "load_corpus",
    "main",
    "parse_full_date",
    "process_text",
    "read_file",
    "read_metadata",
    "source_labels",
    "summarise",
]
