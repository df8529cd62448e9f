"""The word lists of ``data/actor_words.yaml`` (its header says what each list is).

>>> import re
>>> "officials" in words("acting_nouns"), bool(re.fullmatch(alternation_of("titles"), "Mr."))
(True, True)
"""

from __future__ import annotations

import functools
from importlib import resources

import yaml

from storylens.lexicon import alternation

__all__ = ["alternation_of", "words"]

WORDS_FILE = "actor_words.yaml"


@functools.cache
def _data() -> dict[str, list]:
    text = resources.files("storylens").joinpath("data", WORDS_FILE).read_text("utf-8")
    return yaml.safe_load(text)


@functools.cache
def words(name: str) -> tuple[str, ...]:
    """One list of ``data/actor_words.yaml``; a KeyError names the lists there. (Kept:
    the rules read the lists for every name they test.)"""
    data = _data()
    if name not in data:
        raise KeyError(f"{name!r} is not a list of {WORDS_FILE}; it has {', '.join(data)}")
    entries = tuple(str(w) for w in data[name])
    if any(w in {"True", "False"} for w in entries):
        raise ValueError(f"{WORDS_FILE}: {name} has a bare yes/no/on/off: quote it")
    return entries


def alternation_of(name: str) -> str:
    """The list as a regex alternation (no groups), longest first, spaces matching any
    run of blanks: a piece to put inside a pattern."""
    return alternation(words(name))
