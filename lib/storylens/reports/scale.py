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

:func:`report_scale` decides, once per report, whether it aggregates (a
:class:`ReportScale`, which also holds how many outlets, actors, events, claims and
table rows it shows); :func:`with_outlet`, :func:`choose_period`, :func:`event_bars`,
:func:`top_claims`, :func:`term_counts` and :func:`stance_counts` shape the tables the
aggregated charts draw.

:func:`partition_counts` does the counting one stored batch at a time (the per-document
cache is a set of parquet files, :meth:`storylens.corpus.store.TableStore.partitions`),
so a corpus whose mentions do not fit in memory can still be counted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import pandas as pd

__all__ = ["LIST_ARTICLES_UP_TO", "OTHER_OUTLETS", "ReportScale", "TopRows", "choose_period",
           "counts_over_time", "event_bars", "events_by_sources", "partition_counts",
           "portrayal_grid", "report_scale", "source_or_outlet", "stance_counts",
           "term_counts", "top_actors", "top_claims", "claim_labels", "top_outlets", "top_rows",
           "all_periods", "by_outlet", "outlet_order", "with_outlet"]  # fmt: skip

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
    when: str | None = None,
) -> pd.DataFrame:
    """Rows per ``period`` (``week`` or ``month``, by publication date) and outlet:
    ``period`` (the week's Monday or ``YYYY-MM``), ``outlet`` (the ``outlets`` largest,
    then ``other outlets``) and ``name`` (the count). ``rows`` has a ``doc_id`` column:
    the documents themselves count articles, the mentions count mentions. With ``when``
    (a date column of ``rows``, e.g. a statement's ``date_start``) rows are counted at
    that date instead of their article's publication. Undated rows are left out."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    dates = documents.set_index("doc_id")["published"]
    groups = _outlet_groups(documents, outlets)
    when = rows["doc_id"].map(dates) if when is None else rows[when]
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


WEEKS_UP_TO_DAYS = 183  # dates spanning at most this many days are counted by week, else by month
LISTED_NAMES = 10  # names a sentence lists above the size, before "and N more"


@dataclasses.dataclass(frozen=True)
class ReportScale:
    """How much a report draws: every article while there are at most ``limit``, else
    aggregates bounded by the sizes below (whatever the corpus size)."""

    articles: int  # articles in the corpus
    limit: int = LIST_ARTICLES_UP_TO  # more articles than this: the report aggregates
    outlets: int = 8  # outlets a chart names (the rest as "other outlets")
    actors: int = 12  # actors a chart names
    events: int = 20  # events ranked by sources
    claims: int = 20  # figures ranked by the articles that give them
    terms: int = 20  # distinctive terms ranked by the articles they set apart
    rows: int = 50  # rows of an evidence table shown (all are in its CSV)

    @property
    def aggregate(self) -> bool:
        """True above the size: charts by outlet and period, tables by their first rows."""
        return self.articles > self.limit

    @property
    def first(self) -> int | None:
        """The rows an evidence table shows: :attr:`rows` above the size, else all (None)."""
        return self.rows if self.aggregate else None

    @property
    def unit(self) -> str:
        """What a chart's bars, bands and legends name: ``source`` or ``outlet``."""
        return "outlet" if self.aggregate else "source"

    def sentence(self) -> str:
        """What a report says about its size (Markdown).

        >>> ReportScale(120, limit=60).sentence()[:62]
        'The corpus has 120 articles, more than the 60 a report lists: '
        """
        if not self.aggregate:
            return f"The corpus has {self.articles:,} articles: every one is listed."
        return (
            f"The corpus has {self.articles:,} articles, more than the {self.limit:,} a report "
            f"lists: the charts count by outlet (the {self.outlets} largest, the rest as "
            f"*{OTHER_OUTLETS}*) and by period, and each table shows its first {self.rows} "
            "rows; every row is in the CSV linked under it."
        )

    def listed(self, names: Sequence[str], sep: str = "; ") -> str:
        """``names`` joined by ``sep``; above the size only the first :data:`LISTED_NAMES`,
        then "and N more".

        >>> ReportScale(100, limit=5).listed([f"a{i}" for i in range(12)])
        'a0; a1; a2; a3; a4; a5; a6; a7; a8; a9 and 2 more'
        """
        names = list(names)
        if not self.aggregate or len(names) <= LISTED_NAMES:
            return sep.join(names)
        return sep.join(names[:LISTED_NAMES]) + f" and {len(names) - LISTED_NAMES:,} more"


