"""Tests for storylens.figures.claims: the kind of claim a figure makes."""

from __future__ import annotations

import pytest

from storylens.figures import claim_of, counted_thing, is_incidental, same_thing


@pytest.mark.parametrize(
    "sentence, figure, claim",
    [
        # the seed sentences
        ("A proposed Anglo-French plan to deploy up to 30,000 troops as part of a peacekeeping"
         " force in Ukraine has faced pushback from Russia.", "up to 30,000 troops", "plan"),
        ("The British-French-backed plan envisions fewer than 30,000 European troops stationed"
         " away from active combat zones.", "fewer than 30,000 European troops", "plan"),
        ("Ukrainian President Volodymyr Zelenskyy has called for a force of more than 100,000"
         " European troops.", "more than 100,000 European troops", "demand"),
        ("However, it falls short of the 200,000 troops that Ukrainian President Zelensky"
         " believes are necessary for long-term security.", "200,000 troops", "demand"),
        ("With an estimated 600,000 Russian troops still in Ukraine, analysts say any cease-fire"
         " would be a fragile one.", "an estimated 600,000 Russian troops", "estimate"),
        ("A Western force of 30,000 troops is a significant presence and would undoubtedly"
         " strengthen Ukraine’s defense.", "30,000 troops", "plan"),  # only the weak cue
        # the nearest cue wins; a strong cue beats a nearer weak one
        ("Kyiv says 200,000 troops would be needed, more than the plan.", "200,000 troops",
         "demand"),
        ("The plan, short of the 100,000 Zelensky called for, envisions 25,000 troops.",
         "25,000 troops", "plan"),
        ("The summit brought together more than two dozen leaders.",
         "more than two dozen leaders", "other"),
        # a relative clause after the figure is read first; cues stay in the figure's clause
        ("The plan falls short of the 200,000 troops that Zelensky believes are necessary.",
         "200,000 troops", "demand"),
        ("Russia has 600,000 troops in Ukraine, while the plan envisions 30,000 troops.",
         "600,000 troops", "other"),
        ("Russia has 600,000 troops in Ukraine, while the plan envisions 30,000 troops.",
         "30,000 troops", "plan"),
        ("Kyiv wants 200,000 troops; the plan is smaller.", "200,000 troops", "demand"),
    ],
)  # fmt: skip
def test_claim_of(sentence, figure, claim):
    start = sentence.index(figure)
    assert claim_of(sentence, start, start + len(figure)) == claim


@pytest.mark.parametrize(
    "text, kind, noun, incidental",
    [
        ("one problem", "count", "problem", True),
        ("two", "number", None, True),  # "no essential difference between the two"
        ("three primary missions", "count", "missions", True),
        ("two key considerations", "count", "considerations", True),  # abstract ending
        ("3 missions", "count", "missions", False),  # written as a figure
        ("five countries", "countries", "countries", False),  # a listed kind
        ("three villages", "count", "villages", False),  # a countable thing
        ("30,000", "number", None, False),
    ],
)
def test_is_incidental(text, kind, noun, incidental):
    assert is_incidental(text, kind, noun) is incidental


@pytest.mark.parametrize(
    "sentence, text, modifiers, event, apart",
    [
        ("MoveOn.org panned the agreement that 33 Senate Democrats voted to advance.",
         "33 Senate Democrats", {"senate"}, "vot", False),
        ("Of the 10 Democrats who gathered outside the Senate chamber, six are on the ballot.",
         "10 Democrats", set(), "gather", False),
        ("By then Republicans had the votes, with support from 33 Democrats, the revolt on.",
         "33 Democrats", set(), "support", False),
        ("The senator and the dozens of other Democrats who initially voted Friday to block it.",
         "dozens of other Democrats", set(), "vot", True),
        ("Progressives are eyeing one of the Democrats who pushed for a compromise.",
         "one of the Democrats", set(), "push", True),
    ],
)  # fmt: skip
def test_counted_thing(sentence, text, modifiers, event, apart):
    thing = counted_thing(sentence, text, "Democrats")
    assert (set(thing.modifiers), thing.event, thing.apart) == (modifiers, event, apart)


def test_same_thing_needs_a_tie_and_nothing_apart():
    voted = counted_thing("33 Senate Democrats voted to advance", "33 Senate Democrats", None)
    voted_too = counted_thing("In the end 30 Democrats voted", "30 Democrats", None)
    gathered = counted_thing("the 10 Democrats who gathered outside", "10 Democrats", None)
    bare = counted_thing("There are 12 Democrats.", "12 Democrats", None)
    assert same_thing(voted, voted_too)  # the same event, no modifiers against it
    assert not same_thing(voted, gathered)  # another event
    assert not same_thing(bare, bare)  # nothing ties them: the noun alone is not enough
    federal = counted_thing("paid $43 million in federal taxes", "$43 million", None, measure=True)
    income = counted_thing(
        "paid $44 million in federal income taxes", "$44 million", None, measure=True
    )
    state = counted_thing("paid $13.6 million in state taxes", "$13.6 million", None, measure=True)
    assert federal.event is None  # a measure's verb is not read
    assert same_thing(federal, income) and not same_thing(federal, state)


@pytest.mark.parametrize(
    "sentence, text, owner",
    [
        ("Clinton's eight years of tax returns were posted online.", "eight years", "clinton"),
        ("Hillary Clinton’s eight years of returns were posted.", "eight years", "clinton"),
        ("He has seen 33 years of Bush's tax returns.", "33 years", "bush"),
        ("The bill needs 60 votes of the Senate to pass.", "60 votes", "senate"),
        ("Russia's 600,000 troops are in Ukraine.", "600,000 troops", "russia"),
        # no possessor: a pronoun, lower-case words after "of", none at all
        ("Its 30,000 troops stayed home.", "30,000 troops", None),
        ("He released eight years of tax returns.", "eight years", None),
        ("Britain has 70,000 troops.", "70,000 troops", None),
    ],
)
def test_owner_of_the_counted_thing(sentence, text, owner):
    assert counted_thing(sentence, text, None).owner == owner


def test_two_owners_are_never_the_same_thing():
    clinton = counted_thing(
        "Clinton's eight years of tax returns were released.", "eight years", "years"
    )
    bush = counted_thing("Bush's 33 years of tax returns were released.", "33 years", "years")
    again = counted_thing("Clinton's 8 years of tax returns are online.", "8 years", "years")
    assert clinton.of == bush.of  # the phrase after them alone would tie them
    assert not same_thing(clinton, bush)
    assert same_thing(clinton, again)  # one owner, one phrase
    assert clinton.event is None  # the "s" of "Clinton's" is no event
