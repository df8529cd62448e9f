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
import os
import typing
import warnings
import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from storylens.corpus.errors import SkipFile
from storylens.corpus.metadata import METADATA_FILE, clean_str, parse_date

__all__ = [
    "ARTICLE_SUFFIXES",
    "COMPANION_FILES",
    "MAX_ARTICLE_CHARS",
    "MAX_FILE_BYTES",
    "ROW_TEXT_COLUMNS",
    "GZIP_SUFFIX",
    "Article",
    "Decoded",
    "FoundFiles",
    "article_name",
    "decode_bytes",
    "decode_text",
    "find_files",
    "read_file",
]

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".csv", ".json"}
GZIP_SUFFIX = ".gz"  # "page.html.gz" is read as "page.html"
# Files that sit beside the articles and are no article, so never listed as skipped:
# the story file (storylens.actors.registry.STORY_FILE) and checksum lists.
COMPANION_FILES = frozenset({"story.yaml", "SHA256SUMS", "SHA512SUMS", "MD5SUMS"})
ROW_TEXT_COLUMNS = ("text", "body", "content")  # first present one holds a row's article
# What the loader can bound (issue #14: one 50 MB article took 4.3 GB to load): a file, or
# what a .gz file holds, over MAX_FILE_BYTES is not read; an article (a file's text, or one
# row's) over MAX_ARTICLE_CHARS is skipped. Both are listed in ``skipped`` with the limit.
MAX_FILE_BYTES = 256 * 2**20
MAX_ARTICLE_CHARS = 5_000_000
# Stray NUL bytes (a damaged download) are removed when they are single and at most this
# share of a file; two in a row, or more of them, make a binary file.
MAX_NUL_SHARE = 0.05

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
    notes: list[str] = dataclasses.field(default_factory=list)  # warnings about reading it


@dataclasses.dataclass
class FoundFiles:
    """What :func:`find_files` found: article candidates, metadata files, and the links
    and special files it did not follow (as ``skipped`` rows)."""

    files: list[Path]
    metadata: list[Path]
    skipped: list[Skipped]


class Decoded(typing.NamedTuple):
    """The text of a file, the encoding it was read with, and what was done to read it."""

    text: str
    encoding: str
    notes: list[str]


def _link_refusal(path: Path, root: Path) -> Skipped | None:
    """Why the link ``path`` is not read (it points out of ``root``, or nowhere), or None."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return str(path), "broken link", f"points to {os.readlink(path)}, which does not exist"
    if target.is_relative_to(root):
        return None
    return (str(path), "link out of the corpus", f"points to {target}; not followed (pass "
            "follow_links=True, or --follow-links, to read it)")  # fmt: skip


def _walk(source: Path, follow_links: bool) -> Iterator[tuple[Path, bool]]:
    """``(path, is_folder)`` of every entry under ``source`` that is not hidden; folder
    links are given (not entered) unless ``follow_links``."""
    seen: set[str] = set()  # real folders walked: a followed link loop is entered once
    for folder, dirs, names in os.walk(source, followlinks=follow_links):
        here = Path(folder)
        seen.add(os.path.realpath(here))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if not follow_links:  # os.walk does not enter them: list them
            yield from ((here / d, True) for d in dirs if (here / d).is_symlink())
        dirs[:] = [d for d in dirs if os.path.realpath(here / d) not in seen]
        for name in sorted(names):
            if not name.startswith("."):
                yield here / name, False


def find_files(source: Path, *, follow_links: bool = False) -> FoundFiles:
    """Candidate article files and metadata files under ``source`` (a folder or a single
    file), sorted; hidden files and folders are left out. Every other file is a candidate
    so that :func:`read_file` can say why it is not read (an unknown extension), except
    the :data:`COMPANION_FILES`. A link pointing out of ``source`` (or nowhere), a folder
    link, and anything that is not a regular file are listed in ``skipped`` instead,
    unless ``follow_links``."""
    if source.is_file():
        sidecar = source.parent / METADATA_FILE
        return FoundFiles([source], [sidecar] if sidecar.exists() else [], [])
    root = source.resolve()
    found = FoundFiles([], [], [])
    for path, is_folder in _walk(source, follow_links):
        if is_folder:
            found.skipped.append((str(path), "folder link not followed", f"points to "
                                  f"{os.readlink(path)}; pass follow_links=True (--follow-links)"
                                  " to read what it holds"))  # fmt: skip
        elif path.is_symlink() and not follow_links and (refused := _link_refusal(path, root)):
            found.skipped.append(refused)
        elif not path.is_file():
            found.skipped.append((str(path), "not a regular file", "a device, pipe or socket"))
        elif path.name == METADATA_FILE:
            found.metadata.append(path)
        elif path.name not in COMPANION_FILES:
            found.files.append(path)
    found.files.sort()
    found.metadata.sort()
    return found


def _utf16_guess(head: bytes) -> str | None:
    """``utf-16`` (a byte order mark), ``utf-16-le``/``-be`` (NULs in every other byte, as
    in ASCII text written as UTF-16 without a mark), else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _without_nuls(data: bytes, path: str) -> tuple[bytes, list[str]]:
    """``data`` without stray NUL bytes (noted); :class:`SkipFile` when there are many."""
    count = data.count(b"\x00")
    if not count:
        return data, []
    if b"\x00\x00" in data or count > MAX_NUL_SHARE * len(data):
        raise SkipFile("binary file", f"{count:,} NUL bytes in {len(data):,}; not a text article")
    return data.replace(b"\x00", b""), [f"{path}: {count} stray NUL byte(s) removed"]


