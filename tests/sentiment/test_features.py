"""Tests for storylens.sentiment.features: what the model reads around a target."""

from __future__ import annotations

import pytest

from storylens.sentiment import target_features

SENTENCE = "Macron praised Starmer's courage but condemned Putin's brutal aggression."


def _span(sentence: str, target: str) -> tuple[int, int]:
    start = sentence.index(target)
    return start, start + len(target)


@pytest.mark.parametrize(
    ("target", "present", "absent"),
    [
        # Starmer: praised right before it, the condemnation is across "but"
        (
            "Starmer",
            ["g:praised <T>", "lex:pos_clause", "lex:neg_out_contrast"],
            ["lex:neg_clause"],
        ),
        # Putin: condemned in its own clause, the praise is across "but"
        (
            "Putin",
            ["g:condemned <T>", "lex:neg_clause", "lex:pos_out_contrast"],
            ["lex:pos_clause"],
        ),
    ],
)
def test_features_are_scoped_to_the_target(target, present, absent):
    sentence = SENTENCE
    features = target_features(sentence, *_span(sentence, target))
    assert all(name in features for name in present)
    assert not any(name in features for name in absent)


def test_word_lists_come_from_the_data_file():
    from storylens.sentiment import features

    assert {"but", ",", "however"} <= features.CLAUSE_BREAKS
    assert features.CONTRASTS <= features.CLAUSE_BREAKS
    assert "said" in features.SPEECH_AFTER and "he" in features.PRONOUNS


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("didn't", ["didn't"]),
        ("anti-war", ["anti-war"]),
        ("Putin's", ["putin", "'s"]),
        ("Putin’s war,", ["putin", "'s", "war", ","]),
        ("   ", []),
    ],
)
def test_tokens(text, tokens):
    from storylens.sentiment.features import tokens as tokenize

    assert [t for _, _, t in tokenize(text)] == tokens
