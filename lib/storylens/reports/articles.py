"""An annotated reader page for every article: ``reports/articles/<page>.html``.

Each page shows the clean text (``documents.text``) with one anchor per sentence
(``id="s<sent_id>"``, the place every report links to through
:func:`storylens.reports.links.article_href`), the actor mentions, temporal expressions,
figures and stance cues of the per-document pass highlighted at their character offsets
(what each is on hover, in its ``title``, and in the legend tables under the text), the
article's metadata and where its date comes from, and the lines the loader removed.
``reports/articles/index.html`` lists the articles by publication date.

The pages are static HTML from Jinja templates (``templates/article.html.j2``,
``templates/article-index.html.j2``): no script, no external file, every text escaped.

Spans may overlap (a figure inside a stance cue, an actor inside a date): the text is cut
at every span boundary, and each piece carries every span that covers it
(:func:`split_spans`), so nothing is nested and nothing is lost.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
import os
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from storylens.figures.claims import INCIDENTAL
from storylens.reports.errors import ReportsError
from storylens.reports.links import ARTICLES_DIR, article_page_name, sentence_anchor

__all__ = [
    "ARTICLE_TEMPLATE",
    "ARTICLE_INDEX_TEMPLATE",
    "DATE_SOURCES",
    "ESTIMATED_SOURCES",
    "ESTIMATE_NOTE",
    "SHORT_TITLE",
    "Span",
    "Piece",
    "Sentence",
    "Paragraph",
    "ArticleView",
    "split_spans",
    "figure_interval",
    "actor_rows",
    "document_spans",
    "article_view",
    "render_article",
    "render_article_index",
    "article_pages",
    "iter_article_pages",
    "BATCH_PAGES",
    "Entry",
    "write_articles",
]

ARTICLE_TEMPLATE = "article.html.j2"  # in storylens/templates/
ARTICLE_INDEX_TEMPLATE = "article-index.html.j2"

# What each date_source means to a reader (the loader's values, see corpus/pubdate.py).
DATE_SOURCES = {
    "metadata": "given in metadata.csv",
    "header": "given in the file itself (a date line or the page's metadata)",
    "url": "read from a date in the article's URL",
    "published_line": "read from a “Published”/“Updated” line at the top",
    "dateline": "read from the dateline",
    "inferred": "the latest full date written in the text",
    "unknown": "not known",
}
# A date from anywhere but the metadata or the file's own header is an estimate.
ESTIMATED_SOURCES = frozenset({"url", "published_line", "dateline", "inferred"})
# A metadata date whose note says it was estimated is an estimate too.
# accepts: "Estimated from clues in the text, not stated"; rejects: "The file opens with a date"
ESTIMATE_NOTE = re.compile(r"\bestimat(?:ed|e|ion)\b", re.IGNORECASE)
SHORT_TITLE = 80  # characters of the first sentence shown for an article with no title

KINDS = ("actor", "date", "figure", "stance")  # the highlight kinds, in legend order


@dataclasses.dataclass(frozen=True)
class Span:
    """One highlighted item: ``start``/``end`` in ``documents.text``, its ``kind`` (one of
    actor, date, figure, stance), ``label`` (what it is, shown on hover) and extra CSS
    ``classes`` (the stance polarity, the sentiment label)."""

    start: int
    end: int
    kind: str
    label: str
    classes: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Piece:
    """A stretch of text between two span boundaries, with the spans covering it."""

    start: int
    end: int
    text: str
    spans: tuple[Span, ...] = ()

    @property
    def classes(self) -> str:
        names = [f"hl-{s.kind}" for s in self.spans] + [c for s in self.spans for c in s.classes]
        return " ".join(dict.fromkeys(names))

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(s.label for s in self.spans))


@dataclasses.dataclass(frozen=True)
class Sentence:
    """One sentence of the reader: its id, anchor, role and pieces."""

    sent_id: int
    anchor: str
    role: str
    pieces: tuple[Piece, ...]


@dataclasses.dataclass(frozen=True)
class Paragraph:
    """Sentences separated by a blank line in ``documents.text``; ``role`` is the first's."""

    role: str
    sentences: tuple[Sentence, ...]


