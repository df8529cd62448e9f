"""The corpus tables' columns, in order, and the Arrow schemas of the per-file tables.

Documented column by column in README.md ("Data dictionary").
"""

from __future__ import annotations

import pyarrow as pa

DOCUMENT_COLUMNS = [
    "doc_id", "path", "title", "outlet", "url", "published", "date_source", "date_note",
    "text", "raw", "sha256", "encoding", "n_sentences", "n_tokens",
]  # fmt: skip
SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "role"]
TOKEN_COLUMNS = ["doc_id", "sent_id", "tok_id", "start", "end", "token", "lower"]
REMOVED_COLUMNS = ["doc_id", "line_no", "text", "reason"]
SKIPPED_COLUMNS = ["path", "reason", "detail"]

# The tables made per file (besides the document records), with their Arrow types.
TABLE_SCHEMAS = {
    "sentences": pa.schema([("doc_id", pa.string()), ("sent_id", pa.int64()), ("start", pa.int64()),
                            ("end", pa.int64()), ("text", pa.string()), ("role", pa.string())]),
    "tokens": pa.schema([("doc_id", pa.string()), ("sent_id", pa.int64()), ("tok_id", pa.int64()),
                         ("start", pa.int64()), ("end", pa.int64()), ("token", pa.string()),
                         ("lower", pa.string())]),
    "removed": pa.schema([("doc_id", pa.string()), ("line_no", pa.int64()), ("text", pa.string()),
                          ("reason", pa.string())]),
}  # fmt: skip

# A document record as :func:`~storylens.corpus.process.process_text` makes it (what the
# cache stores per file): the file's own candidates for the date, and the text's hash.
DOCUMENT_RECORD_SCHEMA = pa.schema(
    [(name, pa.string()) for name in ("doc_id", "path", "title", "outlet", "url")]
    + [(name, pa.date32()) for name in ("file_date", "header_date", "inferred_date")]
    + [(name, pa.string()) for name in ("text", "raw", "sha256", "text_sha256", "encoding")]
    + [("n_sentences", pa.int64()), ("n_tokens", pa.int64())]
    + [("notes", pa.list_(pa.string()))]  # warnings about reading and splitting it
)
SKIPPED_SCHEMA = pa.schema([(name, pa.string()) for name in SKIPPED_COLUMNS])
