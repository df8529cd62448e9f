"""Tests for storylens.actors.words: the word lists of data/actor_words.yaml."""

from __future__ import annotations

import re

import pytest

from storylens.actors.words import alternation_of, words

LISTS = ["acting_nouns", "military_nouns", "place_words", "titles", "object_words",
         "subject_words", "subordinators", "relative_pronouns"]  # fmt: skip


@pytest.mark.parametrize("name", LISTS)
def test_every_list_is_words_and_matches_each_entry(name):
    entries = words(name)
    assert entries and all(isinstance(w, str) and w.strip() == w for w in entries)
    pattern = re.compile(alternation_of(name))
    assert all(pattern.fullmatch(w) for w in entries)


def test_yaml_booleans_are_quoted():
    """A bare ``on`` would be read as True: "talks on Moscow" must stay a place word."""
    assert "on" in words("place_words") and "on" in words("object_words")


def test_military_nouns_are_acting_nouns():
    assert set(words("military_nouns")) <= set(words("acting_nouns"))


def test_an_unknown_list_is_named():
    with pytest.raises(KeyError, match="acting_nouns"):
        words("nouns")
