"""Tests for storylens.actors: the registry, mentions, unlisted names and stances."""

from __future__ import annotations

import pytest

from storylens.actors import (
    RegistryError,
    actor_mentions,
    actor_stances,
    find_mentions,
    load_registry,
    stance_evidence,
    unlisted_names,
)
from storylens.paths import seeds_dir


@pytest.fixture(scope="module")
def registry():
    return load_registry(seeds_dir() / "story.yaml")


@pytest.fixture(scope="module")
def mentions(seeds):
    return actor_mentions(seeds)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # full name, title + name, possessive, spelling variants
        ("Ukrainian President Volodymyr Zelenskyy has called for a force of more than 100,000 European troops.",
         [("Volodymyr Zelenskyy", "Volodymyr Zelensky", "title + name")]),
        ("It falls short of the 200,000 troops that Ukrainian President Zelensky believes are necessary.",
         [("Zelensky", "Volodymyr Zelensky", "title + name")]),
        ("The proposed plan by Sir Keir Starmer has been met with resistance from Russia.",
         [("Sir Keir Starmer", "Keir Starmer", "alias"), ("Russia", "Russia", "full name")]),
        ("British officials have echoed Macron’s urgency.",
         [("British officials", "United Kingdom", "demonym"), ("Macron", "Emmanuel Macron", "possessive")]),
        # a capital acts, or is a place
        ("Moscow rejected the plan after talks in Moscow.", [("Moscow", "Russia", "capital")]),
        ("Seen from Washington, the talks in Kyiv went well.", [("Washington", "United States", "capital")]),
        # metonyms
        ("Kremlin spokesman Dmitry Peskov and the White House disagreed.",
         [("Kremlin", "Russia", "metonym"), ("Dmitry Peskov", "Dmitry Peskov", "title + name"),
          ("White House", "United States", "metonym")]),
        # a country word before a title is part of the person's description
        ("US Defense Secretary Pete Hegseth and Polish Defence Minister Wladyslaw Kosiniak-Kamysz met.",
         [("Pete Hegseth", "Pete Hegseth", "title + name"),
          ("Wladyslaw Kosiniak-Kamysz", "Wladyslaw Kosiniak-Kamysz", "title + name")]),
        # adjectives are not actors; a plural demonym is
        ("Russian aggression worries the Russians, the Poles and Polish officials.",
         [("Russians", "Russia", "demonym"), ("Poles", "Poland", "demonym"),
          ("Polish officials", "Poland", "demonym")]),
        # hyphenated compounds are not mentions
        ("The Ukraine-Russia conflict shaped the Anglo-French plan.", []),
    ],
)  # fmt: skip
def test_find_mentions(registry, sentence, expected):
    found = [
        (sentence[s:e], registry.actor(a)["name"], how)
        for s, e, a, how in find_mentions(sentence, registry)
    ]
    assert found == expected


def test_surname_after_full_name(mentions):
    starmer = mentions[(mentions.doc_id.str.startswith("004")) & (mentions.actor == "Keir Starmer")]
    assert starmer.how.tolist() == [
        "title + name",
        "title + name",
        "surname after full name",
        "surname after full name",
    ]


def test_mentions_point_into_the_document(seeds, mentions):
    texts = seeds.documents.set_index("doc_id").text
    for row in mentions.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
        assert row.sentence[row.start - row.sent_start : row.end - row.sent_start] == row.text


def test_mention_counts_agree_with_a_plain_count(seeds, mentions):
    """Independent re-computation: every 'Lavrov' in the texts is a Lavrov mention."""
    expected = sum(t.count("Lavrov") for t in seeds.documents.text)
    assert (mentions.actor == "Sergei Lavrov").sum() == expected == 2


def test_unlisted_names_lists_what_the_registry_lacks(seeds):
    names = unlisted_names(seeds).set_index("name")
    for name in ["Winston Churchill", "Black Sea", "Kursk", "Associated Press"]:
        assert name in names.index, name
    for known in ["Keir Starmer", "Starmer", "Russia", "Kremlin", "NATO", "However", "The"]:
        assert known not in names.index, known
    row = names.loc["Winston Churchill"]
    assert "Churchill" in row.example and row["count"] == 1


