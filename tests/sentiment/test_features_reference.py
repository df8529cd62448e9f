"""The speed-ups of storylens.sentiment.features give the features of the plain version,
name for name, value for value and in the same order (the model sums them in that
order): the plain version is kept here and both are run on every token of the seeds
and on hand-picked sentences."""

from __future__ import annotations

import pytest

from storylens.sentiment import features, roles, target_features
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


def plain_word_features(words: list[str], scope) -> dict[str, float]:
    """The word features as first written: each name made per target."""
    f: dict[str, float] = {}
    first, last, lo, hi = scope
    marked = words[:first] + ["<T>"] + words[last + 1 :]
    for i, w in enumerate(marked):
        if i != first:
            f["s:" + w] = 1.0
    for i in range(lo, hi):
        if i < first or i > last:
            f["c:" + words[i]] = 1.0
            f["cs:" + features.stem(words[i])] = 1.0
    for k in range(1, WINDOW + 1):
        if first - k >= 0:
            f["l:" + marked[first - k]] = 1.0
        if first + k < len(marked):
            f["r:" + marked[first + k]] = 1.0
    for size in (2, 3):
        for a in range(max(0, first - size + 1), first + 1):
            gram = marked[a : a + size]
            if len(gram) == size:
                f["g:" + " ".join(gram)] = 1.0
    return f


def plain_holders(toks: list, capital: list[bool], first: int, last: int) -> list[int]:
    """Positions of other names (capitalised, not sentence-initial) and role nouns."""
    return [
        j
        for j, (_, _, w) in enumerate(toks)
        if not first <= j <= last
        and ((capital[j] and j > 0) or w in roles.ROLE_AGGRESSOR or w in roles.ROLE_VICTIM)
    ]


def plain_hit_owners(
    toks: list,
    valence: list[float],
    first: int,
    last: int,
    capital: list[bool] | None = None,
) -> dict[str, list[int]]:
    """Lexicon hits outside the target ``first..last`` split by who holds them:
    ``{"own": [...], "other": [...]}`` (token positions)."""
    words = [w for _, _, w in toks]
    if capital is None:
        capital = [False] * len(toks)
    holders = plain_holders(toks, capital, first, last)
    holder_set = set(holders)
    counts = roles._break_counts(words)
    owners: dict[str, list[int]] = {"own": [], "other": []}
    for i, v in enumerate(valence):
        if not v or first <= i <= last:
            continue
        if (
            i in holder_set
            or roles._agent_of(words, i, holder_set) is not None
            or roles._introduces_clause_of(words, i, first)
        ):
            owners["other"].append(i)
            continue
        target_pos = first if i < first else last
        own = abs(i - target_pos) + roles.BREAK_COST * roles._breaks_between(counts, i, target_pos)
        near_other = min(
            (abs(i - j) + roles.BREAK_COST * roles._breaks_between(counts, i, j) for j in holders),
            default=own + 1,
        )
        owners["own" if own <= near_other else "other"].append(i)
    return owners


def plain_owner_features(
    toks: list,
    valence: list[float],
    capital: list[bool],
    scope,
    skip: frozenset[int],
) -> dict[str, float]:
    """Lexicon hits by who holds them (:func:`storylens.sentiment.roles.hit_owners`),
    the hits in irrealis scope, the target's roles and each role crossed with the sign
    of the hits the target holds."""
    first, last = scope.first, scope.last
    words = [w for _, _, w in toks]
    f: dict[str, float] = {}
    owners = plain_hit_owners(toks, valence, first, last, capital)
    for holder, positions in owners.items():
        for i in positions:
            name = ("own:" if i not in skip else "irr:") + ("pos" if valence[i] > 0 else "neg")
            if holder == "other" and i not in skip:
                name = "other:" + name[4:]
            f["lex:" + name] = f.get("lex:" + name, 0.0) + abs(valence[i])
    for role in sorted(roles.target_roles(words, first, last)):
        f["role:" + role] = 1.0
        for sign in ("pos", "neg"):
            if f.get("lex:own:" + sign):
                f[f"x:{role}_{sign}"] = f["lex:own:" + sign]
    return f


def plain_target_features(sentence: str, start: int, end: int) -> dict[str, float]:
    """target_features with the plain version of each part changed for speed."""
    toks, valence, words, capital, skip, _ = features._sentence_reading(sentence)
    scope = features._scope(toks, start, end)
    if scope is None:
        return {"bias:empty": 1.0}
    sums = features._lexicon_sums(valence, words, capital, scope, skip)
    return {
        **plain_word_features(words, scope),
        **plain_cluster_features(words, scope),
        **features._context_features(words, capital, scope),
        **features._lexicon_features(valence, sums, scope),
        **features._role_features(words, capital, scope),
        **plain_owner_features(toks, valence, capital, scope, skip),
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
