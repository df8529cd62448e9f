"""A small neural target-sentiment model, scored in numpy.

The weights were fitted by ``benchmarks/train_neural_sentiment.py`` on the training
split of NewsMTSC and live in ``data/sentiment_neural.npz``. The network reads every
token of the sentence as its GloVe 6B 50d vector (kept as fitted: frozen, float16, a
vocabulary of the training words, GloVe's most frequent words and the VADER words),
its signed VADER valence (negation applied, as :func:`~storylens.sentiment.features.
sentence_parts` gives it), whether it is capitalised, whether it is part of the target
and its distance from the target (clipped at :data:`MAX_DISTANCE`, learned vectors).
A GRU reads the tokens left to right and another right to left; the target's mean
state, a target-attention pooling of all states (bilinear score against the target's
state) and the max over all states go through one linear layer to three logits.
Tokenisation is :func:`~storylens.sentiment.features.tokens`, as in training; at most
:data:`CONTEXT` tokens are read on each side of the target.

>>> p = neural_probabilities(["Russia has flatly rejected the idea as an unacceptable threat."],
...                          [0], [6])
>>> p.shape, bool(abs(p.sum() - 1) < 1e-6)
((1, 3), True)
"""

from __future__ import annotations

import dataclasses
import functools
import io
from collections.abc import Sequence
from importlib import resources
from typing import NamedTuple

import numpy as np

from storylens.sentiment.features import CAPITALISED, sentence_parts

__all__ = [
    "CONTEXT",
    "MAX_DISTANCE",
    "NEURAL_FILE",
    "Encoded",
    "NeuralModel",
    "encode",
    "forward",
    "load_neural",
    "neural_probabilities",
    "one_blas_thread",
    "pad",
    "read_neural",
]

NEURAL_FILE = "sentiment_neural.npz"
MAX_DISTANCE = 10  # tokens further from the target share one distance vector
# Tokens read on each side of the target: the whole sentence for all but 25 of the 8,739
# training targets (0.3%); a run-on "sentence" of 500 tokens would cost the time of 15.
CONTEXT = 80
BATCH = 64  # targets per numpy pass (sorted by length, so little padding; small
# enough that BLAS keeps its products on one thread)
UNKNOWN = 0  # the word id of a token GloVe (or the vocabulary) lacks: a zero vector
_CAPITALS = frozenset(c for c in map(chr, range(128)) if CAPITALISED.match(c))  # "A".."Z"
EXTRA = 3  # per-token inputs besides the vectors: valence, in the target, capitalised


@dataclasses.dataclass(frozen=True)
class NeuralModel:
    """The model file, read: ``index`` (word -> row of ``params["embedding"]``),
    ``params`` (arrays by name, float32), ``weight`` (the neural model's share of the
    averaged probabilities, chosen by cross-validation) and ``metadata`` (text)."""

    index: dict[str, int]
    params: dict[str, np.ndarray]
    weight: float
    metadata: str


@dataclasses.dataclass(frozen=True)
class Encoded:
    """One target as the network reads it: per token a word id, a distance bucket
    (``0 .. 2 * MAX_DISTANCE``) and the :data:`EXTRA` inputs; ``target`` marks the
    target's tokens."""

    words: np.ndarray
    distance: np.ndarray
    extra: np.ndarray
    target: np.ndarray


class _Reading(NamedTuple):
    """What every target of one sentence reads alike: token starts and ends, word ids,
    and the extra inputs with the target column still zero."""

    starts: np.ndarray
    ends: np.ndarray
    words: np.ndarray
    extra: np.ndarray


def _read_sentence(sentence: str, index: dict[str, int]) -> _Reading:
    toks, valence = sentence_parts(sentence)
    extra = np.zeros((len(toks), EXTRA), np.float32)
    extra[:, 0] = valence
    extra[:, 2] = [sentence[s] in _CAPITALS for s, _, _ in toks]
    return _Reading(
        np.array([s for s, _, _ in toks], np.int64), np.array([e for _, e, _ in toks], np.int64),
        np.array([index.get(t, UNKNOWN) for _, _, t in toks], np.int64), extra,
    )  # fmt: skip


