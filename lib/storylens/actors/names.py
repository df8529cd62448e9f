"""Capitalised names that match no registered actor: what to add to the registry.

>>> from storylens import load_corpus
>>> names = unlisted_names(load_corpus())
>>> "Winston Churchill" in set(names["name"]), "Starmer" in set(names["name"])
(True, False)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from storylens.actors.mentions import actor_mentions, mention_spans
from storylens.actors.registry import Registry, registry_for
from storylens.actors.words import words
from storylens.corpus import Corpus
from storylens.lexicon import alternation, month_pattern, weekdays
from storylens.nlp import WORD_TOKEN
from storylens.terms import stopwords

__all__ = ["UNLISTED_COLUMNS", "unlisted_names"]

UNLISTED_COLUMNS = ["name", "count", "n_docs", "example", "doc_id", "start", "end"]

# Capitalised word sequences, for unlisted names: accepts "Khartya", "Radar MMS",
# "King’s College London", "Budapest Memorandum"; rejects "the", "30,000".
NAME_SEQUENCE = re.compile(
    r"(?<![\w’'-])(?:[A-Z][\w’'.-]*[\w]|[A-Z])(?:\s+(?:(?:of|de|von|der|van|the)\s+)?"
    r"(?:[A-Z][\w’'.-]*[\w]|[A-Z]))*"
)
# A word, for telling title-case headings apart: accepts "Hurdles", "and"; rejects "—".
WORD = re.compile(r"[^\W\d_][\w’'-]*")
# A possessive ending of a name: accepts "’s" in "Starmer’s", "'" in "Allies'"; rejects "s".
POSSESSIVE_END = re.compile(r"[’']s?\Z")
# A month or weekday name alone (from the lexicon), not a name: accepts "February",
# "Sept", "Thurs"; rejects "Mar-a-Lago". Three-letter weekday abbreviations are left
# out: "Sun", "Sat" and "Wed" are more often a newspaper's name or a word.
CALENDAR_WORD = re.compile(
    rf"(?:{month_pattern()}|{alternation(w for w in weekdays() if len(w) > 3)})\.?\Z", re.I
)
# Title words (from actor_words.yaml, without a final period): "Mr", "Sen", "President".
TITLE_WORDS = frozenset(t.rstrip(".") for t in words("titles") if " " not in t)
# A party-state tag: accepts "R-S.C", "D-Calif", "R-Ky", "D-N.Y", "R"; rejects "Rand".
PARTY_TAG = re.compile(r"[RDI](?:-[A-Z][\w.]*)?")
# Small words that cannot start a name.
NAME_LINKS = frozenset({"the", "of", "and", "de", "von", "der"})


class CaseEvidence(NamedTuple):
    """How the corpus writes its words: ``lower`` holds the words it writes in lower
    case; ``capitalised_inside`` those it capitalises away from a sentence's start."""

    lower: set[str]
    capitalised_inside: set[str]


def case_evidence(tokens: pd.DataFrame) -> CaseEvidence:
    """The :class:`CaseEvidence` of a tokens table (``corpus.tokens``)."""
    lower_words = set(tokens["lower"][tokens["token"] == tokens["lower"]])
    first_in_sentence = tokens.groupby(["doc_id", "sent_id"])["tok_id"].transform("min")
    inner = tokens[(tokens["tok_id"] != first_in_sentence) & tokens["token"].str[:1].str.isupper()]
    return CaseEvidence(lower_words, set(inner["token"]))


def sentence_case_evidence(texts: Iterable[str]) -> CaseEvidence:
    """The :class:`CaseEvidence` of sentences, tokenised as the loader tokenises them
    (``nlp.WORD_TOKEN``), one at a time: the same sets as :func:`case_evidence` of their
    tokens table, without the table (at 100,000 articles some 50 million rows).

    >>> sorted(sentence_case_evidence(["However, the EU met.", "the Eu"]).capitalised_inside)
    ['EU', 'Eu']
    """
    lower: set[str] = set()
    inside: set[str] = set()
    for text in texts:
        tokens = WORD_TOKEN.findall(text)
        lower.update(t for t in tokens if t == t.lower())
        inside.update(t for t in tokens[1:] if t[:1].isupper())
    return CaseEvidence(lower, inside)


def _is_heading(text: str) -> bool:
    """A title-case heading ("Challenges and Diplomatic Hurdles"): every word that is
    not a stopword capitalised, and no final period."""
    words = [w for w in WORD.findall(text) if w.lower() not in stopwords()]
    return bool(words) and all(w[0].isupper() for w in words) and not text.rstrip().endswith(".")


def _sentence_case_only(word: str, case: CaseEvidence) -> bool:
    """A word capitalised only because it starts a sentence ("However")."""
    return word.lower() in case.lower or word not in case.capitalised_inside


def _starts_with_place(name: str) -> bool:
    """Whether a name begins with a place name whose first word is also a common word:
    "New York Times", "New Zealand" (not trimmed to "York Times", "Zealand")."""
    return any(name == p or name.startswith(p + " ") for p in words("places") if " " in p)


