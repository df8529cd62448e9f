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