@dataclasses.dataclass(frozen=True)
class ArticleView:
    """Everything an article page shows (see ``templates/article.html.j2``)."""

    doc_id: str
    page: str
    meta: dict[str, Any]
    paragraphs: tuple[Paragraph, ...]
    legend: dict[str, list[dict[str, Any]]]
    removed: list[dict[str, Any]]


def split_spans(start: int, end: int, text: str, spans: Iterable[Span]) -> list[Piece]:
    """Cut ``text[start:end]`` at every boundary of ``spans``; each piece lists the spans
    that cover it (clipped to the stretch; empty spans are dropped).

    >>> s = [Span(4, 9, "actor", "A"), Span(6, 12, "date", "D")]
    >>> [(p.text, p.classes) for p in split_spans(0, 14, "Say Paris 2025 ok", s)]
    [('Say ', ''), ('Pa', 'hl-actor'), ('ris', 'hl-actor hl-date'), (' 20', 'hl-date'), ('25', '')]
    """
    inside = [s for s in spans if min(s.end, end) > max(s.start, start)]
    cuts = {start, end} | {max(s.start, start) for s in inside} | {min(s.end, end) for s in inside}
    points = sorted(cuts)
    pieces = []
    for a, b in zip(points, points[1:], strict=False):
        covering = tuple(s for s in inside if s.start <= a and s.end >= b)
        pieces.append(Piece(a, b, text[a:b], covering))
    return pieces


