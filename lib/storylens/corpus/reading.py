"""Reading article files: finding them, decoding bytes, HTML main text, CSV/JSONL rows.

One file gives one :class:`Article` (``.txt``, ``.md``, ``.html``/``.htm``) or one per row
(``.jsonl``, ``.csv`` with a ``text``, ``body`` or ``content`` column). What cannot be
used raises :class:`~storylens.corpus.errors.SkipFile` (a whole file) or is returned as
a skipped row.

>>> articles, skipped = read_file(Path("note.txt"), "Peace plan\\n\\nRussia said no.".encode())
>>> articles[0].doc_id, articles[0].encoding, skipped
('note', 'utf-8', [])
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import warnings
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from storylens.corpus.errors import SkipFile
from storylens.corpus.metadata import METADATA_FILE, clean_str, parse_date

__all__ = [
    "ARTICLE_SUFFIXES",
    "ROW_TEXT_COLUMNS",
    "Article",
    "decode_bytes",
    "find_files",
    "read_file",
]

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".csv"}
ROW_TEXT_COLUMNS = ("text", "body", "content")  # first present one holds a row's article

Skipped = tuple[str, str, str]  # (path, reason, detail): a row of Corpus.skipped


@dataclasses.dataclass
class Article:
    """One article as read from a file, before cleaning."""

    doc_id: str
    path: str
    raw: str
    encoding: str = "utf-8"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None  # from the file itself (HTML metadata, a CSV column)


def find_files(source: Path) -> tuple[list[Path], list[Path]]:
    """Article files and metadata files under ``source`` (a folder or a single file),
    sorted; hidden files and folders are left out."""
    if source.is_file():
        sidecar = source.parent / METADATA_FILE
        return [source], [sidecar] if sidecar.exists() else []
    files, metadata = [], []
    for path in sorted(source.rglob("*")):
        if not path.is_file() or any(
            part.startswith(".") for part in path.relative_to(source).parts
        ):
            continue
        if path.name == METADATA_FILE:
            metadata.append(path)
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            files.append(path)
    return files, metadata


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Text of a file and the encoding used: UTF-8, else cp1252, else latin-1.

    Raises :class:`SkipFile` for binary content (NUL bytes or mostly control characters).
    """
    head = data[:8192]
    if b"\x00" in head:
        raise SkipFile("binary file", "contains NUL bytes; not a text article")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
        if controls > 0.05 * max(1, len(text[:8192])):
            raise SkipFile("binary file", "mostly control characters; not a text article")
        warnings.warn(f"{path}: not valid UTF-8; decoded as {encoding}", stacklevel=3)
        return text, f"{encoding} (fallback)"
    raise SkipFile("unreadable encoding", "neither UTF-8, cp1252 nor latin-1")  # pragma: no cover


def read_file(path: Path, data: bytes) -> tuple[list[Article], list[Skipped]]:
    """The articles in one file and the rows that had to be skipped.

    Raises :class:`SkipFile` when the whole file cannot be used.
    """
    text, encoding = decode_bytes(data, str(path))
    if not text.strip():
        raise SkipFile("empty file", "no text (empty or whitespace only)")
    suffix = path.suffix.lower()
    if suffix in {".txt", ".md"}:
        return [Article(doc_id=path.stem, path=str(path), raw=text, encoding=encoding)], []
    if suffix in {".html", ".htm"}:
        return [_article_from_html(path, text, encoding)], []
    if suffix == ".jsonl":
        articles, skipped = _articles_from_rows(_jsonl_rows(text), path, "line")
    elif suffix == ".csv":
        articles, skipped = _articles_from_rows(_csv_rows(text), path, "row")
    else:  # pragma: no cover - filtered by the caller
        raise SkipFile("unsupported file type", suffix)
    for article in articles:
        article.encoding = encoding
    return articles, skipped


def _jsonl_rows(text: str) -> list[tuple[int, dict]]:
    """``(line number, record)`` of each non-blank line; a bad line skips the file."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as err:
            raise SkipFile("bad JSON", f"line {number}: {err.msg}") from err
    return rows


def _csv_rows(text: str) -> Iterable[tuple[int, dict]]:
    """``(spreadsheet row number, record)`` of each row; no text column skips the file."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not set(reader.fieldnames) & set(ROW_TEXT_COLUMNS):
        raise SkipFile("no text column", f"columns {reader.fieldnames}; need one of "
                       f"{', '.join(ROW_TEXT_COLUMNS)}")  # fmt: skip
    return enumerate(reader, start=2)


def _articles_from_rows(
    rows: Iterable[tuple[int, dict]], path: Path, label: str
) -> tuple[list[Article], list[Skipped]]:
    """Articles from CSV/JSONL rows; rows without text become skipped entries."""
    articles, skipped = [], []
    for number, row in rows:
        where = f"{path} {label} {number}"
        text_col = next((c for c in ROW_TEXT_COLUMNS if c in row), None)
        text = clean_str(row.get(text_col)) if text_col else None
        if not text:
            skipped.append((str(path), "empty row", f"{label} {number}: no text"))
            continue
        doc_id = clean_str(row.get("id")) or clean_str(row.get("doc_id"))
        articles.append(
            Article(
                doc_id=doc_id or f"{path.stem}-{number}",
                path=f"{path}#{label}={number}",
                raw=str(row[text_col]),
                title=clean_str(row.get("title")),
                outlet=clean_str(row.get("outlet")),
                url=clean_str(row.get("url")),
                published=parse_date(row.get("published") or row.get("date"), where),
            )
        )
    return articles, skipped


def _article_from_html(path: Path, html: str, encoding: str) -> Article:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    doc = extracted.as_dict() if extracted is not None else None
    if not doc or not (doc.get("text") or "").strip():
        raise SkipFile("no article text", "the HTML extractor found no main text")
    published = None
    if doc.get("date"):
        try:
            published = date.fromisoformat(str(doc["date"])[:10])
        except ValueError:
            published = None
    body = doc["text"]
    if doc.get("title") and not body.startswith(doc["title"]):
        body = f"{doc['title']}\n\n{body}"
    return Article(
        doc_id=path.stem,
        path=str(path),
        raw=body,
        encoding=encoding,
        title=clean_str(doc.get("title")),
        outlet=clean_str(doc.get("sitename")),
        url=clean_str(doc.get("url")),
        published=published,
    )
