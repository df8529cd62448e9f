"""Tests for storylens.nlp: Punkt with our abbreviations, Treebank-style tokens, VADER."""

from __future__ import annotations

import pytest
from nltk.tokenize.destructive import NLTKWordTokenizer

from storylens import load_corpus
from storylens.nlp import abbreviations, split_sentences, vader, word_spans


@pytest.mark.parametrize("abbrev", ["u.s", "feb", "gen", "sen", "no", "sept", "dr", "u.k"])
def test_abbreviation_list_has_the_news_forms(abbrev):
    assert abbrev in abbreviations()


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("Gen. Mark Milley spoke. Sen. Graham agreed.", ["Gen. Mark Milley spoke.", "Sen. Graham agreed."]),
        ("It was No. 1 on the list. Then it fell.", ["It was No. 1 on the list.", "Then it fell."]),
        ("They met on Sept. 4 in Kyiv. Talks failed.", ["They met on Sept. 4 in Kyiv.", "Talks failed."]),
        ("The U.S. envoy left. He flew home.", ["The U.S. envoy left.", "He flew home."]),
    ],
)  # fmt: skip
def test_split_sentences(text, sentences):
    assert [text[a:b] for a, b in split_sentences(text)] == sentences


def test_tokens_equal_nltk_treebank_tokens_on_every_seed_sentence():
    """Independent re-computation: our fast tokenizer against NLTK's own."""
    nltk_tokenizer = NLTKWordTokenizer()
    fold = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})  # NLTK knows ASCII quotes
    sentences = load_corpus(cache=False).sentences.text
    differing = []
    for sentence in sentences:
        ours = [(a, b) for a, b, _ in word_spans(sentence)]
        theirs = list(nltk_tokenizer.span_tokenize(sentence.translate(fold)))
        if ours != theirs:
            differing.append(sentence)
    assert differing == []
    assert len(sentences) > 200


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("isn't", ["is", "n't"]),
        ("cannot", ["can", "not"]),
        ("Kosiniak-Kamysz", ["Kosiniak-Kamysz"]),
        ("€90 billion", ["€", "90", "billion"]),
        ("1.5 million.", ["1.5", "million", "."]),
        ("(AP Photo)", ["(", "AP", "Photo", ")"]),
    ],
)
def test_word_spans(text, tokens):
    spans = list(word_spans(text, offset=10))
    assert [t for _, _, t in spans] == tokens
    assert all(("x" * 10 + text)[a:b] == t for a, b, t in spans)


@pytest.mark.parametrize(
    "sentence, sign",
    [("It is a horrible idea.", -1), ("A credible deterrent and strong support.", 1)],
)
def test_vader_reads_the_shipped_lexicon(sentence, sign):
    assert sign * vader().polarity_scores(sentence)["compound"] > 0.3


def test_fast_punkt_splits_like_nltks_own_punkt():
    """Independent re-computation: Punkt with NLTK's default engine on every paragraph."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from storylens.nlp import punkt_parameters

    reference = PunktSentenceTokenizer(punkt_parameters())
    paragraphs = [p for t in load_corpus(cache=False).documents.text for p in t.split("\n\n")]
    assert len(paragraphs) > 100
    assert [split_sentences(p) for p in paragraphs] == [
        list(reference.span_tokenize(p)) for p in paragraphs
    ]
