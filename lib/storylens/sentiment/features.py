"""The target-sentiment model's features: what a sentence says around one span.

:func:`target_features` is used for scoring (:mod:`storylens.sentiment.model`) and by
``benchmarks/train_sentiment.py``, so training and scoring see the same features. The
word lists (``data/sentiment_words.yaml``) are part of the trained model: changing one
means retraining.

>>> f = target_features("Macron praised Starmer's courage.", 15, 22)
>>> f["g:praised <T>"], f["lex:pos_clause"] > 0, "role:possessive" in f
(1.0, True, True)
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from itertools import chain
from typing import NamedTuple

import yaml

from storylens.nlp import vader
from storylens.sentiment.roles import (
    SentenceFacts,
    hit_owners,
    irrealis_hits,
    sentence_facts,
    target_roles,
)

__all__ = [
    "clear_cache", "load_resources", "model_words", "parse_clusters", "sentence_parts", "stem",
    "target_features", "tokens",
]  # fmt: skip

# A word (with inner hyphens and contractions), a possessive ending, or one punctuation
# mark. Accepts "didn't", "anti-war", "'s" (split from "Putin's"), ","; a run of spaces
# never matches.
TOKEN = re.compile(r"['’]s\b|\w+(?:-\w+)*(?:['’](?!s\b)\w+)*|[^\w\s]")
# A token that starts with a capital letter: a likely name of another actor. Accepts
# "Putin", "NATO"; rejects "praised", "'s".
CAPITALISED = re.compile(r"[A-Z]")

WORDS_FILE = "sentiment_words.yaml"
CLUSTERS_FILE = "sentiment_clusters.tsv"  # word -> its cluster at each granularity


def _word_sets() -> dict[str, frozenset[str]]:
    text = resources.files("storylens").joinpath("data", WORDS_FILE).read_text("utf-8")
    return {name: frozenset(map(str, entries)) for name, entries in yaml.safe_load(text).items()}


def parse_clusters(text: str) -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """The cluster table in ``text`` (the format of :data:`CLUSTERS_FILE`): its
    granularity names and each word's cluster at each of them. An error names the file
    and the line that does not fit.

    >>> parse_clusters("# comment\\nword\\t256\\t1024\\nwar\\t3\\t700\\n")
    (('256', '1024'), {'war': (3, 700)})
    """
    sizes: tuple[str, ...] = ()
    table: dict[str, tuple[int, ...]] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if line.startswith("# ") or not line:
            continue
        fields = line.split("\t")
        if not sizes:  # the column header: "word", then one name per granularity
            sizes = tuple(fields[1:])
            continue
        if len(fields) != len(sizes) + 1:
            raise ValueError(
                f"{CLUSTERS_FILE}, line {n}: {len(fields)} fields, expected {len(sizes) + 1} "
                "(word, then one cluster per granularity); rebuild it with "
                "benchmarks/train_sentiment.py --build-clusters"
            )
        table[fields[0]] = tuple(map(int, fields[1:]))
    return sizes, table


def _read_clusters() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    text = resources.files("storylens").joinpath("data", CLUSTERS_FILE).read_text("utf-8")
    return parse_clusters(text)


_WORDS = _word_sets()
# Word clusters (k-means over GloVe vectors, see the file's header): an unseen word
# shares the weights of its cluster, "denounced" those of "condemned".
CLUSTER_SIZES, CLUSTERS = _read_clusters()
CLAUSE_BREAKS = _WORDS["clause_breaks"]  # tokens that end the target's clause
CONTRASTS = _WORDS["contrasts"]  # words that set a clause against the one before it
QUOTES = _WORDS["quotes"]
SPEECH_AFTER = _WORDS["speech_after"]  # the model's, not the lexicon's speech verbs
PRONOUNS = _WORDS["pronouns"]
LIKE_VERB_BEFORE = _WORDS["like_verb_before"]  # "they like" is the verb, "states like" not
# The ending stripped from a clause word of six letters or more for its stem feature
# (``cs:``), so an unseen form shares the weight of a seen one: "criticizing" and
# "criticized" -> "criticiz"; "Russia", "war" (too short) are kept whole.
STEM_SUFFIX = re.compile(r"(?:ing|ed|es|s|ly|ment|ness|ions?)$")
STEM_MIN_LEN = 6
LIKE_PREPOSITION = "like/p"  # the word features' token for "like" as a preposition
WINDOW = 5  # words on each side of the target that get their own features
NEGATION_REACH = 3  # a negation word flips lexicon hits up to this many words after it
NEGATION_FACTOR = -0.74  # VADER's own scalar for a negated word
# The lexicon sums by where a hit stands, in the order the model file was written.
LEXICON_SCOPES = (
    "pos_clause", "neg_clause", "pos_before", "neg_before", "pos_after", "neg_after",
    "pos_near", "neg_near", "pos_blocked", "neg_blocked", "pos_out_free", "neg_out_free",
    "pos_out_blocked", "neg_out_blocked", "pos_out_contrast", "neg_out_contrast",
)  # fmt: skip

Token = tuple[int, int, str]  # start, end, lower-cased token


def tokens(sentence: str) -> list[Token]:
    """``(start, end, lower-cased token)`` with typographic apostrophes made ASCII.

    >>> [t for _, _, t in tokens("Putin’s war")]
    ['putin', "'s", 'war']
    """
    if sentence.isascii():  # lower-cased whole, then sliced: the same, one call
        lower = sentence.lower()
        return [(s, e, lower[s:e]) for s, e in map(re.Match.span, TOKEN.finditer(sentence))]
    return [
        (m.start(), m.end(), m.group().lower().replace("’", "'")) for m in TOKEN.finditer(sentence)
    ]


@functools.cache
def _lexicon() -> tuple[dict[str, float], frozenset[str]]:
    analyzer = vader()
    return analyzer.lexicon, frozenset(analyzer.constants.NEGATE)


def _is_like_preposition(toks: list[Token], i: int) -> bool:
    """Whether token ``i`` is "like" as a preposition ("countries like the Netherlands"),
    not the verb ("they like", "don't like")."""
    return toks[i][2] == "like" and (i == 0 or toks[i - 1][2] not in LIKE_VERB_BEFORE)


def model_words(toks: list[Token]) -> list[str]:
    """The tokens as the word features read them: "like" as a preposition becomes
    :data:`LIKE_PREPOSITION`, so the verb's weight (and the preposition's) each stay
    their own.

    >>> model_words(tokens("Countries like Italy say they like it."))
    ['countries', 'like/p', 'italy', 'say', 'they', 'like', 'it', '.']
    """
    return [
        LIKE_PREPOSITION if _is_like_preposition(toks, i) else t for i, (_, _, t) in enumerate(toks)
    ]


def stem(word: str) -> str:
    """``word`` without a common ending (:data:`STEM_SUFFIX`) when it is long enough.

    >>> stem("criticizing"), stem("criticized"), stem("war")
    ('criticiz', 'criticiz', 'war')
    """
    return STEM_SUFFIX.sub("", word) if len(word) >= STEM_MIN_LEN else word


@functools.lru_cache(maxsize=4096)
def sentence_parts(sentence: str) -> tuple[list[Token], list[float]]:
    """Tokens and the signed lexicon valence of each (VADER's negation words applied),
    cached per sentence (the mentions of one sentence share them)."""
    lexicon, negate = _lexicon()
    toks = tokens(sentence)
    valence = []
    for i, (_, _, tok) in enumerate(toks):
        v = lexicon.get(tok, 0.0) / 4.0
        if _is_like_preposition(toks, i):
            v = 0.0  # the preposition ("countries like the Netherlands")
        if v and any(t in negate for _, _, t in toks[max(0, i - NEGATION_REACH) : i]):
            v *= NEGATION_FACTOR
        valence.append(v)
    return toks, valence


@functools.lru_cache(maxsize=4096)
def _sentence_reading(sentence: str):
    """What every target of ``sentence`` reads alike, cached per sentence: its tokens,
    their valence, :func:`model_words`, which tokens are capitalised, the irrealis
    hits and each word's cluster feature names (:func:`_cluster_names`). (Nothing
    downstream changes them.)"""
    toks, valence = sentence_parts(sentence)
    words = model_words(toks)
    capital = [bool(CAPITALISED.match(sentence[s : s + 1])) for s, _, _ in toks]
    clusters = _cluster_names(words)
    return toks, valence, words, capital, frozenset(irrealis_hits(words, valence)), clusters


_CLUSTER_PREFIXES = ("k", "kl", "kr", "ks")  # clause, left window, right window, outside
# A word's cluster feature names under each prefix, made when the word is first seen
# (words of the cluster table only, so it stays as small as the table).
_CLUSTER_NAMES: dict[str, tuple[tuple[str, ...], ...]] = {}
_NO_CLUSTER = ((),) * len(_CLUSTER_PREFIXES)


@functools.cache
def _names_by_ids() -> dict[tuple[int, ...], tuple[tuple[str, ...], ...]]:
    """The cluster feature names (:func:`_word_cluster_names`) of each combination of
    cluster ids the table uses (9,644 today, of 52,161 words), made once: the words of
    one combination share them."""
    ids = [sorted({row[k] for row in CLUSTERS.values()}) for k in range(len(CLUSTER_SIZES))]
    by_id = [
        [{c: f"{prefix}{size}:{c}" for c in ids[k]} for k, size in enumerate(CLUSTER_SIZES)]
        for prefix in _CLUSTER_PREFIXES
    ]
    return {
        row: tuple(tuple(map(dict.__getitem__, per_size, row)) for per_size in by_id)
        for row in set(CLUSTERS.values())
    }


def load_resources() -> None:
    """Read what the features need before the first sentence (the VADER lexicon, the
    cluster names), so timing the first sentences does not time loading."""
    _lexicon()
    _names_by_ids()


def _word_cluster_names(word: str) -> tuple[tuple[str, ...], ...]:
    """The cluster feature names of ``word`` (``k256:17``, ``k1024:700``) under each
    prefix of :data:`_CLUSTER_PREFIXES`; ``()`` each for a word the table lacks."""
    names = _CLUSTER_NAMES.get(word)
    if names is None:
        ids = CLUSTERS.get(word)
        if ids is None:
            return _NO_CLUSTER
        names = _CLUSTER_NAMES[word] = _names_by_ids()[ids]
    return names


def _cluster_names(words: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each word's cluster feature names, per prefix of :func:`_cluster_features`."""
    per_word = [_CLUSTER_NAMES.get(w) or _word_cluster_names(w) for w in words]
    columns = tuple(zip(*per_word, strict=True)) if per_word else _NO_CLUSTER
    return dict(zip(_CLUSTER_PREFIXES, columns, strict=True))


