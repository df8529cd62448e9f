"""Where each article's reader page lives, so every report links to the same place.

The reports sit in ``reports/``; each article's annotated reader is
``reports/articles/<page name>.html`` and each sentence in it has the anchor ``s<sent_id>``.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

__all__ = ["ARTICLES_DIR", "article_page_name", "article_href", "sentence_anchor"]

ARTICLES_DIR = "articles"

# Characters kept as they are in a page name; anything else is replaced.
# accepts: "004_db5903f6822ba59a", "r1-2.v2"; replaces: "a/b", "é", "[x](y)"
_SAFE = re.compile(r"[^A-Za-z0-9._-]")


def article_page_name(doc_id: str) -> str:
    """File name of the reader page for ``doc_id``, safe on every file system.

    A ``doc_id`` made only of safe characters keeps its name; any other gets its unsafe
    characters replaced and a short hash of the original, so two ids never share a page.

    >>> article_page_name("004_db5903f6822ba59a")
    '004_db5903f6822ba59a.html'
    >>> article_page_name("a/b") == article_page_name("a?b")
    False
    """
    doc_id = str(doc_id)
    safe = _SAFE.sub("_", doc_id)[:80].lstrip(".") or "doc"
    if safe != doc_id:
        digest = hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8]
        safe = f"{safe}-{digest}"
    return f"{safe}.html"


def sentence_anchor(sent_id: int) -> str:
    """The anchor of sentence ``sent_id`` in a reader page.

    >>> sentence_anchor(3)
    's3'
    """
    return f"s{int(sent_id)}"


def article_href(doc_id: str, sent_id: int | None = None) -> str:
    """Link from a report in ``reports/`` to an article's reader page (and sentence).

    >>> article_href("001_abc", 4)
    'articles/001_abc.html#s4'
    >>> article_href("001_abc")
    'articles/001_abc.html'
    """
    href = f"{ARTICLES_DIR}/{quote(article_page_name(doc_id))}"
    if sent_id is not None:
        href += "#" + sentence_anchor(sent_id)
    return href
