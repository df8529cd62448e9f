"""Sentiment towards a target: how a sentence portrays one of the things it names.

Sentence-level VADER gives every actor in "Macron praised Starmer but condemned Putin"
the same score. :func:`target_sentiment` scores the span instead, with a small
multinomial logistic regression over features scoped to the target:

- the VADER lexicon (with VADER's negation words) split by where each hit stands: in
  the target's clause (clauses end at commas, semicolons, quotes, dashes, "but",
  "while", ...), before or after the target, and weighted by ``1 / (1 + distance)``;
  hits with another capitalised name between them and the target count separately;
- the words of the sentence, of the target's clause and of a five-word window on each
  side, and the word n-grams that touch the target with the target replaced by
  ``<T>`` ("criticized <T>", "<T> said");
- the target's role: at the start of the sentence, inside a quotation, followed by a
  speech verb, possessive, other names in its clause.

Nothing scores the sentence as a whole (VADER's compound would give every target the
same push); lexicon hits outside the target's clause count apart, by whether a
contrast word ("but", "while") or another name stands between them and the target.

The weights were fitted by ``benchmarks/train_sentiment.py`` on the training split of
NewsMTSC (Hamborg & Donnay, EACL 2021) and live in ``data/sentiment_model.json``; its
``metadata`` names the data and the command. Inference is plain Python and numpy: no
scikit-learn, no downloads. The score is ``P(positive) - P(negative)``, in [-1, 1]: the
expected polarity when negative, neutral and positive count -1, 0 and 1, so scores can
be averaged. The label of one mention is its most probable class (``score_mentions``
gives both); :func:`target_label` labels a bare score by a threshold, which is a little
less accurate (see ``benchmarks/eval_newsmtsc.py``).

>>> s = "Macron praised Starmer's courage but condemned Putin's brutal aggression."
>>> target_sentiment(s, 15, 22) > 0 > target_sentiment(s, 47, 52)
True
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from storylens.nlp import vader

MODEL_FILE = "sentiment_model.json"
LABELS = ("negative", "neutral", "positive")

# A word (with inner hyphens and contractions), a possessive ending, or one punctuation
# mark. Accepts "didn't", "anti-war", "'s" (split from "Putin's"), ","; a run of spaces
# never matches.
_TOKEN = re.compile(r"['’]s\b|\w+(?:-\w+)*(?:['’](?!s\b)\w+)*|[^\w\s]")
# A token that starts with a capital letter: a likely name of another actor. Accepts
# "Putin", "NATO"; rejects "praised", "'s".
_CAPITALISED = re.compile(r"[A-Z]")

# Tokens that end a clause. Lower-cased words and punctuation.
_CLAUSE_BREAKS = frozenset(
    {",", ";", ":", '"', "“", "”", "(", ")", "—", "–", "-", "but", "while", "whereas"}
    | {"although", "though", "however", "yet", "despite", "unlike", "?", "!"}
)
# Words that set a clause against the one before it.
_CONTRASTS = frozenset({"but", "while", "whereas", "although", "though", "however", "yet"})
_QUOTES = frozenset({'"', "“", "”"})
_SPEECH_VERBS = frozenset(
    {"said", "says", "say", "told", "tells", "added", "wrote", "writes", "argued", "argues"}
    | {"claimed", "claims", "insisted", "insists", "stated", "states", "warned", "warns"}
)
_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "his", "their", "it", "we"})
_WINDOW = 5  # words on each side of the target that get their own features
_NEGATION_REACH = 3  # a negation word flips lexicon hits up to this many words after it
_NEGATION_FACTOR = -0.74  # VADER's own scalar for a negated word


def _tokens(sentence: str) -> list[tuple[int, int, str]]:
    """``(start, end, lower-cased token)`` with typographic apostrophes made ASCII."""
    return [
        (m.start(), m.end(), m.group().lower().replace("’", "'")) for m in _TOKEN.finditer(sentence)
    ]


@functools.cache
def _lexicon() -> tuple[dict[str, float], frozenset[str]]:
    analyzer = vader()
    return analyzer.lexicon, frozenset(analyzer.constants.NEGATE)


@functools.lru_cache(maxsize=4096)
def _sentence_parts(sentence: str) -> tuple[list[tuple[int, int, str]], list[float]]:
    """Tokens and the signed lexicon valence of each (VADER's negation words applied)."""
    lexicon, negate = _lexicon()
    tokens = _tokens(sentence)
    valence = []
    for i, (_, _, tok) in enumerate(tokens):
        v = lexicon.get(tok, 0.0) / 4.0
        if v and any(t in negate for _, _, t in tokens[max(0, i - _NEGATION_REACH) : i]):
            v *= _NEGATION_FACTOR
        valence.append(v)
    return tokens, valence


def target_features(sentence: str, start: int, end: int) -> dict[str, float]:
    """The model's features for the target ``sentence[start:end]``, by name.

    Used by :func:`target_sentiment` and by ``benchmarks/train_sentiment.py``, so the
    training and the scoring see the same features.
    """
    tokens, valence = _sentence_parts(sentence)
    n = len(tokens)
    inside = [i for i, (s, e, _) in enumerate(tokens) if s < end and e > start]
    if not inside:  # an empty or whitespace span: anchor it at the nearest token
        inside = [min(range(n), key=lambda i: abs(tokens[i][0] - start))] if n else []
    if not inside:
        return {"bias:empty": 1.0}
    first, last = inside[0], inside[-1]

    # The clause: from the nearest break before the target to the nearest one after it.
    lo = first
    while lo > 0 and tokens[lo - 1][2] not in _CLAUSE_BREAKS:
        lo -= 1
    hi = last + 1
    while hi < n and tokens[hi][2] not in _CLAUSE_BREAKS:
        hi += 1

    f: dict[str, float] = {}
    words = [t for _, _, t in tokens]
    marked = words[:first] + ["<T>"] + words[last + 1 :]
    t_at = first  # index of "<T>" in ``marked``
    for i, w in enumerate(marked):
        if i == t_at:
            continue
        f["s:" + w] = 1.0
    for i in range(lo, hi):
        if i < first or i > last:
            f["c:" + words[i]] = 1.0
    for k in range(1, _WINDOW + 1):
        if t_at - k >= 0:
            f["l:" + marked[t_at - k]] = 1.0
        if t_at + k < len(marked):
            f["r:" + marked[t_at + k]] = 1.0
    for size in (2, 3):
        for a in range(max(0, t_at - size + 1), t_at + 1):
            gram = marked[a : a + size]
            if len(gram) == size:
                f["g:" + " ".join(gram)] = 1.0

    # Lexicon hits by scope.
    sums = {
        "pos_clause": 0.0, "neg_clause": 0.0,
        "pos_before": 0.0, "neg_before": 0.0, "pos_after": 0.0, "neg_after": 0.0,
        "pos_near": 0.0, "neg_near": 0.0, "pos_blocked": 0.0, "neg_blocked": 0.0,
        "pos_out_free": 0.0, "neg_out_free": 0.0, "pos_out_blocked": 0.0, "neg_out_blocked": 0.0,
        "pos_out_contrast": 0.0, "neg_out_contrast": 0.0,
    }  # fmt: skip
    capital = [bool(_CAPITALISED.match(sentence[s : s + 1])) for s, _, _ in tokens]
    for i, v in enumerate(valence):
        if not v or first <= i <= last:
            continue
        sign = "pos" if v > 0 else "neg"
        size = abs(v)
        gap = range(i + 1, first) if i < first else range(last + 1, i)
        blocked = any(capital[j] and j > 0 for j in gap)
        if lo <= i < hi:
            sums[sign + "_clause"] += size
            sums[sign + ("_before" if i < first else "_after")] += size
        elif any(words[j] in _CONTRASTS for j in gap):
            sums[sign + "_out_contrast"] += size
        else:
            sums[sign + ("_out_blocked" if blocked else "_out_free")] += size
        sums[sign + ("_blocked" if blocked else "_near")] += size / (1.0 + len(gap))
    for name, value in sums.items():
        if value:
            f["lex:" + name] = value
    if sums["neg_clause"] and not sums["pos_clause"]:
        f["lex:clause_only_neg"] = 1.0
    if sums["pos_clause"] and not sums["neg_clause"]:
        f["lex:clause_only_pos"] = 1.0
    if not any(valence):
        f["lex:none"] = 1.0
    in_target = sum(valence[first : last + 1])
    if in_target:
        f["lex:in_target"] = in_target

    # The target's role in the sentence.
    if first == 0:
        f["role:first"] = 1.0
    if last == first and words[first] in _PRONOUNS:
        f["role:pronoun"] = 1.0
    quotes_before = sum(1 for _, _, t in tokens[:first] if t in _QUOTES)
    if quotes_before % 2 == 1:
        f["role:in_quote"] = 1.0
    after = words[last + 1 : last + 4]
    if any(w in _SPEECH_VERBS for w in after):
        f["role:speaker"] = 1.0
    if after[:1] == ["'s"]:
        f["role:possessive"] = 1.0
    others = sum(1 for j in range(lo, hi) if capital[j] and j > 0 and not first <= j <= last)
    if others:
        f["role:other_names"] = min(others, 3) / 3.0
    f["bias:clause_len"] = min(hi - lo, 40) / 40.0
    return f


@functools.cache
def load_model() -> dict[str, Any]:
    """The committed model: ``metadata``, ``labels``, ``features`` and their weights.

    ``weights`` is an array of shape (features, 3) and ``intercept`` one of shape (3,),
    columns in the order of :data:`LABELS`; ``index`` maps a feature name to its row.
    """
    path = resources.files("storylens").joinpath("data", MODEL_FILE)
    raw = json.loads(path.read_text(encoding="utf-8"))
    if tuple(raw["labels"]) != LABELS:
        raise ValueError(f"{MODEL_FILE}: labels {raw['labels']} are not {list(LABELS)}")
    weights = np.asarray(raw["weights"], dtype=np.float64)
    if weights.shape != (len(raw["features"]), len(LABELS)):
        raise ValueError(
            f"{MODEL_FILE}: weights have shape {weights.shape}, expected "
            f"({len(raw['features'])}, {len(LABELS)}); retrain with "
            "benchmarks/train_sentiment.py"
        )
    return {
        "metadata": raw["metadata"],
        "labels": tuple(raw["labels"]),
        "features": raw["features"],
        "index": {name: i for i, name in enumerate(raw["features"])},
        "weights": weights,
        "intercept": np.asarray(raw["intercept"], dtype=np.float64),
        "threshold": float(raw["metadata"]["threshold"]),
    }


def _probabilities(features: dict[str, float]) -> np.ndarray:
    model = load_model()
    index = model["index"]
    rows, values = [], []
    for name, value in features.items():
        i = index.get(name)
        if i is not None:
            rows.append(i)
            values.append(value)
    logits = model["intercept"].copy()
    if rows:
        logits += np.asarray(values) @ model["weights"][rows]
    logits -= logits.max()
    p = np.exp(logits)
    return p / p.sum()


def target_probabilities(sentence: str, start: int, end: int) -> dict[str, float]:
    """``{"negative": p, "neutral": p, "positive": p}`` for ``sentence[start:end]``."""
    _check_span(sentence, start, end)
    p = _probabilities(target_features(sentence, start, end))
    return dict(zip(LABELS, (float(x) for x in p), strict=True))


def target_sentiment(sentence: str, start: int, end: int) -> float:
    """Sentiment the sentence expresses towards ``sentence[start:end]``, in [-1, 1].

    The score is ``P(positive) - P(negative)`` under the committed model: near 1 the
    sentence praises or favours the target, near -1 it condemns or harms it, near 0 it
    is neutral towards it (or the model cannot tell). ``start``/``end`` are character
    offsets into ``sentence`` (end exclusive).

    >>> s = "Russia has flatly rejected the idea as an unacceptable threat."
    >>> target_sentiment(s, 0, 6) < 0
    True
    """
    _check_span(sentence, start, end)
    p = _probabilities(target_features(sentence, start, end))
    return float(p[2] - p[0])


def _check_span(sentence: str, start: int, end: int) -> None:
    if not 0 <= start <= end <= len(sentence):
        raise ValueError(
            f"target span ({start}, {end}) is outside the sentence of length "
            f"{len(sentence)}: {sentence[:60]!r}"
        )


def default_threshold() -> float:
    """The score threshold chosen at training time (see the model's metadata)."""
    return load_model()["threshold"]


def target_label(score: float | Iterable[float], *, threshold: float | None = None) -> Any:
    """``"negative"``, ``"neutral"`` or ``"positive"`` for a score (or an array of them).

    A score at or below ``-threshold`` is negative, at or above ``threshold`` positive,
    neutral in between. The default threshold is the one that gave the best macro-F1
    in cross-validation on the training data (``metadata.threshold`` in the model file).
    Use it for scores you only have as numbers (an average, say); for one mention the
    ``label`` column of :func:`score_mentions` (the most probable class) is more accurate.

    >>> target_label(-0.8), target_label(0.0), target_label(0.9)
    ('negative', 'neutral', 'positive')
    """
    t = default_threshold() if threshold is None else threshold
    if np.ndim(score) == 0:
        s = float(score)  # type: ignore[arg-type]
        return "negative" if s <= -t else "positive" if s >= t else "neutral"
    s = np.asarray(list(score) if not isinstance(score, np.ndarray) else score, dtype=float)
    return np.where(s <= -t, "negative", np.where(s >= t, "positive", "neutral"))


def score_mentions(
    mentions: pd.DataFrame,
    *,
    sentence_col: str = "sentence",
    start_col: str = "start",
    end_col: str = "end",
    sentence_start_col: str | None = None,
) -> pd.DataFrame:
    """Sentiment towards every mention of a mentions table.

    Columns read:

    - ``sentence_col`` (default ``sentence``): the text of the sentence holding the
      mention;
    - ``start_col`` / ``end_col`` (default ``start`` / ``end``): the mention's character
      offsets, end exclusive. They are offsets into the sentence, unless
      ``sentence_start_col`` is given;
    - ``sentence_start_col`` (optional, e.g. ``"sent_start"``): the sentence's offset in
      its document. When given, ``start``/``end`` are document offsets (as in
      ``storylens.actors.actor_mentions``) and this offset is subtracted from them.

    Returns a DataFrame aligned on ``mentions.index`` with columns:

    - ``sentiment``: ``P(positive) - P(negative)`` in [-1, 1], the same value as
      :func:`target_sentiment` on the row;
    - ``label``: the most probable class, ``negative``, ``neutral`` or ``positive``;
    - ``p_negative``, ``p_neutral``, ``p_positive``: the class probabilities (sum 1).

    >>> s = "Macron praised Starmer's courage but condemned Putin's brutal aggression."
    >>> table = pd.DataFrame({"sentence": [s, s], "start": [15, 47], "end": [22, 52]})
    >>> score_mentions(table)["label"].tolist()
    ['positive', 'negative']
    """
    missing = [c for c in (sentence_col, start_col, end_col) if c not in mentions.columns]
    if sentence_start_col is not None and sentence_start_col not in mentions.columns:
        missing.append(sentence_start_col)
    if missing:
        raise KeyError(
            f"score_mentions: the mentions table has no column(s) {missing}; it has "
            f"{list(mentions.columns)}. Name the columns with sentence_col=, start_col=, "
            "end_col= (and sentence_start_col= for document offsets)."
        )
    starts = mentions[start_col].to_numpy(dtype=np.int64)
    ends = mentions[end_col].to_numpy(dtype=np.int64)
    if sentence_start_col is not None:
        offset = mentions[sentence_start_col].to_numpy(dtype=np.int64)
        starts, ends = starts - offset, ends - offset
    proba = np.zeros((len(mentions), len(LABELS)))
    for row, (sentence, s, e) in enumerate(zip(mentions[sentence_col], starts, ends, strict=True)):
        _check_span(sentence, int(s), int(e))
        proba[row] = _probabilities(target_features(sentence, int(s), int(e)))
    return pd.DataFrame(
        {
            "sentiment": proba[:, 2] - proba[:, 0],
            "label": np.asarray(LABELS, dtype=object)[proba.argmax(axis=1)],
            "p_negative": proba[:, 0],
            "p_neutral": proba[:, 1],
            "p_positive": proba[:, 2],
        },
        index=mentions.index,
    )


__all__ = [
    "LABELS",
    "default_threshold",
    "load_model",
    "score_mentions",
    "target_features",
    "target_label",
    "target_probabilities",
    "target_sentiment",
]


# --------------------------------------------------------------------------- portrayal

PORTRAYAL_COLUMNS = ["n", "mean", "ci_low", "ci_high", "n_negative", "n_neutral", "n_positive"]


def portrayal(
    scored: pd.DataFrame,
    *,
    by: list[str] | tuple[str, ...] = ("actor", "source"),
    score: str = "sentiment",
    level: float = 0.90,
    n_boot: int = 2000,
    seed: int = 0,
    threshold: float | None = None,
) -> pd.DataFrame:
    """Mean target sentiment per group (e.g. actor × source) with a bootstrap interval.

    ``scored`` has the ``by`` columns and a ``score`` column (from :func:`score_mentions`).
    Returns the ``by`` columns plus ``n`` (mentions), ``mean``, ``ci_low``/``ci_high`` (a
    percentile bootstrap interval of the mean at ``level``, from ``n_boot`` resamples with
    a fixed ``seed`` so re-runs agree; missing for a single mention) and ``n_negative``,
    ``n_neutral``, ``n_positive`` (mentions by their ``label`` column when the table has
    one, as :func:`score_mentions` gives, else by :func:`target_label`), sorted by ``by``.

    >>> t = pd.DataFrame({"actor": ["A", "A", "B"], "sentiment": [0.5, 0.1, -0.4]})
    >>> portrayal(t, by=["actor"])[["actor", "n", "mean"]].values.tolist()
    [['A', 2, 0.3], ['B', 1, -0.4]]
    """
    by = list(by)
    missing = [c for c in [*by, score] if c not in scored.columns]
    if missing:
        raise KeyError(
            f"portrayal: no column(s) {missing} in the table; it has {list(scored.columns)}"
        )
    if scored.empty:
        return pd.DataFrame(columns=[*by, *PORTRAYAL_COLUMNS])
    rng = np.random.default_rng(seed)
    tail = (1.0 - level) / 2.0
    rows = []
    for key, group in scored.groupby(by, sort=True):
        values = group[score].to_numpy(dtype=float)
        n = len(values)
        low = high = np.nan
        if n > 1:
            means = rng.choice(values, size=(n_boot, n), replace=True).mean(axis=1)
            low, high = np.quantile(means, [tail, 1.0 - tail])
        if "label" in group.columns:  # the per-mention label of score_mentions
            labels = group["label"].to_numpy()
        else:
            labels = target_label(values, threshold=threshold)
        counts = [int((labels == name).sum()) for name in ("negative", "neutral", "positive")]
        key = key if isinstance(key, tuple) else (key,)
        rows.append((*key, n, float(values.mean()), low, high, *counts))
    table = pd.DataFrame(rows, columns=[*by, *PORTRAYAL_COLUMNS])
    return table.round({"mean": 6, "ci_low": 6, "ci_high": 6})


def extreme_mentions(
    scored: pd.DataFrame, *, n: int = 2, by: str = "actor", score: str = "sentiment"
) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive mentions per ``by`` group: the
    evidence behind a portrayal score.

    Returns the rows of ``scored`` with a column ``end_of_scale`` (``most negative`` or
    ``most positive``; a group with fewer than ``2 n`` mentions lists each mention once),
    sorted by group and score.

    >>> t = pd.DataFrame({"actor": ["A"] * 3, "doc_id": ["d"] * 3, "start": [0, 5, 9],
    ...                   "sentiment": [0.5, -0.2, 0.1]})
    >>> extreme_mentions(t, n=1)[["sentiment", "end_of_scale"]].values.tolist()
    [[-0.2, 'most negative'], [0.5, 'most positive']]
    """
    ranked = scored.sort_values([by, score, "doc_id", "start"])
    groups = ranked.groupby(by)
    extremes = pd.concat([
        groups.head(n).assign(end_of_scale="most negative"),
        groups.tail(n).assign(end_of_scale="most positive"),
    ])  # fmt: skip
    extremes = extremes.drop_duplicates(["doc_id", "start", by])
    return extremes.sort_values([by, score], kind="stable").reset_index(drop=True)