def clear_cache() -> None:
    """Forget the cached sentence parts (for timing a cold run)."""
    sentence_parts.cache_clear()
    _sentence_reading.cache_clear()
    _word_names.cache_clear()
    _owner_facts.cache_clear()


class _Scope(NamedTuple):
    """Token indexes: the target is ``first..last``, its clause ``lo..hi-1``."""

    first: int
    last: int
    lo: int
    hi: int


def _scope(toks: list[Token], start: int, end: int) -> _Scope | None:
    """Where the target and its clause (from the nearest break before the target to the
    nearest one after it) lie among the tokens; None for a sentence without tokens."""
    n = len(toks)
    inside = [i for i, (s, e, _) in enumerate(toks) if s < end and e > start]
    if not inside:  # an empty or whitespace span: anchor it at the nearest token
        inside = [min(range(n), key=lambda i: abs(toks[i][0] - start))] if n else []
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    lo = first
    while lo > 0 and toks[lo - 1][2] not in CLAUSE_BREAKS:
        lo -= 1
    hi = last + 1
    while hi < n and toks[hi][2] not in CLAUSE_BREAKS:
        hi += 1
    return _Scope(first, last, lo, hi)


@functools.lru_cache(maxsize=4096)
def _word_names(words: tuple[str, ...]) -> tuple[list[str], list[tuple[str, str]]]:
    """The sentence-word feature name of each word (``s:praised``) and its clause-word
    names (``c:praised``, ``cs:prais``), made once per sentence."""
    return ["s:" + w for w in words], [("c:" + w, "cs:" + stem(w)) for w in words]


