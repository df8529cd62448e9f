"""The noun phrase after a number: what a count counts ("40,000 heavily armed European
peacekeepers" -> "peacekeepers") or what a measure qualifies ("600-mile front line").
"""

from __future__ import annotations

from storylens.figures.nonfigures import MONTH_WORDS
from storylens.figures.numbers import NUMBER_WORD_SET
from storylens.figures.units import UnitTable
from storylens.figures.words import WORDS, rx

STOP_WORDS = frozenset(w.lower() for w in WORDS["stop_words"])
_PLURAL_NOUNS = frozenset(w.lower() for w in WORDS["plural_nouns"])
_SUPERLATIVES = frozenset(w.lower() for w in WORDS["superlatives"])
# Verbs of change in the past tense end a noun phrase ("the 10-year yield *rose*"); the
# present forms do not, being nouns too ("three rate rises").
_CHANGED_WORDS = frozenset(
    w.lower()
    for w in WORDS["change_words"]
    if w.endswith("ed") or w in ("rose", "fell", "grew", "shrank", "sank", "slid", "soared")
)
_NOT_PLURAL_ENDINGS = tuple(WORDS["not_plural_endings"])
# A word of the noun phrase after a number, with optional quotes: ' “peacekeepers”'.
_NOUN_WORD = rx(
    r"_B_+(?P<q>[“\"‘']?)(?P<w>[A-Za-z][A-Za-z’'.\-]*[A-Za-z]|[A-Za-z])(?P<cq>[”\"’']?)"
)
# "of" and a determiner before the counted noun: " of its territory", " of the troops".
OF_DETERMINER = rx(
    r"_B_+of(?:_B_+(?i:the|its|their|his|her|our|your|my|these|those|this|that|a|an|all|"
    r"[A-Z][\w.-]*['’]s))?(?=_B_)"
)
# "the fifth of its territory": "the " before accepts; "of its" after accepts, "of May" not.
THE_BEFORE = rx(r"(?i)\bthe_B_+$")
OF_POSSESSIVE = rx(r"_B_+of_B_+(?i:its|their|his|her|our|your|my|[A-Z][\w.-]*['’]s)\b")
# " of a " between a fraction and its unit: "a quarter of a percentage point".
OF_A = rx(r"_B_+of_B_+an?(?=_B_)")
# A determiner after "half" or a fraction: "half the country", "a third its size".
DETERMINER_AFTER = rx(r"_B_+(?i:the|its|their|his|her|our|your|my|this|that|these|those)(?=_B_)")
# A hyphenated word after a number: "30,000-strong", "two-door"; rejects "-f-7383p".
HYPHEN_WORD = rx(r"_B_?-_B_?(?P<w>[A-Za-z][a-z]+)(?![A-Za-z-])(?!_B_?-\d)")
# A parenthesised conversion after a measure: " (1,000-kilometer)".
PAREN_AFTER = rx(r"_B_*\([^()\n]{1,40}\)")


def is_plural(word: str) -> bool:
    w = word.lower().strip("“”\"'‘’")
    if w in _PLURAL_NOUNS:
        return True
    if "." in w or (len(w) > 1 and word.isupper()):
        return False  # abbreviations and acronyms: "U.S.", "NATO", "OAS"
    return len(w) > 2 and w.endswith("s") and not w.endswith(_NOT_PLURAL_ENDINGS)


def noun_phrase(
    text: str, pos: int, *, singular_ok: bool, partitive: bool = False, count: bool = False
) -> tuple[str | None, int]:
    """The head noun of the words after ``pos`` and where the phrase ends (or ``pos``).

    ``partitive``: the phrase follows "of", where a superlative or similar modifier first
    is not the head ("a third of the largest firms"); with ``count`` too it follows a
    cardinal ("one of the political prisoners"), which counts a plural, so a plural
    found is the head even after a singular-looking word ("a fifth of its territory
    remains" is a fraction: there "territory" stays the head)."""
    words: list[tuple[str, int]] = []
    p = pos
    for _ in range(6):
        m = _NOUN_WORD.match(text, p)
        if not m:
            break
        w = m.group("w")
        if w.lower() in STOP_WORDS or w.lower() in MONTH_WORDS:
            break
        if words and w.lower() in _CHANGED_WORDS:
            break  # "the 10-year Treasury yield rose": the verb ends the phrase ("5 rose bushes")
        if w.lower().split("-")[0] in NUMBER_WORD_SET:
            break  # another number: "five of the three-ton satellites"
        if words and w.lower().endswith(("ed", "ing")) and not words[-1][0].endswith("ly"):
            break  # a participle after the noun: "territory occupied by"
        end = m.end() if (m.group("q") and m.group("cq")) else m.end("w")
        if "." in w and text.startswith(".", end):
            end += 1  # "U.S." in "38,000 U.S. troops"
        words.append((w, end))
        p = end
        if m.group("q") or m.group("cq") and not m.group("q"):
            break
        if text.startswith(("'s", "’s"), m.end("w")):
            continue
    plural = [is_plural(w) and not w.endswith(("'s", "’s")) for w, _ in words]
    if True in plural:
        # the head is the last of the first run of plurals: "weapons sites", "Paris residents"
        i = plural.index(True)
        while i + 1 < len(words) and plural[i + 1]:
            i += 1
        modifier_first = partitive and (count or words[0][0].lower() in _SUPERLATIVES)
        if not (singular_ok and i > 0 and not plural[0] and not modifier_first):
            return words[i]  # "the largest acquisitions": "largest" is not the head
        words = words[: plural.index(True)]  # "one problem persists": stop at the verb
    if singular_ok and words:
        w, end = words[-1]
        if not w.endswith(("'s", "’s", "ed")):
            return w, end
    return None, pos


def plural_follows(text: str, pos: int) -> bool:
    """Whether the next word is a plural noun ("Bob 3 times"), not a name's next word."""
    m = _NOUN_WORD.match(text, pos)
    return bool(m) and m.group("w").lower() not in STOP_WORDS and is_plural(m.group("w"))


def noun_kind(noun: str | None, table: UnitTable) -> str | None:
    if not noun:
        return None
    n = noun.lower()
    for key in (n, n[:-1] if n.endswith("s") else n, n[:-3] + "y" if n.endswith("ies") else n):
        if key in table.noun_kinds:
            return table.noun_kinds[key]
    return None
