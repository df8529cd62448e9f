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

import dataclasses
import functools
import math
import os
import re
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

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


def _actor_spans(mentions: pd.DataFrame, sentiment: pd.DataFrame) -> list[Span]:
    scores = sentiment.drop_duplicates(["start", "end"]).set_index(["start", "end"])
    spans = []
    for m in mentions.itertuples(index=False):
        label = f"Actor: {m.actor} ({m.kind})"
        classes: tuple[str, ...] = ()
        if (m.start, m.end) in scores.index:
            score = scores.loc[(m.start, m.end)]
            label += f" · sentiment towards it {score['sentiment']:+.2f} ({score['label']})"
            classes = (f"sent-{score['label']}",)
        spans.append(Span(int(m.start), int(m.end), "actor", label, classes))
    return spans


def _date_spans(timexes: pd.DataFrame, estimated: bool) -> list[Span]:
    spans = []
    for t in timexes.itertuples(index=False):
        label = f"Date: {t.value}" + (f" · {t.granularity}" if _text(t.granularity) else "")
        label += f" · {t.type.lower()}" if t.type != "DATE" else ""
        if _text(t.mod):
            label += f" ({t.mod})"
        if t.relative and t.resolved:
            label += " · resolved against the article's date"
            label += " (estimated)" if estimated else ""
        spans.append(Span(int(t.start), int(t.end), "date", label))
    return spans


