"""Reading article files: finding them, decoding bytes, HTML main text, CSV/JSONL rows.

One file gives one :class:`Article` (``.txt``, ``.md``, ``.html``/``.htm``, a ``.json``
object) or one per row (``.jsonl``, ``.csv``, a ``.json`` list, with a ``text``, ``body``
or ``content`` field). Any of them may be gzip-compressed (``.html.gz``, ``.jsonl.gz``).
What cannot be used raises :class:`~storylens.corpus.errors.SkipFile` (a whole file, an
unknown extension too) or is returned as a skipped row.

>>> articles, skipped = read_file(Path("note.txt"), "Peace plan\\n\\nRussia said no.".encode())
>>> articles[0].doc_id, articles[0].encoding, skipped
('note', 'utf-8', [])
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import warnings
import zlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from storylens.corpus.errors import SkipFile
from storylens.corpus.metadata import METADATA_FILE, clean_str, parse_date

__all__ = [
    "ARTICLE_SUFFIXES",
    "COMPANION_FILES",
    "ROW_TEXT_COLUMNS",
    "GZIP_SUFFIX",
    "Article",
    "article_name",
    "decode_bytes",
    "find_files",
    "read_file",
]

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".csv", ".json"}
GZIP_SUFFIX = ".gz"  # "page.html.gz" is read as "page.html"
# Files that sit beside the articles and are no article, so never listed as skipped:
# the story file (storylens.actors.registry.STORY_FILE) and checksum lists.
COMPANION_FILES = frozenset({"story.yaml", "SHA256SUMS", "SHA512SUMS", "MD5SUMS"})
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
    title_sentence: bool = False  # the title (a row's field) is the text's first sentence


def find_files(source: Path) -> tuple[list[Path], list[Path]]:
    """Candidate article files and metadata files under ``source`` (a folder or a single
    file), sorted; hidden files and folders are left out. Every other file is a candidate
    so that :func:`read_file` can say why it is not read (an unknown extension), except
    the :data:`COMPANION_FILES`."""
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
        elif path.name in COMPANION_FILES:
            continue
        else:
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


def article_name(path: Path) -> Path:
    """The name a file is read by: a gzip file's inner name, else the file's own.

    >>> article_name(Path("web/page.html.gz")), article_name(Path("a.txt"))
    (PosixPath('web/page.html'), PosixPath('a.txt'))
    """
    if path.suffix.lower() == GZIP_SUFFIX:
        return path.with_suffix("")
    return path


def _unpacked(path: Path, data: bytes) -> bytes:
    """The bytes of a file, gunzipped when its name ends in ``.gz``."""
    if path.suffix.lower() != GZIP_SUFFIX:
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as err:
        raise SkipFile("bad gzip", f"cannot decompress: {err}; re-save it or unpack it") from err


def read_file(path: Path, data: bytes) -> tuple[list[Article], list[Skipped]]:
    """The articles in one file and the rows that had to be skipped.

    Raises :class:`SkipFile` when the whole file cannot be used (an unknown extension
    too, named with the ones that are read).
    """
    name = article_name(path)
    suffix = name.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        known = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise SkipFile("unsupported file type", f"{suffix or 'no extension'} is not read; "
                       f"convert it to one of {known} (or those gzipped, .gz)")  # fmt: skip
    text, encoding = decode_bytes(_unpacked(path, data), str(path))
    if not text.strip():
        raise SkipFile("empty file", "no text (empty or whitespace only)")
    if suffix in {".txt", ".md"}:
        return [Article(doc_id=name.stem, path=str(path), raw=text, encoding=encoding)], []
    if suffix in {".html", ".htm"}:
        return [_article_from_html(path, name.stem, text, encoding)], []
    if suffix == ".jsonl":
        articles, skipped = _articles_from_rows(_jsonl_rows(text), path, name.stem, "line")
    elif suffix == ".json":
        articles, skipped = _articles_from_json(text, path, name.stem)
    else:
        articles, skipped = _articles_from_rows(_csv_rows(text), path, name.stem, "row")
    for article in articles:
        article.encoding = encoding
    return articles, skipped


def _articles_from_json(text: str, path: Path, stem: str) -> tuple[list[Article], list[Skipped]]:
    """A ``.json`` file: one object (one article, named after the file) or a list of
    objects (one article each, like JSONL lines)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise SkipFile("bad JSON", f"line {err.lineno}: {err.msg}") from err
    if isinstance(value, dict):
        if not any(clean_str(value.get(c)) for c in ROW_TEXT_COLUMNS):
            raise SkipFile("no text field", f"keys {sorted(value)[:8]}; need one of "
                           f"{', '.join(ROW_TEXT_COLUMNS)} holding the article")  # fmt: skip
        articles, skipped = _articles_from_rows([(1, value)], path, stem, "item")
        named = clean_str(value.get("id")) or clean_str(value.get("doc_id"))
        articles[0].doc_id, articles[0].path = named or stem, str(path)
        return articles, skipped
    if not value or not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SkipFile("no articles in JSON", "need an object or a list of objects with "
                       "a text, body or content field")  # fmt: skip
    return _articles_from_rows(enumerate(value, start=1), path, stem, "item")


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
    rows: Iterable[tuple[int, dict]], path: Path, stem: str, label: str
) -> tuple[list[Article], list[Skipped]]:
    """Articles from CSV/JSONL/JSON rows; rows without text become skipped entries. A
    row's title is its first sentence (role ``title``), as a ``.txt`` headline is.

    Raises :class:`SkipFile` when no row is an object with a text field (a file of other
    records, such as annotations: one reason for the file, not one per row).
    """
    rows = list(rows)
    if rows and not any(isinstance(r, dict) and set(r) & set(ROW_TEXT_COLUMNS) for _, r in rows):
        keys = sorted({k for _, r in rows if isinstance(r, dict) for k in r})[:8]
        raise SkipFile("no text field", f"no {label} has a text, body or content field "
                       f"(keys seen: {', '.join(keys)}); not articles")  # fmt: skip
    articles, skipped = [], []
    for number, row in rows:
        where = f"{path} {label} {number}"
        if not isinstance(row, dict):
            skipped.append((str(path), "not an object", f"{label} {number}: not a JSON object"))
            continue
        text_col = next((c for c in ROW_TEXT_COLUMNS if c in row), None)
        text = clean_str(row.get(text_col)) if text_col else None
        if not text:
            skipped.append((str(path), "empty row", f"{label} {number}: no text"))
            continue
        doc_id = clean_str(row.get("id")) or clean_str(row.get("doc_id"))
        articles.append(
            Article(
                doc_id=doc_id or f"{stem}-{number}",
                path=f"{path}#{label}={number}",
                raw=str(row[text_col]),
                title=clean_str(row.get("title")),
                outlet=clean_str(row.get("outlet")),
                url=clean_str(row.get("url")),
                published=parse_date(row.get("published") or row.get("date"), where),
                title_sentence=True,
            )
        )
    return articles, skipped


def _article_from_html(path: Path, stem: str, html: str, encoding: str) -> Article:
    """The main text of a page; the title stays in its column, out of the body, and
    tables are kept (a standings page's body is a table)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True
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
    return Article(
        doc_id=stem,
        path=str(path),
        raw=doc["text"],
        encoding=encoding,
        title=clean_str(doc.get("title")),
        outlet=clean_str(doc.get("sitename")),
        url=clean_str(doc.get("url")),
        published=published,
    )
