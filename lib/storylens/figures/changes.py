"""Changes: whether a figure is the amount of a change, or a level before or after one.

News gives about one figure in eight as a change: an increase ("rose by 5%", "added
3,000 jobs", "up 12 points", "a 5% rise") or a decrease ("fell 2%", "cut 20,000 troops",
"a 3% drop", "20,000 job cuts"). A figure is then one of three parts of its change:

- ``amount``: the size of the change ("rose *5%*", "cut its forces by *20,000*");
- ``from``: the level before ("down from *40*", "fell from *40* to 30");
- ``to``: the level after ("doubled to *$40 billion*", "fell from 40 to *30*").

"rose from 5% to 7%" is two linked figures, ``from`` and ``to``: both carry the pair in
``from_value``/``to_value``; the direction is the verb's, or where it has none the two
values' ("went from 5 to 7" is an increase). The words are data in
``data/figure_words.yaml`` (``change_verbs``, ``change_nouns``, ``change_after`` and
the lists after them; ``data/change_examples.yaml`` gives examples of each list, each a
test); the rules read the few words before and after the figure, without a parser.
After a verb of motion "up to" is the level reached ("ticking up to 43%": exact, the
``to`` of an increase), not a bound (``up_to_level``); a level may follow the amount
("fell 190 points, or 0.6 percent, to 31,500") or come before it ("closed at $60, down
50 cents"), and the patterns that link them (``AMOUNT_THEN_LEVEL``,
``LEVEL_THEN_AMOUNT``, ``LEVEL_THEN_FROM``, ``PAIR_JOIN``) are read by
:mod:`storylens.figures.extract` over neighbouring figures. "doubled" or "halved" with
no number states no figure; with one it is read as the others are ("doubled to $40
billion": the level after). ``value`` keeps the number as stated: a decrease of 2% has
``value`` 2 and ``change`` ``decrease``.

>>> change_before("Employers added 3,000 jobs.", 16)
Change(direction='increase', part='amount')
>>> change_before("Attendance was 30, down from 40.", 29)
Change(direction='decrease', part='from')
"""

from __future__ import annotations

import re
from typing import NamedTuple

from storylens.figures.words import WORDS

INCREASE, DECREASE = "increase", "decrease"


def _direction_map(lists: dict[str, list[str]]) -> dict[str, str]:
    return {w.lower(): direction for direction, words in lists.items() for w in words}


