"""The speed-ups of storylens.sentiment.features give the features of the plain version,
name for name, value for value and in the same order (the model sums them in that
order): the plain version is kept here and both are run on every token of the seeds
and on hand-picked sentences."""

from __future__ import annotations

import pytest

from storylens.sentiment import features, target_features
from storylens.sentiment.features import CLUSTER_SIZES, CLUSTERS, WINDOW


def plain_cluster_features(words: list[str], scope) -> dict[str, float]:
    """The cluster features as first written: one name made per word and granularity."""
    clusters = [CLUSTERS.get(w) for w in words]
    f: dict[str, float] = {}
    first, last, lo, hi = scope
    n = len(clusters)
    left = range(max(0, first - WINDOW), first)
    right = range(last + 1, min(n, last + 1 + WINDOW))
    outside = [*range(lo), *range(hi, n)]
    clause = [*range(lo, first), *range(last + 1, hi)]
    for prefix, positions in (("k", clause), ("kl", left), ("kr", right), ("ks", outside)):
        for i in positions:
            ids = clusters[i]
            if ids is not None:
                for size, c in zip(CLUSTER_SIZES, ids, strict=True):
                    f[f"{prefix}{size}:{c}"] = 1.0
    return f


def plain_target_features(sentence: str, start: int, end: int) -> dict[str, float]:
    """target_features with the plain version of each part changed for speed."""
    toks, valence, words, capital, skip, _ = features._sentence_reading(sentence)
    scope = features._scope(toks, start, end)
    if scope is None:
        return {"bias:empty": 1.0}
    sums = features._lexicon_sums(valence, words, capital, scope, skip)
    return {
        **features._word_features(words, scope),
        **plain_cluster_features(words, scope),
        **features._context_features(words, capital, scope),
        **features._lexicon_features(valence, sums, scope),
        **features._role_features(words, capital, scope),
        **features._owner_features(toks, valence, capital, scope, skip),
    }


def _targets(sentence: str):
    """Every token of the sentence as a target, and an empty span at its start."""
    yield 0, 0
    for s, e, _ in features.tokens(sentence):
        yield s, e


SENTENCES = [
    "Macron praised Starmer's courage but condemned Putin's brutal aggression.",
    "Paris criticized Moscow's sanctions, and Berlin agreed.",
    "Countries like Italy say they like it.",
    "“We will not back down,” said the minister, who denied any wrongdoing.",
    "   ",
    "NATO",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_features_as_the_plain_version_on_sentences(sentence):
    for start, end in _targets(sentence):
        fast = target_features(sentence, start, end)
        assert list(fast.items()) == list(plain_target_features(sentence, start, end).items())


def test_features_as_the_plain_version_on_the_seeds(seeds):
    sentences = list(dict.fromkeys(seeds.sentences["text"]))[:400]
    checked, prefixes = 0, set()
    for sentence in sentences:
        for start, end in _targets(sentence):
            fast = target_features(sentence, start, end)
            assert list(fast.items()) == list(plain_target_features(sentence, start, end).items())
            checked += 1
            prefixes |= {name.split(":", 1)[0] for name in fast}
    assert checked > 5000 and {"k256", "kl1024", "kr256", "ks1024", "e", "lex"} <= prefixes
