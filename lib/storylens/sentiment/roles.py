"""Who a sentiment word is about, and the target's role, without a parser.

The target-sentiment model (:mod:`storylens.sentiment.features`) reads lexicon hits
around a target. A hit near the target is not always about it:

- **ownership**: a hit belongs to the nearest *holder* — the target, another name (a
  capitalised word), or a role noun such as "aggressors" — counting a clause break as
  :data:`BREAK_COST` words, so "deter Russia from attacking Ukraine again is a U.S.
  guarantee" gives "attacking" to Russia and Ukraine, not to the U.S.;
- **speech**: a hit right before "that" whose clause holds the target belongs to the
  speaker ("arguing that Ukraine's history ..."): it is about the clause, not the target;
- **agents**: a hit followed by "by"/"from" and a holder belongs to that holder
  ("Ukraine's history of broken promises from aggressors": the aggressors broke them);
- **irrealis scope**: a hit after a word of requirement, limitation or condition in
  the same clause ("limits its ability", "would require approval", "if it wins") is
  not said of anyone yet, and counts apart;
- **roles**: the target as subject (a verb follows), object (a verb or a patient
  preposition before it), agent of a passive ("by <T>"), subject of a passive
  ("<T> was attacked"), or named with an aggressor or a victim noun beside it.

The word lists are in ``data/sentiment_words.yaml``.

>>> from storylens.sentiment.features import sentence_parts
>>> s = "Ukraine's history of broken promises from aggressors."
>>> toks, valence = sentence_parts(s)
>>> [toks[i][2] for i in hit_owners(toks, valence, 0, 0)["other"]]
['broken', 'promises', 'aggressors']
"""

from __future__ import annotations

from importlib import resources
from typing import NamedTuple

import yaml

__all__ = [
    "BREAK_COST", "SentenceFacts", "hit_owners", "irrealis_hits", "sentence_facts", "target_roles",
]  # fmt: skip

BREAK_COST = 3  # a clause break between a hit and a holder counts as this many words
AGENT_REACH = 3  # "by"/"from" within this many words after a hit, its holder as many after


def _word_sets() -> dict[str, frozenset[str]]:
    path = resources.files("storylens").joinpath("data", "sentiment_words.yaml")
    return {k: frozenset(map(str, v)) for k, v in yaml.safe_load(path.read_text("utf-8")).items()}


_WORDS = _word_sets()
CLAUSE_BREAKS = _WORDS["clause_breaks"]
AGENT_MARKERS = _WORDS["agent_markers"]  # "by", "from": the agent of what comes before
ROLE_AGGRESSOR = _WORDS["aggressor_nouns"]  # "aggressor", "invaders": hold their own hits
ROLE_VICTIM = _WORDS["victim_nouns"]  # "victims", "hostages"
IRREALIS = _WORDS["irrealis"]  # "would", "require", "limits", "if": what follows is not fact
AUXILIARIES = _WORDS["auxiliaries"]  # "is", "was", "has", "will": a verb follows its subject
BE_FORMS = _WORDS["be_forms"]  # "was", "were", "been": with a past form, a passive
PATIENT_BEFORE = _WORDS["patient_before"]  # "against", "on": the target undergoes it


Token = tuple[int, int, str]


class SentenceFacts(NamedTuple):
    """What :func:`hit_owners` reads of a sentence whatever the target: its words, the
    clause breaks before each position (:func:`_break_counts`) and the positions of
    possible holders (other names: capitalised, not sentence-initial; role nouns)."""

    words: list[str]
    counts: list[int]
    holders: list[int]


def sentence_facts(toks: list[Token], capital: list[bool]) -> SentenceFacts:
    """The :class:`SentenceFacts` of a sentence's tokens and their capitalisation."""
    words = [w for _, _, w in toks]
    holders = [
        j
        for j, w in enumerate(words)
        if (capital[j] and j > 0) or w in ROLE_AGGRESSOR or w in ROLE_VICTIM
    ]
    return SentenceFacts(words, _break_counts(words), holders)


def _break_counts(words: list[str]) -> list[int]:
    """``counts[k]``: how many clause breaks stand in ``words[:k]``."""
    counts = [0]
    for w in words:
        counts.append(counts[-1] + (w in CLAUSE_BREAKS))
    return counts


def _breaks_between(counts: list[int], a: int, b: int) -> int:
    """Clause breaks strictly between positions ``a`` and ``b``."""
    lo, hi = min(a, b), max(a, b)
    return max(0, counts[hi] - counts[lo + 1])


