"""Aggregation: the corpus timeline from the per-document tables, events told by several
sources, and the views the timeline notebook charts.

``build_timeline(corpus)`` = ``aggregate_timeline`` of the concatenated
:func:`~storylens.timeline.tagger.document_timexes` tables and the actor mentions.
"""

from __future__ import annotations

import pandas as pd

from storylens.timeline.anchoring import timex_interval

__all__ = [
    "GRANULARITY_ORDER", "TIMELINE_COLUMNS", "aggregate_timeline", "build_timeline",
    "dated_statements", "statement_labels", "timeline_events",
]  # fmt: skip

TIMELINE_COLUMNS = [
    "doc_id", "sent_id", "role", "start", "end", "timex", "type", "value", "mod",
    "date_start", "date_end", "granularity", "anchored", "actors", "sentence", "outlet",
    "published", "event_id",
]  # fmt: skip
# Granularities from finest to coarsest, for the "granularity floor" of a timeline.
GRANULARITY_ORDER = ("time", "day", "week", "month", "quarter", "half", "season", "year",
                     "decade", "century")  # fmt: skip
DEFAULT_ROLES = ("title", "body", "caption")


def corpus_timexes(corpus, *, registry=None) -> pd.DataFrame:
    """:func:`document_timexes` of every document, from the per-document pass
    (:mod:`storylens.analysis`), with ``doc_id, outlet, published`` added."""
    from storylens.analysis import analyse_corpus

    timexes = analyse_corpus(corpus, registry=registry, tables=["timexes"]).timexes
    documents = corpus.documents.set_index("doc_id")
    outlet = timexes["doc_id"].map(documents["outlet"]).astype(object)
    return timexes.assign(
        outlet=outlet.where(outlet.notna(), None),
        published=timexes["doc_id"].map(documents["published"]).astype("datetime64[ns]"),
    )


def build_timeline(
    corpus,
    *,
    registry=None,
    roles: tuple[str, ...] = DEFAULT_ROLES,
) -> pd.DataFrame:
    """Every dated statement in the corpus, anchored to its article's publication date.

    Each document's ``published`` date resolves its relative expressions ("on Thursday",
    "next week", "in November"); a document without a date keeps its absolute dates, and
    its relative ones are listed with ``anchored`` False and no interval rather than
    guessed. Durations and sets ("within two years", "daily") are kept with no interval.

    Returns one row per temporal expression: ``doc_id, sent_id, role`` (of the sentence),
    ``start, end`` (offsets in the document text), ``timex`` (the expression), ``type``,
    ``value``, ``mod`` (TIMEX3, see :func:`extract_timexes`), ``date_start, date_end``
    (the calendar interval the value covers: a month covers its days; missing for
    durations, sets and unanchored values), ``granularity``, ``anchored`` (the value is a
    real calendar date or interval), ``actors`` (registry actors named in the sentence,
    ``"; "``-joined), ``sentence``, ``outlet``, ``published``, ``event_id`` (the same
    event told by several sources: the same date value and at least one shared actor;
    see :func:`timeline_events`).
    """
    from storylens.actors import actor_mentions

    mentions = actor_mentions(corpus, registry=registry)
    return aggregate_timeline(corpus_timexes(corpus, registry=registry), mentions, roles=roles)


def _actors_by_sentence(mentions: pd.DataFrame) -> pd.Series:
    """(doc_id, sent_id) -> the actors named there, sorted and ``"; "``-joined."""
    return (
        mentions.drop_duplicates(["doc_id", "sent_id", "actor"])
        .groupby(["doc_id", "sent_id"])["actor"]
        .agg(lambda names: "; ".join(sorted(names)))
    )


def aggregate_timeline(
    timexes: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    roles: tuple[str, ...] = DEFAULT_ROLES,
) -> pd.DataFrame:
    """The :func:`build_timeline` table from the per-document tables.

    ``timexes`` is the concatenation of :func:`document_timexes` outputs with ``doc_id,
    outlet, published`` added (an empty frame when there are none); ``mentions`` the
    actor-mention table (``doc_id, sent_id, actor`` at least). Keeps the sentences of
    ``roles``; returns the columns of :data:`TIMELINE_COLUMNS` as documented in
    :func:`build_timeline`.
    """
    if timexes.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    actors_in = _actors_by_sentence(mentions)
    table = timexes[timexes["role"].isin(roles)].rename(columns={"text": "timex"})
    intervals = [
        timex_interval(v) if t in ("DATE", "TIME") else (None, None)
        for v, t in zip(table["value"], table["type"], strict=True)
    ]
    table["date_start"] = pd.to_datetime([a for a, _ in intervals])
    table["date_end"] = pd.to_datetime([b for _, b in intervals])
    table["anchored"] = table["date_start"].notna()
    keys = list(zip(table["doc_id"], table["sent_id"], strict=True))
    table["actors"] = [actors_in.get(k, "") for k in keys]
    table["event_id"] = group_events(table)
    return table[TIMELINE_COLUMNS].reset_index(drop=True)