def _encode_target(r: _Reading, start: int, end: int) -> Encoded:
    n = len(r.words)
    if not n:  # no tokens: one unknown token that is the target
        return Encoded(
            np.zeros(1, np.int64), np.full(1, MAX_DISTANCE), np.zeros((1, EXTRA), np.float32),
            np.ones(1, bool),
        )  # fmt: skip
    first = int(np.searchsorted(r.ends, start, side="right"))  # the first token ending after start
    last = int(np.searchsorted(r.starts, end, side="left")) - 1  # the last starting before end
    if first > last:  # no token inside the span: the nearest one
        first = last = int(np.abs(r.starts - start).argmin())
    lo, hi = max(0, first - CONTEXT), min(n, last + 1 + CONTEXT)
    if lo or hi < n:  # a very long sentence: the tokens near the target only
        r = _Reading(r.starts[lo:hi], r.ends[lo:hi], r.words[lo:hi], r.extra[lo:hi])
        n, first, last = hi - lo, first - lo, last - lo
    pos = np.arange(n)
    before = np.maximum(np.minimum(pos - first, 0), -MAX_DISTANCE)  # np.clip costs more
    dist = before + np.minimum(np.maximum(pos - last, 0), MAX_DISTANCE)
    target = (pos >= first) & (pos <= last)
    extra = r.extra.copy()
    extra[:, 1] = target
    return Encoded(r.words, dist + MAX_DISTANCE, extra, target)


def encode(sentence: str, start: int, end: int, index: dict[str, int]) -> Encoded:
    """The network's input for the target ``sentence[start:end]``; a sentence without
    tokens reads as one unknown token that is the target.

    >>> e = encode("Putin is not a good man.", 0, 5, {"putin": 1, "good": 2})
    >>> e.words.tolist(), e.distance.tolist()[:3], e.target.tolist()[:2]
    ([1, 0, 0, 0, 2, 0, 0], [10, 11, 12], [True, False])
    """
    return _encode_target(_read_sentence(sentence, index), start, end)


def pad(items: Sequence[Encoded]) -> dict[str, np.ndarray]:
    """A batch: ``words``, ``distance`` (batch, length), ``extra`` (batch, length,
    EXTRA), ``target`` and ``mask`` (batch, length) and ``reverse`` (the index that
    reverses each row within its own length; padding stays in place)."""
    lengths = np.array([len(e.words) for e in items])
    b, n = len(items), int(lengths.max())
    out = {
        "words": np.zeros((b, n), np.int64), "distance": np.zeros((b, n), np.int64),
        "extra": np.zeros((b, n, EXTRA), np.float32), "target": np.zeros((b, n), bool),
    }  # fmt: skip
    for i, e in enumerate(items):
        k = lengths[i]
        out["words"][i, :k] = e.words
        out["distance"][i, :k] = e.distance
        out["extra"][i, :k] = e.extra
        out["target"][i, :k] = e.target
    pos = np.arange(n)[None, :]
    out["mask"] = pos < lengths[:, None]
    out["reverse"] = np.where(out["mask"], lengths[:, None] - 1 - pos, pos)
    return out


def _gates(p: dict[str, np.ndarray], batch: dict[str, np.ndarray]) -> np.ndarray:
    """The input side of both GRUs' gates (batch, length, 2 * 3 * hidden; forward
    first): the word's and the distance's rows of tables computed once at load time
    (:func:`prepare`) plus the few extra inputs, with no large matrix product."""
    extra = p["w_extra"]
    gi = p["word"][batch["words"]]
    gi += p["dist"][batch["distance"]]
    for k in range(extra.shape[1]):  # most inputs are 0 (adding 0 * w changes nothing)
        values = batch["extra"][:, :, k]
        where = values != 0
        gi[where] += values[where][:, None] * extra[:, k]
    return gi


