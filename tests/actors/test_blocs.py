"""The blocs of the general registry (lib/storylens/data/actors.yaml): "Europe" and "the
West" are actors of the seed story, the way its articles write them."""

from __future__ import annotations

import re

import pytest

from storylens.actors import actor_mentions, find_mentions, load_registry, unlisted_names

REG = load_registry()


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # seeds/001: the bloc as a name
        ("For France, the proposal aligns with Macron’s long-standing argument that Europe "
         "must assume greater responsibility for its own security.",
         [("France", "FR"), ("Europe", "EUROPE")]),
        # seeds/004: a demonym before an acting noun is the bloc, noun included
        ("As Washington and Moscow edge toward negotiations to end the war in Ukraine – without "
         "Kyiv at the table – European leaders are shaping a security plan to prevent a future "
         "Russian attack.", [("Washington", "US"), ("Moscow", "RU"), ("Kyiv", "UA"),
                               ("European leaders", "EUROPE")]),
        ("But Western leaders are discussing a smaller \"reassurance force,\" not a full-scale "
         "peacekeeping mission along the 600-mile (1,000-kilometer) front line.",
         [("Western leaders", "WEST")]),
        # seeds/000
        ("Russia has proposed that Ukraine relinquish control of Russian-held territories in "
         "Kursk as part of a peace deal, an idea that has been met with skepticism by Western "
         "allies and Ukrainian supporters.", [("Russia", "RU"), ("Ukraine", "UA"),
                                              ("Western allies", "WEST")]),
        ("This stance comes despite Ukraine’s aspirations to join the alliance and the support of "
         "its European allies.", [("Ukraine", "UA"), ("the alliance", "NATO"),
                                  ("European allies", "EUROPE")]),
        # seeds/001: "the West" as a name
        ("Whether this initiative becomes a cornerstone of Ukraine’s post-war security will depend "
         "on the strategic coherence of the West itself.", [("Ukraine", "UA"), ("the West", "WEST")]),
        # an adjective is not the bloc; the European Union stays the EU; a place is no actor
        ("The move reflects an effort to retain strategic relevance in European security affairs.",
         []),
        ("Tusk said the European Union must act.", [("European Union", "EU")]),
        ("internal splits in the West", []),
        ("the Western Hemisphere", []),
    ],
)  # fmt: skip
def test_blocs_are_found_as_the_seeds_write_them(sentence, expected):
    found = [(sentence[s:e], actor) for s, e, actor, _ in find_mentions(sentence, REG)]
    assert found == expected


def test_blocs_are_actors_of_the_general_registry():
    rows = REG.actors.set_index("id")
    assert rows.loc["EUROPE", "name"] == "Europe" and rows.loc["WEST", "name"] == "the West"
    # `bloc` is not yet a kind the registry accepts (actors/registry.py KINDS)
    assert set(rows.loc[["EUROPE", "WEST"], "kind"]) == {"bloc"}


def test_the_seeds_mention_the_blocs(seeds):
    """Counted from the seed text: every "Europe" not used as a place, and each bloc
    demonym before an acting noun."""
    mentions = actor_mentions(seeds)
    blocs = mentions[mentions["actor_id"].isin(["EUROPE", "WEST"])]
    by_text = blocs.groupby(["actor_id", "text"]).size().to_dict()
    assert by_text == {
        ("EUROPE", "Europe"): 10,
        ("EUROPE", "European allies"): 3,
        ("EUROPE", "European governments"): 2,
        ("EUROPE", "European leaders"): 1,
        ("EUROPE", "European politicians"): 1,
        ("EUROPE", "European troops"): 3,
        ("WEST", "Western allies"): 1,
        ("WEST", "Western leaders"): 4,
        ("WEST", "Western troops"): 2,
        ("WEST", "the West"): 2,
    }
    # independent recount of the demonym forms with a regex over the clean text
    text = " ".join(seeds.documents["text"])
    for (_, surface), n in by_text.items():
        if " " in surface and not surface.startswith("the "):
            assert len(re.findall(rf"\b{surface}\b", text)) == n, surface
    assert blocs.groupby("actor_id")["doc_id"].nunique().to_dict() == {"EUROPE": 4, "WEST": 5}
    # and they have left the unlisted names, where "Western" (23) and "European" (19) sat
    unlisted = set(unlisted_names(seeds)["name"])
    assert {"Western", "European", "Europe", "West"} & unlisted == set()