def report_scale(documents: pd.DataFrame, *, limit: int = 0, **sizes: int) -> ReportScale:
    """The :class:`ReportScale` of a report on ``documents``: ``limit`` is the notebook's
    parameter (0 means :data:`LIST_ARTICLES_UP_TO`); ``sizes`` override the other fields.

    >>> report_scale(pd.DataFrame({"doc_id": ["a", "b"]}), limit=1).aggregate
    True
    """
    if limit < 0:
        raise ValueError(f"list_articles_up_to must be 0 (the default) or more, not {limit}")
    return ReportScale(len(documents), limit or LIST_ARTICLES_UP_TO, **sizes)


def with_outlet(
    table: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    top: int | None = 8,
    doc_id: str = "doc_id",
    name: str = "outlet",
) -> pd.DataFrame:
    """``table`` with a column ``name``: the outlet of its ``doc_id`` among the ``top``
    largest, else ``other outlets`` (``unknown outlet`` when the article names none);
    with ``top=None`` every outlet by its name.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["AP", "AP", "BBC"]})
    >>> with_outlet(docs[["doc_id"]], docs, top=1)["outlet"].tolist()
    ['AP', 'AP', 'other outlets']
    """
    groups = _outlets(documents) if top is None else _outlet_groups(documents, top)
    return table.assign(**{name: table[doc_id].map(groups)})


def outlet_order(documents: pd.DataFrame, *, top: int = 8) -> list[str]:
    """The outlets a chart names, largest first, then ``other outlets``: the order of its
    legend or columns (:func:`with_outlet` with the same ``top``)."""
    return [*top_outlets(documents, n=top)["outlet"], OTHER_OUTLETS]


def by_outlet(
    table: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    keys: list[str],
    value: str | None = None,
    name: str | None = None,
    top: int = 8,
) -> pd.DataFrame:
    """``table`` (with a ``doc_id``) summed per outlet (:func:`with_outlet`) and ``keys``:
    ``outlet, *keys`` and ``name`` (default ``value``), the sum of ``value``, or with no
    ``value`` the number of rows. At most ``(top + 2) ×`` the ``keys`` values rows.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["AP", "AP", "BBC"]})
    >>> lines = pd.DataFrame({"doc_id": ["a", "b", "c"], "reason": ["nav"] * 3, "lines": [1, 2, 4]})
    >>> by_outlet(lines, docs, keys=["reason"], value="lines", top=1).values.tolist()
    [['AP', 'nav', 3], ['other outlets', 'nav', 4]]
    """
    name = name or value or "rows"
    grouped = with_outlet(table, documents, top=top).groupby(["outlet", *keys])
    sums = grouped.size() if value is None else grouped[value].sum()
    return sums.rename(name).reset_index().sort_values(["outlet", *keys]).reset_index(drop=True)


def choose_period(dates: pd.Series) -> str:
    """``week`` when ``dates`` span at most :data:`WEEKS_UP_TO_DAYS` days, else ``month``.

    >>> choose_period(pd.Series(pd.to_datetime(["2025-02-01", "2025-03-01"])))
    'week'
    """
    dates = pd.to_datetime(dates).dropna()
    if dates.empty:
        return "month"
    return "week" if (dates.max() - dates.min()).days <= WEEKS_UP_TO_DAYS else "month"


def event_bars(events: pd.DataFrame, *, n: int = 20, width: int = 60) -> pd.DataFrame:
    """The :func:`events_by_sources` top ``n`` as bars: every column of ``events`` plus
    ``rank`` (1 is told by the most sources) and ``event`` (the bar's label: rank, date
    and the start of the first sentence, at most ``width`` characters of it)."""
    from storylens.reports.labels import date_label, short_label

    top = events_by_sources(events, n=n)
    rank = range(1, len(top) + 1)
    labels = [
        f"{r}. {date_label(d)}: {short_label(str(s), width=width)}"
        for r, d, s in zip(rank, top["date_start"], top["sentence"], strict=True)
    ]
    return top.assign(rank=list(rank), event=labels)


CLAIM_KEYS = ["topic", "claim", "qualifier", "low", "high", "value"]  # one figure, as claimed


