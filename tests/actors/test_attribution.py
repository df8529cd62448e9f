"""Tests for storylens.actors.attribution: who a sentence says does or says something."""

from __future__ import annotations

import re

import pytest

from storylens.actors import (
    coordinated,
    cues,
    find_mentions,
    load_registry,
    quote_speaker,
    speaker,
    subject,
)
from storylens.actors.attribution import agent, in_carried_quote
from storylens.lexicon import speech_verbs
from storylens.paths import seeds_dir


@pytest.fixture(scope="module")
def registry():
    return load_registry(seeds_dir() / "story.yaml")


def _spans(sentence, registry):
    return [(s, e, a) for s, e, a, _ in find_mentions(sentence, registry)]


def _names(ids, registry):
    return [registry.actor(a)["name"] for a in ids]


@pytest.mark.parametrize(
    "sentence, cue, expected",
    [
        ("Russian Foreign Minister Sergei Lavrov warned that the deployment would be “unacceptable.”",
         "unacceptable", ["Sergei Lavrov"]),
        ("“We are prepared to deploy troops,” Starmer said.", "prepared", ["Keir Starmer"]),
        ("Macron has backed the plan.", "backed", []),  # no speech verb: not reported speech
    ],
)  # fmt: skip
def test_speaker_with_the_default_cues(registry, sentence, cue, expected):
    spans = _spans(sentence, registry)
    found = speaker(sentence, spans, sentence.index(cue))
    assert _names(found, registry) == expected
    assert speaker(sentence, spans, sentence.index(cue), cues()) == found


@pytest.mark.parametrize(
    "sentence, cue, expected",
    [
        ("Britain and France are prepared to deploy troops.", "prepared", ["United Kingdom", "France"]),
        # the object of a preposition is not the subject
        ("Talks with Russia have rejected nothing, but Poland rejected the idea.", "rejected the idea", ["Poland"]),
        # the antecedent of a relative clause
        ("It was the Polish government whose officials gave it a cool public response.", "cool", ["Poland"]),
        # "but" with no new subject keeps the subject of the clause before
        ("Hegseth has ruled out ground forces but left the door open.", "left the door", ["Pete Hegseth"]),
        # armed forces are what a plan is about, not who takes a stance
        ("Russian troops rejected nothing.", "rejected", []),
    ],
)  # fmt: skip
def test_subject(registry, sentence, cue, expected):
    spans = _spans(sentence, registry)
    found = subject(sentence, spans, sentence.index(cue))
    assert _names(found, registry) == expected
    assert subject(sentence, spans, sentence.index(cue), clause_end=len(sentence)) == found


def test_agent_and_coordination(registry):
    sentence = "The proposal, hatched by Starmer and French President Emmanuel Macron, was new."
    spans = _spans(sentence, registry)
    cue_end = sentence.index("hatched") + len("hatched")
    assert _names(agent(sentence, spans, cue_end), registry) == ["Keir Starmer", "Emmanuel Macron"]
    assert coordinated(0, spans, sentence) == agent(sentence, spans, cue_end)
    # an agent link with no registry actor after it: the cue is nobody's
    other = "The plan met skepticism by Western allies."
    assert agent(other, [], other.index("skepticism") + len("skepticism")) is None
    # no agent link at all
    assert agent("Russia rejected it.", [(0, 6, "RU")], len("Russia rejected")) == []


def test_quote_tracking():
    opened = "In the words of Tusk: “We are not planning such activities."
    spans = [(16, 20, "PL-TUSK")]
    assert quote_speaker(opened, spans, []) == ["PL-TUSK"]
    # the next sentence continues the quote and closes it
    follow = "At the moment we’re not planning such activities.”"
    assert in_carried_quote(follow, follow.index("not planning"))
    assert quote_speaker(follow, [], ["PL-TUSK"]) == []
    assert quote_speaker("No quotes here.", [], ["PL-TUSK"]) == ["PL-TUSK"]
    assert not in_carried_quote("He said: “no.” Then “we refuse.”", 22)


@pytest.mark.parametrize("verb", speech_verbs())
def test_speech_verbs_come_from_the_lexicon(verb):
    assert cues().speech.fullmatch(verb)
    assert not re.fullmatch(cues().speech, verb + "x")


@pytest.mark.parametrize(
    "name, read, accepts, rejects",
    [
        ("MILITARY_NOUN", "search", "Russian troops", "British officials"),
        ("CLAUSE_BREAK", "search", ", but", ","),
        ("PREPOSITION_BEFORE", "search", "pushback from the ", "Russia "),
        ("BY_BEFORE", "search", "the decision by ", "nearby "),
        ("COORDINATED_BEFORE", "search", "Starmer and ", "the "),
        ("SUBJECT_START", "match", " it’s", " left the door"),
        ("SUBORDINATE", "match", "When ", "Russia "),
        ("RELATIVE", "search", "whose", "what"),
        ("ANTECEDENT_GAP", "fullmatch", ", ", " officials "),
        ("SPEAKER_GAP", "fullmatch", " has ", " then "),
        ("AGENT_LINK", "match", ", mostly from ", " to "),
        ("COORDINATION", "match", ", British Prime Minister ", " met "),
    ],
)
def test_pattern_examples(name, read, accepts, rejects):
    """The accept/reject examples in each pattern's comment, read the way the rules
    read them."""
    from storylens.actors import attribution

    pattern = getattr(attribution, name)
    assert getattr(pattern, read)(accepts)
    assert not getattr(pattern, read)(rejects)


@pytest.mark.parametrize(
    "sentence, cue, expected",
    [
        ("“Congress refused to fund the wall,” Trump said.", "refused", ["C"]),
        ("Trump said that Congress refused to fund the wall.", "refused", ["C"]),
        ("Trump said Congress's refusal was unacceptable.", "unacceptable", []),  # copula, possessive
        ("Congress refused to fund the wall.", "refused", []),  # no reported speech
    ],
)  # fmt: skip
def test_reported_subject(sentence, cue, expected):
    from storylens.actors import reported_subject

    spans = [(m.start(), m.end(), w[0]) for w in ("Congress", "Trump")
             for m in re.finditer(w, sentence)]  # fmt: skip
    assert reported_subject(sentence, sorted(spans), sentence.index(cue)) == expected
