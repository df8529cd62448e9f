"""Tests for storylens.sentiment.features: what the model reads around a target."""

from __future__ import annotations

import pytest

from storylens.sentiment import target_features
from storylens.sentiment.features import model_words, stem, tokens

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


@pytest.mark.parametrize(
    ("sentence", "target", "present", "absent"),
    [
        # words at exact positions, window pairs, other names generalised as <E>
        (
            "Russia attacked Ukraine again on Monday.",
            "Russia",
            ["p+1:attacked", "p+2:ukraine", "rb:attacked ukraine", "e:<T> attacked <E>"],
            ["p-1:attacked"],
        ),
        # the praise is Starmer's own; the condemnation is held by Putin
        (SENTENCE, "Starmer", ["lex:own:pos", "lex:other:neg"], ["lex:own:neg"]),
        # the target as subject crossed with the sign of its own hits
        (
            "Russia brutally attacked the city.",
            "Russia",
            ["role:subject", "x:subject_neg"],
            ["role:object"],
        ),
        # a need is not a fact: the approval goes to lex:irr:, not to the clause sums
        (
            "The Netherlands would require parliamentary approval.",
            "The Netherlands",
            ["lex:irr:pos"],
            ["lex:pos_clause", "lex:own:pos"],
        ),
    ],
)
def test_context_and_holder_features(sentence, target, present, absent):
    features = target_features(sentence, *_span(sentence, target))
    assert [name for name in present if name not in features] == []
    assert [name for name in absent if name in features] == []


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        # seed 004: "like" before a name is the preposition, and a token of its own
        (
            "countries like the Netherlands would require approval",
            ["countries", "like/p", "the", "netherlands", "would", "require", "approval"],
        ),
        # the verb keeps its own token, negated or not
        ("They like the plan.", ["they", "like", "the", "plan", "."]),
        ("Voters don't like the plan.", ["voters", "don't", "like", "the", "plan", "."]),
    ],
)
def test_like_as_a_preposition_is_its_own_word(sentence, words):
    assert model_words(tokens(sentence)) == words


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("criticized", "criticiz"),
        ("criticizing", "criticiz"),
        ("sanctions", "sanct"),
        ("agreement", "agree"),
        ("strongly", "strong"),
        ("war", "war"),  # too short to strip
        ("Russia", "Russia"),
    ],
)
def test_stem(word, expected):
    assert stem(word) == expected


def test_clause_words_come_with_their_stems():
    sentence = "Paris criticized Moscow's sanctions, and Berlin agreed."
    features = target_features(sentence, *_span(sentence, "Moscow"))
    assert {"cs:criticiz", "cs:sanct", "c:criticized"} <= set(features)
    assert "cs:agre" not in features and "cs:agreed" not in features  # another clause


def test_cluster_table_is_read_whole():
    """Every word line of the data file is in the table (counted a second way, from the
    raw text), with a cluster number below each granularity's size."""
    from importlib import resources

    from storylens.sentiment import features

    text = resources.files("storylens").joinpath("data", features.CLUSTERS_FILE).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("# ")]
    assert len(features.CLUSTERS) == len(lines) - 1  # less the column header
    assert features.CLUSTER_SIZES == ("256", "1024")
    for i, size in enumerate(features.CLUSTER_SIZES):
        assert {ids[i] for ids in features.CLUSTERS.values()} <= set(range(int(size)))


@pytest.mark.parametrize(
    "text, message",
    [
        ("word\t256\t1024\nwar\t3\n", "line 2: 2 fields, expected 3"),
        ("# about\n\nword\t256\nwar\t3\t9\n", "line 4: 3 fields, expected 2"),
    ],
)
def test_a_bad_cluster_line_is_named(text, message):
    from storylens.sentiment.features import parse_clusters

    with pytest.raises(ValueError, match=message):
        parse_clusters(text)


@pytest.mark.parametrize(
    ("sentence", "target", "clause", "left", "right", "outside"),
    [
        # clause words on both sides, the window, a word across the comma
        ("Russia attacked Ukraine, officials said.", "Ukraine", ["russia", "attacked"],
         ["russia"], [","], ["officials"]),
        # "Trump" is in no other word's cluster: its own cluster stays out
        ("Critics denounced Trump.", "Trump", ["critics", "denounced"], ["denounced"], ["."],
         []),
    ],
)  # fmt: skip
def test_cluster_features_by_scope(sentence, target, clause, left, right, outside):
    from storylens.sentiment.features import CLUSTERS

    features = target_features(sentence, *_span(sentence, target))
    for prefix, words in (("k", clause), ("kl", left), ("kr", right), ("ks", outside)):
        for word in words:
            assert f"{prefix}256:{CLUSTERS[word][0]}" in features
            assert f"{prefix}1024:{CLUSTERS[word][1]}" in features
    own = CLUSTERS[target.lower()][1]
    others = {CLUSTERS[w][1] for w in clause}
    assert (f"k1024:{own}" in features) == (own in others)  # the target's own word is left out


def test_a_word_missing_from_the_table_adds_no_cluster():
    plain = target_features("Critics denounced Trump.", 18, 23)
    odd = target_features("Critics zzqxv denounced Trump.", 24, 29)
    clusters = lambda f: {k for k in f if k.split(":")[0] in ("k256", "k1024")}  # noqa: E731
    assert clusters(odd) == clusters(plain)
    assert "c:zzqxv" in odd


def test_features_come_in_one_order_whatever_the_hash_seed():
    """The weights are summed in the features' order, so a set's order (which follows
    PYTHONHASHSEED, different in every worker process) must not reach it: else a score
    changes in its last bits from one run to the next."""
    import os
    import subprocess
    import sys

    code = (
        "from storylens.sentiment.features import target_features\n"
        "s = 'Russia was attacked by Ukraine, the victim of aggression, and criticised.'\n"
        "print([list(target_features(s, a, b)) for a, b in [(0, 6), (23, 30)]])\n"
    )
    seen = set()
    for seed in range(4):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, check=True)  # fmt: skip
        seen.add(out.stdout)
    assert len(seen) == 1


@pytest.mark.parametrize("word", ["condemned", "war", "the", "denounced", "like/p", "zzqxv"])
def test_cluster_names_from_the_id_table_are_the_formatted_names(word):
    """A word's cluster names come from a table made once per cluster id; they are the
    names formatted from the word's ids (``k256:17``), and none for a word not in the
    table."""
    from storylens.sentiment import features

    ids = features.CLUSTERS.get(word)
    expected = (
        tuple(
            tuple(f"{p}{size}:{c}" for size, c in zip(features.CLUSTER_SIZES, ids, strict=True))
            for p in ("k", "kl", "kr", "ks")
        )
        if ids is not None
        else ((),) * 4
    )
    assert features._word_cluster_names(word) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Putin's war, NATO's ANTI-WAR stance and the U.S. didn't BLINK.",
        "PUTIN'S WAR: 'S and 's",
        "Putin’s war didn’t end",  # not ASCII: the token-by-token path
        "",
    ],
)
def test_tokens_are_the_matches_lower_cased_one_by_one(sentence):
    """The ASCII shortcut (the sentence lower-cased once, then sliced) gives the tokens
    of lower-casing each match."""
    from storylens.sentiment.features import TOKEN, tokens

    expected = [(m.start(), m.end(), m.group().lower().replace("’", "'"))
                for m in TOKEN.finditer(sentence)]  # fmt: skip
    assert tokens(sentence) == expected