def _gru(
    gi: np.ndarray,
    p: dict[str, np.ndarray],
    prefix: str,
    lengths: np.ndarray,
    reverse: bool = False,
) -> np.ndarray:
    """All states of a one-layer GRU (PyTorch's equations and gate order r, z, n)
    given its input gates ``gi`` (:func:`_gates`), starting from zeros, left to right
    or (``reverse``) right to left. Rows come sorted by ``lengths`` (shortest first), so
    each step's gates are computed for the rows still reading only (a suffix; the
    product is of all rows: BLAS rounds a row by the matrix's size): past a row's end its
    state stays (right to left: zeros until its last token; left to right: its last
    state, which no pooling reads). The r and z rows come halved (:func:`prepare`), so
    that ``sigmoid(x) = 0.5 + 0.5 * tanh(x / 2)`` costs one tanh. The products stay small
    (a batch of :data:`BATCH`), which BLAS runs on one thread."""
    w_hh, b_hh = p[prefix + "w_hh_half"], p[prefix + "b_hh_half"]
    hidden = w_hh.shape[0]
    rz_in = np.ascontiguousarray(gi[:, :, : 2 * hidden].transpose(1, 0, 2))  # time first
    n_in = np.ascontiguousarray(gi[:, :, 2 * hidden :].transpose(1, 0, 2))
    h = np.zeros((gi.shape[0], hidden), np.float32)
    states = np.empty((gi.shape[1], gi.shape[0], hidden), np.float32)
    steps = range(gi.shape[1] - 1, -1, -1) if reverse else range(gi.shape[1])
    reading = np.searchsorted(lengths, np.arange(gi.shape[1]), side="right")  # first row
    gh = np.empty((gi.shape[0], 3 * hidden), np.float32)
    for t in steps:
        k = reading[t]
        np.matmul(h, w_hh, out=gh)  # all rows: BLAS rounds a row by the matrix's size
        g = gh[k:]
        g += b_hh
        rz = rz_in[t, k:] + g[:, : 2 * hidden]
        np.tanh(rz, out=rz)
        rz *= 0.5
        rz += 0.5
        c = rz[:, :hidden] * g[:, 2 * hidden :]
        c += n_in[t, k:]
        np.tanh(c, out=c)
        new = h[k:] - c
        new *= rz[:, hidden:]
        new += c  # (1 - z) * c + z * h
        h[k:] = new
        states[t] = h
    return states.transpose(1, 0, 2)


def _both_grus(gi: np.ndarray, p: dict[str, np.ndarray], mask: np.ndarray) -> np.ndarray:
    """The states of both GRUs (batch, length, 2 * hidden; forward first) of a padded
    batch, its rows sorted by length for :func:`_gru` and put back."""
    lengths = mask.sum(axis=1)
    order = None if (np.diff(lengths) >= 0).all() else np.argsort(lengths, kind="stable")
    if order is not None:
        gi, lengths = gi[order], lengths[order]
    size = gi.shape[2] // 2
    fwd = _gru(gi[:, :, :size], p, "fwd_", lengths)
    bwd = _gru(gi[:, :, size:], p, "bwd_", lengths, reverse=True)
    h = np.concatenate([fwd, bwd], axis=2)
    return h if order is None else h[np.argsort(order)]


def forward(p: dict[str, np.ndarray], batch: dict[str, np.ndarray]) -> np.ndarray:
    """The class probabilities (batch, 3; columns negative, neutral, positive) of a
    padded batch (:func:`pad`) under the parameters ``p`` (:func:`prepare`)."""
    gi = _gates(p, batch)
    h = _both_grus(gi, p, batch["mask"])
    tmask = batch["target"][:, :, None]
    tvec = np.einsum("bl,bld->bd", batch["target"].astype(np.float32), h)
    tvec /= np.maximum(tmask.sum(axis=1), 1)
    scores = np.einsum("bld,bd->bl", h, np.einsum("bd,ed->be", tvec, p["attention"]))
    scores = np.where(batch["mask"], scores, -np.inf)
    att = np.exp(scores - scores.max(axis=1, keepdims=True))
    att /= att.sum(axis=1, keepdims=True)
    pooled = np.einsum("bl,bld->bd", att, h)
    peak = h.max(axis=1, where=batch["mask"][:, :, None], initial=-np.inf)
    z = np.concatenate([tvec, pooled, peak], axis=1)
    logits = np.einsum("bd,cd->bc", z, p["out_w"]) + p["out_b"]
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    return e / e.sum(axis=1, keepdims=True)