CHANGE_VERBS = _direction_map(WORDS["change_verbs"])
CHANGE_NOUNS = _direction_map(WORDS["change_nouns"])
CHANGE_AFTER = _direction_map(WORDS["change_after"])
# Verbs of change without a direction ("went from 5 to 7"): a from/to pair only.
UNDIRECTED = frozenset(w.lower() for w in WORDS["change_words"]) - set(CHANGE_VERBS)
# Every cue word, for a fast first test of each word before a figure.
CUE_WORDS = frozenset(CHANGE_VERBS) | frozenset(CHANGE_NOUNS) | UNDIRECTED
PARTICLE_VERBS = frozenset(w.lower() for w in WORDS["not_change_before"])
ADVERBS = frozenset(w.lower() for w in WORDS["change_adverbs"])
NEEDS_PREPOSITION = frozenset(w.lower() for w in WORDS["change_needs_preposition"])
FOR_COUNTS = frozenset(w.lower() for w in WORDS["change_verbs_for_counts"])
TRANSITIVE = frozenset(w.lower() for w in WORDS["change_verbs_transitive"])
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"})
COUNTED = frozenset(w.lower() for w in WORDS["change_counted"])
COUNTED_AFTER_VERB = frozenset(w.lower() for w in WORDS["change_counted_after_verb"])
RELATIVE_ONLY = frozenset(w.lower() for w in WORDS["change_nouns_relative_only"])
_PARTICLES = frozenset({"up", "down", "off"})
OFF_AFTER = frozenset(w.lower() for w in WORDS["change_off_after"])
# A bound that places a level: accepts "above " in "climbed above 8,000"; rejects "more
# than " (see change_level_qualifiers).
LEVEL_QUALIFIER = re.compile(
    r"(?i)(?:" + "|".join(map(re.escape, WORDS["change_level_qualifiers"])) + r")\s"
)
PASSIVE = frozenset({"was", "were", "been", "be", "being", "are", "is", "have", "has", "had"})
PREPOSITIONS = frozenset({"by", "to", "from", "of"})
UP_TO_VERBS = frozenset(w.lower() for w in WORDS["change_up_to_verbs"])
LEVEL_WORDS = frozenset(w.lower() for w in WORDS["change_level_words"])
NOUN_MODIFIERS = frozenset(w.lower() for w in WORDS["change_noun_modifiers"])
RELATIVE_NOUNS = frozenset(w.lower() for w in WORDS["change_relative_nouns"])
# "up to" right after a verb of motion: accepts "ticking up to " (at "ticking"), "crept
# up to "; the verb is checked against change_up_to_verbs ("deploy up to " is a bound).
UP_TO = re.compile(r"(?i)(?P<verb>[a-z]+)\s+up\s+to\s+$")
# How many words may stand between the cue and the preposition before the figure: "cut
# its forces in Europe by 20,000" (4); "rose from 5% in 2019 to 7%" (4).
MAX_GAP = 5
# ... and before "to": "shrunk from about 5 million a century ago to about 400,000" (7).
MAX_GAP_TO = 8
# Characters that end a clause inside a word token ("30,", "said;"): a cue before one
# belongs to another clause.
_CLAUSE_END = frozenset(",;:.!?—()[]")
_STRIP = "“”\"'‘’"
WINDOW = 70  # characters read before a figure
# Between a level and the level it came from: accepts ", down from " in "30, down from
# 40" and " (up from " in "7% (up from 5%)"; rejects ", compared with ".
# Between two amounts (or levels) of one change: accepts " or " in "fell 2% or $1.40 a
# share", ", or ", " (" in "to 235 million guilders ($113.2 million)" and "), or " after
# it; rejects " and " (two changes).
# Between the two levels of a change: accepts " to " in "from 5% to 7%", " a century ago
# to ", " in 2019 to " and " from "; rejects "; to " (another clause).
PAIR_JOIN = re.compile(r"(?i)[^;:.!?()]{0,30}?\b(?:to|from)\s*")
SAME_AMOUNT = re.compile(r"(?i)\)?\s*(?:,?\s*or\s+|\(\s*)")
# Between an amount and the level it reached: accepts " at " in "closed down $1.875 at
# $44.875"; rejects " at about " (words between).
AMOUNT_AT_LEVEL = re.compile(r"(?i)\s+at\s+")
# Between the amount of a change and a level after it: accepts ", to " in "fell 190
# points, or 0.6 percent, to 31,500" and " from " in "up 5% from $40"; rejects ", and ".
# A few words may stand between ("dropped 40% since January, to 12,000", "fell 6.43, on
# Friday, to 437.68"), not a clause
# ("cut 20,000 troops and add 5,000": "and" rejects).
AMOUNT_THEN_LEVEL = re.compile(
    r"(?i)\s*,?(?:\s+(?!(?:and|but|while|as|which|that|who|or)\b)[\w'’-]+){0,4}"
    r"\s*,?\s*(?P<prep>to|from)\s+"
)
# "up to" at the start of a figure followed by "from": "up to 43% from 40%".
UP_TO_THEN_FROM = re.compile(r"(?i)up\s+to\s+")
# Between a level and the amount of the change that led to it: accepts ", down " in
# "closed at $60, down 50 cents" and " (up " ; rejects ", compared with ".
LEVEL_THEN_AMOUNT = re.compile(r"(?i)\s*[,(—–]\s*(?:up|down|off)\s+")
# Before a level that is compared with another: accepts "compared with ", "against ",
# "from " (that level is the old one: "$2.3 billion, compared with $2.1 billion, up 9%").
COMPARED_BEFORE = re.compile(r"(?i)\b(?:compared\s+(?:with|to)|against|versus|vs\.?|from)\s+$")
LEVEL_THEN_FROM = re.compile(r"(?i)\s*[,(—–]?\s*(?:up|down)\s+from\s+")


class Change(NamedTuple):
    """The change a figure belongs to: its direction (``increase``, ``decrease``, or ""
    where only the values of a from/to pair can tell) and the figure's part in it."""

    direction: str
    part: str  # amount, from, to


