"""What kind of claim a figure makes: a plan's size, a demand, an estimate, or other.

A figure is only comparable with another that claims the same kind of thing: the size
of a plan ("a plan to deploy up to 30,000 troops") is not a demand ("has called for a
force of more than 100,000"), and neither is an estimate of something that exists ("an
estimated 600,000 Russian troops"). :func:`claim_of` reads the cue words of the
figure's sentence (``claim_cues`` and ``weak_claim_cues`` in ``data/figure_words.yaml``)
and :func:`is_incidental` recognises number words that count nothing worth comparing
("one problem", "the two", "three primary missions").

>>> s = "Zelenskyy has called for a force of more than 100,000 European troops."
>>> claim_of(s, s.index("more"), s.index("."))
'demand'
"""

from __future__ import annotations

import re
from typing import NamedTuple

from storylens.figures.words import WORDS, phrase_alternation

# The kinds of claim, in the order that breaks a tie between cues at the same distance.
CLAIMS = ("demand", "estimate", "plan")
OTHER = "other"
INCIDENTAL = "incidental"
# Claim kinds that comparisons leave out.
NOT_COMPARED = frozenset({INCIDENTAL})


def _cue_pattern(cues: dict[str, list[str]]) -> re.Pattern[str]:
    """One alternation of every cue phrase, each kind in its own named group."""
    parts = [rf"(?P<{kind}>{phrase_alternation(cues[kind])})" for kind in CLAIMS if cues.get(kind)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I)


# Accepts "called for", "envisions", "an estimated", "believes are necessary" (at
# "necessary"); rejects "planet", "needless", "re-deployed" (whole words only).
CLAIM_CUE = _cue_pattern(WORDS["claim_cues"])
# Accepts "would" in "a force of 30,000 troops would strengthen"; rejects "wouldn't".
WEAK_CLAIM_CUE = _cue_pattern(WORDS["weak_claim_cues"])
# Where the figure's clause ends: punctuation that closes a clause, or a contrasting
# conjunction after a comma. Accepts "; ", ": ", " — ", ", while ", ", but "; rejects
# ", with" and " and would".
CLAUSE_BREAK = re.compile(
    r"[;:—–]|\s-\s|,\s*(?:" + phrase_alternation(WORDS["clause_breaks"]) + r")\b", re.I
)
# A relative clause right after the figure, whose cue is about the figure before any
# other: accepts " that Ukrainian President Zelensky believes are necessary"; rejects
# ", the plan says" (no relative pronoun).
RELATIVE_AFTER = re.compile(r"\s*,?\s*(?:that|which|who)\b[^,.;:!?]*", re.I)
ABSTRACT_NOUNS = frozenset(w.lower() for w in WORDS["abstract_nouns"])
ABSTRACT_ENDINGS = tuple(WORDS["abstract_endings"])
# A digit anywhere in the figure's text: "3 missions" is written as a figure, "three
# missions" as a word. Accepts "30,000 troops"; rejects "three primary missions".
DIGIT = re.compile(r"\d")


class Cue(NamedTuple):
    """One claim cue found in a sentence."""

    claim: str  # plan, demand, estimate
    distance: int  # characters between the cue and the figure (0: inside it)
    text: str  # the cue as written


def cues_near(
    sentence: str, start: int, end: int, *, weak: bool = False, span: tuple[int, int] | None = None
) -> list[Cue]:
    """Every claim cue of ``sentence`` (of ``sentence[span[0]:span[1]]`` if given), with
    its distance to the figure at ``sentence[start:end]``, nearest first (ties in the
    order of :data:`CLAIMS`)."""
    pattern = WEAK_CLAIM_CUE if weak else CLAIM_CUE
    lo, hi = span or (0, len(sentence))
    found = []
    for m in pattern.finditer(sentence, lo, hi):
        if m.end() <= start:
            distance = start - m.end()
        elif m.start() >= end:
            distance = m.start() - end
        else:
            distance = 0
        found.append(Cue(m.lastgroup, distance, m.group()))
    return sorted(found, key=lambda c: (c.distance, CLAIMS.index(c.claim)))


