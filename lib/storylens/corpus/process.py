"""One article in, its clean text, sentences and tokens out: the per-document step.

:func:`process_text` is a pure function of one :class:`~storylens.corpus.reading.Article`
(no files, no cache, no other documents), so it can run anywhere, in any order.

>>> from storylens.corpus.reading import Article
>>> p = process_text(Article("a", "a.txt", "Peace plan faces test\\nRussia refused. Kyiv agreed."))
>>> p.sentences["text"], p.tokens["token"][:3]
(['Peace plan faces test', 'Russia refused.', 'Kyiv agreed.'], ['Peace', 'plan', 'faces'])
"""

from __future__ import annotations

import dataclasses
import hashlib

from storylens import nlp
from storylens.corpus.boilerplate import KeptLine, RemovedLine, clean_lines
from storylens.corpus.columns import SENTENCE_COLUMNS, TOKEN_COLUMNS
from storylens.corpus.pubdate import HEADER_DATE, header_date, latest_full_date
from storylens.corpus.reading import Article

__all__ = ["MAX_SENTENCE_CHARS", "Processed", "bounded_spans", "process_text"]

# A sentence longer than this is split into pieces of at most this many characters (at a
# space where there is one): issue #14's article of one 2 MB line was one 2 MB sentence,
# stored again with every keyword-in-context match. News sentences are far shorter (the
# longest in the seeds is under 500 characters).
MAX_SENTENCE_CHARS = 2000


@dataclasses.dataclass
class Processed:
    """What :func:`process_text` makes of one article: its document record and the
    columns (name -> list) of its sentence, token and removed-line tables."""

    document: dict
    sentences: dict[str, list]
    tokens: dict[str, list]
    removed: dict[str, list]


@dataclasses.dataclass
class _Split:
    """The clean text of the kept lines and the columns of its sentences and tokens."""

    text: str
    sentences: dict[str, list]
    tokens: dict[str, list]


def bounded_spans(
    line: str, spans: list[tuple[int, int]], *, limit: int = MAX_SENTENCE_CHARS
) -> list[tuple[int, int]]:
    """``spans`` with each one longer than ``limit`` cut into pieces at most that long,
    each ending at the last space before the limit (or at the limit).

    >>> bounded_spans("ab cd ef", [(0, 8)], limit=5)
    [(0, 5), (6, 8)]
    """
    bounded = []
    for start, end in spans:
        while end - start > limit:
            cut = line.rfind(" ", start + 1, start + limit + 1)
            cut = cut if cut > start else start + limit
            bounded.append((start, cut))
            start = cut
            while start < end and line[start].isspace():
                start += 1
        if end > start:
            bounded.append((start, end))
    return bounded


def _line_spans(line: str, role: str, line_no: int, notes: list[str]) -> list[tuple[int, int]]:
    """The sentence spans of one kept line (a title is one), long ones cut (and noted)."""
    spans = [(0, len(line))] if role == "title" else nlp.split_sentences(line)
    bounded = bounded_spans(line, spans)
    if len(bounded) != len(spans):
        longest = max(e - s for s, e in spans)
        notes.append(f"line {line_no}: a sentence of {longest:,} characters was split into "
                     f"pieces of at most {MAX_SENTENCE_CHARS:,} (long sentence split)")  # fmt: skip
    return bounded


def _split(kept: list[KeptLine], notes: list[str]) -> _Split:
    """Join the kept lines by blank lines; split into sentences (a title is one) and
    word tokens, with offsets into the joined text."""
    parts: list[str] = []
    sent = {c: [] for c in SENTENCE_COLUMNS[1:]}
    tok = {c: [] for c in TOKEN_COLUMNS[1:]}
    offset = 0
    for line_no, line, role in kept:
        if parts:
            offset += 2  # the "\n\n" between paragraphs
        for s_start, s_end in _line_spans(line, role, line_no, notes):
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
    return _Split("\n\n".join(parts), sent, tok)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _removed_columns(doc_id: str, removed: list[RemovedLine]) -> dict[str, list]:
    return {
        "doc_id": [doc_id] * len(removed),
        "line_no": [n for n, _, _ in removed],
        "text": [t for _, t, _ in removed],
        "reason": [r for _, _, r in removed],
    }


def _header_notes(raw: str, found) -> list[str]:
    """A note when the first line starts with a date marker whose date cannot be a date
    (``date 2025-13-45``): the date is then looked for elsewhere."""
    marker = HEADER_DATE.match(raw[:200])
    if marker is None or found is not None or header_date(raw[:200]) is not None:
        return []
    return [f"header: {marker.group(1)!r} is not a real date (YYYY-MM-DD); the date is "
            "taken from elsewhere; correct the header line"]  # fmt: skip


def process_text(article: Article) -> Processed:
    """Clean one article and split it into sentences and tokens (a pure function).

    The clean ``text`` is the kept lines joined by blank lines; every sentence and token
    offset points into it. The document record holds the ``DOCUMENT_COLUMNS`` known
    from the file alone plus ``file_date``, ``header_date``, ``inferred_date`` (the
    candidates for ``published``) and ``text_sha256`` (of the whitespace-normalised text,
    to find duplicates).
    """
    given = article.title if article.title_sentence else None
    headline = " ".join(given.split()) if given else None  # a row's title: its first line
    kept, removed, header = clean_lines(article.raw, title=headline)
    notes = [f"{article.path} {note}" for note in _header_notes(article.raw, header)]
    split = _split(kept, split_notes := [])
    notes += article.notes + [f"{article.path} {note}" for note in split_notes]
    title = article.title or next((line for _, line, role in kept if role == "title"), None)
    document = {
        "doc_id": article.doc_id,
        "path": article.path,
        "title": title,
        "outlet": article.outlet,
        "url": article.url,
        "file_date": article.published,
        "header_date": header,
        "inferred_date": latest_full_date(split.text),
        "text": split.text,
        "raw": article.raw,
        "sha256": _sha256(article.raw),
        "text_sha256": _sha256(" ".join(split.text.split())),
        "encoding": article.encoding,
        "n_sentences": len(split.sentences["sent_id"]),
        "n_tokens": len(split.tokens["token"]),
        "notes": notes,
    }
    split.sentences["doc_id"] = [article.doc_id] * len(split.sentences["sent_id"])
    split.tokens["doc_id"] = [article.doc_id] * len(split.tokens["token"])
    return Processed(
        document, split.sentences, split.tokens, _removed_columns(article.doc_id, removed)
    )
