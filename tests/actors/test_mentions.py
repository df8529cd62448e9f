"""Tests for storylens.actors.mentions: actor mentions in a sentence, a document, a corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from storylens.actors import actor_mentions, find_mentions, load_registry
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
         [("Volodymyr Zelenskyy", "Volodymyr Zelensky", "title + name"),
          ("European troops", "Europe", "demonym")]),
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


def test_document_mentions_make_up_the_corpus_table(seeds, registry):
    """Independent re-computation: the per-document tables, stacked and kept to the
    roles, are the corpus table."""
    import pandas as pd

    from storylens.actors import document_mentions

    per_doc = [
        document_mentions(doc_id, sentences, registry)
        for doc_id, sentences in seeds.sentences.groupby("doc_id", sort=False)
    ]
    stacked = pd.concat(per_doc, ignore_index=True)
    assert set(stacked["role"]) == {"title", "body", "caption"}
    for roles in [("title", "body", "caption"), ("title", "body")]:
        kept = stacked[stacked["role"].isin(roles)].reset_index(drop=True)
        pd.testing.assert_frame_equal(kept, actor_mentions(seeds, registry=registry, roles=roles))


def test_a_document_alone_gives_its_rows_of_the_corpus_table(seeds, registry, mentions):
    from storylens.actors import document_mentions

    doc_id = seeds.documents["doc_id"].iloc[4]
    sentences = seeds.sentences[seeds.sentences["doc_id"] == doc_id]
    alone = document_mentions(doc_id, sentences, registry)
    assert alone.values.tolist() == mentions[mentions["doc_id"] == doc_id].values.tolist()
    assert (alone["how"] == "surname after full name").any()


@pytest.mark.parametrize(
    "name, accepts, rejects",
    [
        ("ACTING_NOUN_AFTER", " state media", " aggression"),
        ("PLACE_BEFORE", "talks in ", "accepted by "),
        ("TITLE_BEFORE", "Kremlin spokesman ", "said "),
        ("PROPER_WORD_BEFORE", "King’s College ", "Moscow, "),
        ("POSSESSIVE_AFTER", "’s", "’re"),
        ("CAPITAL_WORD_NEXT", " Keir", " officials"),
        ("PROPER_WORD_NEXT", " Palace", " NATO"),
        ("CONJUNCTION_NEXT", " and", " Andrew"),
    ],
)
def test_pattern_examples(name, accepts, rejects):
    """The accept/reject examples in each pattern's comment (``match`` for the patterns
    read right after a name, ``search`` for those anchored at the end)."""
    from storylens.actors import mentions as module

    pattern = getattr(module, name)
    read = (
        pattern.search
        if name in {"PLACE_BEFORE", "TITLE_BEFORE", "PROPER_WORD_BEFORE"}
        else pattern.match
    )
    assert read(accepts) and not read(rejects)


def test_a_name_another_article_establishes_is_a_mention_in_an_article_without_evidence(
    tmp_path,
):
    from storylens import load_corpus
    from storylens.actors import actor_mentions

    (tmp_path / "a.txt").write_text(
        "Wall talks\n\nPresident Donald Trump said the wall was needed.\n"
        "Mr. Trump spoke again on Friday, and Jeb Bush said he agreed.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Wall talks stall\n\nTrump has not said whether he would sign the bill.\n"
        "Reporters waited outside Trump Tower, and Ivanka Trump stayed home.\n"
        "Jeb Bush released his returns.\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path, cache=False)
    m = actor_mentions(corpus)
    in_b = m[m.doc_id == "b"]
    # "Trump" alone, never titled in b, is the Donald Trump of a; "Trump Tower" and
    # "Ivanka Trump" are other names; "Jeb Bush" written once is a's Jeb Bush
    assert in_b[["text", "actor", "how"]].values.tolist() == [
        ["Trump", "Donald Trump", "corpus surname"],
        ["Jeb Bush", "Jeb Bush", "corpus full name"],
    ]
    text = corpus.text("b")
    assert [text[s:e] for s, e in zip(in_b.start, in_b.end, strict=True)] == ["Trump", "Jeb Bush"]
    assert set(in_b.kind) == {"person"}


def test_a_family_member_named_by_first_name_in_another_article(tmp_path):
    from storylens import load_corpus
    from storylens.actors import actor_mentions

    (tmp_path / "a.txt").write_text(
        "Aide quits\n\nThe aide criticized Malia Obama and Sasha Obama on Friday.\n"
        "Malia Obama, 16, and Sasha Obama, 13, attended with President Obama.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Aide apologizes\n\nMalia, 16, wore a sweater.\n“Nah,” Sasha said quickly.\n"
        "Dear Malia was the post's opening.\n",
        encoding="utf-8",
    )
    m = actor_mentions(load_corpus(tmp_path, cache=False))
    in_b = m[m.doc_id == "b"]
    # the first name of one of two people sharing a surname; "Dear Malia" is left alone
    assert in_b[["text", "actor", "how"]].values.tolist() == [
        ["Malia", "Malia Obama", "corpus first name"],
        ["Sasha", "Sasha Obama", "corpus first name"],
    ]


def test_corpus_names_are_found_once_per_corpus(monkeypatch):
    """Every notebook call reads the mentions (timeline, portrayal, stances): the names
    other articles establish are searched once per corpus and registry, then kept."""
    from storylens import load_corpus
    from storylens.actors import mentions as module

    corpus = load_corpus(progress=False)
    calls = []
    real = module.with_corpus_names
    monkeypatch.setattr(module, "with_corpus_names", lambda *a: calls.append(1) or real(*a))
    first = module.actor_mentions(corpus)
    again = module.actor_mentions(corpus, roles=("title", "body"))
    assert len(calls) == 1
    pd.testing.assert_frame_equal(again, first[first["role"] != "caption"].reset_index(drop=True))
    again.loc[:, "actor"] = "changed"  # a caller's change does not reach the kept table
    assert module.actor_mentions(corpus).equals(first) and len(calls) == 1