def test_registry_errors_name_the_file_and_entry(tmp_path):
    bad = tmp_path / "story.yaml"
    bad.write_text("actors:\n  - {id: x, name: X, kind: spy}\n")
    with pytest.raises(RegistryError, match=r"story.yaml: actor 1 \(X\): kind 'spy'"):
        load_registry(bad)
    bad.write_text(
        "actors:\n  - {id: RU, name: Russia, kind: government}\n  - {id: RU, name: R, kind: government}\n"
    )
    with pytest.raises(RegistryError, match="'RU' is used twice"):
        load_registry(bad)


def test_norway_is_not_false():
    """YAML 1.1 reads a bare NO as false: the registry must keep Norway's id."""
    reg = load_registry()
    assert reg.actor("NO")["name"] == "Norway"


# ----------------------------------------------------------------------------- stances


@pytest.mark.parametrize(
    "prefix, actor, stance",
    [
        ("000", "Russia", "oppose"),
        ("001", "Russia", "oppose"),
        ("004", "Russia", "oppose"),
        (
            "003",
            "Poland",
            "oppose",
        ),  # "the Polish government whose officials ... cool public response"
        ("004", "Poland", "oppose"),  # Tusk "ruled out sending troops", folded into Poland
        ("001", "France", "support"),  # "Britain and France ... prepared to deploy troops"
        ("001", "United Kingdom", "support"),
        ("002", "France", "support"),  # "advocating for", "(primary architect of the proposal)"
        ("002", "United Kingdom", "support"),  # "(strong supporter)"
        ("004", "Germany", "oppose"),  # Scholz "dismissed ... as premature"
    ],
)
def test_government_stances(seeds, prefix, actor, stance):
    table = actor_stances(seeds, level="government")
    row = table[table.doc_id.str.startswith(prefix) & (table.actor == actor)]
    assert row.stance.tolist() == [stance]
    assert row.evidence.iloc[0]


@pytest.mark.parametrize(
    "prefix, actor, stance, via",
    [
        ("004", "Sergei Lavrov", "oppose", "speaker"),  # "Lavrov warned that ... 'unacceptable.'"
        (
            "003",
            "Donald Tusk",
            "oppose",
            "quote",
        ),  # "... At the moment we’re not planning such activities.”"
        (
            "003",
            "Friedrich Merz",
            "oppose",
            "subject",
        ),  # "has also distanced himself from the idea"
        ("004", "Volodymyr Zelensky", "support", "subject"),  # "has called for a force"
        ("002", "Emmanuel Macron", "support", "subject"),  # "has been particularly vocal"
        (
            "000",
            "Keir Starmer",
            "support",
            "agent",
        ),  # "The proposal, hatched by Starmer and ... Macron"
    ],
)
def test_person_stances_with_how_they_were_found(seeds, prefix, actor, stance, via):
    evidence = stance_evidence(seeds)
    rows = evidence[evidence.doc_id.str.startswith(prefix) & (evidence.actor == actor)]
    assert set(rows.polarity) == {stance}
    assert via in set(rows.via)


def test_passive_agent_gets_the_stance_not_the_subject(seeds):
    evidence = stance_evidence(seeds)
    row = evidence[evidence.sentence.str.contains("met with resistance from Russia")]
    assert row[["cue", "actor", "via"]].values.tolist() == [["resistance", "Russia", "agent"]]


def test_stance_needs_the_topic(registry):
    import pandas as pd

    from storylens.corpus import Article, Corpus, process_text

    text = "Russia rejected the grain deal. Russia rejected the peacekeeping force."
    p = process_text(Article(doc_id="t", path="t", raw=text))
    corpus = Corpus(pd.DataFrame([p.document]), pd.DataFrame(p.sentences), pd.DataFrame(p.tokens),
                    pd.DataFrame(p.removed), pd.DataFrame(), source=str(seeds_dir()))  # fmt: skip
    evidence = stance_evidence(corpus, registry=registry)
    assert evidence.sent_id.tolist() == [1]
    assert evidence[["cue", "actor"]].values.tolist() == [["rejected", "Russia"]]


def test_stance_counts_agree_with_evidence(seeds):
    stances = actor_stances(seeds).set_index(["doc_id", "actor_id"])
    evidence = stance_evidence(seeds)
    counts = evidence.groupby(["doc_id", "actor_id", "polarity"]).size()
    for (doc_id, actor_id, polarity), n in counts.items():
        assert stances.loc[(doc_id, actor_id), f"n_{polarity}"] == n
