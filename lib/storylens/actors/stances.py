"""What each actor does or says about the story's proposal: stance cues and stances.

:func:`document_stance_cues` finds the cues of one document (the per-document step of
the one-pass analysis); :func:`stance_evidence` does so for a corpus;
:func:`aggregate_stances` turns mentions and cues into one stance per document and
actor, which :func:`actor_stances` returns for a corpus.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from storylens.actors.attribution import (
    Cues,
    Span,
    agent,
    cues,
    in_carried_quote,
    quote_speaker,
    speaker,
    subject,
)
from storylens.actors.mentions import (
    MENTION_COLUMNS,
    Sentence,
    actor_mentions,
    concat_tables,
    mention_spans,
    sentence_rows,
)
from storylens.actors.registry import Registry, registry_for
from storylens.corpus import Corpus
from storylens.lexicon import term_pattern

__all__ = [
    "EVIDENCE_COLUMNS",
    "STANCE_COLUMNS",
    "actor_stances",
    "aggregate_stances",
    "document_stance_cues",
    "stance_evidence",
]

STANCE_COLUMNS = [
    "doc_id", "actor_id", "actor", "kind", "stance", "n_support", "n_oppose", "n_mentions",
    "evidence",
]  # fmt: skip
EVIDENCE_COLUMNS = [
    "doc_id", "sent_id", "role", "start", "end", "cue", "polarity", "actor_id", "actor",
    "via", "sentence",
]  # fmt: skip
# A document's stance from whether it gives support and opposition cues.
STANCE_BY_CUES = {
    (True, True): "mixed",
    (True, False): "support",
    (False, True): "oppose",
    (False, False): "none",
}
LEVELS = ("actor", "government")


class Attribution(NamedTuple):
    """The actors a cue is given to and by which rule (``via``)."""

    actors: list[str]
    via: str


def _attribution(
    sentence: str, spans: list[Span], cue: re.Match[str], carried: list[str], cue_set: Cues
) -> Attribution | None:
    """Who takes the stance of ``cue`` (a match in ``sentence``): its passive agent,
    else the speaker of a quote carried from earlier sentences, else the speaker of
    reported speech, else the subject. None when the cue names an agent that is not a
    registry actor."""
    agents = agent(sentence, spans, cue.end(), cue_set)
    if agents is None:
        return None
    if agents:
        return Attribution(agents, "agent")
    if carried and in_carried_quote(sentence, cue.start()):
        return Attribution(carried, "quote")
    found = speaker(sentence, spans, cue.start(), cue_set)
    if found:
        return Attribution(found, "speaker")
    return Attribution(subject(sentence, spans, cue.start()), "subject")


def _cue_rows(sent: Sentence, spans: list[Span], carried: list[str], cue_set: Cues) -> list[tuple]:
    """``(start, end, cue, polarity, actor_id, via)`` for the cue words of one sentence,
    offsets in it."""
    rows = []
    for polarity, pattern in (("support", cue_set.support), ("oppose", cue_set.oppose)):
        for cue in pattern.finditer(sent.text):
            found = _attribution(sent.text, spans, cue, carried, cue_set)
            for actor_id in dict.fromkeys(found.actors if found else ()):
                rows.append((cue.start(), cue.end(), cue.group(), polarity, actor_id, found.via))
    return rows


def _role_rows(sent: Sentence, spans: list[Span], cue_set: Cues) -> list[tuple]:
    """The same for role nouns right after a name: "United Kingdom (strong supporter)"."""
    rows = []
    patterns = (("support", cue_set.role_support), ("oppose", cue_set.role_oppose))
    for _, end, actor_id in spans:
        for polarity, pattern in patterns:
            role = pattern.match(sent.text, end)
            if role:
                cue = sent.text[end : role.end()].strip(" (,")
                rows.append((end, role.end(), cue, polarity, actor_id, "role"))
    return rows


@functools.lru_cache(maxsize=64)
def _topic_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    return term_pattern(terms)  # compiled once per topic, not once per document


def document_stance_cues(
    doc_id: str,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    registry: Registry,
    *,
    topic: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every stance cue of one document attributed to an actor, over all sentence roles.

    ``sentences``: the document's rows of ``corpus.sentences``, in order; ``mentions``:
    its actor mentions (:func:`~storylens.actors.mentions.document_mentions`). A cue
    counts in a sentence that names the topic (``topic`` terms, default the registry's),
    whose previous sentence does, or that continues a quote from an earlier one (the
    quote's speaker carries over). Returns the columns of :func:`stance_evidence`
    (``doc_id, sent_id, role, start, end, cue, polarity, actor_id, actor, via,
    sentence``; offsets in the document), in sentence and cue order.
    """
    cue_set = cues()
    topic_re = _topic_pattern(tuple(topic)) if topic is not None else registry.topic_pattern
    by_sentence = mention_spans(mentions)
    rows = []
    previous_on_topic, open_quote = False, []
    for sent in sentence_rows(sentences):
        spans = by_sentence.get((doc_id, sent.sent_id), [])
        on_topic = bool(topic_re and topic_re.search(sent.text))
        carried, open_quote = open_quote, quote_speaker(sent.text, spans, open_quote)
        if on_topic or previous_on_topic or carried:
            found = _cue_rows(sent, spans, carried, cue_set) + _role_rows(sent, spans, cue_set)
            rows += [
                (doc_id, sent.sent_id, sent.role, sent.start + start, sent.start + end, cue,
                 polarity, actor_id, registry.actor(actor_id)["name"], via, sent.text)
                for start, end, cue, polarity, actor_id, via in found
            ]  # fmt: skip
        previous_on_topic = on_topic
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def _cues_with(corpus: Corpus, reg: Registry, mentions: pd.DataFrame, topic) -> pd.DataFrame:
    """Stance cues of every document, attributed with the given mention table."""
    by_doc = dict(tuple(mentions.groupby("doc_id", sort=False)))
    no_mentions = pd.DataFrame(columns=MENTION_COLUMNS)
    tables = (
        document_stance_cues(doc_id, sents, by_doc.get(doc_id, no_mentions), reg, topic=topic)
        for doc_id, sents in corpus.sentences.groupby("doc_id", sort=False)
    )
    return concat_tables(tables, EVIDENCE_COLUMNS)