def _words_before(text: str, start: int) -> list[str]:
    """The words before ``start`` (at most :data:`WINDOW` characters), lower case."""
    lo = max(0, start - WINDOW)
    words = text[lo:start].lower().split()
    if lo > 0 and words and not text[lo - 1].isspace():
        words = words[1:]  # the first word is cut
    return words


def _has_cue(words: list[str]) -> bool:
    """Whether any of the words is a cue word (the fast test that most figures fail)."""
    if not CUE_WORDS.isdisjoint(words):
        return True
    marked = [w.strip(_STRIP + "([,;:.") for w in words if not (w[0].isalnum() and w[-1].isalnum())]
    return not CUE_WORDS.isdisjoint(marked)


def _cue(word: str, before: str | None, *, nouns: bool) -> str | None:
    """The direction a word gives as the cue of a change ("" for an undirected verb);
    None if it is none. "up"/"down"/"off" after a particle verb ("shot down") are no
    cue, nor "off" after any word but those of ``change_off_after``."""
    w = word.strip(_STRIP + "([")
    if w in _PARTICLES and before is not None and before.strip(_STRIP) in PARTICLE_VERBS:
        return None
    if w == "off" and before is not None and not (before in OFF_AFTER or before[-1] == ","):
        return None  # "kept Tubman off $20 bill"; "shares were off 50 cents" is one
    if nouns and w in CHANGE_NOUNS:
        return CHANGE_NOUNS[w]
    if w in CHANGE_VERBS:
        return CHANGE_VERBS[w]
    return "" if w in UNDIRECTED else None


def change_before(
    text: str, start: int, *, count: bool = False, noun: str | None = None, relative: bool = False
) -> Change | None:
    """The change the words before the figure at ``start`` make it part of, or None.

    Right after a verb of change (adverbs between allowed): the amount ("rose 5%", "cut
    20,000 troops", "up nearly 3%": the qualifier is in the figure). After "by": the
    amount, with up to :data:`MAX_GAP` words after the verb ("cut its forces by 20,000").
    After "of": the amount, right after a noun of change ("an increase of 5%"). After
    "to" / "from": the level after / before ("doubled to $40 billion", "down from 40",
    "reduced from the 220 pounds"). ``count``: the figure is a count, which of the verbs
    that take an object only those of ``change_verbs_for_counts`` take as a change ("cut
    20,000 troops", not "dropped 16 felony counts"; "plummeted 190 points" has none).
    The verbs of ``change_needs_preposition`` take a direct object as the amount only
    where it is ``relative`` (a percentage or points: "lost 3%") or counts, as ``noun``,
    what ``change_counted_after_verb`` lists ("lost 40 seats", not "lost two officers"). Words of
    ``change_level_words`` may stand after "to"/"from" ("rose to a record $5 billion").
    """
    words = _level_words_dropped(_words_before(text, start))
    if not words or not _has_cue(words):
        return None
    prep = words[-1] if words[-1] in PREPOSITIONS else None
    cue_words = words[:-1] if prep else words
    for gap in range(min(len(cue_words), (MAX_GAP_TO if prep == "to" else MAX_GAP) + 1)):
        i = len(cue_words) - 1 - gap
        word = cue_words[i]
        if word[-1] == "," and gap == 0 and prep in ("to", "from"):
            word = word[:-1]  # ", to": "fell for a third year, to 4,200", "doubled, to"
        elif word[-1] in _CLAUSE_END:
            return None
        if word not in CUE_WORDS and word.strip(_STRIP + "([") not in CUE_WORDS:
            continue
        before = cue_words[i - 1] if i > 0 else None
        direction = _cue(word, before, nouns=prep in ("of", "by", "to"))
        if direction is not None:
            w = word.strip(_STRIP + "([")
            counted = relative or (
                count and noun is not None and noun.lower() in COUNTED_AFTER_VERB
            )
            for_count = w not in TRANSITIVE or w in FOR_COUNTS or counted
            as_noun = prep in ("of", "by", "to") and w in CHANGE_NOUNS
            if as_noun and w in RELATIVE_ONLY and not counted:
                return None  # "a net loss of $35.2 million"
            if prep is None and (
                (w in NEEDS_PREPOSITION and not counted) or (count and not for_count)
            ):
                return None  # "raised $3.9 million", "dropped 16 felony counts"
            return _part(direction, prep, cue_words[i + 1 :])
    return None


