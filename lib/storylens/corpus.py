"""Load a folder of news articles into clean, dated documents, sentences and tokens.

``load_corpus()`` reads articles as they come from the web (plain text copied from a page,
HTML, or one article per row of a CSV/JSONL file), takes out the lines that are not the
article (navigation, donation appeals, teasers for other stories, image credits), finds
the publication date, and splits the body into sentences and word tokens with exact
character offsets into the clean text.

Work is split in two so it can run in parallel later: :func:`process_text` is a pure
function of one article's text and options, and :func:`load_corpus` only reads files,
consults the cache and concatenates.

>>> corpus = load_corpus()                      # the bundled seeds
>>> len(corpus.documents)
5
>>> s = corpus.sentences.iloc[0]
>>> doc = corpus.documents.set_index("doc_id").loc[s.doc_id, "text"]
>>> doc[s.start:s.end] == s.text
True
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import functools
import hashlib
import io
import json
import os
import re
import shutil
import sys
import warnings
from collections.abc import Iterable
from datetime import date, datetime
from importlib import resources
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from storylens import nlp
from storylens.paths import cache_dir as default_cache_dir
from storylens.paths import seeds_dir

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".csv"}
METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ["file", "title", "outlet", "url", "published", "date_note"]
ROW_TEXT_COLUMNS = ("text", "body", "content")  # first present one holds a row's article

# Tables and their columns, in order. Documented in README.md ("Data dictionary").
DOCUMENT_COLUMNS = [
    "doc_id", "path", "title", "outlet", "url", "published", "date_source", "date_note",
    "text", "raw", "sha256", "encoding", "n_sentences", "n_tokens",
]  # fmt: skip
SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "role"]
TOKEN_COLUMNS = ["doc_id", "sent_id", "tok_id", "start", "end", "token", "lower"]
REMOVED_COLUMNS = ["doc_id", "line_no", "text", "reason"]
SKIPPED_COLUMNS = ["path", "reason", "detail"]


_SCHEMAS = {
    "sentences": pa.schema([("doc_id", pa.string()), ("sent_id", pa.int64()), ("start", pa.int64()),
                            ("end", pa.int64()), ("text", pa.string()), ("role", pa.string())]),
    "tokens": pa.schema([("doc_id", pa.string()), ("sent_id", pa.int64()), ("tok_id", pa.int64()),
                         ("start", pa.int64()), ("end", pa.int64()), ("token", pa.string()),
                         ("lower", pa.string())]),
    "removed": pa.schema([("doc_id", pa.string()), ("line_no", pa.int64()), ("text", pa.string()),
                          ("reason", pa.string())]),
}  # fmt: skip


class CorpusError(ValueError):
    """A corpus cannot be loaded as given (missing folder, unreadable metadata, ...)."""


# --------------------------------------------------------------------------- patterns

_MONTHS = (
    "jan(?:uary|\\.)?|feb(?:ruary|\\.)?|mar(?:ch|\\.)?|apr(?:il|\\.)?|may|june?|july?|"
    "aug(?:ust|\\.)?|sep(?:t(?:ember)?|\\.)?\\.?|oct(?:ober|\\.)?|nov(?:ember|\\.)?|"
    "dec(?:ember|\\.)?"
)
_MONTH_NUMBER = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}

# A leading date marker on the first line: accepts " date 2025-02-21 As Washington ...",
# "Date: 2025-02-21"; rejects "Dated agreements from 2025-02-21" (no marker word alone).
HEADER_DATE = re.compile(r"\A\s*(?:date|published|dateline)\s*:?\s*(\d{4}-\d{2}-\d{2})\b\s*", re.I)

# A full calendar date written out: accepts "February 18, 2025", "Feb. 17, 2025",
# "19 February 2025", "Thursday 18 December 2025", "2025-02-21"; rejects "December 7"
# (no year) and "2025" (year only).
FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTHS})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>(?:19|20)\d{{2}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTHS})\s+(?P<y2>(?:19|20)\d{{2}})"
    r"|(?P<y3>(?:19|20)\d{2})-(?P<m3>\d{2})-(?P<d3>\d{2}))\b",
    re.I,
)

# A year from 1900 to 2099: accepts "2025" in "Feb. 17, 2025"; rejects "20250".
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")

# Photo captions. Accepts "... Paris, France, Feb. 17, 2025. (AP Photo)" (credit at the
# end) and "... (pictured with JD Vance) has encouraged ..."; rejects a sentence that
# merely mentions "photos".
CAPTION_CREDIT = re.compile(
    r"\((?:[A-Z][\w.&/ -]{0,40})?(?:photo|photos|images|pool|file)\b[^)]{0,60}\)\s*\Z", re.I
)
CAPTION_MARKER = re.compile(r"\((?:pictured|left|right|center|centre|[LRC])\b[^)]{0,60}\)", re.I)
# A line ending in a full date with no closing punctuation ("... Ukraine on February 18,
# 2025"): how agencies date a photo. Rejects "... signed on February 18, 2025." (a sentence).
CAPTION_TRAILING_DATE = re.compile(rf"(?:{FULL_DATE.pattern})\s*\Z", re.I)
SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*\s*\Z")

WORD = re.compile(r"[^\W\d_][\w'’-]*")


# --------------------------------------------------------------------------- the rules


@dataclasses.dataclass(frozen=True)
class _Rules:
    pattern: re.Pattern[str]  # one alternation; the name of the group that matched
    reasons: dict[str, str]  # group name -> reason
    tail_reasons: frozenset[str]
    after_end_reason: str


@functools.cache
def _boilerplate_rules() -> _Rules:
    raw = resources.files("storylens").joinpath("data", "boilerplate.yaml").read_text("utf-8")
    spec = yaml.safe_load(raw)
    groups, reasons = [], {}
    for reason, patterns in spec["reasons"].items():
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as err:
                raise CorpusError(
                    f"boilerplate.yaml: reason {reason!r} has a bad pattern {pattern!r}: {err}"
                ) from err
            name = f"r{len(groups)}"
            groups.append(f"(?P<{name}>{pattern})")
            reasons[name] = reason
    # One alternation tried once per line; the first listed pattern that matches wins.
    pattern = re.compile("|".join(groups), re.I)
    return _Rules(pattern, reasons, frozenset(spec["tail_reasons"]), spec["after_end_reason"])


def boilerplate_reason(line: str) -> str | None:
    """The reason ``line`` is not article text, or None when it may be article text.

    >>> boilerplate_reason("0 Comments"), boilerplate_reason("google cta")
    ('comments counter', 'navigation')
    >>> boilerplate_reason("Russia has flatly rejected the idea.") is None
    True
    """
    rules = _boilerplate_rules()
    match = rules.pattern.fullmatch(line.strip())
    return rules.reasons[match.lastgroup] if match else None


def is_caption(line: str) -> bool:
    """Whether a line reads as a photo caption rather than article prose.

    >>> is_caption("Ukraine's President Volodymyr Zelenskyy gives a press conference, "
    ...            "Kyiv, Feb. 19, 2025. (AP Photo)")
    True
    >>> is_caption("U.S. Defense Secretary Pete Hegseth has ruled out American ground forces.")
    False
    """
    text = line.strip()
    if CAPTION_CREDIT.search(text) or CAPTION_MARKER.search(text):
        return True
    return not SENTENCE_END.search(text) and bool(CAPTION_TRAILING_DATE.search(text))


def parse_full_date(match: re.Match[str]) -> date | None:
    """The date of a :data:`FULL_DATE` match, or None when it is not a real date."""
    g = match.groupdict()
    try:
        if g["y3"]:
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        month = (g["m1"] or g["m2"]).lower().rstrip(".")[:3]
        return date(int(g["y1"] or g["y2"]), _MONTH_NUMBER[month], int(g["d1"] or g["d2"]))
    except (ValueError, KeyError):
        return None


def latest_full_date(text: str) -> date | None:
    """The latest explicit full date written in ``text`` (None when there is none).

    >>> latest_full_date("on February 18, 2025 ... in St. Petersburg, 19 February 2025")
    datetime.date(2025, 2, 19)
    """
    found = set()
    for year in YEAR.finditer(text):  # cheap pre-filter: full dates contain a year
        window = text[max(0, year.start() - 30) : year.end() + 6]
        found.update(d for m in FULL_DATE.finditer(window) if (d := parse_full_date(m)))
    return max(found) if found else None


# --------------------------------------------------------------------------- per document


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


@dataclasses.dataclass
class Processed:
    """What :func:`process_text` makes of one article: its document record and the
    columns (name -> list) of its sentence, token and removed-line tables."""

    document: dict
    sentences: dict[str, list]
    tokens: dict[str, list]
    removed: dict[str, list]


@dataclasses.dataclass
class FileResult:
    """The articles of one file: document records and Arrow tables (what is cached)."""

    documents: list[dict]
    sentences: pa.Table
    tokens: pa.Table
    removed: pa.Table

    @classmethod
    def from_processed(cls, processed: list[Processed]) -> FileResult:
        tables = {}
        for name, schema in _SCHEMAS.items():
            columns = {c: [] for c in schema.names}
            for p in processed:
                for c, values in getattr(p, name).items():
                    columns[c].extend(values)
            tables[name] = pa.table(columns, schema=schema)
        return cls(documents=[p.document for p in processed], **tables)


def _word_count(line: str) -> int:
    return len(WORD.findall(line))


def clean_lines(
    raw: str,
) -> tuple[list[tuple[int, str, str]], list[tuple[int, str, str]], date | None]:
    """Split an article into kept lines and removed lines.

    Returns ``(kept, removed, header_date)``: ``kept`` holds ``(line_no, text, role)`` with
    role ``title``, ``body`` or ``caption``; ``removed`` holds ``(line_no, text, reason)``;
    ``header_date`` is the date of a leading date marker, which is taken out of the line.
    Line numbers are 1-based in ``raw``.
    """
    rules = _boilerplate_rules()
    kept: list[tuple[int, str, str]] = []
    removed: list[tuple[int, str, str]] = []
    header_date = None
    in_tail = False
    title: str | None = None
    lines = raw.splitlines()
    for i, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if i == 1 and (m := HEADER_DATE.match(line)):
            try:
                header_date = date.fromisoformat(m.group(1))
            except ValueError:
                header_date = None
            if header_date is not None:
                removed.append((i, line[: m.end()], "date header"))
                line = line[m.end() :]
                if not line.strip():
                    continue
        text = line.strip()
        reason = boilerplate_reason(text)
        if reason is None and in_tail:
            reason = rules.after_end_reason
        if reason is not None:
            removed.append((i, text, reason))
            in_tail = in_tail or reason in rules.tail_reasons
            continue
        if title is not None and text == title and len(kept) <= 3:
            removed.append((i, text, "repeated title"))
            continue
        if not kept and title is None:
            n_words = _word_count(text)
            if n_words <= 2 and not SENTENCE_END.search(text):
                removed.append((i, text, "section label"))  # "Peacekeepers" above a headline
                continue
            more_follows = any(rest.strip() for rest in lines[i:])
            if (
                more_follows
                and not is_caption(text)
                and (n_words <= 10 or (n_words <= 20 and not SENTENCE_END.search(text)))
            ):
                title = text
                kept.append((i, text, "title"))
                continue
        kept.append((i, text, "caption" if is_caption(text) else "body"))
    return kept, removed, header_date


def process_text(article: Article) -> Processed:
    """Clean one article and split it into sentences and tokens (a pure function).

    The clean ``text`` is the kept lines joined by blank lines; every sentence and token
    offset points into it.
    """
    kept, removed_lines, header_date = clean_lines(article.raw)
    parts: list[str] = []
    sent = {c: [] for c in SENTENCE_COLUMNS[1:]}
    tok = {c: [] for c in TOKEN_COLUMNS[1:]}
    offset = 0
    for _line_no, line, role in kept:
        if parts:
            offset += 2  # the "\n\n" between paragraphs
        spans = [(0, len(line))] if role == "title" else nlp.split_sentences(line)
        for s_start, s_end in spans:
            sent_id = len(sent["sent_id"])
            sent["sent_id"].append(sent_id)
            sent["start"].append(offset + s_start)
            sent["end"].append(offset + s_end)
            sent["text"].append(line[s_start:s_end])
            sent["role"].append(role)
            matches = list(nlp.WORD_TOKEN.finditer(line, s_start, s_end))
            tok["sent_id"].extend([sent_id] * len(matches))
            tok["start"].extend([offset + m.start() for m in matches])
            tok["end"].extend([offset + m.end() for m in matches])
            tok["token"].extend([m.group() for m in matches])
        parts.append(line)
        offset += len(line)
    tok["tok_id"] = list(range(len(tok["token"])))
    tok["lower"] = [t.lower() for t in tok["token"]]
    text = "\n\n".join(parts)
    title = article.title or next((line for _, line, role in kept if role == "title"), None)
    inferred = latest_full_date(text)
    document = {
        "doc_id": article.doc_id,
        "path": article.path,
        "title": title,
        "outlet": article.outlet,
        "url": article.url,
        "file_date": article.published,
        "header_date": header_date,
        "inferred_date": inferred,
        "text": text,
        "raw": article.raw,
        "sha256": hashlib.sha256(article.raw.encode("utf-8")).hexdigest(),
        "text_sha256": hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest(),
        "encoding": article.encoding,
        "n_sentences": len(sent["sent_id"]),
        "n_tokens": len(tok["token"]),
    }
    removed = {
        "doc_id": [article.doc_id] * len(removed_lines),
        "line_no": [n for n, _, _ in removed_lines],
        "text": [t for _, t, _ in removed_lines],
        "reason": [r for _, _, r in removed_lines],
    }
    sent["doc_id"] = [article.doc_id] * len(sent["sent_id"])
    tok["doc_id"] = [article.doc_id] * len(tok["token"])
    return Processed(document=document, sentences=sent, tokens=tok, removed=removed)


# --------------------------------------------------------------------------- reading files


class SkipFile(Exception):
    """A file (or row) that cannot be used; the message is the reason."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


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


