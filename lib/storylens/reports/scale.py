"""Aggregates for big corpora: charts that scale with the reader, not the corpus.

Above :data:`LIST_ARTICLES_UP_TO` articles a report stops drawing one mark per article
or statement and shows these instead (each a small table, ready for a chart):

- :func:`source_or_outlet`: the source label per article ("AP, 2025-02-21") while the
  articles can be listed, the outlet alone above that size;
- :func:`counts_over_time`: articles (or mentions, or any rows with a ``doc_id``) per week
  or month, per outlet (the top outlets, the rest as "other outlets");
- :func:`top_outlets`, :func:`top_actors`: the largest outlets and the most mentioned actors;
- :func:`events_by_sources`: events ranked by how many sources tell them;
- :func:`portrayal_grid`: the sentiment portrayal of the top actors × the top outlets;
- :func:`top_rows`: the first rows of an evidence table with the total stated.

:func:`partition_counts` does the counting one stored batch at a time (the per-document
cache is a set of parquet files, :meth:`storylens.corpus.store.TableStore.partitions`),
so a corpus whose mentions do not fit in memory can still be counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

__all__ = ["LIST_ARTICLES_UP_TO", "OTHER_OUTLETS", "TopRows", "counts_over_time",
           "events_by_sources", "partition_counts", "portrayal_grid", "source_or_outlet",
           "top_actors", "top_outlets", "top_rows"]  # fmt: skip

# Up to this many articles, reports list every article (one chart row per source); above
# it they aggregate: by outlet, by week or month, the top actors and outlets.
LIST_ARTICLES_UP_TO = 60
OTHER_OUTLETS = "other outlets"
UNKNOWN_OUTLET = "unknown outlet"
PERIODS = {"week": "W-SUN", "month": "M"}


def _outlets(documents: pd.DataFrame) -> pd.Series:
    """The outlet of each document (``unknown outlet`` where none is known), by doc_id."""
    outlet = documents.get("outlet", pd.Series(index=documents.index, dtype=object))
    named = outlet.where(outlet.notna() & (outlet.astype(str).str.strip() != ""), UNKNOWN_OUTLET)
    return pd.Series(named.to_numpy(), index=documents["doc_id"].to_numpy())


def source_or_outlet(documents: pd.DataFrame, *, limit: int = LIST_ARTICLES_UP_TO) -> pd.Series:
    """The chart label of each document, by doc_id: its source label (outlet and date)
    when the corpus has at most ``limit`` articles, else its outlet.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["AP", None],
    ...                      "published": pd.to_datetime(["2025-02-21", "2025-03-02"])})
    >>> source_or_outlet(docs).tolist(), source_or_outlet(docs, limit=1).tolist()
    (['AP, 2025-02-21', 'b, 2025-03-02'], ['AP', 'unknown outlet'])
    """
    if len(documents) <= limit:
        from storylens.corpus import source_labels

        labels = source_labels(documents)
        return pd.Series(
            [labels[d] for d in documents["doc_id"]], index=documents["doc_id"].to_numpy()
        )
    return _outlets(documents)


def top_outlets(documents: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """The ``n`` outlets with the most articles: ``outlet, articles``, largest first
    (ties by name); articles of no known outlet count as ``unknown outlet``."""
    counts = _outlets(documents).value_counts().rename_axis("outlet").rename("articles")
    table = counts.reset_index().sort_values(["articles", "outlet"], ascending=[False, True])
    return table.head(n).reset_index(drop=True)


def _outlet_groups(documents: pd.DataFrame, top: int) -> pd.Series:
    """Each document's outlet, the outlets outside the ``top`` folded into one."""
    outlets = _outlets(documents)
    kept = set(top_outlets(documents, n=top)["outlet"])
    return outlets.where(outlets.isin(kept), OTHER_OUTLETS)


