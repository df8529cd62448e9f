"""Events: dated statements told of the same happening, within and across sources.

A statement joins an event when it has the event's anchored value, names an actor every
statement of the event names, and shares at least ``min_shared_words`` content words with
the event's sentences (``data/timex_events.yaml``). The same day alone is not enough:

>>> rows = pd.DataFrame({
...     "value": ["2024-12-12"] * 2, "anchored": [True] * 2, "role": ["body"] * 2,
...     "timex": ["Thursday"] * 2, "actors": ["NATO", "NATO; Russia"],
...     "sentence": ["It was discussed on Thursday by NATO foreign ministers in Brussels.",
...                  "Russian experts we spoke to on Thursday reject NATO troops."]})
>>> group_events(rows)
['E0001', 'E0002']
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from storylens import lexicon
from storylens.terms import CONTENT_WORD, stopwords

__all__ = ["EVENT_COLUMNS", "EVENT_RULES", "SENTENCE_SEP", "group_events", "happening_words",
           "summarise_events"]  # fmt: skip

EVENT_RULES: dict = yaml.safe_load(
    resources.files("storylens").joinpath("data", "timex_events.yaml").read_text("utf-8")
)
# Between the sentences of an event in the ``sentences`` column.
SENTENCE_SEP = " | "
EVENT_COLUMNS = [
    "event_id", "value", "date_start", "date_end", "granularity", "dated_by", "actors",
    "doc_ids", "n_sources", "n_statements", "captions", "shared_words", "timex", "sentence",
    "sentences",
]  # fmt: skip


STEM_LETTERS: int = EVENT_RULES["stem_letters"]
# Stems of the words that never count ("ministers" goes with "minister").
IGNORED_STEMS = frozenset(
    w[:STEM_LETTERS] for w in [*EVENT_RULES["ignore"], *lexicon.speech_verbs()]
)


def _stems(text: str) -> set[str]:
    """The content-word stems of ``text``: lower case, stop words and ignored words left
    out, cut to their first ``stem_letters`` letters."""
    words = (w.lower().replace("’", "'").split("'")[0] for w in CONTENT_WORD.findall(text))
    stems = (w[:STEM_LETTERS] for w in words if len(w) > 2 and w not in stopwords())
    return {s for s in stems if s not in IGNORED_STEMS}


@functools.lru_cache(maxsize=65536)  # grouping and describing an event read each row twice
def happening_words(sentence: str, timex: str, actors: str) -> frozenset[str]:
    """The word stems that can tell which happening ``sentence`` reports: its content
    words less stop words, the words of its date expression and of its actors' names.

    >>> sorted(happening_words("It was discussed on Thursday by NATO foreign ministers.",
    ...                        "Thursday", "NATO"))
    ['discus', 'foreig']
    """
    return frozenset(_stems(sentence) - _stems(timex) - _stems(actors.replace(";", " ")))


@dataclass
class _Event:
    """An event being grouped: its rows, the actors all of them name, their words."""

    rows: list[int]
    actors: set[str]
    words: set[str] = field(default_factory=set)

    def takes(self, actors: set[str], words: frozenset[str]) -> bool:
        return (
            bool(self.actors & actors)
            and len(self.words & words) >= EVENT_RULES["min_shared_words"]
        )

    def add(self, i: int, actors: set[str], words: frozenset[str]) -> None:
        self.rows.append(i)
        self.actors &= actors
        self.words |= words


def group_events(table: pd.DataFrame) -> list[str | None]:
    """Event ids ("E0001" ...) for the rows of a timeline table, in row order: rows with the
    same anchored ``value``, an actor in common and ``min_shared_words`` shared words are
    one event (each row joins the first earlier event that takes it); None for unanchored
    rows. Needs ``value, anchored, timex, actors, sentence``."""
    events: dict[str, list[_Event]] = {}
    found: list[_Event | None] = []
    for rec in table[["value", "anchored", "timex", "actors", "sentence"]].itertuples():
        if not rec.anchored:
            found.append(None)
            continue
        actors = set(rec.actors.split("; ")) - {""}
        words = happening_words(rec.sentence, rec.timex, rec.actors)
        same_day = events.setdefault(rec.value, [])
        event = next((e for e in same_day if e.takes(actors, words)), None)
        if event is None:
            event = _Event([], set(actors))
            same_day.append(event)
        event.add(len(found), actors, words)
        found.append(event)
    ids: dict[int, str] = {}
    return [None if e is None else ids.setdefault(id(e), f"E{len(ids) + 1:04d}") for e in found]


def _shared(actor_lists: list[str], keys: list[tuple[str, str, str]]) -> tuple[str, str]:
    """The actors every statement names (``actors`` of each) and the words at least two
    of them share (``keys``: each statement's sentence, timex, actors)."""
    actor_sets = [set(a.split("; ")) - {""} for a in actor_lists]
    actors = set.intersection(*actor_sets) if actor_sets else set()
    counts: dict[str, int] = {}
    for sentence, timex, names in keys:
        for w in happening_words(sentence, timex, names):
            counts[w] = counts.get(w, 0) + 1
    words = sorted(w for w, n in counts.items() if n > 1)
    return "; ".join(sorted(actors)), "; ".join(words)


def _positions(ids: pd.Series) -> list[list[int]]:
    """The row positions of each event, events in order of first appearance."""
    by_event: dict[str, list[int]] = {}
    for i, e in enumerate(ids.tolist()):
        by_event.setdefault(e, []).append(i)
    return list(by_event.values())


def _event_texts(rows: pd.DataFrame, positions: list[list[int]]) -> dict[str, list[str]]:
    """The ``actors``, ``doc_ids``, ``shared_words`` and ``sentences`` of each event."""
    actors, docs = rows["actors"].tolist(), rows["doc_id"].tolist()
    sentences, timexes = rows["sentence"].tolist(), rows["timex"].tolist()
    out: dict[str, list[str]] = {"actors": [], "doc_ids": [], "shared_words": [], "sentences": []}
    for pos in positions:
        names = [actors[i] for i in pos]
        told = [sentences[i] for i in pos]
        common, words = _shared(names, [(sentences[i], timexes[i], actors[i]) for i in pos])
        out["actors"].append(common)
        out["doc_ids"].append("; ".join(sorted({docs[i] for i in pos})))
        out["shared_words"].append(words)
        out["sentences"].append(SENTENCE_SEP.join(told))
    return out


def summarise_events(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per ``event_id`` of timeline ``rows`` (see ``timeline_events``), by date.

    The per-event figures come from one grouping each and the text columns from plain
    lists (at 10,000 articles some 20,000 events: a pandas frame per event took a minute).
    """
    if rows.empty or rows["event_id"].isna().all():
        return pd.DataFrame(columns=EVENT_COLUMNS)
    rows = rows.dropna(subset=["event_id"])
    ids = rows["event_id"]
    g = rows.groupby(ids, sort=False)
    firsts = rows.drop_duplicates("event_id")  # each event's first statement, in event order
    events = pd.DataFrame({
        "event_id": firsts["event_id"].to_numpy(),
        "value": firsts["value"].to_numpy(),
        "date_start": g["date_start"].min().to_numpy(),
        "date_end": g["date_end"].max().to_numpy(),
        "granularity": firsts["granularity"].to_numpy(),
        "dated_by": np.where((rows["dated_by"] == "expression").groupby(ids, sort=False).any(),
                             "expression", "publication"),
        "n_sources": g["doc_id"].nunique().to_numpy(),
        "n_statements": g.size().to_numpy(),
        "captions": (rows["role"] == "caption").groupby(ids, sort=False).sum().to_numpy(),
        "timex": firsts["timex"].to_numpy(),
        "sentence": firsts["sentence"].to_numpy(),
    })  # fmt: skip
    text = _event_texts(rows, _positions(ids))
    for column, values in text.items():
        events[column] = values
    events = events[EVENT_COLUMNS]
    return events.sort_values(["date_start", "date_end", "event_id"]).reset_index(drop=True)