def _marked_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures a reader page marks: not the incidental number words ("one problem",
    "the two"), which the figure report leaves out too."""
    return figures[figures["claim"] != INCIDENTAL] if "claim" in figures else figures


def _incidental_numbers(figures: pd.DataFrame) -> list[str]:
    """The texts of the incidental number words of a document, once each, in order."""
    if "claim" not in figures:
        return []
    return list(dict.fromkeys(figures.loc[figures["claim"] == INCIDENTAL, "text"]))


def _figure_spans(figures: pd.DataFrame) -> list[Span]:
    spans = []
    for row in _marked_figures(figures).to_dict("records"):
        label = f"Figure: {figure_interval(row)} {_text(row.get('noun'))}".rstrip()
        label += f" · {row['claim']}" if _text(row.get("claim")) else ""
        label += f" · claimed by {row['claimant']}" if _text(row.get("claimant")) else ""
        spans.append(Span(int(row["start"]), int(row["end"]), "figure", label))
    return spans


def _stance_spans(stances: pd.DataFrame) -> list[Span]:
    return [
        Span(int(s.start), int(s.end), "stance",
             f"Stance cue: {s.polarity} · {s.actor} (via {s.via})", (f"pol-{s.polarity}",))
        for s in stances.itertuples(index=False)
    ]  # fmt: skip


def document_spans(tables: dict[str, pd.DataFrame], *, estimated: bool = False) -> list[Span]:
    """Every highlight of one document from its per-document tables (``mentions``,
    ``sentiment``, ``timexes``, ``figures``, ``stances``: one document's rows each)."""
    return [
        *_actor_spans(tables["mentions"], tables["sentiment"]),
        *_date_spans(tables["timexes"], estimated),
        *_figure_spans(tables["figures"]),
        *_stance_spans(tables["stances"]),
    ]


def _paragraphs(text: str, sentences: pd.DataFrame, spans: list[Span]) -> tuple[Paragraph, ...]:
    paragraphs: list[Paragraph] = []
    current: list[Sentence] = []
    previous_end = 0
    for s in sentences.sort_values("start").itertuples(index=False):
        if current and "\n\n" in text[previous_end : s.start]:
            paragraphs.append(Paragraph(current[0].role, tuple(current)))
            current = []
        pieces = tuple(split_spans(int(s.start), int(s.end), text, spans))
        current.append(Sentence(int(s.sent_id), sentence_anchor(s.sent_id), s.role, pieces))
        previous_end = int(s.end)
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


def _legend(tables: dict[str, pd.DataFrame], spans: list[Span], sentences: pd.DataFrame):
    """One row per highlighted date, figure and stance cue, with the sentence it sits in."""
    sent_of = sentences.set_index("start")["sent_id"].sort_index()
    starts = sent_of.index.to_numpy()

    def sentence_for(offset: int) -> str:
        i = max(int(starts.searchsorted(offset, side="right")) - 1, 0)
        return sentence_anchor(sent_of.iloc[i]) if len(starts) else ""

    text_of = {}
    for name in ("mentions", "timexes", "figures", "stances"):
        column = "cue" if name == "stances" else "text"
        for row in tables[name].itertuples(index=False):
            text_of[(row.start, row.end, name)] = getattr(row, column)
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
    if mentions.empty:
        return []
    scores = sentiment.drop_duplicates(["start", "end"])[["start", "end", "sentiment", "label"]]
    scored = mentions.merge(scores, on=["start", "end"], how="left")
    rows = []
    for (actor, kind), group in scored.groupby(["actor", "kind"], sort=False):
        counts = group["label"].value_counts()
        rows.append({
            "actor": actor,
            "kind": kind,
            "n": len(group),
            "mean": None if group["sentiment"].isna().all() else float(group["sentiment"].mean()),
            "labels": ", ".join(f"{n} {label}" for label, n in counts.items()),
            "anchors": [sentence_anchor(i) for i in sorted(set(group["sent_id"]))],
        })  # fmt: skip
    return sorted(rows, key=lambda r: (-r["n"], r["actor"]))


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
    first = sentences.sort_values("start")["text"].iloc[0] if len(sentences) else ""
    meta = _meta(doc, source, first)
    spans = document_spans(tables, estimated=meta["estimated"])
    paragraphs = _paragraphs(doc["text"], sentences, spans)
    lines = [
        {"line_no": int(r.line_no), "reason": r.reason, "text": r.text}
        for r in removed.sort_values("line_no").itertuples(index=False)
    ]
    legend = _legend(tables, spans, sentences)
    legend["actor"] = actor_rows(tables["mentions"], tables["sentiment"])
    meta["incidental"] = _incidental_numbers(tables["figures"])
    page = article_page_name(doc["doc_id"])
    return ArticleView(doc["doc_id"], page, meta, paragraphs, legend, lines)


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


def render_article(view: ArticleView, *, previous: ArticleView | None = None,
                   following: ArticleView | None = None) -> str:  # fmt: skip
    """The HTML of one reader page (links to the previous and next article by date)."""
    return (
        _environment()
        .get_template(ARTICLE_TEMPLATE)
        .render(view=view, previous=previous, following=following, kinds=KINDS)
    )


def render_article_index(views: list[ArticleView], *, error: str | None = None) -> str:
    """The HTML of ``reports/articles/index.html``: the articles in the order given, or
    ``error``, why there are none."""
    return _environment().get_template(ARTICLE_INDEX_TEMPLATE).render(views=views, error=error)


def _by_doc(table: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    if table is None or table.empty:
        return {}
    return dict(tuple(table.groupby("doc_id", sort=False)))


def _date_order(views: list[ArticleView]) -> list[ArticleView]:
    """By publication date, undated last, then by title and id (a stable order)."""
    return sorted(
        views,
        key=lambda v: (v.meta["published_iso"] == "", v.meta["published_iso"],
                       v.meta["display_title"].lower(), v.doc_id),
    )  # fmt: skip


def article_pages(corpus, analysis) -> dict[str, str]:
    """Every page of ``reports/articles/``: file name -> HTML (``index.html`` included).

    ``corpus``: a :class:`storylens.corpus.Corpus`; ``analysis``: its
    :class:`storylens.analysis.CorpusAnalysis` with all five tables.
    """
    from storylens.analysis import TABLES

    parts = {name: _by_doc(getattr(analysis, name)) for name in TABLES}
    empty = {name: getattr(analysis, name).iloc[0:0] for name in TABLES}
    sentences, removed = _by_doc(corpus.sentences), _by_doc(corpus.removed)
    source = Path(corpus.source) if getattr(corpus, "source", None) else None
    views = []
    for doc in corpus.documents.to_dict("records"):
        doc_id = doc["doc_id"]
        tables = {name: parts[name].get(doc_id, empty[name]) for name in TABLES}
        try:
            views.append(article_view(
                doc, sentences.get(doc_id, corpus.sentences.iloc[0:0]),
                removed.get(doc_id, corpus.removed.iloc[0:0]), tables, source=source,
            ))  # fmt: skip
        except Exception as exc:
            raise ReportsError(
                f"cannot make the reader page of document {doc_id!r} ({doc.get('path')}): "
                f"{type(exc).__name__}: {exc}; please report this with the file"
            ) from exc
    ordered = _date_order(views)
    pages = {}
    for i, view in enumerate(ordered):
        previous = ordered[i - 1] if i > 0 else None
        following = ordered[i + 1] if i + 1 < len(ordered) else None
        pages[view.page] = render_article(view, previous=previous, following=following)
    pages["index.html"] = render_article_index(ordered)
    return pages


def write_articles(
    corpus: str | os.PathLike[str] | Any,
    reports_dir: str | os.PathLike[str],
    *,
    registry: Any = None,
) -> list[Path]:
    """Write every reader page into ``<reports_dir>/articles/``; return the paths.

    ``corpus``: a loaded Corpus, or a path to load (with the cache, as the notebooks do);
    ``registry``: as for :func:`storylens.analysis.analyse_corpus` (a Registry, a
    story.yaml path, or None for the one beside the corpus). When the pages cannot be
    made (the analysis fails), ``articles/index.html`` says why and a warning is issued,
    so the report run still finishes and every link to the index still resolves.
    """
    from storylens import load_corpus
    from storylens.analysis import analyse_corpus

    try:
        if isinstance(corpus, str | os.PathLike):
            corpus = load_corpus(corpus)
        pages = article_pages(corpus, analyse_corpus(corpus, registry=registry))
    except Exception as exc:
        problem = f"{type(exc).__name__}: {exc}"
        warnings.warn(f"the article reader pages were not made ({problem})", stacklevel=2)
        pages = {"index.html": render_article_index([], error=problem)}
    folder = Path(reports_dir) / ARTICLES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, html in pages.items():
        (folder / name).write_text(html, encoding="utf-8")
        written.append(folder / name)
    return written
