"""The committed target-sentiment model and scoring with it.

The weights were fitted by ``benchmarks/train_sentiment.py`` on the training split of
NewsMTSC and live in ``data/sentiment_model.json``: one linear model (weights per
feature and class, an intercept, softmax), whatever the training did to get them
(today NB-weighted one-vs-rest logistic regression with a calibration layer folded in).
Inference is plain Python and numpy.
While :data:`ENSEMBLE` is true, the probabilities are averaged with those of the
small neural model of :mod:`storylens.sentiment.neural` (``data/sentiment_neural.npz``),
at the weight its training chose by cross-validation (grouped CV macro-F1 0.685 alone,
0.723 averaged; the default); while it is False the linear model scores alone.
:func:`score_mentions` scores each row of a mentions table on its own (one document's
mentions give the same scores alone as inside a corpus).

>>> s = "Russia has flatly rejected the idea as an unacceptable threat."
>>> target_probabilities(s, 0, 6)["negative"] > 0.5
True
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterable
from importlib import resources
from itertools import chain, repeat
from typing import Any

import numpy as np
import pandas as pd

from storylens.sentiment.features import load_resources, target_features
from storylens.sentiment.neural import load_neural, neural_probabilities

__all__ = [
    "ENSEMBLE",
    "LABELS",
    "MODEL_FILE",
    "SCORE_COLUMNS",
    "Model",
    "blend",
    "default_threshold",
    "load_model",
    "score_mentions",
    "target_label",
    "target_probabilities",
    "target_sentiment",
]

MODEL_FILE = "sentiment_model.json"
LABELS = ("negative", "neutral", "positive")
SCORE_COLUMNS = ["sentiment", "label", "p_negative", "p_neutral", "p_positive"]
# Whether scoring averages the linear model's probabilities with the neural model's
# (weight ``load_neural().weight``); False scores with the linear model alone. Read at
# each call; the per-document pass' cache keys do not see a change made at run time.
ENSEMBLE = True
Spans = tuple[list[str], list[int], list[int]]  # sentences, target starts, target ends


@dataclasses.dataclass(frozen=True)
class Model:
    """The model file, read: ``metadata`` (training data, command, ``threshold`` ...),
    ``labels`` (:data:`LABELS`), ``features`` (names), ``index`` (feature name -> row),
    ``weights`` (shape (features, 3), columns in the order of :data:`LABELS`),
    ``intercept`` (shape (3,)) and ``threshold`` (see :func:`target_label`). Fields can
    also be read as ``model["weights"]``."""

    metadata: dict[str, Any]
    labels: tuple[str, ...]
    features: list[str]
    index: dict[str, int]
    weights: np.ndarray
    intercept: np.ndarray
    threshold: float

    def __getitem__(self, name: str) -> Any:
        return getattr(self, name)


@functools.cache
def load_model() -> Model:
    """The committed model (see :class:`Model`); an error names the file and what to do
    when it does not fit the code. The features' resources (the VADER lexicon, the
    cluster names) are read too, and while :data:`ENSEMBLE` is true the neural model,
    so timing what follows does not time loading either."""
    if ENSEMBLE:
        load_neural()
    load_resources()
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
    return Model(
        metadata=raw["metadata"],
        labels=tuple(raw["labels"]),
        features=raw["features"],
        index={name: i for i, name in enumerate(raw["features"])},
        weights=weights,
        intercept=np.asarray(raw["intercept"], dtype=np.float64),
        threshold=float(raw["metadata"]["threshold"]),
    )


def probabilities(features: dict[str, float]) -> np.ndarray:
    """The class probabilities (in the order of :data:`LABELS`) for a feature dict;
    features the model does not know are ignored."""
    model = load_model()
    rows, values = [], []
    for name, value in features.items():
        i = model.index.get(name)
        if i is not None:
            rows.append(i)
            values.append(value)
    logits = model.intercept.copy()
    if rows:
        logits += np.asarray(values) @ model.weights[rows]
    logits -= logits.max()
    p = np.exp(logits)
    return p / p.sum()


def blend(linear: np.ndarray, spans: Spans) -> np.ndarray:
    """The linear model's probabilities ``linear`` (one row per target of ``spans``)
    averaged with the neural model's, while :data:`ENSEMBLE` is true."""
    if not ENSEMBLE or not len(linear):
        return linear
    w = load_neural().weight
    return (1.0 - w) * linear + w * neural_probabilities(*spans)


def batch_probabilities(rows: list[dict[str, float]], *, spans: Spans | None = None) -> np.ndarray:
    """:func:`probabilities` for many feature dicts at once, shape ``(len(rows), 3)``:
    one gather of the weight rows of every known feature, summed per row. With
    ``spans`` (the sentences, starts and ends the rows were read from), averaged with
    the neural model's probabilities (:func:`blend`)."""
    model = load_model()
    # every row's names and values in one run (the dicts' order), unknown names as -1
    cols = np.fromiter(map(model.index.get, chain.from_iterable(rows), repeat(-1)), np.int64)
    vals = np.fromiter(chain.from_iterable(f.values() for f in rows), np.float64, len(cols))
    owner = np.repeat(np.arange(len(rows)), np.fromiter(map(len, rows), np.int64, len(rows)))
    known = cols >= 0
    logits = np.tile(model.intercept, (len(rows), 1))
    if known.any():  # summed in each row's order of features, as one at a time
        parts = vals[known][:, None] * model.weights[cols[known]]
        np.add.at(logits, owner[known], parts)
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    return p if spans is None else blend(p, spans)