def _word_features(words: list[str], scope: _Scope) -> dict[str, float]:
    """Sentence words, clause words, window words and n-grams with the target as <T>."""
    first, last, lo, hi = scope
    sentence, clause = _word_names(tuple(words))
    f = dict.fromkeys(sentence[:first] + sentence[last + 1 :], 1.0)
    f.update(dict.fromkeys(chain.from_iterable(clause[lo:first] + clause[last + 1 : hi]), 1.0))
    marked = words[:first] + ["<T>"] + words[last + 1 :]
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


def _cluster_features(names: dict[str, tuple[tuple[str, ...], ...]], scope: _Scope) -> dict:
    """The clusters (:data:`CLUSTERS`) of the clause words (``k256:17``), of the words of
    each side's window (``kl256:``, ``kr256:``) and of the sentence words outside the
    clause (``ks256:``), one set per granularity; the target's own words are left out.
    ``names``: each word's feature names per prefix (:func:`_cluster_names`)."""
    first, last, lo, hi = scope
    clause, left, right, outside = (names[p] for p in _CLUSTER_PREFIXES)
    n = len(clause)
    runs = (
        clause[lo:first], clause[last + 1 : hi],
        left[max(0, first - WINDOW) : first],
        right[last + 1 : min(n, last + 1 + WINDOW)],
        outside[:lo], outside[hi:],
    )  # fmt: skip
    return dict.fromkeys(chain.from_iterable(chain.from_iterable(runs)), 1.0)