def _is_not_a_name(name: str) -> bool:
    """A title alone ("Mr", "Sen", "President") or a party-state tag ("R-S.C", "D-Calif"),
    which the capitalised runs pick up but which name no one."""
    return name in TITLE_WORDS or bool(PARTY_TAG.fullmatch(name))


def _without_title(name: str, offset: int) -> tuple[str, int]:
    """A name without leading title words: "Congressman Grimm" -> "Grimm", "President
    Trump" -> "Trump"; a title alone stays (and is then left out)."""
    parts = name.split()
    while len(parts) > 1 and parts[0] in TITLE_WORDS:
        offset += name.index(parts[1], len(parts[0])) - name.index(parts[0])
        name, parts = name[name.index(parts[1], len(parts[0])) :], parts[1:]
    return name, offset


def _trimmed(match: re.Match[str], case: CaseEvidence) -> tuple[str, int]:
    """The name a capitalised run holds and its offset in the sentence, without a
    possessive and without leading words that only start the sentence or are stopwords:
    "But Western" -> "Western", "As the Journal" -> "Journal"."""
    name, offset = POSSESSIVE_END.sub("", match.group().rstrip(".")), match.start()
    first = name.split()[0]
    while (
        " " in name
        and not _starts_with_place(name)
        and (first.lower() in stopwords() or (offset == 0 and _sentence_case_only(first, case)))
    ):
        name = name.split(" ", 1)[1].lstrip()
        offset = match.start() + match.group().index(name)
        first = name.split()[0]
    return name, offset


def _single_word_is_a_name(name: str, before: str, case: CaseEvidence) -> bool:
    """Whether a one-word run is a name: not a stopword, a sentence-initial word, a
    calendar word, "I" or "A"."""
    at_start = not before or before.rstrip().endswith(("“", '"', ":"))
    if name.lower() in stopwords() or (at_start and _sentence_case_only(name, case)):
        return False
    return not (len(name) < 2 or CALENDAR_WORD.match(name) or name.lower() in {"i", "a"})


def _names_in(
    text: str, registry: Registry, case: CaseEvidence, mentioned: list[tuple[int, int]] = ()
) -> list[tuple[str, int]]:
    """The unlisted names of one sentence with their offsets in it; ``mentioned``: the
    spans of actor mentions there (discovered actors' included), which are listed."""
    known = registry.pattern
    covered = [(m.start(), m.end()) for m in known.finditer(text)] if known else []
    covered += list(mentioned)
    found = []
    for m in NAME_SEQUENCE.finditer(text):
        name, offset = _without_title(*_trimmed(m, case))
        if name.split()[0].lower() in NAME_LINKS or _is_not_a_name(name):
            continue
        if any(s < m.end() and m.start() < e for s, e in covered):
            continue  # keep the part that is not an actor: "Radar MMS" yes, "Sir Keir" no
        if " " not in name and not _single_word_is_a_name(name, text[:offset], case):
            continue
        found.append((name, offset))
    return found


@dataclasses.dataclass
class _Tally:
    """One unlisted name: how often, in which documents, and its first use."""

    example: str
    doc_id: str
    start: int
    end: int
    count: int = 0
    docs: set[str] = dataclasses.field(default_factory=set)


def unlisted_names(
    corpus: Corpus, *, registry: Registry | str | Path | None = None, min_count: int = 1
) -> pd.DataFrame:
    """Capitalised names in the corpus that match no registered or discovered actor.

    For extending the registry. A name is a run of capitalised words (allowing "of",
    "de", "von", "der"); a single word at the start of a sentence is left out when the
    corpus also uses it in lower case ("However"), and so are month and weekday names.
    Returns ``name, count, n_docs``, ``example`` (a sentence using it), ``doc_id``,
    ``start``, ``end`` (the first use), sorted by count.
    """
    reg = registry_for(corpus, registry)
    sentences = corpus.sentences
    case = sentence_case_evidence(sentences["text"].tolist())
    spans = mention_spans(actor_mentions(corpus, registry=reg))
    tallies: dict[str, _Tally] = {}
    columns = [sentences[c].tolist() for c in ("doc_id", "sent_id", "start", "text")]
    for doc_id, sent_id, first, text in zip(*columns, strict=True):
        if _is_heading(text):
            continue
        mentioned = [(s, e) for s, e, _ in spans.get((doc_id, sent_id), ())]
        for name, offset in _names_in(text, reg, case, mentioned):
            start = first + offset
            tally = tallies.setdefault(name, _Tally(text, doc_id, start, start + len(name)))
            tally.count += 1
            tally.docs.add(doc_id)
    rows = [
        (name, t.count, len(t.docs), t.example, t.doc_id, t.start, t.end)
        for name, t in tallies.items()
        if t.count >= min_count
    ]
    table = pd.DataFrame(rows, columns=UNLISTED_COLUMNS)
    return table.sort_values(["count", "name"], ascending=[False, True]).reset_index(drop=True)
