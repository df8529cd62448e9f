"""Tests for storylens.sentiment.roles: who a sentiment word is about, the target's role."""

from __future__ import annotations

import pytest

from storylens.sentiment.features import CAPITALISED, sentence_parts
from storylens.sentiment.roles import hit_owners, irrealis_hits, target_roles


def _parts(sentence: str, target: str):
    toks, valence = sentence_parts(sentence)
    start = sentence.index(target)
    end = start + len(target)
    inside = [i for i, (s, e, _) in enumerate(toks) if s < end and e > start]
    capital = [bool(CAPITALISED.match(sentence[s : s + 1])) for s, _, _ in toks]
    return toks, valence, inside[0], inside[-1], capital


def _owned(sentence: str, target: str) -> dict[str, list[str]]:
    toks, valence, first, last, capital = _parts(sentence, target)
    owners = hit_owners(toks, valence, first, last, capital)
    return {k: [toks[i][2] for i in v] for k, v in owners.items()}


@pytest.mark.parametrize(
    ("sentence", "target", "own", "other"),
    [
        # seed 002: the aggressors broke the promises, Ukraine suffered them
        (
            "French President Emmanuel Macron has been particularly vocal, arguing that "
            "Ukraine’s history of broken promises from aggressors necessitates “real "
            "rock-solid guarantees.",
            "Ukraine",
            [],
            ["arguing", "broken", "promises", "aggressors"],
        ),
        # the speaker's word before "that" is about the clause, not the target in it
        (
            "Critics fear that Ukraine will be left without support.",
            "Ukraine",
            ["support"],
            ["fear"],
        ),
        # seed 000: Russia attacks; the U.S. gives the security guarantee
        (
            "The only way to effectively deter Russia from attacking Ukraine again is a "
            "U.S. security guarantee,” Starmer said Monday.",
            "U.S.",
            ["security", "guarantee"],
            ["effectively", "attacking"],
        ),
        # the agent after "by" holds the rejection; Kyiv's offer undergoes it
        ("Kyiv's generous offer was rejected by Moscow.", "Kyiv", ["generous"], ["rejected"]),
    ],
)
def test_hits_go_to_their_holder(sentence, target, own, other):
    owned = _owned(sentence, target)
    assert [w for w in owned["own"] if w in own + other] == own
    assert [w for w in owned["other"] if w in own + other] == other


def test_irrealis_scope_covers_needs_and_limits_not_facts():
    sentence = (
        "Italy’s Constitution limits its ability to deploy forces abroad, and countries "
        "like the Netherlands would require parliamentary approval."
    )
    toks, valence = sentence_parts(sentence)
    words = [w for _, _, w in toks]
    assert sorted(words[i] for i in irrealis_hits(words, valence)) == ["ability", "approval"]
    toks, valence = sentence_parts("Italy praised the approval of the plan.")
    words = [w for _, _, w in toks]
    assert irrealis_hits(words, valence) == set()


@pytest.mark.parametrize(
    ("sentence", "like_valence"),
    [
        ("countries like the Netherlands would require approval", 0.0),
        ("They like the plan.", 1.5 / 4),
        ("Voters don't like the plan.", 1.5 / 4 * 0.74),  # negated, as VADER does
    ],
)
def test_like_is_a_sentiment_word_only_as_a_verb(sentence, like_valence):
    toks, valence = sentence_parts(sentence)
    i = [t for _, _, t in toks].index("like")
    assert abs(valence[i]) == pytest.approx(like_valence)


@pytest.mark.parametrize(
    ("sentence", "target", "roles"),
    [
        ("Russia invaded Ukraine in 2022.", "Russia", {"subject"}),
        ("Russia invaded Ukraine in 2022.", "Ukraine", {"object"}),
        ("Kyiv was shelled overnight.", "Kyiv", {"subject", "passive"}),
        ("The town was shelled by Russia overnight.", "Russia", {"agent"}),
        ("Critics of Trump spoke.", "Trump", {"of"}),
        ("Drone strikes on Odesa continued.", "Odesa", {"object"}),
        ("Moscow, the aggressor, refused.", "Moscow", {"aggressor"}),
        ("The victims in Bucha were buried.", "Bucha", {"victim", "subject", "passive"}),
    ],
)
def test_target_roles(sentence, target, roles):
    toks, _, first, last, _ = _parts(sentence, target)
    assert target_roles([w for _, _, w in toks], first, last) == roles


@pytest.mark.parametrize(
    ("sentence", "hit", "holders"),
    [
        ("Russia attacked Ukraine , and NATO , said Biden .", 1, [0, 2, 5, 8]),
        ("Critics denounced the war ; Moscow was silent .", 1, [5]),
        ("Critics denounced the war .", 1, []),
    ],
)
def test_nearest_holder_is_the_least_distance_with_breaks(sentence, hit, holders):
    """The inlined distance gives the least of each holder's distance computed with
    ``_breaks_between`` (the own distance plus one without holders)."""
    from storylens.sentiment import roles

    words = sentence.lower().split()
    counts = roles._break_counts(words)
    direct = [
        abs(hit - j) + roles.BREAK_COST * roles._breaks_between(counts, hit, j) for j in holders
    ]
    assert roles._nearest_holder(counts, hit, holders, 99) == min(direct, default=99)
