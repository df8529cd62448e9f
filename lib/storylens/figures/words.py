"""The word lists of ``data/figure_words.yaml`` and the regex helpers of the figures package.

``rx`` compiles a pattern with ``_B_`` standing for one blank; ``phrase_alternation``
turns a word list into a regex alternation (grouped by first letter, for speed, where
the pattern is used with ``match``).
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import yaml

from storylens import lexicon

NAN = float("nan")


def read_data_yaml(name: str) -> Any:
    """The content of the packaged data file ``storylens/data/<name>``."""
    text = resources.files("storylens").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


WORDS = read_data_yaml("figure_words.yaml")


def phrase_alternation(phrases: list[str], *, grouped: bool = False) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any blank.

    ``grouped``: for patterns used with ``match`` at a given position, group the phrases
    by their first letter (case-folded), each group behind a lookahead on its first
    letters: ``(?=[Kk])(?:km/h|kilometres|km|...)``. Python's ``re`` tries alternatives
    one by one, so a long list (the unit table has hundreds) is about three times faster
    to reject this way; the order within a group stays longest first, and phrases in
    different groups cannot match the same text, so the result is the same. (Patterns
    used with ``search`` are faster flat: ``re`` then skips ahead to possible starts.)
    """
    if not grouped:
        return lexicon.alternation(phrases, blank=r"[ \t\u00a0]+")
    parts = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for p in parts:
        groups.setdefault(p[0].casefold(), []).append(p)
    out = []
    for members in groups.values():
        firsts = "".join(sorted({re.escape(p[0]) for p in members}))
        body = "|".join(re.escape(p).replace(r"\ ", r"[ \t\u00a0]+") for p in members)
        out.append(f"(?=[{firsts}])(?:{body})")
    return "|".join(out)


_BLANK = r"[ \t\u00a0\u202f]"


def rx(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile ``pattern`` with ``_B_`` standing for one blank (space, tab, no-break space)."""
    return re.compile(pattern.replace("_B_", _BLANK), flags)