def decode_text(data: bytes, path: str) -> Decoded:
    """Text of a file, the encoding used and notes: UTF-16 (with or without a byte order
    mark), else UTF-8, else cp1252, else latin-1; stray NUL bytes are removed (noted).

    Raises :class:`SkipFile` for binary content (many NUL bytes or control characters).

    >>> decode_text("Kyiv agreed.".encode("utf-16-le"), "a.txt")
    Decoded(text='Kyiv agreed.', encoding='utf-16-le', notes=[])
    """
    if (utf16 := _utf16_guess(data[:8192])) is not None:
        try:
            return Decoded(data.decode(utf16).lstrip("\ufeff").replace("\x00", ""), utf16, [])
        except UnicodeDecodeError:
            pass
    data, notes = _without_nuls(data, path)
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8", notes)
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
        notes.append(f"{path}: not valid UTF-8; decoded as {encoding}")
        return Decoded(text, f"{encoding} (fallback)", notes)
    raise SkipFile("unreadable encoding", "neither UTF-8, cp1252 nor latin-1")  # pragma: no cover


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Text of a file and the encoding used (:func:`decode_text`), each note a warning."""
    text, encoding, notes = decode_text(data, path)
    for note in notes:
        warnings.warn(note, stacklevel=2)
    return text, encoding


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
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as packed:
            inner = packed.read(MAX_FILE_BYTES + 1)  # a few KB can unpack to gigabytes
    except (OSError, EOFError, zlib.error) as err:
        raise SkipFile("bad gzip", f"cannot decompress: {err}; re-save it or unpack it") from err
    if len(inner) > MAX_FILE_BYTES:
        raise SkipFile("too large", f"unpacks to over {MAX_FILE_BYTES // 2**20} MB; "
                       "split it into smaller files")  # fmt: skip
    return inner


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
    text, encoding, notes = decode_text(_unpacked(path, data), str(path))
    if not text.strip():
        raise SkipFile("empty file", "no text (empty or whitespace only)")
    skipped: list[Skipped] = []
    if suffix in {".txt", ".md"}:
        articles = [Article(doc_id=name.stem, path=str(path), raw=_bounded(text, "the file"))]
    elif suffix in {".html", ".htm"}:
        articles = [_article_from_html(path, name.stem, _bounded(text, "the page", 4), encoding)]
    elif suffix == ".jsonl":
        rows, skipped = _jsonl_rows(text, path)
        articles, row_skips = _articles_from_rows(rows, path, name.stem, "line")
        skipped += row_skips
    elif suffix == ".json":
        articles, skipped = _articles_from_json(text, path, name.stem)
    else:
        articles, skipped = _articles_from_rows(_csv_rows(text), path, name.stem, "row")
    for article in articles:
        article.encoding = encoding
        article.notes[:0] = notes
    return articles, skipped


def _bounded(text: str, what: str, factor: int = 1) -> str:
    """``text``, unless it is longer than ``factor`` articles can be (:class:`SkipFile`)."""
    if len(text) > factor * MAX_ARTICLE_CHARS:
        raise SkipFile(
            "too large",
            f"{what} holds {len(text):,} characters, over the limit of "
            f"{factor * MAX_ARTICLE_CHARS:,} for one article; split it into articles",
        )
    return text


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
        if not articles:  # its one article is too large
            raise SkipFile(skipped[0][1], skipped[0][2])
        named = clean_str(value.get("id")) or clean_str(value.get("doc_id"))
        articles[0].doc_id, articles[0].path = named or stem, str(path)
        return articles, skipped
    if not value or not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SkipFile("no articles in JSON", "need an object or a list of objects with "
                       "a text, body or content field")  # fmt: skip
    return _articles_from_rows(enumerate(value, start=1), path, stem, "item")


def _jsonl_rows(text: str, path: Path) -> tuple[list[tuple[int, object]], list[Skipped]]:
    """``(line number, value)`` of each non-blank line, and the lines that are not JSON
    (each skipped and listed; the other lines are kept)."""
    rows, skipped = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as err:
            skipped.append((str(path), "bad JSON", f"line {number}: {err.msg}; line skipped"))
    if not rows:
        raise SkipFile("bad JSON", "; ".join(detail for _, _, detail in skipped[:3]))
    return rows, skipped


def _csv_rows(text: str) -> list[tuple[int, dict]]:
    """``(spreadsheet row number, record)`` of each row; no text column, or a row the csv
    module cannot read, skips the file (naming the row). A cell may be as long as a file
    (the default limit, 128 KB, is one long article); a row too long for an article is
    skipped by :func:`_articles_from_rows`."""
    limit = csv.field_size_limit(MAX_FILE_BYTES)
    try:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or not set(reader.fieldnames) & set(ROW_TEXT_COLUMNS):
            raise SkipFile("no text column", f"columns {reader.fieldnames}; need one of "
                           f"{', '.join(ROW_TEXT_COLUMNS)}")  # fmt: skip
        rows = []
        try:
            for number, row in enumerate(reader, start=2):
                rows.append((number, row))
        except csv.Error as err:
            raise SkipFile("bad CSV", f"row {len(rows) + 2}: {err}; check its quotes") from err
        return rows
    finally:
        csv.field_size_limit(limit)


def _row_id(row: dict, stem: str, number: int, label: str, used: set[str]) -> tuple[str, str]:
    """A row's doc_id, unique in its file (a repeated ``id`` gets its row number, so each
    row's sentences stay its own), and a note when it had to be changed."""
    given = clean_str(row.get("id")) or clean_str(row.get("doc_id"))
    doc_id = given or f"{stem}-{number}"
    new_id = doc_id
    while new_id in used:
        new_id = f"{doc_id}-{label}{number}" if new_id == doc_id else f"{new_id}-{number}"
    used.add(new_id)
    if new_id == doc_id:
        return new_id, ""
    note = f"{label} {number}: id {doc_id!r} is used by an earlier {label}; read as {new_id!r}"
    return new_id, note