def _lexicon_sums(
    valence: list[float], words: list[str], capital: list[bool], scope: _Scope, skip: frozenset[int]
) -> dict[str, float]:
    """Lexicon hits outside the target (and not in ``skip``) summed by scope (see
    :data:`LEXICON_SCOPES`)."""
    first, last, lo, hi = scope
    sums = dict.fromkeys(LEXICON_SCOPES, 0.0)
    for i, v in enumerate(valence):
        if not v or first <= i <= last or i in skip:
            continue
        sign = "pos" if v > 0 else "neg"
        size = abs(v)
        gap = range(i + 1, first) if i < first else range(last + 1, i)
        blocked = any(capital[j] and j > 0 for j in gap)
        if lo <= i < hi:
            sums[sign + "_clause"] += size
            sums[sign + ("_before" if i < first else "_after")] += size
        elif any(words[j] in CONTRASTS for j in gap):
            sums[sign + "_out_contrast"] += size
        else:
            sums[sign + ("_out_blocked" if blocked else "_out_free")] += size
        sums[sign + ("_blocked" if blocked else "_near")] += size / (1.0 + len(gap))
    return sums


def _lexicon_features(
    valence: list[float], sums: dict[str, float], scope: _Scope
) -> dict[str, float]:
    """The lexicon sums that are not zero, which side of the clause has hits, and the
    valence inside the target itself."""
    f = {}
    for name, value in sums.items():
        if value:
            f["lex:" + name] = value
    if sums["neg_clause"] and not sums["pos_clause"]:
        f["lex:clause_only_neg"] = 1.0
    if sums["pos_clause"] and not sums["neg_clause"]:
        f["lex:clause_only_pos"] = 1.0
    if not any(valence):
        f["lex:none"] = 1.0
    in_target = sum(valence[scope.first : scope.last + 1])
    if in_target:
        f["lex:in_target"] = in_target
    return f


def _role_features(words: list[str], capital: list[bool], scope: _Scope) -> dict[str, float]:
    """The target's role: first word, pronoun, inside a quote, speaker, possessive,
    other names in its clause; and the clause's length."""
    f: dict[str, float] = {}
    first, last, lo, hi = scope
    if first == 0:
        f["role:first"] = 1.0
    if last == first and words[first] in PRONOUNS:
        f["role:pronoun"] = 1.0
    if sum(1 for w in words[:first] if w in QUOTES) % 2 == 1:
        f["role:in_quote"] = 1.0
    after = words[last + 1 : last + 4]
    if any(w in SPEECH_AFTER for w in after):
        f["role:speaker"] = 1.0
    if after[:1] == ["'s"]:
        f["role:possessive"] = 1.0
    others = sum(1 for j in range(lo, hi) if capital[j] and j > 0 and not first <= j <= last)
    if others:
        f["role:other_names"] = min(others, 3) / 3.0
    f["bias:clause_len"] = min(hi - lo, 40) / 40.0
    return f