def counts_over_time(
    rows: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    period: str = "month",
    outlets: int = 8,
    name: str = "articles",
) -> pd.DataFrame:
    """Rows per ``period`` (``week`` or ``month``, by publication date) and outlet:
    ``period`` (the week's Monday or ``YYYY-MM``), ``outlet`` (the ``outlets`` largest,
    then ``other outlets``) and ``name`` (the count). ``rows`` has a ``doc_id`` column:
    the documents themselves count articles, the mentions count mentions. Undated
    documents are left out."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    dates = documents.set_index("doc_id")["published"]
    groups = _outlet_groups(documents, outlets)
    when = rows["doc_id"].map(dates)
    frame = pd.DataFrame({"when": when, "outlet": rows["doc_id"].map(groups)}).dropna()
    stamps = pd.to_datetime(frame["when"]).dt.tz_localize(None).dt.to_period(PERIODS[period])
    label = stamps.dt.start_time.dt.strftime("%Y-%m-%d") if period == "week" else stamps.astype(str)
    table = frame.assign(period=label).groupby(["period", "outlet"]).size().rename(name)
    return table.reset_index().sort_values(["period", "outlet"]).reset_index(drop=True)


def top_actors(mentions: pd.DataFrame, *, n: int = 12) -> pd.DataFrame:
    """The ``n`` most mentioned actors: ``actor, mentions, articles``, most first."""
    table = mentions.groupby("actor").agg(
        mentions=("doc_id", "size"), articles=("doc_id", "nunique")
    )
    table = table.reset_index().sort_values(["mentions", "actor"], ascending=[False, True])
    return table.head(n).reset_index(drop=True)


def events_by_sources(events: pd.DataFrame, *, n: int = 20) -> pd.DataFrame:
    """The ``n`` events told by the most sources (``timeline_events``' ``n_sources``),
    then the most statements, then the earliest; every column kept."""
    order = events.sort_values(["n_sources", "n_statements", "date_start"],
                               ascending=[False, False, True], kind="stable")  # fmt: skip
    return order.head(n).reset_index(drop=True)


def portrayal_grid(
    mentions: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    actors: int = 12,
    outlets: int = 10,
    min_mentions: int = 5,
) -> pd.DataFrame:
    """:func:`storylens.sentiment.portrayal` of the ``actors`` most mentioned actors ×
    the ``outlets`` largest outlets (the rest of the outlets as ``other outlets``):
    at most ``actors × (outlets + 1)`` cells, whatever the corpus size. ``mentions`` are
    scored mentions (``actor``, ``doc_id``, ``sentiment``, ``label``)."""
    from storylens.sentiment import portrayal

    chosen = set(top_actors(mentions, n=actors)["actor"])
    kept = mentions[mentions["actor"].isin(chosen)]
    kept = kept.assign(outlet=kept["doc_id"].map(_outlet_groups(documents, outlets)))
    return portrayal(kept, by=["actor", "outlet"], min_mentions=min_mentions)


class TopRows(NamedTuple):
    """The first rows of a table and how many it has in all."""

    rows: pd.DataFrame
    total: int

    def sentence(self, what: str, where: str) -> str:
        """What a report says under the rows, e.g. "The 50 of 12,345 mentions with ..."."""
        if self.total <= len(self.rows):
            return f"All {self.total:,} {what}; also in {where}."
        return f"The first {len(self.rows):,} of {self.total:,} {what}; all of them are in {where}."


def top_rows(table: pd.DataFrame, *, by: str | list[str], n: int = 50, ascending=False) -> TopRows:
    """The ``n`` first rows of ``table`` sorted ``by`` (largest first unless
    ``ascending``), with the total, for an evidence table that pages."""
    ordered = table.sort_values(by, ascending=ascending, kind="stable")
    return TopRows(ordered.head(n).reset_index(drop=True), len(table))


def partition_counts(
    parts: Iterable[pd.DataFrame], by: list[str], *, name: str = "n"
) -> pd.DataFrame:
    """Rows counted per ``by`` over ``parts`` (frames holding the ``by`` columns), one part
    at a time: only one part and the running counts are ever in memory."""
    total: pd.Series | None = None
    for part in parts:
        counts = part.groupby(by, dropna=False).size()
        total = counts if total is None else total.add(counts, fill_value=0)
    if total is None:
        return pd.DataFrame(columns=[*by, name])
    return total.astype("int64").rename(name).reset_index().sort_values(by).reset_index(drop=True)
