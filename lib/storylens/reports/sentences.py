"""Sentences of Markdown the report notebooks display between their tables and charts.

Each takes the table (or record) the notebook already has and returns Markdown in which
every name that comes from the articles or the story file (an actor, a topic term) is
escaped (:func:`~storylens.reports.labels.escape_markdown`), and which says "Nothing to
show, because …" when the table is empty, so a notebook cell stays a call.
"""

from __future__ import annotations

import pandas as pd

from storylens.reports.labels import empty_sentence, escape_markdown

__all__ = ["attention_markdown", "portrayal_markdown", "topic_markdown", "stance_words"]

# What an actor does in the sentences behind each count of an actor_stances row.
STANCE_VERBS = {
    "n_support": "supports",
    "n_conditional": "supports on a condition",
    "n_decline": "declines to take part",
    "n_oppose": "opposes",
}


def attention_markdown(mentions: pd.DataFrame) -> str:
    """How many mentions of how many actors, and the most mentioned one.

    >>> attention_markdown(pd.DataFrame({"actor": ["*UK*", "*UK*", "EU"], "doc_id": [1, 2, 2]}))
    '3 mentions of 2 actors in 2 articles; the most mentioned is **\\\\*UK\\\\*** (2 mentions).'
    >>> attention_markdown(pd.DataFrame({"actor": [], "doc_id": []}))
    'Nothing to show, because no actor of the registry is mentioned in these articles.'
    """
    if mentions.empty:
        return empty_sentence("no actor of the registry is mentioned in these articles")
    busiest = mentions["actor"].value_counts()
    n_actors, n_docs = mentions["actor"].nunique(), mentions["doc_id"].nunique()
    return (
        f"{len(mentions):,} mention{'s' if len(mentions) != 1 else ''} of {n_actors:,} "
        f"actor{'s' if n_actors != 1 else ''} in {n_docs:,} article{'s' if n_docs != 1 else ''};"
        f" the most mentioned is **{escape_markdown(busiest.index[0])}** "
        f"({busiest.iloc[0]:,} mention{'s' if busiest.iloc[0] != 1 else ''})."
    )


def portrayal_markdown(overall: pd.DataFrame, *, by: str = "actor", min_mentions: int) -> str:
    """:func:`storylens.sentiment.portrayal_headline`'s sentence on ``overall`` (a
    ``portrayal`` table), its names escaped; "Nothing to show …" with no rows."""
    from storylens.sentiment import portrayal_headline

    if overall.empty:
        return empty_sentence("no actor is mentioned, so none is portrayed")
    headline = portrayal_headline(overall, by=by, min_mentions=min_mentions)
    ends = {
        end: group._replace(name=escape_markdown(group.name)) if group else None
        for end, group in (("most_negative", headline.most_negative),
                           ("most_positive", headline.most_positive))
    }  # fmt: skip
    return headline._replace(**ends).sentence()


def topic_markdown(topic) -> str:
    """A :class:`storylens.actors.StanceTopic`'s sentence with its terms escaped."""
    return topic._replace(terms=tuple(escape_markdown(t) for t in topic.terms)).sentence()


def _sentences(n: int) -> str:
    return f"{n:,} sentence{'' if n == 1 else 's'}"


def stance_words(stances: pd.DataFrame) -> pd.Series:
    """Each ``actor_stances`` row's stance in words, with the sentences under it:
    "opposes (9 sentences)", "mixed: supports in 2 sentences, opposes in 1 sentence",
    "no stance" (instead of counts such as "+0 / −9").

    >>> t = pd.DataFrame({"stance": ["oppose", "mixed"], "n_support": [0, 2],
    ...                   "n_conditional": [0, 0], "n_decline": [0, 0], "n_oppose": [9, 1]})
    >>> stance_words(t).tolist()
    ['opposes (9 sentences)', 'mixed: supports in 2 sentences, opposes in 1 sentence']
    """
    words = []
    for rec in stances.to_dict("records"):
        counts = {c: int(rec.get(c) or 0) for c in STANCE_VERBS}
        parts = [f"{STANCE_VERBS[c]} in {_sentences(n)}" for c, n in counts.items() if n]
        if rec["stance"] == "none" or not parts:
            words.append("no stance")
        elif rec["stance"] == "mixed" or len(parts) > 1:
            words.append(f"{rec['stance']}: " + ", ".join(parts))
        else:
            verb, n = next((STANCE_VERBS[c], n) for c, n in counts.items() if n)
            words.append(f"{verb} ({_sentences(n)})")
    return pd.Series(words, index=stances.index, dtype=object)
