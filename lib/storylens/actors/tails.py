r"""Patterns anchored at the end of a text, searched from a few words back.

A rule such as "a title right before the name" is a pattern ending in ``\Z`` searched
in everything before the name. Searching a whole prefix costs time in proportion to its
length, and discovery does it on a whole document for every candidate name. A match of
such a pattern spans at most a known number of words (runs of non-blanks), so
:func:`search_tail` starts the search that many words back. Lookbehinds and ``\b`` still
see the text before that point, so the match is the one the whole prefix gives: every
match of the pattern starts at or after it, and the leftmost is the same.

>>> import re
>>> title = re.compile(r"\b(?:Prime\s+Minister|Sir)\s+\Z")
>>> text = "Britain's Prime  Minister Keir Starmer"
>>> search_tail(title, text, text.index("Keir"), words=2).group()
'Prime  Minister '
>>> search_tail(title, text, text.index("Keir"), words=2) is None, title.search(text[:26]) is None
(False, False)
"""

from __future__ import annotations

import re

__all__ = ["search_tail", "tail_start"]


def tail_start(text: str, end: int, words: int) -> int:
    """Where the ``words``-th last run of non-blanks before ``end`` starts (blanks before
    ``end`` skipped first); 0 when ``text`` has fewer such runs.

    >>> tail_start("said  the said ", 15, 1), tail_start("said  the said ", 15, 2)
    (10, 6)
    """
    if words <= 0:
        return end
    low = max(0, end - _WINDOW * words)  # a window of text before end, widened as needed
    while True:
        # rsplit with no separator splits at runs of str.isspace characters, from the
        # right, and drops the blanks at the end; the first part keeps those it starts with.
        parts = text[low:end].rsplit(None, words - 1)
        if len(parts) == words:
            head = parts[0]
            start = low + len(head) - len(head.rsplit(None, 1)[-1])
            if start > low or low == 0:  # a blank before it, or the text's start: whole
                return start
        elif low == 0:
            return 0
        low = max(0, low - _WINDOW * words)


# How many characters per word :func:`tail_start` reads first (a longer run: it reads more).
_WINDOW = 40


def search_tail(pattern: re.Pattern[str], text: str, end: int, *, words: int) -> re.Match | None:
    """``pattern.search(text[:end])`` for a ``pattern`` anchored at the end (``\\Z``)
    whose matches span at most ``words`` runs of non-blanks; offsets in ``text``."""
    return pattern.search(text, tail_start(text, end, words), end)