def _context_features(words: list[str], capital: list[bool], scope: _Scope) -> dict[str, float]:
    """Words at exact positions next to the target (``p-1:``, ``p+2:`` ...), word pairs
    of each side's window (``lb:``/``rb:``) and n-grams touching the target with other
    names as ``<E>`` (``e:<T> attacked <E>``)."""
    f: dict[str, float] = {}
    first, last = scope.first, scope.last
    left = words[max(0, first - WINDOW) : first]
    right = words[last + 1 : last + 1 + WINDOW]
    for k in (1, 2):
        if len(left) >= k:
            f[f"p-{k}:" + left[-k]] = 1.0
        if len(right) >= k:
            f[f"p+{k}:" + right[k - 1]] = 1.0
    for side, run in (("lb:", left), ("rb:", right)):
        for a, b in zip(run, run[1:], strict=False):
            f[side + a + " " + b] = 1.0
    masked = [
        "<E>" if capital[j] and j > 0 else words[j] for j in range(first)
    ]  # fmt: skip
    masked += ["<T>"] + ["<E>" if capital[j] else words[j] for j in range(last + 1, len(words))]
    for size in (2, 3):
        for a in range(max(0, first - size + 1), first + 1):
            gram = masked[a : a + size]
            if len(gram) == size and "<E>" in gram:
                f["e:" + " ".join(gram)] = 1.0
    return f


@functools.lru_cache(maxsize=4096)
def _owner_facts(sentence: str) -> SentenceFacts:
    """:func:`storylens.sentiment.roles.sentence_facts` of ``sentence``, made once."""
    toks, _, _, capital, _, _ = _sentence_reading(sentence)
    return sentence_facts(toks, capital)


def _owner_features(
    toks: list[Token],
    valence: list[float],
    capital: list[bool],
    scope: _Scope,
    skip: frozenset[int],
    facts: SentenceFacts | None = None,
) -> dict[str, float]:
    """Lexicon hits by who holds them (:func:`storylens.sentiment.roles.hit_owners`),
    the hits in irrealis scope, the target's roles and each role crossed with the sign
    of the hits the target holds. ``facts``: the sentence's ``sentence_facts``."""
    first, last = scope.first, scope.last
    facts = facts if facts is not None else sentence_facts(toks, capital)
    f: dict[str, float] = {}
    owners = hit_owners(toks, valence, first, last, capital, facts=facts)
    for holder, positions in owners.items():
        for i in positions:
            name = ("own:" if i not in skip else "irr:") + ("pos" if valence[i] > 0 else "neg")
            if holder == "other" and i not in skip:
                name = "other:" + name[4:]
            f["lex:" + name] = f.get("lex:" + name, 0.0) + abs(valence[i])
    for role in sorted(target_roles(facts.words, first, last)):  # one order, any hash seed
        f["role:" + role] = 1.0
        for sign in ("pos", "neg"):
            if f.get("lex:own:" + sign):
                f[f"x:{role}_{sign}"] = f["lex:own:" + sign]
    return f


def target_features(sentence: str, start: int, end: int) -> dict[str, float]:
    """The model's features for the target ``sentence[start:end]``, by name.

    Prefixes: ``s:`` words of the sentence, ``c:`` of the target's clause (``cs:``
    their stems), ``l:``/``r:``
    of a five-word window on each side, ``g:`` n-grams touching the target (as ``<T>``),
    ``p-k:``/``p+k:`` the words just before and after it, ``lb:``/``rb:`` word pairs of
    the windows, ``e:`` n-grams with other names as ``<E>``, ``lex:`` VADER lexicon hits
    by scope and by holder (``lex:own:neg``, ``lex:other:pos``, ``lex:irr:pos`` for
    hits in irrealis scope, which the scope sums leave out), ``k``/``kl``/``kr``/``ks``
    the word clusters of the clause, the windows and the rest of the sentence
    (``k256:17``), ``role:`` the target's
    role, ``x:`` a role crossed with the sign of the target's own hits, ``bias:`` the
    clause length (``bias:empty`` alone for a sentence without words).
    """
    toks, valence, words, capital, skip, clusters = _sentence_reading(sentence)
    scope = _scope(toks, start, end)
    if scope is None:
        return {"bias:empty": 1.0}
    sums = _lexicon_sums(valence, words, capital, scope, skip)
    return {
        **_word_features(words, scope),
        **_cluster_features(clusters, scope),
        **_context_features(words, capital, scope),
        **_lexicon_features(valence, sums, scope),
        **_role_features(words, capital, scope),
        **_owner_features(toks, valence, capital, scope, skip, _owner_facts(sentence)),
    }
