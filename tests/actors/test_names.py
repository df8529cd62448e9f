"""Tests for storylens.actors.names: capitalised names the registry lacks."""

from __future__ import annotations

import pytest

from storylens.actors import unlisted_names


def test_unlisted_names_lists_what_the_registry_lacks(seeds):
    names = unlisted_names(seeds).set_index("name")
    for name in ["Winston Churchill", "Black Sea", "Kursk", "Associated Press"]:
        assert name in names.index, name
    for known in ["Keir Starmer", "Starmer", "Russia", "Kremlin", "NATO", "However", "The"]:
        assert known not in names.index, known
    row = names.loc["Winston Churchill"]
    assert "Churchill" in row.example and row["count"] == 1


def test_month_and_weekday_names_are_not_unlisted(seeds):
    names = set(unlisted_names(seeds)["name"])
    texts = " ".join(seeds.documents.text)
    for calendar in ["February", "Thursday", "Monday"]:
        assert calendar in texts and calendar not in names, calendar
    assert "Mar-a-Lago" in names  # a month's abbreviation inside a name is kept


@pytest.mark.parametrize(
    "word, calendar",
    [("February", True), ("Sept", True), ("Thurs", True), ("Dec", True),
     ("Mar-a-Lago", False), ("Sun", False), ("Mayor", False)],
)  # fmt: skip
def test_calendar_words(word, calendar):
    from storylens.actors.names import CALENDAR_WORD

    assert bool(CALENDAR_WORD.match(word)) is calendar


@pytest.mark.parametrize(
    "name, accepts, rejects",
    [
        ("NAME_SEQUENCE", "King’s College London", "30,000"),
        ("NAME_SEQUENCE", "Radar MMS", "the"),
        ("WORD", "Hurdles", "—"),
        ("POSSESSIVE_END", "Starmer’s", "s"),
    ],
)
def test_pattern_examples(name, accepts, rejects):
    from storylens.actors import names

    pattern = getattr(names, name)
    assert pattern.search(accepts) and not pattern.search(rejects)
    if name == "NAME_SEQUENCE":
        assert pattern.search(accepts).group() == accepts


def test_titles_party_tags_and_place_names_are_not_noise(tmp_path):
    (tmp_path / "nyt.txt").write_text(
        "Senator Speaks on the Deal\n\n"
        "Mr. Graham spoke with reporters on Monday.\n\n"
        "Sen. Lindsey Graham (R-S.C.) said the F.B.I. had briefed him.\n\n"
        "New Zealand sent a delegation to the talks.\n\n"
        "The New York Times reported the meeting first, and Mr. Graham denied it.\n",
        encoding="utf-8",
    )
    from storylens import load_corpus
    from storylens.actors import actor_mentions

    corpus = load_corpus(tmp_path)
    names = set(unlisted_names(corpus)["name"])
    for noise in ["Mr", "Sen", "R-S.C", "F.B.I", "Zealand", "York Times", "Graham"]:
        assert noise not in names, noise
    assert "New Zealand" in names  # the whole name stays listed
    # Lindsey Graham, the FBI and the New York Times are actors now, so not unlisted
    actors = actor_mentions(corpus).groupby("actor").size().to_dict()
    assert actors == {"Lindsey Graham": 3, "FBI": 1, "New York Times": 1}
    assert not names & set(actors)


def test_case_evidence_from_the_sentences_equals_that_of_the_tokens(seeds, tmp_path):
    """Two ways to the same sets: the tokens table the loader made, and the sentences
    tokenised one at a time (what unlisted_names uses, so it never materialises tokens);
    on the seeds and on generated articles."""
    from storylens import load_corpus
    from storylens.actors.names import case_evidence, sentence_case_evidence
    from storylens.synthetic import write_corpus

    generated = load_corpus(write_corpus(tmp_path / "c", 40, seed=3), cache=False)
    for corpus in (seeds, generated):
        by_sentence = sentence_case_evidence(corpus.sentences["text"].tolist())
        assert by_sentence == case_evidence(corpus.tokens)
        assert by_sentence.capitalised_inside and by_sentence.lower