def _level_words_dropped(words: list[str]) -> list[str]:
    """The words with the words of a level after "to"/"from" dropped ("rose to a record"
    -> "rose to"); unchanged where no "to"/"from" comes before them ("an increase of")."""
    i = len(words)
    while i > 0 and words[i - 1] in LEVEL_WORDS:
        i -= 1
    if i < len(words) and i > 0 and words[i - 1] in ("to", "from"):
        return words[:i]
    return words


def up_to_level(text: str, start: int) -> int | None:
    """Where the number starts if the "up to" at ``start`` is the level a change reached,
    not a bound: right after a verb of ``change_up_to_verbs`` ("ticking up to 43%").
    None otherwise ("deploy up to 30,000 troops").

    >>> s = "Approval has been ticking up to 43%."
    >>> s[up_to_level(s, s.index("up to")) :]
    '43%.'
    >>> up_to_level("The plan would deploy up to 30,000 troops.", 22) is None
    True
    """
    m = re.match(r"(?i)up\s+to\s+", text[start : start + 12])
    if m is None:
        return None
    before = UP_TO.search(text, max(0, start - 20), start + m.end())
    if before is None or before.group("verb").lower() not in UP_TO_VERBS:
        return None
    return start + m.end()


def _part(direction: str, prep: str | None, gap: list[str]) -> Change | None:
    """The figure's part given the preposition before it and the words between the cue
    and that preposition (or the figure)."""
    if prep in ("to", "from"):
        return Change(direction, prep)
    if prep is None and not _adverbs(gap):
        return None  # "cut the ribbon at 3 pm", "added that 3 ...", "cut a $50m check"
    if prep == "of" and gap:
        return None  # "a rise in the number of 30 ..."
    return Change(direction, "amount") if direction else None


def _adverbs(gap: list[str]) -> bool:
    """Whether the words between a verb and its amount are adverbs ("a" / "an" only
    before one: "added a further 3,000")."""
    return all(w in ADVERBS or (w in ("a", "an") and i + 1 < len(gap)) for i, w in enumerate(gap))


def change_after(text: str, end: int, noun: str | None, *, relative: bool = True) -> str | None:
    """The direction of a change whose amount the figure ending at ``end`` is, read after
    it: its counted noun is a noun of change after what a change counts ("20,000 job
    cuts", not "five losses"), the next word is a noun of change ("a 3% drop"), or it is
    followed by "higher"/"lower" or a passive ("3,000 jobs were added"). A noun of
    ``change_nouns_relative_only`` makes a change only of a ``relative`` figure ("a 3%
    loss", not "a $3.8 million gain from the sale"). None if there is none.

    >>> change_after("a 3% drop in sales", 4, None)
    'decrease'
    >>> change_after("3,000 jobs were added", 10, "jobs")
    'increase'
    """
    if noun is not None and noun.lower() in CHANGE_NOUNS:
        before = text[max(0, end - 40) : end].lower().split()[-2:-1]
        return CHANGE_NOUNS[noun.lower()] if before and before[0] in COUNTED else None
    words = text[end : end + 30].lower().split()[:3]
    if not words or text[end : end + 1].isalnum():
        return None
    first = words[0].strip(_STRIP + ",.;:")
    if noun is None:
        for w in words:  # "a 3% drop", "a 5% annual increase"
            w = w.strip(_STRIP + ",.;:")
            if w in CHANGE_NOUNS:
                return CHANGE_NOUNS[w] if relative or w not in RELATIVE_ONLY else None
            if w not in NOUN_MODIFIERS:
                break
    if first in ("higher", "lower"):
        return CHANGE_AFTER[first]
    if noun is not None and first in PASSIVE:
        for w in words[1:]:
            w = w.strip(_STRIP + ",.;:")
            if w in CHANGE_AFTER:
                return CHANGE_AFTER[w]
            if w not in PASSIVE:
                break
    return None


def pair_direction(from_value: float, to_value: float, cue: str) -> str:
    """The direction of a from/to pair: the cue's where it has one ("fell from 40 to
    30"), else the one the values give ("went from 5 to 7")."""
    if cue:
        return cue
    if from_value < to_value:
        return INCREASE
    return DECREASE if from_value > to_value else ""