def _nearest_holder(counts: list[int], i: int, holders: list[int], default: int) -> int:
    """The least distance from hit ``i`` to a holder, a clause break counting
    :data:`BREAK_COST` words (:func:`_breaks_between`, inlined: this runs for every
    hit and holder); ``default`` without holders."""
    best = default if not holders else None
    for j in holders:
        lo, hi = (i, j) if i < j else (j, i)
        d = hi - lo + BREAK_COST * max(0, counts[hi] - counts[lo + 1])
        if best is None or d < best:
            best = d
    return best


def _agent_of(words: list[str], i: int, holders: set[int]) -> int | None:
    """The holder named by "by"/"from" right after hit ``i``, if any."""
    for k in range(i + 1, min(i + 1 + AGENT_REACH, len(words))):
        if words[k] in CLAUSE_BREAKS:
            return None
        if words[k] in AGENT_MARKERS:
            for j in range(k + 1, min(k + 1 + AGENT_REACH, len(words))):
                if j in holders:
                    return j
            return None
    return None


def _introduces_clause_of(words: list[str], i: int, first: int) -> bool:
    """Whether hit ``i`` is a verb or noun right before "that" and the target stands
    after it: the speaker's word about the clause ("arguing that <T>'s history ...",
    "fears that <T> ..."), not a word about the target."""
    return i + 1 < first and words[i + 1] == "that"


def hit_owners(
    toks: list[Token],
    valence: list[float],
    first: int,
    last: int,
    capital: list[bool] | None = None,
    *,
    facts: SentenceFacts | None = None,
) -> dict[str, list[int]]:
    """Lexicon hits outside the target ``first..last`` split by who holds them:
    ``{"own": [...], "other": [...]}`` (token positions). ``facts``: the sentence's
    :func:`sentence_facts`, when already made for another target of it."""
    if facts is None:
        facts = sentence_facts(toks, capital if capital is not None else [False] * len(toks))
    words, counts = facts.words, facts.counts
    holders = [j for j in facts.holders if not first <= j <= last]
    holder_set = set(holders)
    owners: dict[str, list[int]] = {"own": [], "other": []}
    for i, v in enumerate(valence):
        if not v or first <= i <= last:
            continue
        if (
            i in holder_set
            or _agent_of(words, i, holder_set) is not None
            or _introduces_clause_of(words, i, first)
        ):
            owners["other"].append(i)
            continue
        target_pos = first if i < first else last
        own = abs(i - target_pos) + BREAK_COST * _breaks_between(counts, i, target_pos)
        owners["own" if own <= _nearest_holder(counts, i, holders, own + 1) else "other"].append(i)
    return owners


def irrealis_hits(words: list[str], valence: list[float]) -> set[int]:
    """Hits that follow a word of requirement, limitation or condition in their clause."""
    out, active = set(), False
    for i, w in enumerate(words):
        if w in CLAUSE_BREAKS:
            active = False
        elif w in IRREALIS:
            active = True
        elif active and valence[i]:
            out.add(i)
    return out


def _verb_like(word: str) -> bool:
    """A rough verb test for the word after a subject: an auxiliary or a past form."""
    return word in AUXILIARIES or (len(word) > 3 and word.endswith("ed"))


def target_roles(words: list[str], first: int, last: int) -> set[str]:
    """The target's roles: ``subject``, ``object``, ``agent`` ("by <T>"),
    ``passive`` ("<T> was attacked"), ``of`` ("criticism of <T>"), ``aggressor``
    and ``victim`` (a role noun within three words)."""
    roles: set[str] = set()
    after = [w for w in words[last + 1 : last + 5] if not w.endswith("ly")][:3]  # adverbs
    before = words[first - 1] if first > 0 else ""
    governed = before in PATIENT_BEFORE or before in AGENT_MARKERS or before == "of"
    if after[:1] and _verb_like(after[0]) and not governed:  # "strikes on <T> continued"
        roles.add("subject")
        if after[0] in BE_FORMS and any(_verb_like(w) and w not in AUXILIARIES for w in after[1:]):
            roles.add("passive")
    if before in AGENT_MARKERS:
        roles.add("agent")
    elif before == "of":
        roles.add("of")
    elif before in PATIENT_BEFORE or (len(before) > 3 and before.endswith("ed")):
        roles.add("object")
    near = words[max(0, first - 3) : first] + words[last + 1 : last + 4]
    if any(w in ROLE_AGGRESSOR for w in near):
        roles.add("aggressor")
    if any(w in ROLE_VICTIM for w in near):
        roles.add("victim")
    return roles
