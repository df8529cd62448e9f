"""Mentions of registered actors: in one sentence, one document, or a corpus.

:func:`find_mentions` reads one sentence; :func:`document_mentions` one document's
sentences (the per-document step of the one-pass analysis); :func:`actor_mentions` a
corpus. :func:`mention_spans` turns a mentions table into what the attribution rules read.

>>> from storylens.actors.registry import load_registry
>>> [(a, how) for _, _, a, how in find_mentions("The Kremlin and Britain’s allies.",
...                                              load_registry())]
[('RU', 'metonym'), ('GB', 'possessive')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from storylens.actors.discovery import (
    AMBIGUOUS,
    DiscoveredActors,
    corpus_people,
    discover_actors,
    discovered_actors,
    resolve_discovered,
    resolve_nearest,
)
from storylens.actors.registry import (
    Registry,
    Surface,
    discovered_id,
    discovered_row,
    is_discovered,
    registry_for,
    surface_pattern,
)
from storylens.actors.tails import search_tail
from storylens.actors.words import alternation_of, words
from storylens.corpus import Corpus
from storylens.frames import records_frame
from storylens.terms import stopwords

__all__ = [
    "MENTION_COLUMNS",
    "Mention",
    "Sentence",
    "actor_mentions",
    "concat_tables",
    "document_mentions",
    "find_mentions",
    "mention_spans",
    "sentence_rows",
    "with_corpus_names",
]

MENTION_COLUMNS = [
    "doc_id", "sent_id", "role", "start", "end", "text", "actor_id", "actor", "kind",
    "affiliation", "how", "sentence", "sent_start",
]  # fmt: skip

# After a demonym, a word for an acting body: accepts " officials", " troops", " state
# media"; rejects " aggression".
ACTING_NOUN_AFTER = re.compile(rf"\s+(?:{alternation_of('acting_nouns')})\b", re.I)
# A place use of a capital, country or metonym, from the words just before it: accepts
# "talks in " / "Seen from " / "visit " / "traveled to "; rejects "accepted by ".
PLACE_BEFORE = re.compile(rf"(?:\b(?:{alternation_of('place_words')})\s+(?:the\s+)?)\Z", re.I)
# A title before a person's name: accepts "French President ", "Foreign Minister ",
# "Sir ", "Kremlin spokesman "; rejects "said ".
TITLE_BEFORE = re.compile(rf"(?:\b(?:{alternation_of('titles')})\s+)\Z")
# A capitalised word right before, joining a longer proper name: accepts "College " in
# "King’s College London"; rejects "Moscow, " and "and ".
PROPER_WORD_BEFORE = re.compile(r"(?<![.!?]\s)\b([A-Z][\w’'-]*)\s+\Z")
# The most words (runs of non-blanks) a match of each end-anchored pattern above spans,
# so that it is searched from that many words back (:func:`search_tail`), not in all
# the sentence before the name: a place word and "the"; a title; one word.
PLACE_WORDS = max(len(w.split()) for w in words("place_words")) + 1
TITLE_WORDS = max(len(w.split()) for w in words("titles"))
# A possessive right after a name: accepts "’s", "'s", "’"; rejects "’re".
POSSESSIVE_AFTER = re.compile(r"[’']s?(?![\w’'])")
# A capitalised word next, after a space: accepts " Keir" (after "British Prime
# Minister"), " NATO"; rejects " officials", "Keir" (no space).
CAPITAL_WORD_NEXT = re.compile(r"\s+[A-Z]")
# A capitalised word of a longer proper name next: accepts " President" in "US President
# Trump", " Palace"; rejects " NATO" (all capitals) and " officials".
PROPER_WORD_NEXT = re.compile(r"\s+[A-Z][a-z]")
# A conjunction next, so the name is not part of a longer one: accepts " and", " or";
# rejects " Andrew".
CONJUNCTION_NEXT = re.compile(r"\s+(?:and|or)\b")

# Surfaces of a government or body that may be a place or part of a longer name.
PLACE_LIKE = frozenset({"full name", "alias", "capital", "metonym"})
# Mentions that write the full name, after which a bare surname is "surname after full name".
FULL_FORMS = frozenset({"full name", "alias", "title + name"})


class Mention(NamedTuple):
    """One actor mention in a sentence; offsets in the sentence."""

    start: int
    end: int
    actor_id: str
    how: str


class Sentence(NamedTuple):
    """One row of ``corpus.sentences``: what the per-document rules read of it."""

    sent_id: int
    start: int
    text: str
    role: str


def sentence_rows(sentences: pd.DataFrame) -> list[Sentence]:
    """The rows of a sentences table as :class:`Sentence` records, in order (faster than
    ``itertuples`` on the small table of one document)."""
    columns = (sentences[c].tolist() for c in Sentence._fields)
    return [Sentence(*row) for row in zip(*columns, strict=True)]


def _demonym_end(surface: Surface, after: str, end: int) -> int | None:
    """Where a demonym mention ends ("British officials" takes in the noun), or None
    when the demonym is not an actor here (an adjective, or part of a person's title)."""
    noun = ACTING_NOUN_AFTER.match(after)
    if noun:
        if CAPITAL_WORD_NEXT.match(after[noun.end() :]):
            return None  # "British Prime Minister Keir Starmer": the person's title
        return end + noun.end()
    text = surface.text
    if not (text.endswith("s") and text[:-1] != text.upper()):
        return None  # "Russian aggression": an adjective, not an actor
    if after[:1].isupper() or CAPITAL_WORD_NEXT.match(after):
        return None
    return end


def _is_place_or_part_of_a_name(sentence: str, start: int, after: str) -> bool:
    """Whether a country, capital or metonym at ``start`` in ``sentence`` is a place
    ("talks in Moscow") or part of a longer proper name ("King’s College London", "US
    President Trump"); ``after``: the sentence after it."""
    if search_tail(PLACE_BEFORE, sentence, start, words=PLACE_WORDS):
        return True
    name_before = search_tail(PROPER_WORD_BEFORE, sentence, start, words=1)
    if name_before and name_before.group(1).lower() not in stopwords():
        return True
    return bool(PROPER_WORD_NEXT.match(after) and not CONJUNCTION_NEXT.match(after))


def _inside_a_name(sentence: str, start: int, registry: Registry | DiscoveredActors) -> bool:
    """Whether a demonym at ``start`` in ``sentence`` ends a longer proper name:
    "Christian Democrats" (a German party), not "Senate Democrats" (the word before is a
    registered actor's) nor "Most Russians" at the start of a sentence."""
    found = search_tail(PROPER_WORD_BEFORE, sentence, start, words=1)
    if not found or not sentence[: found.start()].strip():
        return False
    word = found.group(1)
    known = registry.pattern is not None and registry.pattern.fullmatch(word)
    return word.lower() not in stopwords() and not known


def _mention(
    sentence: str, match: re.Match[str], registry: Registry | DiscoveredActors
) -> Mention | None:
    """The mention a surface match makes, or None when it is not one."""
    surface = registry.surface(match.group())
    start, end, how = match.start(), match.end(), surface.how
    after = sentence[end:]
    person = registry.actor(surface.actor_id)["kind"] == "person"
    if how == "demonym":
        if _inside_a_name(sentence, start, registry):
            return None
        end = _demonym_end(surface, after, end)
        if end is None:
            return None
    if not person and how in PLACE_LIKE and _is_place_or_part_of_a_name(sentence, start, after):
        return None
    if person and search_tail(TITLE_BEFORE, sentence, start, words=TITLE_WORDS):
        how = "title + name"
    if POSSESSIVE_AFTER.match(sentence, end) and how != "demonym":
        how = "possessive"
    return Mention(start, end, surface.actor_id, how)


def find_mentions(sentence: str, registry: Registry | DiscoveredActors) -> list[Mention]:
    """Actor mentions in one sentence: ``(start, end, actor_id, how)``, offsets in it.

    ``how``: ``full name``, ``alias``, ``title + name``, ``possessive``, ``surname``,
    ``demonym``, ``capital``, ``metonym``. Capitals, country names and metonyms used as a
    place ("talks in Moscow") and country words used as a modifier of a proper name
    ("US President", "French President") are not mentions; a demonym is one only before a
    word for an acting body ("British officials": the span includes the noun) or as a
    plural noun ("the Russians").

    >>> from storylens.actors.registry import load_registry
    >>> reg = load_registry()
    >>> [(s, e, a, h) for s, e, a, h in find_mentions("Moscow rejected talks in Moscow.", reg)]
    [(0, 6, 'RU', 'capital')]
    """
    if registry.pattern is None:
        return []
    found = (_mention(sentence, m, registry) for m in registry.pattern.finditer(sentence))
    return [m for m in found if m is not None]


def concat_tables(tables: Iterable[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """Per-document tables stacked, with a fresh index; an empty table with ``columns``
    when there are none (empty ones are left out so they do not change column types)."""
    kept = [t for t in tables if not t.empty]
    if not kept:
        return pd.DataFrame(columns=columns)
    return pd.concat(kept, ignore_index=True)[columns]


def _with_discovered(
    text: str, known: list[Mention], extra: DiscoveredActors | None
) -> list[Mention]:
    """The registry's mentions of a sentence plus the discovered actors' that overlap
    none of them (a registered actor, a story.yaml one included, wins), in order."""
    if extra is None:
        return known
    more = [
        m for m in find_mentions(text, extra)
        if not any(k.start < m.end and m.start < k.end for k in known)
    ]  # fmt: skip
    return sorted(known + more)


def document_mentions(doc_id: str, sentences: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Every mention of a registered or discovered actor in one document, over all
    sentence roles.

    ``sentences``: the document's rows of ``corpus.sentences`` (``sent_id, start, text,
    role``), in order. Returns the columns of :func:`actor_mentions` (``doc_id, sent_id,
    role, start, end, text, actor_id, actor, kind, affiliation, how, sentence,
    sent_start``; offsets in the document). A surname is ``surname after full name``
    when the full name came earlier in the document, in a sentence of any role. The
    people and organisations :func:`storylens.actors.discovery.discover_actors` finds
    in the document are mentioned too, with ids starting ``discovered:``, wherever no
    registry actor is (``affiliation``: a person's party as the document gives it, "(R-Ky.)");
    a surname two of them share goes to the one named in the same or
    the previous sentence, else stays ambiguous
    (:func:`~storylens.actors.discovery.resolve_nearest`).
    """
    sents = sentence_rows(sentences)
    found = discover_actors(sents, registry)
    extra = discovered_actors(found) if found else None
    found_rows = [
        (sent, mention)
        for sent in sents
        for mention in _with_discovered(sent.text, find_mentions(sent.text, registry), extra)
    ]
    actors = resolve_nearest([(s.sent_id, m[2], m[3]) for s, m in found_rows], found)
    rows = []
    named: set[str] = set()  # actors whose full name has appeared in this document
    for (sent, (start, end, _, how)), actor_id in zip(found_rows, actors, strict=True):
        if how in FULL_FORMS and " " in sent.text[start:end]:
            named.add(actor_id)
        if how == "surname" and actor_id in named:
            how = "surname after full name"
        actor = (extra if extra is not None and extra.has(actor_id) else registry).actor(actor_id)
        rows.append(
            (doc_id, sent.sent_id, sent.role, sent.start + start, sent.start + end,
             sent.text[start:end], actor_id, actor["name"], actor["kind"],
             actor["affiliation"], how, sent.text, sent.start)
        )  # fmt: skip
    return records_frame(rows, MENTION_COLUMNS)


def actor_mentions(
    corpus: Corpus,
    *,
    registry: Registry | str | Path | None = None,
    roles: Iterable[str] = ("title", "body", "caption"),
) -> pd.DataFrame:
    """Every mention of a registered actor in the corpus, in sentences of ``roles``.

    Returns one row per mention: ``doc_id, sent_id, role`` (of the sentence), ``start,
    end`` (offsets in the document text), ``text`` (the mention), ``actor_id, actor``
    (the registry name), ``kind``, ``affiliation``, ``how`` (see :func:`find_mentions`;
    a surname is ``surname after full name`` when the full name came earlier in the same
    document), ``sentence`` and ``sent_start`` (the sentence's offset in the document,
    so ``start - sent_start`` is the mention's offset in ``sentence``).
    """
    from storylens.analysis import Parameters, analyse_corpus, corpus_memo

    reg = registry_for(corpus, registry)
    memo, key = corpus_memo(corpus), ("actor_mentions", Parameters(reg).fingerprint_for("mentions"))
    if key not in memo:  # the corpus-wide names are found once per corpus and registry
        mentions = analyse_corpus(corpus, registry=reg, tables=["mentions"]).mentions
        mentions = resolve_discovered(mentions[MENTION_COLUMNS])
        people = corpus_people(corpus.sentences, reg)
        memo[key] = with_corpus_names(mentions, corpus.sentences, people)
    mentions = memo[key]
    return mentions[mentions["role"].isin(tuple(roles))].reset_index(drop=True)


# A capitalised word right before a name, other than a title: the name is then part of a
# longer one. Accepts "Ivanka " before "Trump"; rejects "President ", "said ".
NAME_WORD_BEFORE = re.compile(r"(?<![.!?]\s)\b[A-Z][\w’'-]*\s+\Z")


def _corpus_surfaces(mentions: pd.DataFrame, more: Iterable[str] = ()) -> dict[str, str]:
    """Surface text -> actor id for the discovered people of a mentions table: each full
    name, the surname (or lone titled name, "Trump") of exactly one of them, and the
    first name of one who shares a surname with another ("Malia" of Malia and Sasha
    Obama), when no other of them has it."""
    people = mentions[mentions["actor_id"].map(is_discovered) & (mentions["kind"] == "person")]
    names = dict(zip(people["actor"], people["actor_id"], strict=True))
    names = {n: a for n, a in names.items() if not n.endswith(AMBIGUOUS)}
    names |= {n: discovered_id(n, "person") for n in more if n not in names}
    surnames: dict[str, set[str]] = {}
    for name, actor_id in names.items():
        surnames.setdefault(name.split()[-1], set()).add(actor_id)
    surfaces = {n: a for n, a in names.items() if " " in n}
    surfaces |= {s: next(iter(ids)) for s, ids in surnames.items() if len(ids) == 1}
    firsts: dict[str, set[str]] = {}
    for name, actor_id in names.items():
        if " " in name and len(surnames[name.split()[-1]]) > 1:  # a family: "Malia Obama"
            firsts.setdefault(name.split()[0], set()).add(actor_id)
    all_firsts = Counter(n.split()[0] for n in names if " " in n)
    surfaces |= {
        f: next(iter(ids)) for f, ids in firsts.items()
        if len(ids) == 1 and all_firsts[f] == 1 and f not in surfaces
    }  # fmt: skip
    return surfaces


def with_corpus_names(
    mentions: pd.DataFrame, sentences: pd.DataFrame, people: Iterable[str] = ()
) -> pd.DataFrame:
    """``mentions`` (after :func:`resolve_discovered`) with the names of discovered
    people that other articles establish, where a document writes them without enough
    of its own evidence: "Trump has not said ..." in an article that never titles him,
    "Jeb Bush released his returns" written once, "Malia, 16, was dressed ...". A name
    of :func:`_corpus_surfaces`, not inside a longer name nor overlapping a mention,
    becomes a mention with ``how`` ``corpus full name``, ``corpus surname`` or ``corpus
    first name``. ``people``: more full names the corpus establishes
    (:func:`~storylens.actors.discovery.corpus_people`)."""
    surfaces = _corpus_surfaces(mentions, people)
    pattern = surface_pattern(list(surfaces))
    if pattern is None:
        return mentions
    taken = mention_spans(mentions)
    rows = []
    for sent in sentences.itertuples(index=False):
        spans = taken.get((sent.doc_id, sent.sent_id), [])
        for m in pattern.finditer(sent.text):
            if any(s < m.end() and m.start() < e for s, e, _ in spans) or _inside_longer(
                sent.text, m
            ):
                continue
            actor_id = surfaces[m.group()]
            row = discovered_row(actor_id)
            how = "corpus " + _form_of(m.group(), row["name"])
            rows.append(
                (sent.doc_id, sent.sent_id, sent.role, sent.start + m.start(),
                 sent.start + m.end(), m.group(), actor_id, row["name"], row["kind"], "",
                 how, sent.text, sent.start)
            )  # fmt: skip
    if not rows:
        return mentions
    added = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return concat_tables([mentions, added], MENTION_COLUMNS).sort_values(
        ["doc_id", "start"], kind="stable"
    )


def _form_of(surface: str, name: str) -> str:
    """Which form of ``name`` a surface is: ``full name``, ``surname`` or ``first name``."""
    if surface == name or " " in surface:
        return "full name"
    return "first name" if " " in name and surface == name.split()[0] else "surname"


def _inside_longer(text: str, match: re.Match[str]) -> bool:
    """Whether a name match is part of a longer capitalised name ("Trump Tower",
    "Ivanka Trump") rather than the name itself ("President Trump")."""
    before = text[: match.start()]
    if NAME_WORD_BEFORE.search(before) and not TITLE_BEFORE.search(before):
        return True
    return bool(PROPER_WORD_NEXT.match(text, match.end()))


def mention_spans(mentions: pd.DataFrame) -> dict[tuple[str, int], list[tuple[int, int, str]]]:
    """The mentions of each sentence as ``(start, end, actor_id)`` with offsets in the
    sentence, sorted, keyed by ``(doc_id, sent_id)``: what the attribution rules read."""
    columns = ("doc_id", "sent_id", "start", "end", "sent_start", "actor_id")
    spans: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for doc_id, sent_id, start, end, sent_start, actor_id in zip(
        *(mentions[c].tolist() for c in columns), strict=True
    ):
        spans.setdefault((doc_id, sent_id), []).append(
            (start - sent_start, end - sent_start, actor_id)
        )
    return {key: sorted(found) for key, found in spans.items()}
