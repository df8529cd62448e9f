"""Tests for storylens.actors.stances: stance cues and each actor's stance."""

from __future__ import annotations

import pytest

from storylens.actors import actor_stances, load_registry, stance_evidence
from storylens.paths import seeds_dir


@pytest.fixture(scope="module")
def registry():
    return load_registry(seeds_dir() / "story.yaml")


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
        # Tusk "ruled out sending troops", folded into Poland: not opposing the proposal
        ("004", "Poland", "declines to take part"),
        # Hegseth "has ruled out American ground forces but left the door open for
        # logistical and air support": declining to send one's own troops
        ("004", "United States", "declines to take part"),
        ("004", "Russia", "oppose"),  # "Russia has flatly rejected the idea."
        # Kushner said that the US president “strongly stands” behind the initiative
        ("001", "United States", "support"),
        ("004", "France", "support"),  # "The British-French-backed plan envisions ..."
        ("004", "United Kingdom", "support"),
        # Zelensky has said that Ukraine “may consider” the idea ... only if ... NATO
        ("003", "Ukraine", "conditional support"),
        # December 2024: Merz leads the opposition (his party is not registered), Trump
        # is President-elect: neither counts for his government yet
        ("003", "Friedrich Merz", "oppose"),
        ("003", "Donald Trump", "support"),
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
            "decline",
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


@pytest.mark.parametrize(
    "prefix, actor, polarity, cue",
    [
        ("001", "Jared Kushner", "support", "strongly stands” behind"),
        ("004", "United Kingdom", "support", "British-French-backed"),
        ("004", "France", "support", "British-French-backed"),
        ("003", "Volodymyr Zelensky", "conditional", "may consider"),
        ("004", "Pete Hegseth", "decline", "ruled out American ground forces"),
        ("004", "Pete Hegseth", "conditional", "left the door open"),
        ("004", "Donald Tusk", "decline", "ruled out sending troops"),
        ("003", "Donald Tusk", "decline", "not planning"),
        ("004", "Russia", "oppose", "rejected"),
    ],
)
def test_cues_of_each_polarity(seeds, prefix, actor, polarity, cue):
    evidence = stance_evidence(seeds)
    rows = evidence[evidence.doc_id.str.startswith(prefix) & (evidence.actor == actor)]
    assert [polarity, cue] in rows[["polarity", "cue"]].values.tolist()


def test_government_view_keeps_merz_out_of_germany_before_he_took_office(seeds):
    table = actor_stances(seeds, level="government")
    in_003 = table[table.doc_id.str.startswith("003")]
    assert "Germany" not in set(in_003.actor)  # Merz was the only German in 003
    row = in_003[in_003.actor == "Friedrich Merz"]
    assert row[["kind", "stance", "n_oppose"]].values.tolist() == [["person", "oppose", 1]]
    # February 2025: Scholz is chancellor, and Germany opposes ("dismissed ... premature")
    row = table[table.doc_id.str.startswith("004") & (table.actor == "Germany")]
    assert row[["stance", "n_oppose", "n_sentences"]].values.tolist() == [["oppose", 1, 1]]


def test_cells_count_sentences_not_cues(seeds):
    """Russia in 000: four sentences, one with three cues and one with cues given to
    Russia, Peskov and Lavrov (all Russia in the government view)."""
    table = actor_stances(seeds, level="government")
    row = table[table.doc_id.str.startswith("000") & (table.actor == "Russia")].iloc[0]
    assert (row.stance, row.n_oppose, row.n_support, row.n_sentences) == ("oppose", 4, 0, 4)
    assert len(row.evidence.split("\n")) == 4
    evidence = stance_evidence(seeds, level="government")
    russia = evidence[evidence.doc_id.str.startswith("000") & (evidence.actor == "Russia")]
    assert len(russia) == 9 and russia.sent_id.nunique() == 4
    assert {"Dmitry Peskov", "Sergei Lavrov", "Russia"} == set(russia.named)


@pytest.mark.parametrize(
    "counts, stance",
    [
        ({}, "none"),
        ({"support": 2}, "support"),
        ({"support": 1, "conditional": 1}, "conditional support"),
        ({"decline": 1, "conditional": 1}, "declines to take part"),
        ({"decline": 1, "oppose": 1}, "oppose"),
        ({"oppose": 1, "conditional": 1}, "mixed"),
        ({"oppose": 3, "support": 1}, "mixed"),
    ],
)
def test_stance_rules(counts, stance):
    from storylens.actors import stance_of

    assert stance_of(counts) == stance


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