def _row_article(row: dict, path: Path, number: int, label: str, text_col: str) -> Article:
    """The article of one row (its date's warnings kept as notes)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        published = parse_date(row.get("published") or row.get("date"), f"{path} {label} {number}")
    return Article(
        doc_id="",
        path=f"{path}#{label}={number}",
        raw=str(row[text_col]),
        title=clean_str(row.get("title")),
        outlet=clean_str(row.get("outlet")),
        url=clean_str(row.get("url")),
        published=published,
        title_sentence=True,
        notes=[str(w.message) for w in caught],
    )


def _articles_from_rows(
    rows: Iterable[tuple[int, object]], path: Path, stem: str, label: str
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
    articles, skipped, used = [], [], set()
    for number, row in rows:
        if not isinstance(row, dict):
            skipped.append((str(path), "not an object", f"{label} {number}: not a JSON object"))
            continue
        text_col = next((c for c in ROW_TEXT_COLUMNS if c in row), None)
        text = clean_str(row.get(text_col)) if text_col else None
        if not text:
            skipped.append((str(path), "empty row", f"{label} {number}: no text"))
            continue
        if len(text) > MAX_ARTICLE_CHARS:
            skipped.append((str(path), "too large", f"{label} {number}: {len(text):,} "
                            f"characters, over the limit of {MAX_ARTICLE_CHARS:,}"))  # fmt: skip
            continue
        article = _row_article(row, path, number, label, text_col)
        article.doc_id, note = _row_id(row, stem, number, label, used)
        if note:
            article.notes.append(f"{path} {note}")
        articles.append(article)
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