def prepare(params: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``params`` plus the input gates of both GRUs (forward, then backward) for every
    word (``word``) and distance (``dist``, with the input biases) and the extra
    inputs' columns (``w_extra``): the GRUs' input product split by what it reads.
    The r and z rows are halved, here and in the recurrent weights (``fwd_w_hh_half``
    ...), for the one-tanh sigmoid of :func:`_gru`."""
    p = dict(params)
    n_word, n_dist = p["embedding"].shape[1], p["distance"].shape[1]
    word, dist, extra = [], [], []
    for prefix in ("fwd_", "bwd_"):
        w = p[prefix + "w_ih"]
        half = np.ones(w.shape[0], np.float32)
        half[: 2 * (w.shape[0] // 3)] = 0.5  # the r and z rows
        word.append((p["embedding"] @ w[:, :n_word].T) * half)
        dist.append((p["distance"] @ w[:, n_word : n_word + n_dist].T + p[prefix + "b_ih"]) * half)
        extra.append(w[:, n_word + n_dist :] * half[:, None])
        p[prefix + "w_hh_half"] = (p[prefix + "w_hh"] * half[:, None]).T.copy()
        p[prefix + "b_hh_half"] = p[prefix + "b_hh"] * half
    p["word"], p["dist"] = np.hstack(word), np.hstack(dist)
    p["w_extra"] = np.vstack(extra)
    return p


def read_neural(data: bytes) -> NeuralModel:
    """The model in the bytes of a :data:`NEURAL_FILE`; an error names what is missing."""
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        arrays = {name: z[name] for name in z.files}
    missing = {"vocab", "weight", "metadata", "embedding", "out_w"} - set(arrays)
    if missing:
        raise ValueError(
            f"{NEURAL_FILE}: no {sorted(missing)}; retrain with "
            "benchmarks/train_neural_sentiment.py"
        )
    words = bytes(arrays.pop("vocab")).decode("utf-8").split("\n")
    weight = float(arrays.pop("weight"))
    metadata = bytes(arrays.pop("metadata")).decode("utf-8")
    with one_blas_thread():
        params = prepare({name: a.astype(np.float32) for name, a in arrays.items()})
    # row 0 is the unknown word's (zeros); the vocabulary's words follow from row 1
    return NeuralModel({w: i + 1 for i, w in enumerate(words)}, params, weight, metadata)


@functools.cache
def _controller():
    from threadpoolctl import ThreadpoolController  # the BLAS libraries numpy loaded

    return ThreadpoolController()


def one_blas_thread():
    """A context in which numpy's BLAS runs on one thread: a product split over threads
    rounds differently in float32, and a score must not depend on the process that made
    it (a worker, a pool of any size, a notebook)."""
    return _controller().limit(limits=1, user_api="blas")


@functools.cache
def load_neural() -> NeuralModel:
    """The committed neural model (see :class:`NeuralModel`)."""
    path = resources.files("storylens").joinpath("data", NEURAL_FILE)
    return read_neural(path.read_bytes())


def neural_probabilities(
    sentences: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    *,
    model: NeuralModel | None = None,
) -> np.ndarray:
    """Class probabilities (``(len(sentences), 3)``, negative, neutral, positive) of
    each target ``sentences[i][starts[i]:ends[i]]``, in batches of similar length."""
    m = load_neural() if model is None else model
    readings: dict[str, _Reading] = {}  # the targets of one sentence share its reading
    items = []
    for sentence, start, end in zip(sentences, starts, ends, strict=True):
        r = readings.get(sentence)
        if r is None:
            r = readings[sentence] = _read_sentence(sentence, m.index)
        items.append(_encode_target(r, start, end))
    proba = np.zeros((len(items), 3))
    order = sorted(range(len(items)), key=lambda i: len(items[i].words))
    with one_blas_thread():
        for k in range(0, len(order), BATCH):
            chunk = order[k : k + BATCH]
            proba[chunk] = forward(m.params, pad([items[i] for i in chunk]))
    return proba