@pytest.mark.parametrize("level", ["actor", "government"])
def test_stance_counts_agree_with_evidence(seeds, level):
    """Independent re-computation: distinct evidence sentences per polarity and in all."""
    stances = actor_stances(seeds, level=level).set_index(["doc_id", "actor_id"])
    evidence = stance_evidence(seeds, level=level)
    counts = evidence.groupby(["doc_id", "actor_id", "polarity"])["sent_id"].nunique()
    for (doc_id, actor_id, polarity), n in counts.items():
        assert stances.loc[(doc_id, actor_id), f"n_{polarity}"] == n
    total = evidence.groupby(["doc_id", "actor_id"])["sent_id"].nunique()
    assert stances["n_sentences"].sum() == total.sum()
    taking = stances[stances["stance"] != "none"]
    assert set(taking.index) == set(total.index)


def test_document_stance_cues_make_up_the_evidence(seeds):
    """Independent re-computation: the per-document cue tables, stacked, kept to the
    roles and sorted, are stance_evidence; aggregated, they are actor_stances."""
    import pandas as pd

    from storylens.actors import (
        actor_mentions,
        aggregate_stances,
        document_mentions,
        document_stance_cues,
        registry_for,
    )

    reg = registry_for(seeds)
    mentions, cues = [], []
    for doc_id, sentences in seeds.sentences.groupby("doc_id", sort=False):
        found = document_mentions(doc_id, sentences, reg)
        mentions.append(found)
        cues.append(document_stance_cues(doc_id, sentences, found, reg))
    mentions, cues = pd.concat(mentions, ignore_index=True), pd.concat(cues, ignore_index=True)
    kept = cues[cues["role"].isin(["title", "body"])]
    kept = kept.sort_values(["doc_id", "start", "actor_id"], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, stance_evidence(seeds))
    pd.testing.assert_frame_equal(mentions, actor_mentions(seeds))
    for level in ("actor", "government"):
        published = seeds.documents.set_index("doc_id")["published"]
        aggregated = aggregate_stances(
            mentions, cues, reg, level=level, roles=("title", "body"), published=published
        )
        pd.testing.assert_frame_equal(aggregated, actor_stances(seeds, level=level))


def test_aggregate_stances_names_a_wrong_level(registry):
    from storylens.actors import aggregate_stances

    with pytest.raises(ValueError, match="'nation'"):
        aggregate_stances(None, None, registry, level="nation")


def test_an_explicit_topic_is_read_once_for_every_document(seeds):
    import pandas as pd

    from storylens.actors import registry_for

    terms = registry_for(seeds).topic_terms
    default = stance_evidence(seeds)
    pd.testing.assert_frame_equal(stance_evidence(seeds, topic=list(terms)), default)
    pd.testing.assert_frame_equal(stance_evidence(seeds, topic=iter(terms)), default)
    # no topic: only a cue inside a quote carried from an earlier sentence counts
    assert set(stance_evidence(seeds, topic=[])["via"]) == {"quote"}


def test_another_proposal_called_an_idea_is_not_the_topic(seeds):
    """000: Russia's Kursk proposal, "an idea that has been met with skepticism by Western
    allies", is not the force: the West takes no stance on the force there."""
    stances = actor_stances(seeds, level="government").set_index(["doc_id", "actor"])
    doc = seeds.documents["doc_id"].str.startswith("000")
    doc_id = seeds.documents.loc[doc, "doc_id"].iloc[0]
    assert stances.loc[(doc_id, "the West"), "stance"] == "none"


@pytest.mark.parametrize(
    ("sentence", "in_play", "expected"),
    [
        ("Kushner said that the US president “strongly stands” behind the initiative.", True, True),
        (
            "Kushner said that the US president “strongly stands” behind the initiative.",
            False,
            False,
        ),
        ("Russia has proposed Kursk as part of a deal, an idea met with skepticism.", True, False),
        ("A Western force of 30,000 troops is a significant presence.", False, True),
    ],
)
def test_generic_topic_words_need_the_topic_in_play(registry, sentence, in_play, expected):
    from storylens.actors.stances import topic_state

    assert topic_state(sentence, registry.topic_pattern, in_play) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # basil-dev shapes (issue #11): the one dismissed, a call for someone's
        # resignation, and a fixed phrase take no stance
        ("Mr. Strzok was dismissed from the investigation.", []),
        ("Steele drew criticism over the dossier and a call for his resignation.", []),
        ("Congress, as opposed to the White House, can end the emergency declaration.", []),
        # the active verb and a passive with its agent still do
        ("Strzok dismissed the investigation as a witch hunt.", [["dismissed", "Peter Strzok"]]),
        ("The investigation was dismissed by Steele.", [["dismissed", "Christopher Steele"]]),
        ("Congress opposed the emergency declaration.", [["opposed", "Congress"]]),
    ],
)  # fmt: skip
def test_the_patient_and_fixed_phrases_take_no_stance(sentence, expected):
    import pandas as pd

    from storylens.actors import load_registry
    from storylens.corpus import Article, Corpus, process_text

    registry = load_registry({
        "topic": {"terms": ["investigation", "dossier", "emergency declaration"]},
        "actors": [{"id": "ps", "name": "Peter Strzok", "kind": "person"},
                   {"id": "cs", "name": "Christopher Steele", "kind": "person"}],
    })  # fmt: skip
    p = process_text(Article(doc_id="t", path="t", raw=sentence))
    corpus = Corpus(pd.DataFrame([p.document]), pd.DataFrame(p.sentences), pd.DataFrame(p.tokens),
                    pd.DataFrame(p.removed), pd.DataFrame(), source=str(seeds_dir()))  # fmt: skip
    evidence = stance_evidence(corpus, registry=registry)
    assert evidence[["cue", "actor"]].values.tolist() == expected


