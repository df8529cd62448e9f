"""What each actor does or says about the story's proposal: stance cues and stances.

:func:`document_stance_cues` finds the cues of one document (the per-document step of
the one-pass analysis); :func:`stance_evidence` does so for a corpus;
:func:`aggregate_stances` turns mentions and cues into one stance per document and
actor, which :func:`actor_stances` returns for a corpus.

A cue has a polarity (``support``, ``conditional``, ``decline``, ``oppose``); an actor's
stance in an article follows from how many of its evidence sentences have each polarity,
by the rules in ``data/stance_cues.yaml`` (:func:`stance_of`), on the scale of
:func:`stance_values`: ``mixed``, ``oppose``, ``declines to take part``,
``conditional support``, ``support``, ``none``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import yaml

from storylens.actors.attribution import (
    POLARITIES,
    Cues,
    Span,
    agent,
    cues,
    in_carried_quote,
    quote_speaker,
    reported_subject,
    speaker,
    subject,
)
from storylens.actors.discovery import resolve_discovered
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
from storylens.frames import records_frame
from storylens.lexicon import term_pattern

__all__ = [
    "EVIDENCE_COLUMNS",
    "POLARITIES",
    "STANCE_COLUMNS",
    "StanceRule",
    "actor_stances",
    "aggregate_stances",
    "document_stance_cues",
    "fold_to_governments",
    "stance_evidence",
    "stance_of",
    "stance_rules",
    "stance_values",
]

STANCE_COLUMNS = [
    "doc_id", "actor_id", "actor", "kind", "stance", "n_support", "n_conditional",
    "n_decline", "n_oppose", "n_sentences", "n_mentions", "evidence",
]  # fmt: skip
EVIDENCE_COLUMNS = [
    "doc_id", "sent_id", "role", "start", "end", "cue", "polarity", "actor_id", "actor",
    "via", "sentence",
]  # fmt: skip
LEVELS = ("actor", "government")


class Attribution(NamedTuple):
    """The actors a cue is given to and by which rule (``via``)."""

    actors: list[str]
    via: str


def _attribution(
    sentence: str, spans: list[Span], cue: re.Match[str], carried: list[str], cue_set: Cues
) -> Attribution | None:
    """Who takes the stance of ``cue`` (a match in ``sentence``): its passive agent,
    else the subject named inside reported speech or a quote ("Trump said Congress
    refused"), else the speaker of a quote carried from earlier sentences, else the
    speaker of reported speech (with those coordinated to them), else the subject. None
    when the cue names an agent that is not a registry actor."""
    agents = agent(sentence, spans, cue.end(), cue_set)
    if agents is None:
        return None
    if agents:
        return Attribution(agents, "agent")
    own = reported_subject(sentence, spans, cue.start(), cue_set)
    if own:  # "Trump said Congress refused ...": Congress's, not the speaker's
        return Attribution(own, "subject")
    if carried and in_carried_quote(sentence, cue.start()):
        return Attribution(carried, "quote")
    found = speaker(sentence, spans, cue.start(), cue_set)
    if found:
        return Attribution(found, "speaker")
    return Attribution(subject(sentence, spans, cue.start()), "subject")


def _cue_matches(text: str, cue_set: Cues) -> list[tuple[str, re.Match[str]]]:
    """The cue words of a sentence with their polarity; where cues overlap, the one that
    starts first and then the longest wins ("ruled out sending troops" is ``decline``,
    not the ``oppose`` of "ruled out")."""
    found = [(m, polarity) for polarity, pattern in cue_set.polarities
             for m in pattern.finditer(text)]  # fmt: skip
    found.sort(key=lambda item: (item[0].start(), -item[0].end()))
    kept, end = [], -1
    for match, polarity in found:
        if match.start() >= end:
            kept.append((polarity, match))
            end = match.end()
    return kept


def _cue_rows(sent: Sentence, spans: list[Span], carried: list[str], cue_set: Cues) -> list[tuple]:
    """``(start, end, cue, polarity, actor_id, via)`` for the cue words of one sentence,
    offsets in it."""
    rows = []
    for polarity, cue in _cue_matches(sent.text, cue_set):
        found = _attribution(sent.text, spans, cue, carried, cue_set)
        for actor_id in dict.fromkeys(found.actors if found else ()):
            rows.append((cue.start(), cue.end(), cue.group(), polarity, actor_id, found.via))
    return rows


def _backer_rows(sent: Sentence, registry: Registry, cue_set: Cues) -> list[tuple]:
    """The same for hyphenated backers: "The British-French-backed plan" gives support
    to the United Kingdom and France (``via`` agent); parts that are no registry name
    ("Anglo") are skipped."""
    rows = []
    for cue in cue_set.backer.finditer(sent.text):
        for part in cue.group(1).rstrip("-").split("-"):
            try:
                actor_id = registry.surface(part).actor_id
            except KeyError:
                continue
            rows.append((cue.start(), cue.end(), cue.group(), "support", actor_id, "agent"))
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
    counts in a sentence that names the topic (``topic`` terms, default the registry's;
    a generic term such as "the idea" only while the topic is in play: see
    :func:`topic_state`), whose previous sentence does, or that continues a quote from an
    earlier one (the quote's speaker carries over). Returns the columns of :func:`stance_evidence`
    (``doc_id, sent_id, role, start, end, cue, polarity, actor_id, actor, via,
    sentence``; offsets in the document), in sentence and cue order.
    """
    cue_set = cues()
    topic_re = _topic_pattern(tuple(topic)) if topic is not None else registry.topic_pattern
    by_sentence = mention_spans(mentions)
    rows = []
    previous_on_topic, open_quote, since_topic = False, [], TOPIC_IN_PLAY + 1
    for sent in sentence_rows(sentences):
        spans = by_sentence.get((doc_id, sent.sent_id), [])
        on_topic = topic_state(sent.text, topic_re, since_topic <= TOPIC_IN_PLAY)
        since_topic = 1 if on_topic else since_topic + 1
        carried, open_quote = open_quote, quote_speaker(sent.text, spans, open_quote)
        if on_topic or previous_on_topic or carried:
            found = (
                _cue_rows(sent, spans, carried, cue_set)
                + _role_rows(sent, spans, cue_set)
                + _backer_rows(sent, registry, cue_set)
            )
            rows += [
                (doc_id, sent.sent_id, sent.role, sent.start + start, sent.start + end, cue,
                 polarity, actor_id, registry.actor(actor_id)["name"], via, sent.text)
                for start, end, cue, polarity, actor_id, via in found
            ]  # fmt: skip
        previous_on_topic = on_topic
    return records_frame(rows, EVIDENCE_COLUMNS)


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
    level: str = "actor",
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
    supporter)"; a hyphenated backer, "The British-French-backed plan", is an ``agent``)
    and ``sentence``, sorted by document, offset and actor. ``polarity`` is one of
    ``support``, ``conditional``, ``decline``, ``oppose`` (see ``data/stance_cues.yaml``).

    ``level="government"``: ``actor_id, actor`` name whom the cue counts for in the
    government view of :func:`actor_stances` (the person's government or party on the
    article's date, else the person), and an added column ``named`` the actor the
    sentence gives the cue to (the person; the same as ``actor`` for a body).
    """
    if level not in LEVELS:
        raise ValueError(f"level must be 'actor' or 'government', not {level!r}")
    topic = tuple(topic) if topic is not None else None
    if mentions is None:
        from storylens.analysis import analyse_corpus

        evidence = analyse_corpus(
            corpus, registry=registry, topic=topic, tables=["stances"]
        ).stances
    else:
        evidence = _cues_with(corpus, registry_for(corpus, registry), mentions, topic)
    evidence = resolve_discovered(evidence[evidence["role"].isin(tuple(roles))])
    evidence = evidence.sort_values(["doc_id", "start", "actor_id"], kind="stable")
    if level == "government":
        reg = registry_for(corpus, registry)
        published = corpus.documents.set_index("doc_id")["published"]
        evidence = fold_to_governments(evidence, reg, published)
        evidence = evidence.assign(
            named=evidence["actor"], actor=[reg.actor(a)["name"] for a in evidence["actor_id"]]
        ).drop(columns=["named_id"])
    return evidence.reset_index(drop=True)


class StanceRule(NamedTuple):
    """One rule of ``stances`` in ``data/stance_cues.yaml``: ``stance`` holds when each
    polarity of ``all`` has an evidence sentence and, if ``any`` is given, one of its
    polarities has one."""

    stance: str
    all: tuple[str, ...]
    any: tuple[str, ...] = ()

    def holds(self, sentences: dict[str, int]) -> bool:
        """Whether the rule holds for these sentence counts per polarity."""
        return all(sentences.get(p, 0) for p in self.all) and (
            not self.any or any(sentences.get(p, 0) for p in self.any)
        )


@functools.cache
def _cue_file() -> dict:
    text = resources.files("storylens").joinpath("data", "stance_cues.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@functools.cache
def generic_topic_words() -> frozenset[str]:
    """Topic terms that name a proposal without saying which (``generic_topic_words`` in
    ``data/stance_cues.yaml``: "idea", "plan", ...), lower case."""
    return frozenset(w.lower() for w in _cue_file().get("generic_topic_words") or ())


# An indefinite article before a generic topic word: "an idea that ..." introduces another
# proposal; "the idea" refers back to one in play. Accepts "an " in "an idea"; rejects "the ".
INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|another)\s+(?:\w+\s+)?\Z", re.I)
TOPIC_IN_PLAY = 3  # sentences after one about the topic in which "the idea" still refers to it


def topic_state(text: str, topic_re: re.Pattern[str] | None, in_play: bool) -> bool:
    """Whether a sentence is about the topic: it uses a specific topic term, or a generic
    one ("the idea", not "an idea") while the topic is in play (``in_play``: one of the
    last :data:`TOPIC_IN_PLAY` sentences was about it).

    >>> from storylens.lexicon import term_pattern
    >>> terms = term_pattern(["reassurance force", "idea"])
    >>> topic_state("Russia rejected the idea.", terms, False)
    False
    >>> topic_state("Russia rejected the idea.", terms, True)
    True
    >>> topic_state("Kursk, an idea met with skepticism.", terms, True)
    False
    >>> topic_state("The reassurance force idea", terms, False)
    True
    """
    if topic_re is None:
        return False
    generic = generic_topic_words()
    for m in topic_re.finditer(text):
        term = " ".join(m.group().lower().split())
        if term not in generic:
            return True
        if in_play and not INDEFINITE_BEFORE.search(text, 0, m.start()):
            return True
    return False


@functools.cache
def stance_rules() -> tuple[StanceRule, ...]:
    """The stance rules of ``data/stance_cues.yaml``, in order (the first that holds)."""
    spec = _cue_file()
    rules = tuple(
        StanceRule(r["stance"], tuple(r["all"]), tuple(r.get("any") or ())) for r in spec["stances"]
    )
    unknown = {p for r in rules for p in r.all + r.any} - set(POLARITIES)
    if unknown:
        raise ValueError(f"stance_cues.yaml: stances name unknown polarities {sorted(unknown)}")
    return rules


def stance_values() -> tuple[str, ...]:
    """Every value ``stance`` takes: the rules' stances in order, then ``none``."""
    return (*dict.fromkeys(r.stance for r in stance_rules()), "none")


def stance_of(sentences: dict[str, int]) -> str:
    """The stance for the number of evidence sentences of each polarity: the first rule
    of :func:`stance_rules` that holds, else ``none``.

    >>> stance_of({"decline": 1, "conditional": 1}), stance_of({"oppose": 2, "support": 1})
    ('declines to take part', 'mixed')
    """
    return next((r.stance for r in stance_rules() if r.holds(sentences)), "none")


def _dates(published) -> dict[str, dt.date | None]:
    """``doc_id`` -> publication day (None when unknown) from a mapping or Series."""
    items = published.items() if published is not None else ()
    return {k: (None if pd.isna(v) else pd.Timestamp(v).date()) for k, v in items}


def fold_to_governments(table: pd.DataFrame, registry: Registry, published=None) -> pd.DataFrame:
    """``table`` (with ``doc_id, actor_id``) with each person's ``actor_id`` replaced by
    the registered government, party or body of the role they hold on the article's
    publication day (``published``: ``doc_id`` -> date, a Series or mapping; missing or
    unknown dates as in :meth:`Registry.government_of`); a person who holds none stays
    themselves. Adds ``named_id``: the ``actor_id`` before folding."""
    days = _dates(published)
    keys = set(zip(table["actor_id"], table["doc_id"].map(lambda d: days.get(d)), strict=True))
    fold = {(a, day): registry.government_of(a, on=day) or a for a, day in keys}
    folded = [fold[a, days.get(d)] for a, d in zip(table["actor_id"], table["doc_id"], strict=True)]
    return table.assign(named_id=table["actor_id"], actor_id=folded)


def _sentence_counts(evidence: pd.DataFrame) -> pd.DataFrame:
    """Evidence sentences per document, actor and polarity, each sentence once."""
    once = evidence.drop_duplicates(["doc_id", "actor_id", "polarity", "sent_id"])
    counts = once.groupby(["doc_id", "actor_id", "polarity"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(POLARITIES), fill_value=0)
    counts["sentences"] = evidence.groupby(["doc_id", "actor_id"])["sent_id"].nunique()
    return counts


def aggregate_stances(
    mentions: pd.DataFrame,
    evidence: pd.DataFrame,
    registry: Registry,
    *,
    level: str = "actor",
    roles: Iterable[str] | None = None,
    published=None,
) -> pd.DataFrame:
    """Each actor's stance per document, from its mentions and its stance cues.

    ``mentions``: actor mentions (the columns of ``actor_mentions``); ``evidence``:
    stance cues (the columns of :func:`stance_evidence`), kept to sentences of ``roles``
    when given (the per-document tables hold all roles). ``level`` as in
    :func:`actor_stances`, which this returns; ``published`` (``doc_id`` -> date) dates
    each person's role in the government view.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be 'actor' or 'government', not {level!r}")
    if roles is not None:
        evidence = evidence[evidence["role"].isin(tuple(roles))]
    if level == "government":
        mentions = fold_to_governments(mentions, registry, published)
        evidence = fold_to_governments(evidence, registry, published)
    n_mentions = mentions.groupby(["doc_id", "actor_id"]).size()
    counts = _sentence_counts(evidence)
    sentences = (
        evidence.drop_duplicates(["doc_id", "actor_id", "sent_id"])
        .groupby(["doc_id", "actor_id"])["sentence"]
        .agg("\n".join)
    )
    keys = sorted(set(n_mentions.index) | set(counts.index))
    if not keys:
        return pd.DataFrame(columns=STANCE_COLUMNS)
    index = pd.MultiIndex.from_tuples(keys, names=["doc_id", "actor_id"])
    counts = counts.reindex(index, fill_value=0)
    table = pd.DataFrame(
        {f"n_{p}": counts[p].astype(int).to_numpy() for p in POLARITIES}, index=index
    ).reset_index()
    polarity = [counts[p].astype(int).to_numpy() for p in POLARITIES]
    stance = functools.cache(lambda n: stance_of(dict(zip(POLARITIES, n, strict=True))))
    actors = {a: registry.actor(a) for a in table["actor_id"].unique()}
    table.insert(2, "actor", [actors[a]["name"] for a in table["actor_id"]])
    table.insert(3, "kind", [actors[a]["kind"] for a in table["actor_id"]])
    table.insert(4, "stance", [stance(tuple(map(int, n))) for n in zip(*polarity, strict=True)])
    table["n_sentences"] = counts["sentences"].astype(int).to_numpy()
    table["n_mentions"] = n_mentions.reindex(index, fill_value=0).astype(int).to_numpy()
    table["evidence"] = sentences.reindex(index, fill_value="").fillna("").to_numpy()
    return table[STANCE_COLUMNS]


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
    "government"``: a person is folded into the government, party or body of the role
    they hold on the article's publication date (``roles`` with ``from``/``to`` in
    ``story.yaml``), so Tusk ruling out troops counts for Poland while Merz, in December
    2024 still the opposition's leader, counts for his party when it is registered and
    for himself when it is not; a person with no such role stays themselves.

    Returns ``doc_id, actor_id, actor, kind, stance``, then ``n_support, n_conditional,
    n_decline, n_oppose``: the number of the actor's evidence sentences (in sentences of
    ``roles``) with a cue of that polarity, each sentence counted once per polarity
    however many cues or folded people it holds; ``n_sentences`` (evidence sentences of
    any polarity, each once), ``n_mentions`` (mentions in the document's title, body
    and caption, at this level) and ``evidence`` (the evidence sentences, one per line).

    ``stance`` is the first rule of ``stances`` in ``data/stance_cues.yaml`` that the
    counts meet (:func:`stance_of`):

    - ``mixed``: opposes the proposal in one sentence and supports it (or supports it on
      a condition) in another;
    - ``oppose``: rejects the proposal itself ("flatly rejected the idea",
      "unacceptable"), with no support in the article;
    - ``declines to take part``: will not send its own troops ("ruled out sending
      troops", "ruled out American ground forces") and opposes nothing: it may still
      back the proposal or support it in other ways (see ``n_support, n_conditional``);
    - ``conditional support``: would back it or take part only on a condition ("may
      consider" the idea if given a NATO timeline; "left the door open");
    - ``support``: backs it or offers to take part ("prepared to deploy", "strongly
      stands behind", "The British-French-backed plan");
    - ``none``: mentioned, with no evidence sentence.

    A stance says what the article reports the actor doing or saying, in sentences about
    the proposal; not what the actor thinks, nor how strongly.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be 'actor' or 'government', not {level!r}")
    reg = registry_for(corpus, registry)
    mentions = actor_mentions(corpus, registry=reg)
    evidence = stance_evidence(corpus, registry=reg, topic=topic, roles=roles)
    published = corpus.documents.set_index("doc_id")["published"]
    return aggregate_stances(mentions, evidence, reg, level=level, published=published)
