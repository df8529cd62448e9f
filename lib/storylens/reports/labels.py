"""How a report names a source and a date: "Reuters, 21 Feb 2025", marked when estimated.

Every legend, axis and table of every report uses these labels; the CSVs keep ``doc_id``.

* :func:`date_label` writes a day as "21 Feb 2025";
* :func:`is_estimated` says which publication dates are estimates (see ``date_source`` in
  the README's data dictionary) and :data:`ESTIMATED_MARK` is the sign that marks them;
* :func:`source_labels` labels each document ``outlet, date`` (a short title when there is
  no outlet) and :func:`source_order` puts the labels in order of publication;
* :func:`published_labels` writes each publication date, marked when estimated;
* :func:`name_sources` replaces the doc ids written in a text by their source labels;
* :func:`short_label` is a chart's label for a statement: the start of its sentence;
* :func:`estimated_note` is the legend line under a chart or table that carries the mark;
* :func:`resolved_against_estimate` marks timeline rows whose date rests on an estimate;
* :func:`escape_markdown` makes any value (a file name, an outlet, an actor) safe to put in
  a Markdown cell.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from storylens.lexicon import words

__all__ = [
    "ESTIMATED_MARK",
    "STATED_DATE_SOURCES",
    "DATE_SOURCE_WORDS",
    "date_label",
    "is_estimated",
    "source_labels",
    "source_order",
    "published_labels",
    "short_label",
    "name_sources",
    "estimated_note",
    "resolved_against_estimate",
    "escape_markdown",
    "empty_sentence",
]

ESTIMATED_MARK = "*"  # after an estimated date: "21 Feb 2025*"
STATED_DATE_SOURCES = ("metadata", "header")  # the date is stated, not worked out
# What an estimated date was worked out from, for the legend line.
DATE_SOURCE_WORDS = {
    "metadata": "the metadata's note",
    "url": "a date in its URL",
    "published_line": "a 'Published' line",
    "dateline": "its dateline",
    "inferred": "the latest date written in its text",
}
SHORT_TITLE_WORDS = 5  # a source without an outlet is named by its title's first words

# A four-digit year written in a temporal expression; accepts "February 18, 2025",
# rejects "next week", "on Thursday", "February 18".
YEAR_WRITTEN = re.compile(r"\b\d{4}\b")
# Characters Markdown gives a meaning to; accepts "[x](javascript:1)", "*a*", "a_b";
# leaves "Reuters, 21 Feb 2025" alone.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:])")


def date_label(ts) -> str:
    """A day as a reader writes it: "21 Feb 2025"; "" for a missing date.

    >>> date_label(pd.Timestamp("2025-02-21"))
    '21 Feb 2025'
    >>> date_label(None), date_label(pd.NaT)
    ('', '')
    """
    if ts is None or (not isinstance(ts, str) and pd.isna(ts)):
        return ""
    ts = pd.Timestamp(ts)
    return f"{ts.day} {ts:%b %Y}"


def is_estimated(documents: pd.DataFrame) -> pd.Series:
    """Per document (indexed by ``doc_id``): is its publication date an estimate?

    A date is estimated when it was worked out rather than stated (``date_source`` other
    than ``metadata`` or ``header``), or when the metadata's ``date_note`` says so (a word
    from the lexicon's ``estimated_date_words``). An unknown date is not an estimate.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"],
    ...     "published": pd.to_datetime(["2025-02-21", "2025-02-19", "2024-12-13", None]),
    ...     "date_source": ["header", "inferred", "metadata", "unknown"],
    ...     "date_note": ["", "", "Estimated from clues in the text", ""]})
    >>> is_estimated(docs).tolist()
    [False, True, True, False]
    """
    source = documents["date_source"].fillna("unknown")
    note = documents.get("date_note", pd.Series("", index=documents.index)).fillna("")
    cue = re.compile(r"\b(?:" + "|".join(map(re.escape, words("estimated_date_words"))) + r")\b")
    estimated = ~source.isin(STATED_DATE_SOURCES) | note.str.lower().str.contains(cue)
    dated = documents["published"].notna()
    return pd.Series((estimated & dated).to_numpy(), index=documents["doc_id"].to_numpy())


def _short_title(title, text) -> str:
    text = text.strip().split("\n", 1)[0] if isinstance(text, str) else ""
    for candidate in (title, text):
        tokens = candidate.split() if isinstance(candidate, str) else []
        if tokens:
            cut = len(tokens) > SHORT_TITLE_WORDS
            return " ".join(tokens[:SHORT_TITLE_WORDS]) + (" …" if cut else "")
    return ""


def source_labels(documents: pd.DataFrame) -> pd.Series:
    """Per document (indexed by ``doc_id``): "outlet, 21 Feb 2025", marked when estimated.

    Without an outlet, the first words of the title (else of the text) stand in for it;
    without either, the ``doc_id``. An estimated date carries :data:`ESTIMATED_MARK`; an
    unknown one is "date unknown". Two documents with the same label get the doc_id added.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["AP", None],
    ...     "title": [None, "France and UK push for boots on the ground"],
    ...     "published": pd.to_datetime(["2025-02-21", None]),
    ...     "date_source": ["inferred", "unknown"]})
    >>> source_labels(docs).tolist()
    ['AP, 21 Feb 2025*', 'France and UK push for …, date unknown']
    """
    estimated = is_estimated(documents).to_numpy()
    labels = []
    for i, doc in enumerate(documents.to_dict("records")):
        outlet = doc.get("outlet")
        name = outlet if isinstance(outlet, str) and outlet.strip() else None
        name = name or _short_title(doc.get("title"), doc.get("text")) or str(doc["doc_id"])
        when = date_label(doc.get("published")) or "date unknown"
        labels.append(f"{name}, {when}{ESTIMATED_MARK if estimated[i] else ''}")
    labels = pd.Series(labels, index=documents["doc_id"].to_numpy(), name="source")
    clash = labels.duplicated(keep=False)
    return labels.where(~clash, labels + " (" + labels.index.astype(str) + ")")


def source_order(documents: pd.DataFrame) -> list[str]:
    """The source labels in order of publication (undated last, then by doc_id).

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["AP", "BBC", "RS"],
    ...     "published": pd.to_datetime(["2025-02-21", None, "2024-12-13"]),
    ...     "date_source": ["header", "unknown", "header"]})
    >>> source_order(docs)
    ['RS, 13 Dec 2024', 'AP, 21 Feb 2025', 'BBC, date unknown']
    """
    order = documents.sort_values(["published", "doc_id"], na_position="last")
    return source_labels(order).tolist()


def published_labels(documents: pd.DataFrame) -> pd.Series:
    """Per document (indexed by ``doc_id``): its publication date, "19 Feb 2025*" if estimated.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "date_source": ["inferred", "unknown"],
    ...                      "published": pd.to_datetime(["2025-02-19", None])})
    >>> published_labels(docs).tolist()
    ['19 Feb 2025*', 'unknown']
    """
    estimated = is_estimated(documents).to_numpy()
    days = [date_label(ts) or "unknown" for ts in documents["published"]]
    marks = [ESTIMATED_MARK if e else "" for e in estimated]
    return pd.Series(
        [d + m for d, m in zip(days, marks, strict=True)], index=documents["doc_id"].to_numpy()
    )


def name_sources(texts: pd.Series, documents: pd.DataFrame) -> pd.Series:
    """``texts`` with every ``doc_id`` written in them replaced by its source label.

    >>> docs = pd.DataFrame({"doc_id": ["004_db59"], "outlet": ["AP"], "date_source": ["header"],
    ...                      "published": pd.to_datetime(["2025-02-21"])})
    >>> name_sources(pd.Series(["at most 30,000 (the source, 004_db59)"]), docs).tolist()
    ['at most 30,000 (the source, AP, 21 Feb 2025)']
    """
    labels = source_labels(documents)
    if labels.empty:
        return texts
    ids = sorted(labels.index.astype(str), key=len, reverse=True)  # longest first
    pattern = re.compile("|".join(map(re.escape, ids)))
    return texts.map(
        lambda t: pattern.sub(lambda m: labels[m.group(0)], t) if isinstance(t, str) else t
    )


def short_label(sentence: str, *, width: int = 40) -> str:
    """A statement's label on a chart: its sentence's start, cut at a word, "…" when cut.

    >>> short_label("Starmer, set to meet Trump on Thursday, said Europe must step up.", width=30)
    'Starmer, set to meet Trump on…'
    >>> short_label("“Europe must step up,” he said.")
    'Europe must step up,” he said.'
    """
    text = " ".join(str(sentence or "").split()).lstrip("\"'“‘ ")
    if len(text) <= width:
        return text
    cut = text[: width + 1].rsplit(" ", 1)[0] if " " in text[:width] else text[:width]
    return cut.rstrip(" ,;:") + "…"


def estimated_note(documents: pd.DataFrame, *, shown: pd.Series | None = None) -> str:
    """The legend line for :data:`ESTIMATED_MARK`; "" when no date (in ``shown``) is estimated.

    ``shown`` (doc ids) limits the note to the documents a table or chart shows.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["AP", "BBC"],
    ...     "published": pd.to_datetime(["2025-02-21", "2025-02-19"]),
    ...     "date_source": ["url", "header"]})
    >>> estimated_note(docs)
    '* date estimated: AP from a date in its URL. So is everything dated against such a date.'
    """
    docs = documents[is_estimated(documents).to_numpy()]
    if shown is not None:
        docs = docs[docs["doc_id"].isin(set(shown))]
    if docs.empty:
        return ""
    labels = source_labels(documents)
    parts = [
        f"{labels[d.doc_id].rsplit(', ', 1)[0]} from {_estimate_basis(d)}"
        for d in docs.itertuples()
    ]
    return (
        f"{ESTIMATED_MARK} date estimated: {'; '.join(parts)}. "
        f"So is everything dated against such a date."
    )


def _estimate_basis(doc) -> str:
    source = getattr(doc, "date_source", "inferred")
    if source == "metadata":
        note = str(getattr(doc, "date_note", "") or "").strip()
        return "clues noted in the metadata" if note else DATE_SOURCE_WORDS["metadata"]
    return DATE_SOURCE_WORDS.get(source, "the text")


def resolved_against_estimate(timeline: pd.DataFrame, documents: pd.DataFrame) -> pd.Series:
    """Per timeline row: is its date worked out from an estimated publication date?

    True for an anchored row of an article whose date :func:`is_estimated` when the row is
    the article's lead (dated by publication) or its expression writes no year ("next
    week", "on Thursday", "February 18": resolved against the article's date).

    >>> docs = pd.DataFrame({"doc_id": ["a"], "published": pd.to_datetime(["2025-02-19"]),
    ...                      "date_source": ["inferred"]})
    >>> rows = pd.DataFrame({"doc_id": ["a", "a", "a"], "anchored": [True, True, True],
    ...     "timex": ["next week", "February 18, 2025", ""],
    ...     "dated_by": ["expression", "expression", "publication"]})
    >>> resolved_against_estimate(rows, docs).tolist()
    [True, False, True]
    """
    estimated = timeline["doc_id"].map(is_estimated(documents)).fillna(False).astype(bool)
    lead = timeline.get("dated_by", pd.Series("", index=timeline.index)) == "publication"
    no_year = ~timeline["timex"].fillna("").str.contains(YEAR_WRITTEN)
    return estimated & timeline["anchored"].fillna(False).astype(bool) & (lead | no_year)


def escape_markdown(value) -> str:
    """``value`` as text that Markdown and HTML show literally (no link, no tag, no emphasis).

    >>> escape_markdown("[x](javascript:alert(1)).txt")
    '\\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)\\\\.txt'
    >>> escape_markdown("<b>AT&T</b>")
    '&lt;b&gt;AT&amp;T&lt;/b&gt;'
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False))


def empty_sentence(because: str) -> str:
    """What a chart, table or sentence of a report says when it has nothing to show.

    >>> empty_sentence("no actor is mentioned in these articles.")
    'Nothing to show, because no actor is mentioned in these articles.'
    """
    return f"Nothing to show, because {' '.join(str(because).split()).rstrip('.')}."