def group_events(table: pd.DataFrame) -> list[str | None]:
    """Event ids ("E0001" ...): rows with the same anchored value sharing an actor, across
    documents, joined transitively; None for unanchored rows."""
    parent = list(range(len(table)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    actor_sets = [set(a.split("; ")) - {""} for a in table["actors"]]
    anchored = table["anchored"].tolist()
    by_value: dict[str, list[int]] = {}
    for i, (value, ok) in enumerate(zip(table["value"].tolist(), anchored, strict=True)):
        if ok:
            by_value.setdefault(value, []).append(i)
    for members in by_value.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if actor_sets[i] & actor_sets[j]:
                    parent[find(j)] = find(i)
    ids: dict[int, str] = {}
    return [
        ids.setdefault(find(i), f"E{len(ids) + 1:04d}") if anchored[i] else None
        for i in range(len(table))
    ]


def dated_statements(
    timeline: pd.DataFrame,
    *,
    start: str | None = None,
    end: str | None = None,
    finest: str = "time",
    coarsest: str = "year",
) -> pd.DataFrame:
    """The rows of a :func:`build_timeline` table that can go on a time axis.

    Anchored DATE/TIME rows whose interval overlaps ``[start, end]`` (ISO dates, optional)
    and whose granularity lies between ``finest`` and ``coarsest`` (see
    :data:`GRANULARITY_ORDER`; an unknown name is an error listing the valid ones).
    """
    for name in (finest, coarsest):
        if name not in GRANULARITY_ORDER:
            raise ValueError(f"granularity {name!r} is not one of {', '.join(GRANULARITY_ORDER)}")
    lo, hi = GRANULARITY_ORDER.index(finest), GRANULARITY_ORDER.index(coarsest)
    keep = (
        timeline["anchored"]
        & timeline["type"].isin(["DATE", "TIME"])
        & timeline["granularity"].isin(GRANULARITY_ORDER[lo : hi + 1])
    )
    if start:
        keep &= timeline["date_end"] >= pd.Timestamp(start)
    if end:
        keep &= timeline["date_start"] <= pd.Timestamp(end)
    return timeline[keep]


def _joined_actors(actors: pd.Series) -> str:
    return "; ".join(sorted({x for s in actors for x in s.split("; ") if x}))


def timeline_events(
    timeline: pd.DataFrame,
    *,
    start: str | None = None,
    end: str | None = None,
    finest: str = "time",
    coarsest: str = "year",
) -> pd.DataFrame:
    """One row per event of a :func:`build_timeline` table, with its sources.

    Keeps the rows :func:`dated_statements` keeps. Returns ``event_id, value, date_start, date_end,
    granularity, actors`` (all actors of its statements), ``doc_ids`` and ``n_sources``
    (the documents telling it), ``timex`` and ``sentence`` (of the first statement, in
    document order), sorted by date.
    """
    rows = dated_statements(timeline, start=start, end=end, finest=finest, coarsest=coarsest)
    columns = ["event_id", "value", "date_start", "date_end", "granularity", "actors",
               "doc_ids", "n_sources", "timex", "sentence"]  # fmt: skip
    if rows.empty:
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby("event_id", sort=False)
    events = grouped.agg(
        value=("value", "first"),
        date_start=("date_start", "min"),
        date_end=("date_end", "max"),
        granularity=("granularity", "first"),
        actors=("actors", _joined_actors),
        doc_ids=("doc_id", lambda d: "; ".join(sorted(set(d)))),
        n_sources=("doc_id", "nunique"),
        timex=("timex", "first"),
        sentence=("sentence", "first"),
    ).reset_index()
    return events.sort_values(["date_start", "date_end", "event_id"])[columns].reset_index(
        drop=True
    )


def statement_labels(timeline: pd.DataFrame, *, width: int = 40) -> pd.Series:
    """A short label per statement: the sentence up to the end of its expression,
    cut from the left at a word to at most ``width`` characters ("…in Paris on December 7").

    >>> t = pd.DataFrame({"sentence": ["Trump met Macron in Paris on December 7 to talk."],
    ...                   "timex": ["December 7"]})
    >>> statement_labels(t, width=25).tolist()
    ['…in Paris on December 7']
    """
    labels = []
    for sentence, timex in zip(timeline["sentence"], timeline["timex"], strict=True):
        end = sentence.find(timex) + len(timex) if timex in sentence else len(sentence)
        head = sentence[:end]
        if len(head) > width:
            tail = head[-width:]
            if not head[-width - 1].isspace() and " " in tail:
                tail = tail.split(" ", 1)[1]  # start at a whole word
            head = "…" + tail.lstrip()
        labels.append(head)
    return pd.Series(labels, index=timeline.index, name="label")