def clause_of(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the clause holding the figure at ``sentence[start:end]``: from the
    last clause break before it to the first after it (see :data:`CLAUSE_BREAK`)."""
    lo, hi = 0, len(sentence)
    for m in CLAUSE_BREAK.finditer(sentence):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def claim_of(sentence: str, start: int, end: int) -> str:
    """The kind of claim of the figure at ``sentence[start:end]``: ``plan``, ``demand``,
    ``estimate`` or ``other`` (no cue). The cue of a relative clause right after the
    figure comes first ("the 200,000 troops that Zelensky believes are necessary"); else
    the nearest cue of ``claim_cues`` in the figure's clause; else of ``weak_claim_cues``.

    >>> s = "A proposed Anglo-French plan to deploy up to 30,000 troops has faced pushback."
    >>> claim_of(s, s.index("up to"), s.index(" has"))
    'plan'
    >>> s = "With an estimated 600,000 Russian troops still in Ukraine, analysts say ..."
    >>> claim_of(s, s.index("an estimated"), s.index(" still"))
    'estimate'
    >>> s = "The plan falls short of the 200,000 troops that Zelensky believes are necessary."
    >>> claim_of(s, s.index("200,000"), s.index(" that"))
    'demand'
    """
    relative = RELATIVE_AFTER.match(sentence, end)
    if relative:
        found = cues_near(sentence, start, end, span=(end, relative.end()))
        if found:
            return found[0].claim
    clause = clause_of(sentence, start, end)
    found = cues_near(sentence, start, end, span=clause) or cues_near(
        sentence, start, end, weak=True, span=clause
    )
    return found[0].claim if found else OTHER


def is_incidental(text: str, kind: str, noun) -> bool:
    """Whether a figure is a number word used as a determiner of an abstract noun, or as
    a pronoun: "one problem", "three primary missions" (kind ``count``), "the two" (kind
    ``number``). Figures written with digits and counts of listed kinds (troops, people,
    countries, ...) are never incidental.

    >>> is_incidental("three primary missions", "count", "missions")
    True
    >>> is_incidental("3 missions", "count", "missions"), is_incidental("two", "number", None)
    (False, True)
    """
    if DIGIT.search(text) or kind not in ("count", "number"):
        return False
    if kind == "number":
        return True
    head = str(noun or "").lower().split()[-1:] or [""]
    return head[0] in ABSTRACT_NOUNS or head[0].endswith(ABSTRACT_ENDINGS)


def figure_claim(sentence: str, start: int, end: int, *, text: str, kind: str, noun) -> str:
    """The ``claim`` column of one figure: ``incidental`` (see :func:`is_incidental`),
    else :func:`claim_of`."""
    if is_incidental(text, kind, noun):
        return INCIDENTAL
    return claim_of(sentence, start, end)


# --------------------------------------------------------------------------------------
# What a figure counts: the same noun is not yet the same thing

OTHER_GROUP = frozenset(w.lower() for w in WORDS["other_group_words"])
# A count of members picked out of a group: accepts "one of the Democrats", "two of
# them"; rejects "dozens of homes", "tens of thousands of troops" (no determiner).
SUBSET = re.compile(r"^\S+\s+(?:" + phrase_alternation(WORDS["subset_after_number"]) + r")\b", re.I)
_EVENT_IRREGULAR = frozenset(w.lower() for w in WORDS["event_verbs"])
# The verb after a figure, through a relative pronoun, auxiliaries and adverbs: accepts
# " who initially voted" (at "voted"), " voted to advance", ", who gathered"; rejects ",
# the revolt" (a noun first).
EVENT_AFTER = re.compile(
    r"\s*,?\s*(?:(?:who|that|which)\s+)?"
    r"(?:(?:\w+ly|also|still|then|all|not|have|has|had|were|was|are|is|will|would|did|been)\s+)*"
    r"(?P<verb>[A-Za-z]+)\b"
)
# The word governing a figure before it, through one preposition and determiner: accepts
# "support from " (at "support"), "retreat by ", "deploy "; rejects "that " (a stop word)
# and the "s " of a possessive ("Clinton's ").
EVENT_BEFORE = re.compile(
    r"(?<![\w'’])(?P<word>[A-Za-z]+)\s+(?:(?:by|from|of|for|with|among|to|against)\s+)?"
    r"(?:(?:the|a|an|its|their|his|her|some|all)\s+)?$"
)
_STOP = frozenset(w.lower() for w in WORDS["stop_words"])
# The phrase a measure is of, right after it: accepts " in federal taxes", " for 41
# speeches" (at "speeches"), " to charity"; rejects " and" (no preposition).
PHRASE_AFTER = re.compile(
    r"\s+(?P<prep>in|of|for|on|to|from|at)\s+(?:(?:the|a|an|its|their|his|her|this|that)\s+)?"
    r"(?P<words>[A-Za-z-]+(?:\s+(?:and\s+)?[A-Za-z-]+){0,2})"
)


# The possessor written before a figure: accepts "Clinton's " (at "Clinton") in
# "Clinton's eight years of tax returns", "the Pentagon’s "; rejects "its " (a pronoun
# says nothing without its antecedent) and "Clinton said " (no possessive).
OWNER_BEFORE = re.compile(r"(?P<owner>[A-Z][\w.-]*)['’]s\s+$")
# The possessor right after a figure: accepts " of Bush's" in "33 years of Bush's
# returns" and " of the Senate" in "51 members of the Senate"; rejects " of tax returns"
# (not a name).
OWNER_AFTER = re.compile(
    r"\s+of\s+(?:the\s+)?(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)(?=['’]s\b|[\s,.;:]|$)"
)


class Thing(NamedTuple):
    """What a figure counts, as far as the words around it tell without a parser."""

    modifiers: frozenset[str]  # capitalised words before the counted noun ("Senate")
    event: str | None  # the stem of the verb or noun of its event ("vot", "support")
    apart: bool  # a group apart ("other Democrats") or a subset ("one of the Democrats")
    of: frozenset[str] = frozenset()  # the phrase after it: "in" and stems of "federal taxes"
    owner: str | None = None  # whose it is: "clinton" in "Clinton's eight years of returns"


def _stem(word: str) -> str:
    """A crude stem: "voted", "votes", "voting" and "vote" all give "vot"."""
    w = word.lower()
    for ending in ("ing", "ed", "es", "s", "e"):
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return w[: -len(ending)]
    return w


def _event(sentence: str, start: int, end: int) -> str | None:
    """The event a figure takes part in: the verb after it ("33 Democrats voted", "the
    10 Democrats who gathered"), else the word governing it before ("support from 33
    Democrats"); None where neither is found."""
    after = EVENT_AFTER.match(sentence, end)
    verb = after.group("verb").lower() if after else ""
    if verb.endswith("ed") or verb in _EVENT_IRREGULAR:
        return _stem(verb)
    before = EVENT_BEFORE.search(sentence, max(0, start - 40), start)
    word = before.group("word").lower() if before else ""
    if word and word not in _STOP and word not in OTHER_GROUP:
        return _stem(word)
    return None


def counted_thing(sentence: str, text: str, noun, *, measure: bool = False) -> Thing:
    """What the figure ``text`` (as written in ``sentence``) counts: the capitalised
    modifiers of its counted noun, the stem of its event, whether it counts a group
    apart, and the stems of the phrase after it. For a ``measure`` (a figure with a unit)
    the event is not read: "paid $43 million in federal taxes" and "paid $13.6 million in
    state taxes" share a verb, not a thing; the phrase after a measure says what it is.
    Two figures count the same thing only where these agree
    (:func:`same_thing`).

    >>> s = "the agreement that 33 Senate Democrats voted to advance"
    >>> counted_thing(s, "33 Senate Democrats", "Democrats")
    Thing(modifiers=frozenset({'senate'}), event='vot', apart=False, of=frozenset(), owner=None)
    >>> s = "eyeing one of the Democrats who pushed"
    >>> counted_thing(s, "one of the Democrats", "Democrats").apart
    True
    """
    words = text.split()
    at = next((i for i, w in enumerate(words) if any(c.isdigit() for c in w)), 0)
    between = [w.strip("“”\"'‘’,") for w in words[at + 1 : -1]]
    modifiers = frozenset(w.lower() for w in between if w[:1].isupper())
    apart = bool(SUBSET.match(text)) or any(w.lower() in OTHER_GROUP for w in between)
    start = sentence.find(text)
    if start < 0:
        return Thing(modifiers, None, apart)
    owner = _owner(sentence, start, start + len(text))
    end = start + len(text)
    phrase = PHRASE_AFTER.match(sentence, end)
    of = frozenset(
        [_stem(w) for w in phrase.group("words").split() if w.lower() not in _STOP]
        + [phrase.group("prep").lower()]
        if phrase
        else ()
    )
    event = None if measure else _event(sentence, start, end)
    return Thing(modifiers, event, apart, of, owner)


def _owner(sentence: str, start: int, end: int) -> str | None:
    """Whose the thing a figure counts is, in lower case: the name with "'s" before it
    ("Clinton's eight years") or after "of" right after it ("33 years of Bush's
    returns", "51 members of the Senate"); None where neither is written. A name of
    several words gives its last ("Hillary Clinton's" -> "clinton")."""
    before = OWNER_BEFORE.search(sentence, max(0, start - 40), start)
    if before:
        return before.group("owner").lower()
    after = OWNER_AFTER.match(sentence, end)
    return after.group("owner").split()[-1].lower() if after else None


def _same_phrase(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two phrases after figures can name one thing: they share a word, and their
    other words overlap where both have some ("federal income taxes" and "federal
    taxes" can, "federal taxes" and "state and local taxes" cannot)."""
    shared = a & b
    return bool(shared) and (a == shared or b == shared or bool((a - shared) & (b - shared)))


def same_thing(a: Thing, b: Thing) -> bool:
    """Whether two figures with the same noun (or unit) are shown to count or measure the
    same thing. Nothing may tell them apart: neither counts a group apart, their
    capitalised modifiers agree where both have some ("Senate Democrats" and "House
    Democrats" do not), and so do their events where both have one ("voted" and
    "gathered" do not), and so do their owners where both have one ("Clinton's eight
    years of tax returns" and "Bush's 33 years" are two people's). And something must
    tie them: the same event, the same modifiers, the same owner, or a word in common in
    the phrase after them ("$43 million in federal taxes", "$43,885,310 in federal
    taxes"). The noun alone is not enough.

    >>> voted = counted_thing("33 Senate Democrats voted", "33 Senate Democrats", None)
    >>> gathered = counted_thing("10 Democrats who gathered", "10 Democrats", None)
    >>> same_thing(voted, gathered), same_thing(voted, voted)
    (False, True)
    """
    if a.apart or b.apart:
        return False
    if a.modifiers and b.modifiers and a.modifiers != b.modifiers:
        return False
    if a.event is not None and b.event is not None and a.event != b.event:
        return False
    if a.of and b.of and not _same_phrase(a.of, b.of):
        return False
    if a.owner is not None and b.owner is not None and a.owner != b.owner:
        return False
    return bool(
        (a.event is not None and a.event == b.event)
        or (a.modifiers and a.modifiers == b.modifiers)
        or (a.owner is not None and a.owner == b.owner)
        or (a.of & b.of)
    )