def stance_evidence(
    corpus: Corpus,
    *,
    registry: Registry | str | Path | None = None,
    topic: Iterable[str] | None = None,
    roles: Iterable[str] = ("title", "body"),
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every stance cue attributed to an actor, with its sentence.

    A cue (``data/stance_cues.yaml``: "backed", "prepared to deploy", "called for",
    "rejected", "ruled out", "dismissed", "unacceptable", "we're not planning", ...) counts
    in a sentence that names the topic (``topic`` terms, default the registry's), or whose
    previous sentence does. It is given to: the actor after "from"/"by" ("pushback from
    Russia"); else the speaker when it sits in reported speech or a quote ("Lavrov warned
    that ...", "“...,” Starmer said", and the following sentences of a quote opened by
    "In the words of X:"); else the antecedent of a relative clause ("the Polish government
    whose officials ..."); else the first actor named in the cue's clause that is not the
    object of a preposition, with those coordinated to it ("Britain and France ...").
    Only cues in sentences of ``roles`` are kept. ``mentions``: the corpus' actor
    mentions, when already computed.

    Returns ``doc_id, sent_id, role, start, end`` (the cue's offsets in the document),
    ``cue``, ``polarity`` (``support`` | ``oppose``), ``actor_id, actor``, ``via``
    (``agent``, ``quote``, ``speaker``, ``subject`` (a relative clause's antecedent
    included) or ``role`` for a role noun after the name: "United Kingdom (strong
    supporter)") and ``sentence``, sorted by document, offset and actor.
    """
    topic = tuple(topic) if topic is not None else None
    if mentions is None:
        from storylens.analysis import analyse_corpus

        evidence = analyse_corpus(
            corpus, registry=registry, topic=topic, tables=["stances"]
        ).stances
    else:
        evidence = _cues_with(corpus, registry_for(corpus, registry), mentions, topic)
    evidence = evidence[evidence["role"].isin(tuple(roles))]
    return evidence.sort_values(["doc_id", "start", "actor_id"], kind="stable").reset_index(
        drop=True
    )


def _fold_to_governments(table: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """``table`` with each person's ``actor_id`` replaced by the government or body
    they speak for; rows of people with none are dropped."""
    fold = {a: registry.government_of(a) for a in registry.actors["id"]}
    return table.assign(actor_id=table["actor_id"].map(fold)).dropna(subset=["actor_id"])


def aggregate_stances(
    mentions: pd.DataFrame,
    evidence: pd.DataFrame,
    registry: Registry,
    *,
    level: str = "actor",
    roles: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Each actor's stance per document, from its mentions and its stance cues.

    ``mentions``: actor mentions (the columns of ``actor_mentions``); ``evidence``:
    stance cues (the columns of :func:`stance_evidence`), kept to sentences of ``roles``
    when given (the per-document tables hold all roles). ``level`` as in
    :func:`actor_stances`, which this returns.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be 'actor' or 'government', not {level!r}")
    if roles is not None:
        evidence = evidence[evidence["role"].isin(tuple(roles))]
    if level == "government":
        mentions = _fold_to_governments(mentions, registry)
        evidence = _fold_to_governments(evidence, registry)
    n_mentions = mentions.groupby(["doc_id", "actor_id"]).size()
    counts = evidence.groupby(["doc_id", "actor_id", "polarity"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=["support", "oppose"], fill_value=0)
    sentences = (
        evidence.drop_duplicates(["doc_id", "actor_id", "sent_id"])
        .groupby(["doc_id", "actor_id"])["sentence"]
        .agg("\n".join)
    )
    rows = []
    for key in sorted(set(n_mentions.index) | set(counts.index)):
        support = int(counts["support"].get(key, 0))
        oppose = int(counts["oppose"].get(key, 0))
        actor = registry.actor(key[1])
        rows.append(
            (*key, actor["name"], actor["kind"], STANCE_BY_CUES[bool(support), bool(oppose)],
             support, oppose, int(n_mentions.get(key, 0)), sentences.get(key, ""))
        )  # fmt: skip
    return pd.DataFrame(rows, columns=STANCE_COLUMNS)


def actor_stances(
    corpus: Corpus,
    *,
    registry: Registry | str | Path | None = None,
    topic: Iterable[str] | None = None,
    level: str = "actor",
    roles: Iterable[str] = ("title", "body"),
) -> pd.DataFrame:
    """Each actor's stance on the proposal, per document.

    ``level="actor"``: one row per document and actor mentioned in it. ``level=
    "government"``: people are folded into the government or body they speak for (their
    ``affiliation``), so Tusk ruling out troops counts for Poland.

    Returns ``doc_id, actor_id, actor, kind, stance`` (``support``, ``oppose``, ``mixed``
    when the document gives both, ``none`` when the actor is mentioned but takes no
    stance), ``n_support, n_oppose`` (cues in sentences of ``roles``), ``n_mentions``
    (mentions in the document's title, body and caption, at this level) and ``evidence``
    (the sentences with a cue, one per line).
    """
    if level not in LEVELS:
        raise ValueError(f"level must be 'actor' or 'government', not {level!r}")
    reg = registry_for(corpus, registry)
    mentions = actor_mentions(corpus, registry=reg)
    evidence = stance_evidence(corpus, registry=reg, topic=topic, roles=roles)
    return aggregate_stances(mentions, evidence, reg, level=level)
