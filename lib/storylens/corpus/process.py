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
from storylens.corpus.pubdate import latest_full_date
from storylens.corpus.reading import Article

__all__ = ["Processed", "process_text"]


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


def _split(kept: list[KeptLine]) -> _Split:
    """Join the kept lines by blank lines; split into sentences (a title is one) and
    word tokens, with offsets into the joined text."""
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
    kept, removed, header_date = clean_lines(article.raw, title=headline)
    split = _split(kept)
    title = article.title or next((line for _, line, role in kept if role == "title"), None)
    document = {
        "doc_id": article.doc_id,
        "path": article.path,
        "title": title,
        "outlet": article.outlet,
        "url": article.url,
        "file_date": article.published,
        "header_date": header_date,
        "inferred_date": latest_full_date(split.text),
        "text": split.text,
        "raw": article.raw,
        "sha256": _sha256(article.raw),
        "text_sha256": _sha256(" ".join(split.text.split())),
        "encoding": article.encoding,
        "n_sentences": len(split.sentences["sent_id"]),
        "n_tokens": len(split.tokens["token"]),
    }
    split.sentences["doc_id"] = [article.doc_id] * len(split.sentences["sent_id"])
    split.tokens["doc_id"] = [article.doc_id] * len(split.tokens["token"])
    return Processed(
        document, split.sentences, split.tokens, _removed_columns(article.doc_id, removed)
    )
