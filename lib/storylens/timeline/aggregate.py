"""Aggregation: the corpus timeline from the per-document tables, events told by several
sources, and the views the timeline notebook charts.

``build_timeline(corpus)`` = ``aggregate_timeline`` of the concatenated
:func:`~storylens.timeline.tagger.document_timexes` tables and the actor mentions.
"""

from __future__ import annotations

import pandas as pd

from storylens.timeline.anchoring import timex_interval
from storylens.timeline.events import group_events, summarise_events

__all__ = [
    "GRANULARITY_ORDER", "TIMELINE_COLUMNS", "aggregate_timeline", "build_timeline",
    "dated_statements", "describe_left_out", "lead_statements", "statement_labels",
    "statements_left_out", "timeline_events",
]  # fmt: skip

TIMELINE_COLUMNS = [
    "doc_id", "sent_id", "role", "start", "end", "timex", "type", "value", "mod",
    "date_start", "date_end", "granularity", "anchored", "dated_by", "actors", "sentence", "outlet",
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
    include_captions: bool = False,
    leads: bool = True,
) -> pd.DataFrame:
    """Every dated statement in the corpus, anchored to its article's publication date.

    Each document's ``published`` date resolves its relative expressions ("on Thursday",
    "next week", "in November"); a document without a date keeps its absolute dates, and
    its relative ones are listed with ``anchored`` False and no interval rather than
    guessed. Durations and sets ("two years", "daily") are kept with no interval.
    With ``leads`` (the default), each dated article also gets its own news as a statement:
    its title (else its first body sentence) at its publication date (see
    :func:`lead_statements`), so that an article whose main news carries no date
    expression still appears on the timeline.

    Returns one row per temporal expression or lead: ``doc_id, sent_id, role`` (of the
    sentence), ``start, end`` (offsets in the document text; a lead's are both the start of
    its sentence), ``timex`` (the expression; ``""`` for a lead), ``type``, ``value``,
    ``mod`` (TIMEX3, see :func:`extract_timexes`), ``date_start, date_end`` (the calendar
    interval the value covers: a month covers its days; missing for durations, sets and
    unanchored values), ``granularity``, ``anchored`` (the value is a real calendar date or
    interval), ``dated_by`` (``"expression"``: an expression in the sentence dates it;
    ``"publication"``: a lead, dated by its article's publication date), ``actors``
    (registry actors named in the sentence, ``"; "``-joined), ``sentence``, ``outlet``,
    ``published``, ``event_id`` (statements told of the same happening, see
    :func:`~storylens.timeline.events.group_events`; None for unanchored rows and, unless
    ``include_captions``, for photo captions).
    """
    from storylens.actors import actor_mentions

    mentions = actor_mentions(corpus, registry=registry)
    lead_rows = lead_statements(corpus.documents, corpus.sentences) if leads else None
    return aggregate_timeline(corpus_timexes(corpus, registry=registry), mentions, roles=roles,
                              leads=lead_rows, include_captions=include_captions)  # fmt: skip


