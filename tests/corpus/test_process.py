"""Tests for storylens.corpus.process: sentences, tokens and their offsets."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "fragment, sentence",
    [
        # U.S. inside a sentence does not end it
        ("ruled out American ground forces",
         "U.S. Defense Secretary Pete Hegseth has ruled out American ground forces but left the "
         "door open for logistical and air support."),
        ("determination not to put U.S. troops",
         "On the face of it, this idea might seem to reconcile several mutually contradictory "
         "pressures on the Ukrainian peace process: The Russian demand for a treaty that will "
         "permanently bar Ukraine from NATO membership; the Ukrainian demand for Western "
         "guarantees "
         "against future Russian aggression; Trump’s determination not to put U.S. troops on the "
         "ground or make additional and permanent U.S. commitments to Ukraine; and the real need "
         "for a substantial international force to patrol an armistice line."),
        # Feb. 17, 2025. ends a caption sentence; the credit follows
        ("informal meeting of leaders",
         "French President Emmanuel Macron, (L) greets Britain's Prime Minister Keir Starmer as he "
         "arrives for an informal meeting of leaders from key European Union nations and the U.K., "
         "Paris, France, Feb. 17, 2025."),
        ("proposed plan by Sir Keir Starmer",
         "The proposed plan by Sir Keir Starmer, which would see Britain and France take "
         "responsibility for safeguarding Ukraine on the ground, has been met with resistance from "
         "Russia."),
        # a quote with a closing curly quote and attribution stays one sentence
        ("effectively deter Russia",
         "“The only way to effectively deter Russia from attacking Ukraine again is a U.S. "
         "security "
         "guarantee,” Starmer said Monday."),
        # dashes
        ("without Kyiv at the table",
         "As Washington and Moscow edge toward negotiations to end the war in Ukraine – without "
         "Kyiv at the table – European leaders are shaping a security plan to prevent a future "
         "Russian attack."),
        ("Kushner said that the US president",
         "Kushner said that the US president “strongly stands” behind the initiative—language that "
         "suggests political support but leaves considerable ambiguity about the extent of future "
         "American involvement."),
    ],
)  # fmt: skip
def test_sentence_splitting_on_seed_sentences(seeds, fragment, sentence):
    matches = seeds.sentences[seeds.sentences.text.str.contains(fragment, regex=False)]
    assert matches.text.tolist() == [sentence]


def test_quote_split_into_its_sentences(seeds):
    tusk = seeds.sentences[seeds.sentences.text.str.contains("we’re not planning", regex=False)]
    assert tusk.text.tolist() == ["At the moment we’re not planning such activities.”"]


def test_offsets_point_into_the_clean_text(seeds):
    texts = seeds.documents.set_index("doc_id")["text"]
    for row in seeds.sentences.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
    for row in seeds.tokens.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.token
        assert row.lower == row.token.lower()


def test_tokens_lie_inside_their_sentence(seeds):
    merged = seeds.tokens.merge(seeds.sentences, on=["doc_id", "sent_id"], suffixes=("", "_s"))
    assert len(merged) == len(seeds.tokens)
    assert ((merged.start >= merged.start_s) & (merged.end <= merged.end_s)).all()


def test_counts_agree_when_computed_two_ways(seeds):
    docs = seeds.documents.set_index("doc_id")
    assert docs.n_sentences.to_dict() == seeds.sentences.groupby("doc_id").size().to_dict()
    assert docs.n_tokens.to_dict() == seeds.tokens.groupby("doc_id").size().to_dict()
    assert docs.n_tokens.sum() == len(seeds.tokens)


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Ukraine’s security", ["Ukraine", "’s", "security"]),
        ("“reassurance force”", ["“", "reassurance", "force", "”"]),
        ("up to 30,000 troops", ["up", "to", "30,000", "troops"]),
        ("the U.S. president", ["the", "U.S.", "president"]),
        ("we’re not planning", ["we", "’re", "not", "planning"]),
    ],
)
def test_word_tokens(text, tokens):
    from storylens.nlp import word_spans

    assert [t for _, _, t in word_spans(text)] == tokens
