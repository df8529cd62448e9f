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