def check_span(sentence: str, start: int, end: int) -> None:
    """A ValueError naming the span and the sentence when ``start:end`` is not in it."""
    if not 0 <= start <= end <= len(sentence):
        raise ValueError(
            f"target span ({start}, {end}) is outside the sentence of length "
            f"{len(sentence)}: {sentence[:60]!r}"
        )


def _one(sentence: str, start: int, end: int) -> np.ndarray:
    """The (blended) probabilities of one target, as :func:`score_mentions` gives them."""
    linear = probabilities(target_features(sentence, start, end))[None, :]
    return blend(linear, ([sentence], [start], [end]))[0]


def target_probabilities(sentence: str, start: int, end: int) -> dict[str, float]:
    """``{"negative": p, "neutral": p, "positive": p}`` for ``sentence[start:end]``."""
    check_span(sentence, start, end)
    p = _one(sentence, start, end)
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
    check_span(sentence, start, end)
    p = _one(sentence, start, end)
    return float(p[2] - p[0])


def default_threshold() -> float:
    """The score threshold chosen by cross-validation at training time for the scores
    being given: the averaged model's (``threshold`` in the neural model's metadata)
    while :data:`ENSEMBLE` is true, else the linear model's (its ``metadata.threshold``).
    A neural model file without one (written before it was chosen) falls back to the
    linear model's."""
    if ENSEMBLE:
        chosen = json.loads(load_neural().metadata).get("threshold")
        if chosen is not None:
            return float(chosen)
    return load_model().threshold


def target_label(score: float | Iterable[float], *, threshold: float | None = None) -> Any:
    """``"negative"``, ``"neutral"`` or ``"positive"`` for a score (or an array of them).

    A score at or below ``-threshold`` is negative, at or above ``threshold`` positive,
    neutral in between. The default threshold is the one that gave the best macro-F1
    in cross-validation on the training data (:func:`default_threshold`).
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


def _sentence_offsets(
    mentions: pd.DataFrame, start_col: str, end_col: str, sentence_start_col: str | None
) -> tuple[np.ndarray, np.ndarray]:
    starts = mentions[start_col].to_numpy(dtype=np.int64)
    ends = mentions[end_col].to_numpy(dtype=np.int64)
    if sentence_start_col is not None:
        offset = mentions[sentence_start_col].to_numpy(dtype=np.int64)
        starts, ends = starts - offset, ends - offset
    return starts, ends


def score_mentions(
    mentions: pd.DataFrame,
    *,
    sentence_col: str = "sentence",
    start_col: str = "start",
    end_col: str = "end",
    sentence_start_col: str | None = None,
) -> pd.DataFrame:
    """Sentiment towards every mention of a mentions table, each row scored on its own.

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
    starts, ends = _sentence_offsets(mentions, start_col, end_col, sentence_start_col)
    rows = []
    sentences = mentions[sentence_col].tolist()
    # plain lists: iterating an Arrow-backed column item by item costs more than scoring
    for sentence, s, e in zip(sentences, starts.tolist(), ends.tolist(), strict=True):
        check_span(sentence, s, e)
        rows.append(target_features(sentence, s, e))
    spans = (sentences, starts.tolist(), ends.tolist())
    proba = batch_probabilities(rows, spans=spans).reshape(len(mentions), len(LABELS))
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


def scored_mentions(
    corpus,
    *,
    registry=None,
    roles: tuple[str, ...] = ("title", "body", "caption"),
) -> pd.DataFrame:
    """Every actor mention of ``corpus`` in sentences of ``roles``, with its sentiment.

    The columns of :func:`storylens.actors.actor_mentions` plus ``sentiment`` and
    ``label`` (as :func:`score_mentions` gives them), read from the per-document pass
    (:mod:`storylens.analysis`), which scores each mention once; a discovered person
    named by surname alone goes to the corpus' one full name
    (:func:`storylens.actors.resolve_discovered`).
    """
    from storylens.actors import MENTION_COLUMNS, resolve_discovered
    from storylens.analysis import analyse_corpus

    tables = analyse_corpus(corpus, registry=registry, tables=["mentions", "sentiment"])
    mentions, scores = tables.mentions, tables.sentiment
    if not mentions["start"].equals(scores["start"]):  # row for row, by construction
        raise AssertionError("the sentiment table is not aligned with the mentions")
    scored = mentions[MENTION_COLUMNS].assign(sentiment=scores["sentiment"], label=scores["label"])
    scored = resolve_discovered(scored)  # "Trump" in one article is "Donald Trump" in another
    return scored[scored["role"].isin(tuple(roles))].reset_index(drop=True)
