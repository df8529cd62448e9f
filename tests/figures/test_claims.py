"""Tests for storylens.figures.claims: the kind of claim a figure makes."""

from __future__ import annotations

import pytest

from storylens.figures import claim_of, is_incidental


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