def _number(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def figure_interval(row) -> str:
    """A figure's interval in words and symbols: ``30,000``, ``≤ 30,000``, ``> 5``,
    ``20,000–30,000``, ``about 600`` (from ``low``, ``high``, their inclusiveness and
    the qualifier).

    >>> figure_interval(dict(low=float("nan"), high=30000.0, high_inclusive=True,
    ...                      low_inclusive=None, value=30000.0, qualifier="upper"))
    '≤ 30,000'
    """
    low, high = row.get("low"), row.get("high")
    has_low, has_high = _present(low), _present(high)
    if has_low and has_high and low == high:
        text = _number(low)
    elif has_low and has_high:
        text = f"{_number(low)}–{_number(high)}"
    elif has_high:
        text = ("≤ " if row.get("high_inclusive") is not False else "< ") + _number(high)
    elif has_low:
        text = ("≥ " if row.get("low_inclusive") is not False else "> ") + _number(low)
    else:
        text = _number(row["value"]) if _present(row.get("value")) else "?"
    return f"about {text}" if row.get("qualifier") == "approx" else text


def _text(value, default: str = "") -> str:
    return str(value) if _present(value) and value != "" else default


# The columns a page reads from each table (figures: every column, for the interval).
COLUMNS = {
    "sentences": ("sent_id", "start", "end", "role", "text"),
    "removed": ("line_no", "reason", "text"),
    "mentions": ("start", "end", "actor", "kind", "sent_id", "text"),
    "sentiment": ("start", "end", "sentiment", "label"),
    "timexes": ("start", "end", "text", "value", "granularity", "type", "mod", "relative",
                "resolved"),
    "figures": None,
    "stances": ("start", "end", "cue", "polarity", "actor", "via"),
}  # fmt: skip
Rows = dict[str, list[dict[str, Any]]]  # one document's rows of each table, as dicts


def _records(table: pd.DataFrame, columns: Iterable[str] | None) -> list[dict[str, Any]]:
    """The rows of ``table`` as dicts of the ``columns`` it has (all when None), with
    Python values, converted a column at a time (pandas' row access is slow)."""
    names = [c for c in (table.columns if columns is None else columns) if c in table.columns]
    values = [table[c].tolist() for c in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def _rows_of(
    sentences: pd.DataFrame, removed: pd.DataFrame, tables: dict[str, pd.DataFrame]
) -> Rows:
    rows = {name: _records(tables[name], COLUMNS[name]) for name in tables}
    rows["sentences"] = sorted(_records(sentences, COLUMNS["sentences"]), key=lambda r: r["start"])
    rows["removed"] = sorted(_records(removed, COLUMNS["removed"]), key=lambda r: r["line_no"])
    return rows


def _scores(sentiment: list[dict[str, Any]]) -> dict[tuple[int, int], dict[str, Any]]:
    """The first sentiment row of each mention span, by ``(start, end)``."""
    scores: dict[tuple[int, int], dict[str, Any]] = {}
    for row in sentiment:
        scores.setdefault((row["start"], row["end"]), row)
    return scores


def _actor_spans(mentions: list[dict[str, Any]], sentiment: list[dict[str, Any]]) -> list[Span]:
    scores = _scores(sentiment)
    spans = []
    for m in mentions:
        label = f"Actor: {m['actor']} ({m['kind']})"
        classes: tuple[str, ...] = ()
        score = scores.get((m["start"], m["end"]))
        if score is not None:
            label += f" · sentiment towards it {score['sentiment']:+.2f} ({score['label']})"
            classes = (f"sent-{score['label']}",)
        spans.append(Span(int(m["start"]), int(m["end"]), "actor", label, classes))
    return spans


def _date_spans(timexes: list[dict[str, Any]], estimated: bool) -> list[Span]:
    spans = []
    for t in timexes:
        label = f"Date: {t['value']}"
        label += f" · {t['granularity']}" if _text(t["granularity"]) else ""
        label += f" · {t['type'].lower()}" if t["type"] != "DATE" else ""
        if _text(t["mod"]):
            label += f" ({t['mod']})"
        if t["relative"] and t["resolved"]:
            label += " · resolved against the article's date"
            label += " (estimated)" if estimated else ""
        spans.append(Span(int(t["start"]), int(t["end"]), "date", label))
    return spans


def _incidental_numbers(figures: list[dict[str, Any]]) -> list[str]:
    """The texts of the incidental number words of a document ("one problem", "the two"),
    once each, in order: the page does not mark them, as the figure report leaves them out."""
    return list(dict.fromkeys(row["text"] for row in figures if row.get("claim") == INCIDENTAL))


def _figure_spans(figures: list[dict[str, Any]]) -> list[Span]:
    spans = []
    for row in figures:
        if row.get("claim") == INCIDENTAL:
            continue
        label = f"Figure: {figure_interval(row)} {_text(row.get('noun'))}".rstrip()
        label += f" · {row['claim']}" if _text(row.get("claim")) else ""
        label += f" · claimed by {row['claimant']}" if _text(row.get("claimant")) else ""
        spans.append(Span(int(row["start"]), int(row["end"]), "figure", label))
    return spans


def _stance_spans(stances: list[dict[str, Any]]) -> list[Span]:
    return [
        Span(int(s["start"]), int(s["end"]), "stance",
             f"Stance cue: {s['polarity']} · {s['actor']} (via {s['via']})",
             (f"pol-{s['polarity']}",))
        for s in stances
    ]  # fmt: skip


def _spans(rows: Rows, estimated: bool) -> list[Span]:
    return [
        *_actor_spans(rows["mentions"], rows["sentiment"]),
        *_date_spans(rows["timexes"], estimated),
        *_figure_spans(rows["figures"]),
        *_stance_spans(rows["stances"]),
    ]


def document_spans(tables: dict[str, pd.DataFrame], *, estimated: bool = False) -> list[Span]:
    """Every highlight of one document from its per-document tables (``mentions``,
    ``sentiment``, ``timexes``, ``figures``, ``stances``: one document's rows each)."""
    return _spans({name: _records(t, COLUMNS[name]) for name, t in tables.items()}, estimated)


def _paragraphs(
    text: str, sentences: list[dict[str, Any]], spans: list[Span]
) -> tuple[Paragraph, ...]:
    paragraphs: list[Paragraph] = []
    current: list[Sentence] = []
    previous_end = 0
    for s in sentences:
        if current and "\n\n" in text[previous_end : s["start"]]:
            paragraphs.append(Paragraph(current[0].role, tuple(current)))
            current = []
        start, end = int(s["start"]), int(s["end"])
        pieces = tuple(split_spans(start, end, text, spans))
        current.append(
            Sentence(int(s["sent_id"]), sentence_anchor(s["sent_id"]), s["role"], pieces)
        )
        previous_end = end
    if current:
        paragraphs.append(Paragraph(current[0].role, tuple(current)))
    return tuple(paragraphs)


def _day(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%-d %b %Y")


def _short(text: str, limit: int = SHORT_TITLE) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _meta(doc: dict[str, Any], source: Path | None, first: str) -> dict[str, Any]:
    url = _text(doc.get("url"))
    path = _text(doc.get("path"))
    if source is not None and path:
        base = source if source.is_dir() else source.parent
        path = os.path.relpath(path.split("#", 1)[0], base) + (
            "#" + path.split("#", 1)[1] if "#" in path else ""
        )
    date_source, note = _text(doc.get("date_source"), "unknown"), _text(doc.get("date_note"))
    title = _text(doc.get("title"))
    return {
        "title": title,
        "display_title": title or (f"“{_short(first)}”" if first else str(doc["doc_id"])),
        "outlet": _text(doc.get("outlet")),
        "url": url,
        "url_is_web": url.lower().startswith(("http://", "https://")),
        "published": _day(doc.get("published")),
        "published_iso": "" if pd.isna(doc.get("published")) else str(doc["published"])[:10],
        "date_source": date_source,
        "date_source_text": DATE_SOURCES.get(date_source, date_source),
        "estimated": date_source in ESTIMATED_SOURCES
        or (date_source == "metadata" and bool(ESTIMATE_NOTE.search(note))),
        "date_note": note,
        "path": path,
        "encoding": _text(doc.get("encoding")),
        "n_sentences": int(doc.get("n_sentences") or 0),
        "n_tokens": int(doc.get("n_tokens") or 0),
    }


def _legend(rows: Rows, spans: list[Span]) -> dict[str, list[dict[str, Any]]]:
    """One row per highlighted date, figure and stance cue, with the sentence it sits in."""
    ordered = rows["sentences"]
    starts = [row["start"] for row in ordered]

    def sentence_for(offset: int) -> str:
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        return sentence_anchor(ordered[i]["sent_id"]) if starts else ""

    text_of = {}
    for name in ("mentions", "timexes", "figures", "stances"):
        column = "cue" if name == "stances" else "text"
        for row in rows[name]:
            text_of[(row["start"], row["end"], name)] = row[column]
    kind_table = {"actor": "mentions", "date": "timexes", "figure": "figures", "stance": "stances"}
    legend: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.kind == "actor":  # actors are listed one row per actor (actor_rows)
            continue
        legend[span.kind].append({
            "text": text_of.get((span.start, span.end, kind_table[span.kind]), ""),
            "label": span.label.split(": ", 1)[1],
            "anchor": sentence_for(span.start),
            "classes": " ".join((f"hl-{span.kind}", *span.classes)),
        })  # fmt: skip
    return legend


def actor_rows(mentions: pd.DataFrame, sentiment: pd.DataFrame) -> list[dict[str, Any]]:
    """One row per actor mentioned in a document, most mentioned first: ``actor, kind,
    n`` (mentions), ``mean`` (mean sentiment towards it, None when unscored), ``labels``
    ("2 negative, 1 neutral"), ``anchors`` (the sentences, in order)."""
    return _actor_rows(_records(mentions, COLUMNS["mentions"]),
                       _records(sentiment, COLUMNS["sentiment"]))  # fmt: skip


def _actor_rows(mentions: list[dict[str, Any]], sentiment: list[dict[str, Any]]):
    scores = _scores(sentiment)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for m in mentions:
        groups.setdefault((m["actor"], m["kind"]), []).append(m)
    rows = []
    for (actor, kind), group in groups.items():
        found = [scores.get((m["start"], m["end"])) for m in group]
        labels = Counter(s["label"] for s in found if s is not None and pd.notna(s["label"]))
        rows.append({
            "actor": actor,
            "kind": kind,
            "n": len(group),
            "mean": _mean([s["sentiment"] if s is not None else math.nan for s in found]),
            "labels": ", ".join(f"{n} {label}" for label, n in _by_count(labels)),
            "anchors": [sentence_anchor(i) for i in sorted({m["sent_id"] for m in group})],
        })  # fmt: skip
    return sorted(rows, key=lambda r: (-r["n"], r["actor"]))


def _mean(values: list[float]) -> float | None:
    """The mean of the values that are not NaN (as pandas takes it), None if none is."""
    array = np.asarray(values, dtype=np.float64)
    missing = np.isnan(array)
    if missing.all():
        return None
    return float(np.where(missing, 0.0, array).sum() / (~missing).sum())


def _by_count(counts: Counter) -> list[tuple[str, int]]:
    """Labels by count, most first; ties in the order first seen."""
    return sorted(counts.items(), key=lambda item: -item[1])


def article_view(
    doc: dict[str, Any],
    sentences: pd.DataFrame,
    removed: pd.DataFrame,
    tables: dict[str, pd.DataFrame],
    *,
    source: Path | None = None,
) -> ArticleView:
    """What the reader page of one document shows: a pure function of the document's row
    of ``documents`` (a dict), its rows of ``sentences`` and ``removed`` and its rows of
    the per-document tables (``mentions``, ``sentiment``, ``timexes``, ``figures``,
    ``stances``). ``source``: the corpus folder, to show the file's path relative to it."""
    rows = _rows_of(sentences, removed, tables)
    first = rows["sentences"][0]["text"] if rows["sentences"] else ""
    return _view(doc, rows, _meta(doc, source, first))


def _view(doc: dict[str, Any], rows: Rows, meta: dict[str, Any]) -> ArticleView:
    meta = dict(meta)
    spans = _spans(rows, meta["estimated"])
    paragraphs = _paragraphs(doc["text"], rows["sentences"], spans)
    lines = [{"line_no": int(r["line_no"]), "reason": r["reason"], "text": r["text"]}
             for r in rows["removed"]]  # fmt: skip
    legend = _legend(rows, spans)
    legend["actor"] = _actor_rows(rows["mentions"], rows["sentiment"])
    meta["incidental"] = _incidental_numbers(rows["figures"])
    return ArticleView(doc["doc_id"], article_page_name(doc["doc_id"]), meta, paragraphs,
                       legend, lines)  # fmt: skip


@functools.cache
def _environment():
    import jinja2

    from storylens.reports.render import template

    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        loader=jinja2.FunctionLoader(template),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_article(view: ArticleView, *, previous: ArticleView | Entry | None = None,
                   following: ArticleView | Entry | None = None) -> str:  # fmt: skip
    """The HTML of one reader page (links to the previous and next article by date)."""
    return (
        _environment()
        .get_template(ARTICLE_TEMPLATE)
        .render(view=view, previous=previous, following=following, kinds=KINDS)
    )


def render_article_index(
    views: list[ArticleView] | list[Entry], *, error: str | None = None
) -> str:
    """The HTML of ``reports/articles/index.html``: the articles in the order given, or
    ``error``, why there are none."""
    return _environment().get_template(ARTICLE_INDEX_TEMPLATE).render(views=views, error=error)


BATCH_PAGES = 500  # documents whose rows are converted at once: memory follows this, not the corpus
_NONE = np.array([], dtype=np.intp)


@dataclasses.dataclass(frozen=True)
class Entry:
    """What the article index and a page's earlier/later links show of a page."""

    doc_id: str
    page: str
    meta: dict[str, Any]
    path: str  # the document's file, for errors


def _positions(table: pd.DataFrame | None) -> dict[str, np.ndarray]:
    """Each document's row positions in ``table`` (in table order)."""
    if table is None or table.empty:
        return {}
    return table.groupby("doc_id", sort=False).indices


def _batch(table, positions, doc_ids: list[str], columns) -> list[list[dict[str, Any]]]:
    """The rows of each of ``doc_ids`` in ``table``, as dicts: one conversion for the batch."""
    picked = [positions.get(d, _NONE) for d in doc_ids]
    if table is None or not sum(map(len, picked)):
        return [[] for _ in doc_ids]
    records = _records(table.take(np.concatenate(picked)), columns)
    out, at = [], 0
    for part in picked:
        out.append(records[at : at + len(part)])
        at += len(part)
    return out


def _date_order(entries: list[Any]) -> list[Any]:
    """By publication date, undated last, then by title and id (a stable order)."""
    return sorted(
        entries,
        key=lambda v: (v.meta["published_iso"] == "", v.meta["published_iso"],
                       v.meta["display_title"].lower(), v.doc_id),
    )  # fmt: skip


def _entries(corpus, sentences: dict[str, np.ndarray]) -> list[Entry]:
    """Every document's :class:`Entry`, in date order (an untitled one is named by its
    first sentence)."""
    documents = corpus.documents
    starts, texts = corpus.sentences["start"].to_numpy(), corpus.sentences["text"]
    first = {d: int(pos[np.argmin(starts[pos])]) for d, pos in sentences.items()}
    first_text = dict(zip(first, texts.take(list(first.values())).tolist(), strict=True))
    source = Path(corpus.source) if getattr(corpus, "source", None) else None
    entries = []
    for doc in _records(documents, [c for c in documents.columns if c != "text"]):
        meta = _meta(doc, source, first_text.get(doc["doc_id"], ""))
        entries.append(Entry(doc["doc_id"], article_page_name(doc["doc_id"]), meta,
                             str(doc.get("path"))))  # fmt: skip
    return _date_order(entries)


@dataclasses.dataclass(frozen=True)
class _Pages:
    """What every page is made from: the tables, each document's rows in them, the
    entries in date order and each document's row in ``documents``. ``reader``, when
    given, reads the analysis tables of one batch of documents at a time (so no process
    holds them all), and ``tables`` holds the corpus's own two only."""

    corpus: Any
    tables: dict[str, pd.DataFrame]
    positions: dict[str, dict[str, np.ndarray]]
    entries: list[Entry]
    row_of: dict[str, int]
    reader: Callable[[list[int]], dict[str, pd.DataFrame]] | None = None

    @classmethod
    def of(cls, corpus, analysis=None, *, reader=None) -> _Pages:
        names = COLUMNS if reader is None else ("sentences", "removed")
        tables = {name: getattr(corpus if name in ("sentences", "removed") else analysis, name)
                  for name in names}  # fmt: skip
        positions = {name: _positions(table) for name, table in tables.items()}
        row_of = {d: i for i, d in enumerate(corpus.documents["doc_id"].tolist())}
        entries = _entries(corpus, positions["sentences"])
        return cls(corpus, tables, positions, entries, row_of, reader)

    def _batch_tables(self, ids: list[str]):
        """The tables and row positions of a batch, in :data:`COLUMNS` order."""
        if self.reader is None:
            return self.tables, self.positions
        read = self.reader([self.row_of[d] for d in ids])
        tables = {n: self.tables[n] if n in self.tables else read[n] for n in COLUMNS}
        positions = {n: self.positions.get(n) or _positions(tables[n]) for n in COLUMNS}
        return tables, positions

    def part(self, at: int, size: int) -> Iterator[tuple[str, str]]:
        """``(file name, HTML)`` of the pages of ``entries[at : at + size]``."""
        entries, part = self.entries, self.entries[at : at + size]
        ids = [e.doc_id for e in part]
        tables, positions = self._batch_tables(ids)
        rows = {n: _batch(t, positions[n], ids, COLUMNS[n]) for n, t in tables.items()}
        texts = self.corpus.documents["text"].take([self.row_of[d] for d in ids]).tolist()
        for k, entry in enumerate(part):
            view = _entry_view(entry, texts[k], {n: rows[n][k] for n in tables})
            i = at + k
            previous = entries[i - 1] if i > 0 else None
            following = entries[i + 1] if i + 1 < len(entries) else None
            yield view.page, render_article(view, previous=previous, following=following)


def iter_article_pages(corpus, analysis, *, batch: int = BATCH_PAGES) -> Iterator[tuple[str, str]]:
    """``(file name, HTML)`` of every page of ``reports/articles/``, by publication date,
    then ``index.html``; the rows of ``batch`` documents at a time are in memory.

    ``corpus``: a :class:`storylens.corpus.Corpus`; ``analysis``: its
    :class:`storylens.analysis.CorpusAnalysis` with all five tables.
    """
    pages = _Pages.of(corpus, analysis)
    for at in range(0, len(pages.entries), batch):
        yield from pages.part(at, batch)
    yield "index.html", render_article_index(pages.entries)


@dataclasses.dataclass(frozen=True)
class StoreReader:
    """The analysis tables of some of a corpus's documents (by position), read from the
    per-document store, where the report run's pass left them (and computed and stored
    there if it did not): what one batch of reader pages needs. At 100,000 articles the
    tables of the whole corpus took some 10 GB in the report process, and each page
    writer it forked shared, then copied, them."""

    docs: Any  # storylens.analysis.DocumentInputs
    params: Any  # storylens.analysis.Parameters
    store: Any  # the store's folder or URL, or False for none

    @classmethod
    def of(cls, corpus, registry=None) -> StoreReader:
        from storylens.actors import registry_for
        from storylens.analysis import DocumentInputs, Parameters, corpus_store

        params = Parameters(registry_for(corpus, registry))
        return cls(DocumentInputs(corpus), params, corpus_store(corpus))

    def __call__(self, rows: list[int]) -> dict[str, pd.DataFrame]:
        from storylens.analysis import run_pass

        names = [n for n in COLUMNS if n not in ("sentences", "removed")]
        found = run_pass([self.docs[i] for i in rows], self.params, tables=names,
                         cache=self.store)  # fmt: skip
        return {n: getattr(found, n) for n in names}


_SHARED: list[_Pages] = []  # the pages a forked writer process makes (set before forking)


def _write_part(pages: _Pages, at: int, size: int, folder: Path) -> list[Path]:
    written = []
    for name, html in pages.part(at, size):
        (folder / name).write_text(html, encoding="utf-8")
        written.append(folder / name)
    return written


def _write_shared(at: int, size: int, folder: Path) -> list[Path]:
    return _write_part(_SHARED[0], at, size, folder)


def _write_pages(pages: _Pages, folder: Path, jobs: int, batch: int) -> list[Path]:
    """Every page of ``pages`` written into ``folder`` (on ``jobs`` forked processes when
    there are at least two batches), then the index; the paths in date order."""
    starts = range(0, len(pages.entries), batch)
    if jobs <= 1 or len(starts) < 2:
        written = [path for at in starts for path in _write_part(pages, at, batch, folder)]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _SHARED[:] = [pages]
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                parts = pool.map(
                    _write_shared, starts, [batch] * len(starts), [folder] * len(starts)
                )
                written = [path for part in parts for path in part]
        finally:
            _SHARED.clear()
    index = folder / "index.html"
    index.write_text(render_article_index(pages.entries), encoding="utf-8")
    return [*written, index]


def _entry_view(entry: Entry, text: str, rows: Rows) -> ArticleView:
    rows["sentences"] = sorted(rows["sentences"], key=lambda r: r["start"])
    rows["removed"] = sorted(rows["removed"], key=lambda r: r["line_no"])
    try:
        return _view({"doc_id": entry.doc_id, "text": text}, rows, entry.meta)
    except Exception as exc:
        raise ReportsError(
            f"cannot make the reader page of document {entry.doc_id!r} ({entry.path}): "
            f"{type(exc).__name__}: {exc}; please report this with the file"
        ) from exc


def article_pages(corpus, analysis) -> dict[str, str]:
    """Every page of ``reports/articles/``: file name -> HTML (``index.html`` included);
    see :func:`iter_article_pages`, which makes them a batch at a time."""
    return dict(iter_article_pages(corpus, analysis))


def write_articles(
    corpus: str | os.PathLike[str] | Any,
    reports_dir: str | os.PathLike[str],
    *,
    registry: Any = None,
    jobs: int = 1,
    batch: int = BATCH_PAGES,
) -> list[Path]:
    """Write every reader page into ``<reports_dir>/articles/``; return the paths (the
    pages by date, then the index). ``jobs``: processes writing ``batch`` pages each
    (the pages are the same whatever the number).

    ``corpus``: a loaded Corpus, or a path to load (with the cache, as the notebooks do);
    ``registry``: as for :func:`storylens.analysis.analyse_corpus` (a Registry, a
    story.yaml path, or None for the one beside the corpus). When the pages cannot be
    made (the analysis fails), ``articles/index.html`` says why and a warning is issued,
    so the report run still finishes and every link to the index still resolves.
    """
    from storylens import load_corpus

    folder = Path(reports_dir) / ARTICLES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if isinstance(corpus, str | os.PathLike):
            corpus = load_corpus(corpus)
        pages = _Pages.of(corpus, reader=StoreReader.of(corpus, registry))
        return _write_pages(pages, folder, jobs, batch)
    except Exception as exc:
        problem = f"{type(exc).__name__}: {exc}"
        warnings.warn(f"the article reader pages were not made ({problem})", stacklevel=2)
        index = folder / "index.html"
        index.write_text(render_article_index([], error=problem), encoding="utf-8")
        return [index]