def _parse_date(value, where: str) -> date | None:
    """A date from metadata; None when empty; :class:`CorpusError` naming ``where`` if bad."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError as err:
        raise CorpusError(
            f"{where}: cannot read the date {text!r}; write it as YYYY-MM-DD or leave it empty"
        ) from err


def _clean_str(value) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _articles_from_rows(rows: Iterable[tuple[int, dict]], path: Path, label: str):
    """Articles from CSV/JSONL rows; rows without text become skipped entries."""
    articles, skipped = [], []
    for number, row in rows:
        where = f"{path} {label} {number}"
        text_col = next((c for c in ROW_TEXT_COLUMNS if c in row), None)
        text = _clean_str(row.get(text_col)) if text_col else None
        if not text:
            skipped.append((str(path), "empty row", f"{label} {number}: no text"))
            continue
        doc_id = _clean_str(row.get("id")) or _clean_str(row.get("doc_id"))
        articles.append(
            Article(
                doc_id=doc_id or f"{path.stem}-{number}",
                path=f"{path}#{label}={number}",
                raw=str(row[text_col]),
                title=_clean_str(row.get("title")),
                outlet=_clean_str(row.get("outlet")),
                url=_clean_str(row.get("url")),
                published=_parse_date(row.get("published") or row.get("date"), where),
            )
        )
    return articles, skipped


def read_file(path: Path, data: bytes) -> tuple[list[Article], list[tuple[str, str, str]]]:
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
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError as err:
                raise SkipFile("bad JSON", f"line {number}: {err.msg}") from err
        articles, skipped = _articles_from_rows(rows, path, "line")
    elif suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or not set(reader.fieldnames) & set(ROW_TEXT_COLUMNS):
            raise SkipFile("no text column", f"columns {reader.fieldnames}; need one of "
                           f"{', '.join(ROW_TEXT_COLUMNS)}")  # fmt: skip
        articles, skipped = _articles_from_rows(enumerate(reader, start=2), path, "row")
    else:  # pragma: no cover - filtered by the caller
        raise SkipFile("unsupported file type", suffix)
    for article in articles:
        article.encoding = encoding
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
        title=_clean_str(doc.get("title")),
        outlet=_clean_str(doc.get("sitename")),
        url=_clean_str(doc.get("url")),
        published=published,
    )


# --------------------------------------------------------------------------- metadata


def read_metadata(path: Path) -> pd.DataFrame:
    """Read a ``metadata.csv`` sidecar: ``file, title, outlet, url, published, date_note``.

    ``published`` is parsed to a date; a bad value raises :class:`CorpusError` naming the
    row (as numbered in a spreadsheet, header = row 1) and the column.
    """
    if not path.exists():
        raise CorpusError(f"metadata file {path} does not exist")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return _normalise_metadata(table, label=str(path), folder=str(path.parent))


def _normalise_metadata(table: pd.DataFrame, *, label: str, folder: str) -> pd.DataFrame:
    """Metadata with every column, dates parsed (errors name ``label``, row and column),
    the spreadsheet row number and the folder its file names are relative to."""
    if "file" not in table.columns:
        raise CorpusError(f"{label}: needs a 'file' column (has {', '.join(table.columns)})")
    table = table.copy()
    for column in METADATA_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    table["published"] = [
        _parse_date(value, f"{label} row {i + 2} column 'published'")
        for i, value in enumerate(table["published"])
    ]
    table["row"] = range(2, len(table) + 2)
    table["folder"] = folder
    return table


# --------------------------------------------------------------------------- the corpus


@dataclasses.dataclass
class Corpus:
    """A loaded corpus: tidy tables that all share ``doc_id``.

    ``documents``, ``sentences``, ``tokens``, ``removed`` and ``skipped`` are described
    column by column in README.md ("Data dictionary"); ``warnings`` lists every warning
    raised while loading (metadata rows that match no file, encoding fallbacks).
    """

    documents: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    removed: pd.DataFrame
    skipped: pd.DataFrame
    source: str
    warnings: list[str] = dataclasses.field(default_factory=list)

    def __len__(self) -> int:
        return len(self.documents)

    def text(self, doc_id: str) -> str:
        """The clean text of one document."""
        return self.documents.loc[self.documents["doc_id"] == doc_id, "text"].iloc[0]

    def summary(self) -> str:
        """A plain-text summary (what ``python -m storylens corpus`` prints)."""
        return summarise(self)


@functools.cache
def _code_fingerprint() -> bytes:
    """The library version plus a hash of the code and rule files that shape the tables,
    so a cache entry is never reused after the loader changes (even without a release)."""
    from storylens import __version__

    digest = hashlib.sha256(__version__.encode())
    package = resources.files("storylens")
    for name in ("corpus.py", "nlp.py", "data/boilerplate.yaml", "data/abbreviations.txt"):
        digest.update(package.joinpath(name).read_bytes())
    return digest.digest()


def _cache_key(data: bytes, path: str) -> str:
    digest = hashlib.sha256()
    digest.update(data)
    digest.update(b"\0" + Path(path).suffix.lower().encode())
    digest.update(b"\0" + _code_fingerprint())
    return digest.hexdigest()


def _process_file(
    path: Path, data: bytes, cache: Path | None, key: str = ""
) -> tuple[FileResult, list]:
    """Articles of one file, processed; read from / written to the cache by content hash."""
    key = key or _cache_key(data, str(path))
    entry = cache / key[:2] / key if cache else None
    if entry is not None and (entry / "documents.parquet").exists():
        return _read_cache(entry, path), []
    articles, skipped = read_file(path, data)
    result = FileResult.from_processed([process_text(a) for a in articles])
    if entry is not None and not skipped:
        _write_cache(entry, result)
    return result, skipped


def _write_cache(entry: Path, result: FileResult) -> None:
    """Write one file's tables; a temporary folder renamed into place, so a crash never
    leaves a half-written entry that a later load would trust."""
    tmp = entry.with_name(f"{entry.name}.tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(result.documents), tmp / "documents.parquet")
    for name in _SCHEMAS:
        pq.write_table(getattr(result, name), tmp / f"{name}.parquet")
    try:
        tmp.rename(entry)
    except OSError:  # another process wrote the same entry first
        shutil.rmtree(tmp, ignore_errors=True)


def _read_cache(entry: Path, path: Path) -> FileResult:
    documents = pq.read_table(entry / "documents.parquet").to_pylist()
    for record in documents:
        # The path is not part of the key: a moved file keeps its cache entry.
        row = record["path"].partition("#")[2]
        record["path"] = f"{path}#{row}" if row else str(path)
    tables = {
        n: pq.read_table(entry / f"{n}.parquet", schema=schema) for n, schema in _SCHEMAS.items()
    }
    return FileResult(documents=documents, **tables)


def _find_files(source: Path) -> tuple[list[Path], list[Path]]:
    """Article files and metadata files under ``source`` (a folder or a single file)."""
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


def load_corpus(
    source: str | Path | None = None,
    *,
    metadata: str | Path | pd.DataFrame | None = None,
    cache: bool | str | Path = True,
    progress: bool | None = None,
) -> Corpus:
    """Load articles into a :class:`Corpus` of documents, sentences, tokens.

    ``source``: a folder (searched recursively; hidden files and folders are ignored), a
    single file, or None for the bundled seeds. Reads ``.txt``, ``.md``, ``.html``/``.htm``,
    ``.jsonl`` and ``.csv`` (one article per line/row with a ``text`` column and optional
    ``id, title, outlet, url, published``).

    ``metadata``: a ``metadata.csv`` path or DataFrame (``file, title, outlet, url,
    published, date_note``); by default every ``metadata.csv`` found under ``source`` is
    used for the files of its folder. Metadata wins over what the file itself says.

    ``cache``: True caches per-file tables as parquet under ``outputs/cache/corpus`` keyed
    by the file's content hash and the library version (and loader code); a path uses
    that folder instead; False reads everything afresh. ``progress``: show a progress bar
    (default: when there are more than 50 files).

    The publication date comes from, in order: metadata, the file itself (a leading
    ``date YYYY-MM-DD`` line, HTML metadata, a CSV/JSONL column), and else the latest full
    date written in the text (``date_source`` says which: ``metadata``, ``header``,
    ``inferred``, ``unknown``).
    """
    root = Path(source) if source is not None else seeds_dir()
    if not root.exists():
        raise CorpusError(f"corpus path {root} does not exist; give a folder or a file of articles")
    files, metadata_files = _find_files(root)
    cache_root = None
    if cache:
        cache_root = (
            Path(cache) if not isinstance(cache, bool) else default_cache_dir()
        ) / "corpus"

    caught: list[str] = []
    show = progress if progress is not None else len(files) > 50
    with warnings.catch_warnings(record=True) as recorded:
        warnings.simplefilter("always")
        combined, skipped = _read_all(files, cache_root, show)
        caught.extend(str(w.message) for w in recorded)

    meta = _gather_metadata(metadata, metadata_files)
    documents, new_ids = _assemble_documents(combined.documents, meta, root, skipped, caught)
    corpus = Corpus(
        documents=documents,
        **{name: _concat(combined, new_ids, name) for name in _SCHEMAS},
        skipped=pd.DataFrame(skipped, columns=SKIPPED_COLUMNS),
        source=str(root),
        warnings=caught,
    )
    for message in caught:
        warnings.warn(message, stacklevel=2)
    return corpus


def _read_all(files: list[Path], cache_root: Path | None, show: bool):
    """Every file's tables, combined in file order (documents carry ``file_no``), and the
    skipped files and rows.

    With a cache, an unchanged corpus (same files, same contents, same loader) is read
    from one snapshot of the combined tables; otherwise each file comes from its own cache
    entry or is processed, and a new snapshot is written.
    """
    contents = []
    for path in files:
        data = path.read_bytes()
        contents.append((path, data, _cache_key(data, str(path)) if cache_root else ""))
    snapshot = None
    if cache_root is not None:
        digest = hashlib.sha256(b"snapshot\0")
        for path, _, key in contents:
            digest.update(f"{path}\0{key}\n".encode())
        snapshot = cache_root / "snapshots" / digest.hexdigest()
        if (snapshot / "documents.parquet").exists():
            return _read_snapshot(snapshot)
    results, skipped = [], []
    iterator: Iterable = contents
    if show:
        from tqdm.auto import tqdm

        iterator = tqdm(contents, desc="loading articles", unit="file")
    for path, data, key in iterator:
        try:
            result, row_skips = _process_file(path, data, cache_root, key)
        except SkipFile as skip:
            skipped.append((str(path), skip.reason, skip.detail))
            continue
        results.append(result)
        skipped.extend(row_skips)
    combined = _combine(results)
    if snapshot is not None:
        _write_snapshot(snapshot, combined, skipped)
    return combined, skipped


def _combine(results: list[FileResult]) -> FileResult:
    documents, tables = [], {name: [] for name in _SCHEMAS}
    for file_no, result in enumerate(results):
        documents += [{**doc, "file_no": file_no} for doc in result.documents]
        for name in _SCHEMAS:
            table = getattr(result, name)
            tables[name].append(
                table.append_column("file_no", pa.array([file_no] * len(table), pa.int64()))
            )
    return FileResult(
        documents=documents,
        **{
            name: pa.concat_tables(parts)
            if parts
            else _SCHEMAS[name].append(pa.field("file_no", pa.int64())).empty_table()
            for name, parts in tables.items()
        },
    )


def _write_snapshot(folder: Path, combined: FileResult, skipped: list) -> None:
    tmp = folder.with_name(f"{folder.name}.tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    for name in _SCHEMAS:
        pq.write_table(getattr(combined, name), tmp / f"{name}.parquet")
    (tmp / "skipped.json").write_text(json.dumps(skipped), encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(combined.documents), tmp / "documents.parquet")  # last
    try:
        tmp.rename(folder)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


def _read_snapshot(folder: Path) -> tuple[FileResult, list]:
    documents = pq.read_table(folder / "documents.parquet").to_pylist()
    tables = {name: pq.read_table(folder / f"{name}.parquet") for name in _SCHEMAS}
    skipped = [tuple(s) for s in json.loads((folder / "skipped.json").read_text(encoding="utf-8"))]
    return FileResult(documents=documents, **tables), skipped


def _concat(combined: FileResult, new_ids: dict, name: str) -> pd.DataFrame:
    """One table over all files, without dropped duplicates and with renamed doc_ids."""
    table = getattr(combined, name)
    if any(old != new for (_, old), new in new_ids.items()):
        keys = zip(
            table.column("file_no").to_pylist(), table.column("doc_id").to_pylist(), strict=True
        )
        ids = [new_ids[k] for k in keys]
        table = table.filter(pa.array([i is not None for i in ids]))
        table = table.set_column(
            0, "doc_id", pa.array([i for i in ids if i is not None], pa.string())
        )
    return table.drop_columns(["file_no"]).to_pandas()


def _gather_metadata(metadata, metadata_files: list[Path]) -> pd.DataFrame | None:
    if metadata is None:
        if not metadata_files:
            return None
        return pd.concat([read_metadata(p) for p in metadata_files], ignore_index=True)
    if isinstance(metadata, pd.DataFrame):
        return _normalise_metadata(metadata, label="metadata", folder="")
    return read_metadata(Path(metadata))


def _metadata_lookup(meta: pd.DataFrame | None) -> dict[str, dict]:
    """Metadata records keyed by the article path they describe (or bare file name)."""
    if meta is None:
        return {}
    lookup = {}
    for record in meta.to_dict("records"):
        name = str(record["file"]).strip()
        key = str(Path(record["folder"]) / name) if record["folder"] else name
        lookup[key] = record
    return lookup


def _assemble_documents(records, meta, root, skipped, caught):
    """Apply metadata, choose each date, drop duplicates, make doc_ids unique.

    ``records`` are the combined document records (with ``file_no``). Returns the
    documents table and a map ``(file_no, old doc_id) -> new doc_id`` (None for a dropped
    duplicate).
    """
    lookup = _metadata_lookup(meta)
    used: set[str] = set()
    rows, new_ids = [], {}
    seen_text: dict[str, str] = {}
    seen_ids: set[str] = set()
    for doc in map(dict, records):
        old_id = doc["doc_id"]
        ids_key = (doc.pop("file_no"), old_id)
        if doc["text_sha256"] in seen_text:
            first = seen_text[doc["text_sha256"]]
            skipped.append((doc["path"], "duplicate", f"same text as {first}; kept once"))
            new_ids[ids_key] = None
            continue
        new_id, n = old_id, 1
        while new_id in seen_ids:  # same stem in two folders: keep both, renamed
            n += 1
            new_id = f"{old_id}-{n}"
        if new_id != old_id:
            caught.append(f"{doc['path']}: doc_id {old_id!r} already used; renamed {new_id!r}")
        new_ids[ids_key] = doc["doc_id"] = new_id
        seen_ids.add(new_id)
        seen_text[doc["text_sha256"]] = new_id
        file_path = doc["path"].split("#")[0]
        key = file_path if file_path in lookup else Path(file_path).name
        record = lookup.get(key)
        note = None
        if record is not None:
            used.add(key)
            for column in ("title", "outlet", "url"):
                if _clean_str(record.get(column)):
                    doc[column] = _clean_str(record[column])
            note = _clean_str(record.get("date_note"))
        published, source = _choose_date(doc, record)
        doc.update(published=published, date_source=source, date_note=note)
        rows.append(doc)
    skipped_files = {Path(s[0].split("#")[0]) for s in skipped}
    for key, record in lookup.items():
        if key not in used and Path(key) not in skipped_files:
            caught.append(
                f"metadata row {record['row']} (file {record['file']!r}) matches no article"
                f" in {record['folder'] or root}; check the file name"
            )
    if not rows:
        return pd.DataFrame(columns=DOCUMENT_COLUMNS), new_ids
    documents = pd.DataFrame(rows)
    documents["published"] = pd.to_datetime(documents["published"])
    for column in ("n_sentences", "n_tokens"):
        documents[column] = documents[column].astype("int64")
    for column in ("title", "outlet", "url", "date_note"):
        documents[column] = documents[column].astype(object).where(documents[column].notna(), None)
    return documents[DOCUMENT_COLUMNS].reset_index(drop=True), new_ids


def _choose_date(doc: dict, record: dict | None) -> tuple[date | None, str]:
    if record is not None and record.get("published"):
        return record["published"], "metadata"
    if doc.get("header_date") or doc.get("file_date"):
        return doc.get("header_date") or doc.get("file_date"), "header"
    if doc.get("inferred_date"):
        return doc["inferred_date"], "inferred"
    return None, "unknown"


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


# --------------------------------------------------------------------------- summary + CLI


def summarise(corpus: Corpus) -> str:
    """Documents, dates and their sources, sentences, tokens, removed lines, skipped files."""
    docs = corpus.documents
    lines = [f"corpus: {corpus.source}"]
    lines.append(
        f"documents: {len(docs):,}   sentences: {len(corpus.sentences):,}   "
        f"tokens: {len(corpus.tokens):,}"
    )
    dated = docs["published"].dropna()
    if len(dated):
        lines.append(f"dates: {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}")
    counts = docs["date_source"].value_counts()
    lines.append(
        "date sources: "
        + ", ".join(
            f"{k} {counts.get(k, 0)}" for k in ("metadata", "header", "inferred", "unknown")
        )
    )
    for doc in docs.itertuples():
        title = doc.title if isinstance(doc.title, str) else ""
        when = "" if pd.isna(doc.published) else f"{doc.published:%Y-%m-%d}"
        lines.append(
            f"  {doc.doc_id:<28} {when:<10} ({doc.date_source:<8}) "
            f"{doc.n_sentences:>4} sentences  {title[:60]}"
        )
    if len(corpus.sentences):
        roles = corpus.sentences["role"].value_counts()
        lines.append("sentences by role: " + ", ".join(f"{k} {v}" for k, v in roles.items()))
    removed = corpus.removed["reason"].value_counts()
    lines.append(f"lines removed: {len(corpus.removed):,}")
    lines.extend(f"  {reason:<24} {n:>5}" for reason, n in removed.items())
    lines.append(f"files skipped: {len(corpus.skipped):,}")
    lines.extend(f"  {r.path}: {r.reason} ({r.detail})" for r in corpus.skipped.itertuples())
    for message in corpus.warnings:
        lines.append(f"warning: {message}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m storylens corpus [PATH]``: print the corpus summary."""
    parser = argparse.ArgumentParser(
        prog="python -m storylens corpus", description=summarise.__doc__
    )
    parser.add_argument(
        "path", nargs="?", help="folder or file of articles (default: bundled seeds)"
    )
    parser.add_argument(
        "--metadata", help="metadata.csv to use instead of the one beside the files"
    )
    parser.add_argument("--no-cache", action="store_true", help="ignore and do not write the cache")
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # they are printed in the summary
            corpus = load_corpus(args.path, metadata=args.metadata, cache=not args.no_cache)
    except CorpusError as err:
        print(f"storylens corpus: {err}", file=sys.stderr)
        return 2
    print(corpus.summary())
    return 0
