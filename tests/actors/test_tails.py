"""End-anchored patterns searched from a few words back (storylens/actors/tails.py) find
what a search of the whole text before gives, on real sentences and on every seed."""

import re

import pytest

from storylens.actors import discovery, mentions
from storylens.actors.tails import search_tail, tail_start

# (pattern, the most words it spans) for every end-anchored rule searched with search_tail.
TAIL_RULES = {
    "discovery.TITLE_BEFORE": (discovery.TITLE_BEFORE, discovery.TITLE_WORDS),
    "discovery.SAID_BEFORE": (discovery.SAID_BEFORE, 1),
    "discovery.COMPANY_BEFORE": (discovery.COMPANY_BEFORE, discovery.COMPANY_WORDS),
    "mentions.PLACE_BEFORE": (mentions.PLACE_BEFORE, mentions.PLACE_WORDS),
    "mentions.TITLE_BEFORE": (mentions.TITLE_BEFORE, mentions.TITLE_WORDS),
    "mentions.PROPER_WORD_BEFORE": (mentions.PROPER_WORD_BEFORE, 1),
}


CASES = [
    ("discovery.TITLE_BEFORE", "Senate Majority Leader Mitch McConnell (R-Ky.) said he "
     "would allow a vote.", "Mitch", "Majority Leader "),
    ("discovery.TITLE_BEFORE", "“We are not going to comply,” Deputy Attorney General "
     "Rod Rosenstein said.", "Rod", "Deputy Attorney General "),
    ("discovery.TITLE_BEFORE", "FBI agent Peter Strzok was removed.", "Peter", "agent "),
    ("discovery.TITLE_BEFORE", "Howard Dean said the deal was a mistake.", "Dean", None),
    ("discovery.SAID_BEFORE", "“It’s the one word they know in Spanish,” said Luis V. "
     "Gutiérrez.", "Luis", "said "),
    ("discovery.SAID_BEFORE", "Republicans and Democrats said\nNancy Pelosi", "Nancy",
     "said\n"),
    ("discovery.SAID_BEFORE", "He resaid Luis Gutiérrez", "Luis", None),
    ("discovery.COMPANY_BEFORE", "The company Mr. Grimm formed was called Granny Sayz, "
     "L.L.C.", "Granny", "company Mr. Grimm formed was called "),
    # seven words between: more than the rule's six
    ("discovery.COMPANY_BEFORE", "The company Mr. Grimm formed to operate it was called "
     "Granny Sayz, L.L.C.", "Granny", None),
    ("discovery.COMPANY_BEFORE", "The restaurant, called Healthalicious, closed.",
     "Healthalicious", "restaurant, called "),
    ("discovery.COMPANY_BEFORE", "a man called Peter Strzok", "Peter", None),
    ("mentions.PLACE_BEFORE", "Leaders held talks in  the Moscow", "Moscow", "in  the "),
    ("mentions.PLACE_BEFORE", "It was accepted by Moscow", "Moscow", None),
    ("mentions.TITLE_BEFORE", "said British Prime Minister Keir Starmer", "Keir",
     "Prime Minister "),
    ("mentions.PROPER_WORD_BEFORE", "at King’s College London", "London", "College "),
    ("mentions.PROPER_WORD_BEFORE", "Talks ended. Moscow", "Moscow", None),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "text", "name", "expected"), CASES)
def test_search_tail_finds_the_rule_before_a_name(rule, text, name, expected):
    pattern, words = TAIL_RULES[rule]
    end = text.index(name)
    found = search_tail(pattern, text, end, words=words)
    assert (found.group() if found else None) == expected
    whole = pattern.search(text[:end])
    assert (whole.group() if whole else None) == expected


@pytest.mark.parametrize(
    ("text", "end", "words", "start"),
    [
        ("said  the said ", 15, 1, 10),
        ("said  the said ", 15, 2, 6),
        ("said  the said ", 15, 3, 0),
        ("said  the said ", 15, 9, 0),
        ("Sen. Mitch", 5, 1, 0),
        ("", 0, 2, 0),
        ("  a b", 5, 2, 2),  # blanks before the first run are not part of it
        ("  a b", 5, 3, 0),
        ("   ", 3, 1, 0),
        ("a\u00a0b\u2009 c", 6, 2, 2),  # no-break and thin spaces are blanks
        ("a said", 6, 0, 6),
    ],
)
def test_tail_start(text, end, words, start):
    assert tail_start(text, end, words) == start


def _tail_start_by_characters(text, end, words):
    """tail_start as first written: one character at a time."""
    pos = end
    for _ in range(words):
        while pos and text[pos - 1].isspace():
            pos -= 1
        while pos and not text[pos - 1].isspace():
            pos -= 1
        if not pos:
            break
    return pos


def test_tail_start_as_one_character_at_a_time(seeds):
    long_runs = "x" * 300 + " " + "y" * 90 + "  z " + "w" * 100  # runs longer than a window
    texts = [*seeds.documents["text"][:3], " \t a\u3000b\n\nc  d\u2028e ", "x", long_runs]
    for text in texts:
        for end in range(0, len(text) + 1, 7 if len(text) > 200 else 1):
            for words in range(0, 8):
                expected = _tail_start_by_characters(text, end, words)
                assert tail_start(text, end, words) == expected, (text[:30], end, words)


def test_a_lookbehind_sees_before_the_tail():
    """A word boundary at the tail's start looks at the character before it."""
    pattern = re.compile(r"\bsaid\s+\Z")
    assert search_tail(pattern, "resaid Luis", 7, words=1) is None
    assert search_tail(pattern, "(said Luis", 6, words=1).group() == "said "


@pytest.mark.parametrize("rule", sorted(TAIL_RULES))
def test_search_tail_equals_the_whole_prefix_on_every_seed(rule, seeds):
    """Before every capitalised word of each seed document (discovery's candidates) and
    of the sentences above, the tail search and the search of everything before give the
    same match."""
    pattern, words = TAIL_RULES[rule]
    texts = ["\n".join(body) for _, body in seeds.sentences.groupby("doc_id")["text"]]
    compared = hits = 0
    for doc_id, text in enumerate([*texts, "\n".join(case[1] for case in CASES)]):
        for word in re.finditer(r"(?<![\w’'.-])[A-Z]", text):
            end = word.start()
            fast, whole = search_tail(pattern, text, end, words=words), pattern.search(text[:end])
            assert (fast and fast.span()) == (whole and whole.span()), (doc_id, end)
            compared += 1
            hits += whole is not None
    assert compared > 800 and hits > 0
