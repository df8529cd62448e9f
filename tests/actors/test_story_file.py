"""A starting story.yaml from discovery (storylens/actors/story_file.py)."""

import yaml

from storylens import load_corpus
from storylens.actors import actor_mentions, discovered_story, is_discovered, load_registry
from storylens.actors.story_file import story_id

ARTICLE = (
    "Schumer Cuts a Deal\n\n"
    "Senate Minority Leader Chuck Schumer (D-N.Y.) agreed to end the shutdown.\n\n"
    "Mr. Schumer said the House Judiciary Committee would hold a hearing.\n\n"
    "Schumer’s critics were not persuaded, and the House Judiciary Committee stayed silent.\n"
)


def test_a_starting_story_file_lists_the_discovered_actors(tmp_path):
    (tmp_path / "nyt.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    text = discovered_story(corpus, min_mentions=2)
    assert text.startswith("# A starting story.yaml")
    spec = yaml.safe_load(text)
    assert spec["topic"] == {"name": "", "terms": []}
    assert [(a["id"], a["name"], a["kind"]) for a in spec["actors"]] == [
        ("chuck-schumer", "Chuck Schumer", "person"),  # 4 mentions (title, body x3)
        ("house-judiciary-committee", "House Judiciary Committee", "organisation"),
    ]
    # the role and party the article gives: "Senate Minority Leader Chuck Schumer (D-N.Y.)"
    person = spec["actors"][0]
    assert (person["role"], person["affiliation"]) == (
        "Senate Minority Leader (N.Y.)",
        "Democratic Party",
    )
    # saved as story.yaml, its entries replace the discovered ones
    registry = load_registry(spec)
    m = actor_mentions(corpus, registry=registry)
    assert not any(is_discovered(a) for a in m.actor_id)
    assert m[m.actor == "Chuck Schumer"].actor_id.unique().tolist() == ["chuck-schumer"]
    # and the party is a registry body, so the government view counts him for it
    assert registry.government_of("chuck-schumer") == "US-DEM"


def test_story_ids():
    assert story_id("Luis V. Gutiérrez") == "luis-v-gutiérrez"
    assert story_id("House Judiciary Committee") == "house-judiciary-committee"