US_STORY = {
    "topic": {"terms": ["emergency declaration", "border wall", "wall", "deal", "spending bill"]},
    "actors": [
        {"id": "np", "name": "Nancy Pelosi", "kind": "person", "aliases": ["Pelosi"]},
        {"id": "cs", "name": "Chuck Schumer", "kind": "person", "aliases": ["Schumer"]},
        {"id": "dt", "name": "Donald Trump", "kind": "person", "aliases": ["Trump"]},
        {"id": "mm", "name": "Mitch McConnell", "kind": "person", "aliases": ["McConnell"]},
    ],
}


def _evidence_of(sentence, story):
    import pandas as pd

    from storylens.actors import load_registry
    from storylens.corpus import Article, Corpus, process_text

    p = process_text(Article(doc_id="t", path="t", raw=sentence))
    corpus = Corpus(pd.DataFrame([p.document]), pd.DataFrame(p.sentences), pd.DataFrame(p.tokens),
                    pd.DataFrame(p.removed), pd.DataFrame(), source=str(seeds_dir()))  # fmt: skip
    return stance_evidence(corpus, registry=load_registry(story))


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the subject of the cue verb inside reported speech or a quote, not the speaker
        ("“Congress refused to fund the border wall,” Trump said.", [["refused", "Congress", "subject"]]),
        ("Trump said he signed the emergency declaration because Congress refused to fund the wall.",
         [["refused", "Congress", "subject"]]),
        # "declared a national emergency" is no speech: Congress refused
        ("President Trump declared a national emergency after Congress refused to pay for the border wall.",
         [["refused", "Congress", "subject"]]),
        # coordinated speakers, titles between them, both take the stance
        ("House Speaker Nancy Pelosi and Senate Minority Leader Chuck Schumer said in a joint "
         "statement that they rejected the emergency declaration.",
         [["rejected", "Chuck Schumer", "speaker"], ["rejected", "Nancy Pelosi", "speaker"]]),
        ("“This emergency declaration is unacceptable,” Pelosi and Schumer said.",
         [["unacceptable", "Chuck Schumer", "speaker"], ["unacceptable", "Nancy Pelosi", "speaker"]]),
        # a judgement linked by a copula stays the speaker's; a possessive is not a subject
        ("Schumer said Trump's emergency declaration was unacceptable.",
         [["unacceptable", "Chuck Schumer", "speaker"]]),
        # passive voice: the agent, "was opposed" included (not the fixed "as opposed to")
        ("The emergency declaration was opposed by Congress.", [["opposed", "Congress", "agent"]]),
        ("The emergency declaration was rejected by Pelosi and Schumer.",
         [["rejected", "Chuck Schumer", "agent"], ["rejected", "Nancy Pelosi", "agent"]]),
        # a relative clause with its own subject; one whose pronoun is the subject
        ("Trump, whom Congress refused to give $5.7 billion for the wall, declared an emergency.",
         [["refused", "Congress", "subject"]]),
        ("Schumer, who opposed the deal, said the border wall was a waste.",
         [["opposed", "Chuck Schumer", "subject"]]),
        # fixed phrases that take no stance
        ("Schumer backed down on the deal after McConnell offered a vote.", []),
        ("One senator, who spoke on the condition of anonymity, said the deal was weak.", []),
        ("Trump refused to comment on the emergency declaration.", []),
        ("The deal angered the opposition party, and Schumer opposed it.", [["opposed", "Chuck Schumer", "subject"]]),
        ("McConnell suggested a compromise on the deal had been reached.", []),
        # a vote is a stance; the relative clause's antecedent casts it
        ("Senator Dianne Feinstein of California, who voted against the deal, faces a primary.",
         [["voted against", "Dianne Feinstein", "subject"]]),
        ("McConnell voted for the spending bill on Friday.", [["voted for", "Mitch McConnell", "subject"]]),
        # calling for an end to it is no support
        ("Schumer called for the cancellation of the deal, saying it failed the Dreamers.",
         [["called for the cancellation", "Chuck Schumer", "subject"]]),
        # two clauses, two subjects
        ("McConnell supported the deal but Schumer rejected it.",
         [["supported", "Mitch McConnell", "subject"], ["rejected", "Chuck Schumer", "subject"]]),
    ],
)  # fmt: skip
def test_the_stance_goes_to_the_subject_of_the_cue_verb(sentence, expected):
    evidence = _evidence_of(sentence, US_STORY)
    assert evidence[["cue", "actor", "via"]].values.tolist() == expected