def lead_statements(documents: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Each dated article's own news, dated by its publication: one row per document with a
    ``published`` date, its title sentence (else its first body sentence) as the
    statement, in the shape of the :func:`corpus_timexes` table (``text`` empty, ``type``
    DATE, ``value`` the publication day) with ``dated_by`` = ``"publication"``."""
    prose = sentences[sentences["role"].isin(["title", "body"])]
    prose = prose.assign(title_first=prose["role"] != "title").sort_values(
        ["doc_id", "title_first", "sent_id"]
    )
    first = prose.drop_duplicates("doc_id").set_index("doc_id")
    dated = documents[documents["published"].notna() & documents["doc_id"].isin(first.index)]
    lead = first.loc[dated["doc_id"]]
    published = dated["published"].astype("datetime64[ns]").to_numpy()
    return pd.DataFrame({
        "doc_id": dated["doc_id"].to_numpy(), "sent_id": lead["sent_id"].to_numpy(),
        "role": lead["role"].to_numpy(), "start": lead["start"].to_numpy(),
        "end": lead["start"].to_numpy(), "text": "", "type": "DATE",
        "value": pd.DatetimeIndex(published).strftime("%Y-%m-%d"), "mod": None,
        "granularity": "day", "sentence": lead["text"].to_numpy(),
        "outlet": dated["outlet"].to_numpy(), "published": published, "dated_by": "publication",
    })  # fmt: skip


def _actors_by_sentence(mentions: pd.DataFrame) -> dict[tuple, str]:
    """(doc_id, sent_id) -> the actors named there, sorted and ``"; "``-joined."""
    named = mentions[["doc_id", "sent_id", "actor"]].drop_duplicates()  # not every column
    named = named.assign(actor=named["actor"].astype(object)).sort_values("actor", kind="stable")
    joined = named.groupby(["doc_id", "sent_id"], observed=True)["actor"].agg("; ".join)
    return dict(zip(joined.index, joined.to_numpy(), strict=True))


def _with_leads(timexes: pd.DataFrame, leads: pd.DataFrame | None) -> pd.DataFrame:
    """The timexes (``dated_by`` "expression") and the leads, in document order."""
    table = timexes.assign(dated_by="expression")
    if leads is None or leads.empty:
        return table
    if table.empty:
        return leads.reset_index(drop=True)
    table = pd.concat([leads, table], ignore_index=True)
    return table.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)


def aggregate_timeline(
    timexes: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    roles: tuple[str, ...] = DEFAULT_ROLES,
    leads: pd.DataFrame | None = None,
    include_captions: bool = False,
) -> pd.DataFrame:
    """The :func:`build_timeline` table from the per-document tables.

    ``timexes`` is the concatenation of :func:`document_timexes` outputs with ``doc_id,
    outlet, published`` added (an empty frame when there are none); ``mentions`` the
    actor-mention table (``doc_id, sent_id, actor`` at least); ``leads`` the
    :func:`lead_statements` of the documents, or None for none. Keeps the sentences of
    ``roles``; returns the columns of :data:`TIMELINE_COLUMNS` as documented in
    :func:`build_timeline`.
    """
    table = _with_leads(timexes, leads)
    if table.empty:  # typed, so that timeline[~timeline["anchored"]] selects rows (#14)
        return pd.DataFrame(columns=TIMELINE_COLUMNS).astype({"anchored": bool})
    actors_in = _actors_by_sentence(mentions)
    table = table[table["role"].isin(roles)].rename(columns={"text": "timex"})
    intervals = [
        timex_interval(v) if t in ("DATE", "TIME") else (None, None)
        for v, t in zip(table["value"], table["type"], strict=True)
    ]
    table["date_start"] = pd.to_datetime([a for a, _ in intervals])
    table["date_end"] = pd.to_datetime([b for _, b in intervals])
    table["anchored"] = table["date_start"].notna()
    keys = list(zip(table["doc_id"], table["sent_id"], strict=True))
    table["actors"] = [actors_in.get(k, "") for k in keys]
    grouped = table["role"].ne("caption") | include_captions
    ids = dict(zip(table.index[grouped], group_events(table[grouped]), strict=True))
    table["event_id"] = pd.Series([ids.get(i) for i in table.index], index=table.index,
                                  dtype=object)  # fmt: skip
    return table[TIMELINE_COLUMNS].reset_index(drop=True)


def _left_out_reasons(
    timeline: pd.DataFrame, *, start, end, finest: str, coarsest: str, include_captions: bool
) -> pd.Series:
    """Why each anchored DATE/TIME row is not shown ("" when it is): ``caption``,
    ``coarser`` or ``finer`` (granularity outside ``finest``..``coarsest``), ``before``
    ``start`` or ``after`` ``end``; the first that applies."""
    for name in (finest, coarsest):
        if name not in GRANULARITY_ORDER:
            raise ValueError(f"granularity {name!r} is not one of {', '.join(GRANULARITY_ORDER)}")
    rank = timeline["granularity"].map({g: i for i, g in enumerate(GRANULARITY_ORDER)})
    tests = [
        ("caption", (timeline["role"] == "caption") & (not include_captions)),
        ("coarser", rank > GRANULARITY_ORDER.index(coarsest)),
        ("finer", rank < GRANULARITY_ORDER.index(finest)),
        ("before", timeline["date_end"] < pd.Timestamp(start) if start else False),
        ("after", timeline["date_start"] > pd.Timestamp(end) if end else False),
    ]
    reason = pd.Series("", index=timeline.index, dtype=object)
    for name, hit in reversed(tests):
        reason = reason.mask(pd.Series(hit, index=timeline.index).fillna(False), name)
    return reason


def _on_axis(timeline: pd.DataFrame) -> pd.Series:
    return timeline["anchored"].astype(bool) & timeline["type"].isin(["DATE", "TIME"])


def dated_statements(
    timeline: pd.DataFrame,
    *,
    start: str | None = None,
    end: str | None = None,
    finest: str = "time",
    coarsest: str = "year",
    include_captions: bool = False,
) -> pd.DataFrame:
    """The rows of a :func:`build_timeline` table that go on a time axis.

    Anchored DATE/TIME rows whose interval overlaps ``[start, end]`` (ISO dates, optional)
    and whose granularity lies between ``finest`` and ``coarsest`` (see
    :data:`GRANULARITY_ORDER`; an unknown name is an error listing the valid ones); photo
    captions only with ``include_captions``. What these filters leave out is
    :func:`statements_left_out`.
    """
    reason = _left_out_reasons(timeline, start=start, end=end, finest=finest,
                               coarsest=coarsest, include_captions=include_captions)  # fmt: skip
    return timeline[_on_axis(timeline) & (reason == "")]


def statements_left_out(
    timeline: pd.DataFrame,
    *,
    start: str | None = None,
    end: str | None = None,
    finest: str = "time",
    coarsest: str = "year",
    include_captions: bool = False,
) -> pd.DataFrame:
    """The anchored DATE/TIME rows that :func:`dated_statements` with the same options
    leaves out, with a column ``reason``: ``caption`` (a photo caption, not asked for),
    ``coarser`` / ``finer`` (granularity outside ``finest``..``coarsest``), ``before`` /
    ``after`` (interval outside ``[start, end]``). Rows that are not calendar dates at all
    (durations, "recently", undated relative expressions) are in neither table: they are
    the rows with ``anchored`` False. See :func:`describe_left_out` for a sentence."""
    reason = _left_out_reasons(timeline, start=start, end=end, finest=finest,
                               coarsest=coarsest, include_captions=include_captions)  # fmt: skip
    keep = _on_axis(timeline) & (reason != "")
    return timeline[keep].assign(reason=reason[keep])


# What describe_left_out says per reason, for one ({0}) and several ({1}) rows.
LEFT_OUT_PHRASES = {
    "caption": "dated statement{s} in photo captions not shown (include_captions brings them in)",
    "coarser": "{granularity}-level expression{s} not shown",
    "finer": "{granularity}-level expression{s} not shown",
    "before": "dated statement{s} before {start} not shown",
    "after": "dated statement{s} after {end} not shown",
}


def describe_left_out(left_out: pd.DataFrame, *, start: str | None = None,
                      end: str | None = None) -> str:  # fmt: skip
    """A sentence per reason (per granularity for ``coarser``/``finer``) of a
    :func:`statements_left_out` table: how many, and which (label and value); ``""`` when
    nothing is left out.

    >>> t = pd.DataFrame({"reason": ["coarser"], "granularity": ["year"], "value": ["2014"],
    ...                   "timex": ["pre-2014"], "sentence": ["Ukraine’s pre-2014 borders"]})
    >>> describe_left_out(t)
    '1 year-level expression not shown: “Ukraine’s pre-2014” (2014).'
    """
    if left_out.empty:
        return ""
    labels = statement_labels(left_out, width=40)
    by_level = left_out["reason"].isin(["coarser", "finer"])
    keys = [left_out["reason"], left_out["granularity"].where(by_level, "")]
    parts = []
    for (reason, granularity), group in left_out.groupby(keys, sort=False):
        phrase = LEFT_OUT_PHRASES[reason].format(
            granularity=granularity, start=start, end=end, s="" if len(group) == 1 else "s"
        )
        which = "; ".join(f"“{labels[i]}” ({v})" for i, v in group["value"].items())
        parts.append(f"{len(group):,} {phrase}: {which}.")
    return " ".join(parts)


def timeline_events(
    timeline: pd.DataFrame,
    *,
    start: str | None = None,
    end: str | None = None,
    finest: str = "time",
    coarsest: str = "year",
) -> pd.DataFrame:
    """One row per event of a :func:`build_timeline` table, with all its statements.

    Keeps the grouped rows (``event_id`` set) that :func:`dated_statements` keeps with
    ``include_captions``: captions are in events exactly when ``build_timeline`` grouped
    them. Returns, sorted by date: ``event_id, value, date_start, date_end, granularity``,
    ``dated_by`` (``"expression"`` if an expression dates any of its statements, else
    ``"publication"``: a lead), ``actors`` (the actors every statement names), ``doc_ids``
    and ``n_sources`` (the documents telling it), ``n_statements``, ``captions`` (how many
    statements are photo captions), ``shared_words`` (the word stems at least two of its
    sentences share, the evidence of one happening), ``timex`` and ``sentence`` (of the
    first statement in document order) and ``sentences`` (all of them, in that order,
    joined by :data:`~storylens.timeline.events.SENTENCE_SEP`).
    """
    rows = dated_statements(timeline, start=start, end=end, finest=finest, coarsest=coarsest,
                            include_captions=True)  # fmt: skip
    return summarise_events(rows)


def _lead_label(sentence: str, width: int) -> str:
    """The start of a lead's sentence, cut at a word to at most ``width`` characters."""
    if len(sentence) <= width:
        return sentence
    head = sentence[: width - 1]
    return (head.rsplit(" ", 1)[0] if " " in head else head).rstrip(" ,;:") + "…"


def statement_labels(timeline: pd.DataFrame, *, width: int = 40) -> pd.Series:
    """A short label per statement: the sentence up to the end of its expression,
    cut from the left at a word to at most ``width`` characters ("…in Paris on December 7");
    for a lead (no expression, ``timex`` empty) the start of its sentence.

    >>> t = pd.DataFrame({"sentence": ["Trump met Macron in Paris on December 7 to talk.",
    ...                                "Britain and France have taken their clearest step"],
    ...                   "timex": ["December 7", ""]})
    >>> statement_labels(t, width=25).tolist()
    ['…in Paris on December 7', 'Britain and France have…']
    """
    labels = []
    for sentence, timex in zip(timeline["sentence"], timeline["timex"], strict=True):
        if not timex:
            labels.append(_lead_label(sentence, width))
            continue
        end = sentence.find(timex) + len(timex) if timex in sentence else len(sentence)
        head = sentence[:end]
        if len(head) > width:
            tail = head[-width:]
            if not head[-width - 1].isspace() and " " in tail:
                tail = tail.split(" ", 1)[1]  # start at a whole word
            head = "…" + tail.lstrip()
        labels.append(head)
    return pd.Series(labels, index=timeline.index, name="label")