def top_claims(figures: pd.DataFrame, *, n: int = 20) -> pd.DataFrame:
    """The ``n`` figures given by the most articles: the rows of ``figures`` (the headline
    chart's columns) with the same topic, kind of claim, qualifier and bounds are one claim.

    Returns the first row of each claim's columns plus ``n_figures`` (rows), ``n_articles``
    (distinct ``doc_id``) and ``n_outlets`` (distinct ``outlet``, when given), most
    articles first (then most figures, then by topic and claim)."""
    if figures.empty:  # typed counts, so a label built from them is text, not a float
        none = pd.Series([], dtype="int64", index=figures.index)
        return figures.assign(n_figures=none, n_articles=none, n_outlets=none)
    grouped = figures.groupby(CLAIM_KEYS, dropna=False, sort=False)
    first = grouped.head(1).set_index(CLAIM_KEYS)
    counts = grouped.agg(n_figures=("doc_id", "size"), n_articles=("doc_id", "nunique"))
    if "outlet" in figures:
        counts["n_outlets"] = grouped["outlet"].nunique()
    table = first.join(counts).reset_index()
    order = ["n_articles", "n_figures", "topic", "claim"]
    table = table.sort_values(order, ascending=[False, False, True, True], kind="stable")
    return table.head(n).reset_index(drop=True)


def claim_labels(claims: pd.DataFrame) -> pd.Series:
    """The chart label of each :func:`top_claims` row: the figure, its kind of claim and
    topic, then how many articles and outlets give it (text, also for no row).

    >>> claims = pd.DataFrame({"text": ["up to 30,000"], "claim": ["plan"], "topic": ["force"],
    ...                        "n_articles": [1200], "n_outlets": [9]})
    >>> claim_labels(claims).tolist()
    ['up to 30,000\\nplan · force\\n1,200 articles, 9 outlets']
    """
    labels = [
        f"{r.text}\n{r.claim} · {r.topic}\n{r.n_articles:,} articles, {r.n_outlets:,} outlets"
        for r in claims.itertuples(index=False)
    ]
    return pd.Series(labels, index=claims.index, dtype=object)


def term_counts(terms: pd.DataFrame, *, n: int = 20) -> pd.DataFrame:
    """The ``n`` terms distinctive in the most articles (``distinctive_terms`` rows, with an
    ``outlet`` column): ``term, outlet, articles`` (articles of that outlet in which the term
    is distinctive); ``n`` terms at most, ranked by all their articles, then by name."""
    if terms.empty:
        return pd.DataFrame(columns=["term", "outlet", "articles"])
    ranked = terms.groupby("term")["doc_id"].nunique().rename("total").reset_index()
    ranked = ranked.sort_values(["total", "term"], ascending=[False, True]).head(n)
    kept = terms[terms["term"].isin(ranked["term"])]
    table = kept.groupby(["term", "outlet"])["doc_id"].nunique().rename("articles").reset_index()
    return table.sort_values(["term", "outlet"]).reset_index(drop=True)


def stance_counts(stances: pd.DataFrame, *, actors: int = 12) -> pd.DataFrame:
    """For the ``actors`` actors taking a stance in the most articles (``actor_stances`` rows
    other than ``none``): ``actor, stance, articles`` (articles in which the actor takes that
    stance), by actor and stance."""
    if stances.empty:
        return pd.DataFrame(columns=["actor", "stance", "articles"])
    busiest = stances.groupby("actor")["doc_id"].nunique().rename("total").reset_index()
    busiest = busiest.sort_values(["total", "actor"], ascending=[False, True]).head(actors)
    kept = stances[stances["actor"].isin(busiest["actor"])]
    table = kept.groupby(["actor", "stance"])["doc_id"].nunique().rename("articles")
    return table.reset_index().sort_values(["actor", "stance"]).reset_index(drop=True)


MOST_PERIODS = 80  # a period chart spanning more than this many periods skips the empty ones


def all_periods(labels: pd.Series, period: str) -> list[str]:
    """The bars of a chart by ``period``: every week or month from the first of ``labels``
    (as :func:`counts_over_time` writes them) to the last, so that an empty one shows as a
    gap; when that is more than :data:`MOST_PERIODS` (a far-off date), only those given.

    >>> all_periods(pd.Series(["2025-01", "2025-03"]), "month")
    ['2025-01', '2025-02', '2025-03']
    >>> all_periods(pd.Series(["2025-02-17", "2025-03-03"]), "week")
    ['2025-02-17', '2025-02-24', '2025-03-03']
    """
    given = sorted(set(labels.dropna().astype(str)))
    if not given:
        return []
    if period == "week":
        every = pd.date_range(given[0], given[-1], freq="7D").strftime("%Y-%m-%d").tolist()
    else:
        every = pd.period_range(given[0], given[-1], freq="M").astype(str).tolist()
    return every if len(every) <= MOST_PERIODS else given
