"""Tests for storylens.sentiment.neural (the small neural model, numpy inference) and
its average with the linear model in storylens.sentiment.model."""

from __future__ import annotations

import io
import json
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from storylens.sentiment import LABELS, model, neural, score_mentions, target_probabilities
from storylens.sentiment.features import target_features
from storylens.sentiment.neural import (
    CONTEXT,
    MAX_DISTANCE,
    encode,
    forward,
    load_neural,
    neural_probabilities,
    pad,
    read_neural,
)

SENTENCES = [
    ("Macron praised Starmer's courage but condemned Putin's brutal aggression.", 15, 22),
    ("Macron praised Starmer's courage but condemned Putin's brutal aggression.", 47, 52),
    ("The senator said the bill would be debated on Tuesday.", 4, 11),
    ("Critics accused the governor of lying to voters about the budget.", 20, 28),
    ("", 0, 0),
    ("Trump", 0, 5),
]


def spans(rows):
    return tuple(list(x) for x in zip(*rows, strict=True))


def test_probabilities_have_one_row_per_target_and_sum_to_one():
    p = neural_probabilities(*spans(SENTENCES))
    assert p.shape == (len(SENTENCES), len(LABELS))
    assert np.allclose(p.sum(axis=1), 1.0)
    assert (p > 0).all() and (p < 1).all()


def test_scoring_is_deterministic_and_the_same_alone_as_in_a_batch():
    together = neural_probabilities(*spans(SENTENCES))
    again = neural_probabilities(*spans(SENTENCES))
    alone = np.vstack([neural_probabilities(*spans([row])) for row in SENTENCES])
    assert np.array_equal(together, again)
    assert np.allclose(together, alone, atol=1e-6)  # padding and sorting change nothing


def test_a_batch_larger_than_one_pass_keeps_the_order():
    rows = SENTENCES * 30  # more than neural.BATCH targets, of mixed lengths
    p = neural_probabilities(*spans(rows))
    assert np.allclose(p, np.tile(neural_probabilities(*spans(SENTENCES)), (30, 1)), atol=1e-6)


def test_encode_marks_the_target_and_its_distances():
    e = encode("Critics condemned Putin's war.", 18, 23, {"condemned": 7})
    # tokens: critics condemned putin 's war .
    assert e.target.tolist() == [False, False, True, False, False, False]
    assert (e.distance - MAX_DISTANCE).tolist() == [-2, -1, 0, 1, 2, 3]
    assert e.words.tolist() == [0, 7, 0, 0, 0, 0]  # unknown words are row 0
    assert e.extra[:, 1].tolist() == e.target.tolist()
    assert e.extra[:, 2].tolist() == [1, 0, 1, 0, 0, 0]  # capitalised
    assert e.extra[1, 0] < 0  # "condemned": negative valence


def test_distances_beyond_the_window_share_one_bucket():
    sentence = " ".join(["word"] * 30) + " Target"
    e = encode(sentence, len(sentence) - 6, len(sentence), {})
    assert e.distance[0] == 0 and e.distance[-1] == MAX_DISTANCE
    assert e.distance[-2] == MAX_DISTANCE - 1


def test_a_run_on_sentence_is_read_near_the_target_only():
    words = ["word"] * 200
    words[100] = "Target"
    sentence = " ".join(words)
    start = sentence.index("Target")
    e = encode(sentence, start, start + 6, {})
    assert len(e.words) == 2 * CONTEXT + 1 and e.target.tolist().index(True) == CONTEXT
    short = encode(" ".join(words[40:161]), 60 * 5, 60 * 5 + 6, {})  # within reach: all read
    assert len(short.words) == 121 and short.target[60]


@pytest.mark.parametrize(
    ("sentence", "start", "end", "target"),
    [
        ("Putin met Xi.", 0, 5, [True, False, False, False]),
        ("Putin met Xi.", 10, 12, [False, False, True, False]),
        ("Putin met Xi.", 2, 8, [True, True, False, False]),  # parts of two words
        ("Putin met  Xi.", 10, 10, [False, False, True, False]),  # empty: the nearest start
    ],
)
def test_the_target_tokens_are_those_the_span_touches(sentence, start, end, target):
    assert encode(sentence, start, end, {}).target.tolist() == target


def test_pad_reverses_each_row_within_its_length():
    a = encode("One two three.", 0, 3, {})
    b = encode("One.", 0, 3, {})
    batch = pad([a, b])
    assert batch["reverse"].tolist() == [[3, 2, 1, 0], [1, 0, 2, 3]]
    assert batch["mask"].tolist() == [[True] * 4, [True, True, False, False]]


def _reference_gru(x, p, prefix):
    """The GRU step by step for one sequence, written out from PyTorch's equations."""
    h = np.zeros(p[prefix + "w_hh"].shape[1])
    out = []
    for xt in x:
        gi = p[prefix + "w_ih"] @ xt + p[prefix + "b_ih"]
        gh = p[prefix + "w_hh"] @ h + p[prefix + "b_hh"]
        r, z, n = np.split(gi, 3)
        hr, hz, hn = np.split(gh, 3)
        r, z = 1 / (1 + np.exp(-(r + hr))), 1 / (1 + np.exp(-(z + hz)))
        c = np.tanh(n + r * hn)
        h = (1 - z) * c + z * h
        out.append(h)
    return np.array(out)


def _reference_forward(p, e):
    """The whole network for one target, recomputed without batching."""
    x = np.hstack([p["embedding"][e.words], p["distance"][e.distance], e.extra])
    h = np.hstack([_reference_gru(x, p, "fwd_"), _reference_gru(x[::-1], p, "bwd_")[::-1]])
    t = h[e.target].mean(axis=0)
    s = h @ (p["attention"] @ t)
    a = np.exp(s - s.max()) / np.exp(s - s.max()).sum()
    logits = p["out_w"] @ np.concatenate([t, a @ h, h.max(axis=0)]) + p["out_b"]
    return np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()


def test_the_batched_forward_pass_equals_a_step_by_step_recomputation():
    m = load_neural()
    items = [encode(s, a, b, m.index) for s, a, b in SENTENCES[:4]]
    batched = forward(m.params, pad(items))
    for row, e in zip(batched, items, strict=True):
        assert np.allclose(row, _reference_forward(m.params, e), atol=1e-5)


# Clear cases from news-like sentences: (sentence, target, expected most probable class)
CLEAR_CASES = [
    ("Critics condemned Putin's brutal invasion of Ukraine.", "Putin", "negative"),
    ("The protesters denounced the corrupt mayor as a liar.", "mayor", "negative"),
    ("Fans cheered Serena Williams after her stunning victory.", "Serena Williams", "positive"),
    ("The committee will meet on Tuesday in Washington.", "committee", "neutral"),
]


@pytest.mark.parametrize(("sentence", "target", "expected"), CLEAR_CASES)
def test_clear_cases(sentence, target, expected):
    start = sentence.index(target)
    p = neural_probabilities([sentence], [start], [start + len(target)])[0]
    assert LABELS[int(p.argmax())] == expected


def test_the_model_file_is_small_and_says_how_it_was_chosen():
    path = resources.files("storylens").joinpath("data", neural.NEURAL_FILE)
    assert len(path.read_bytes()) < 4_000_000
    m = load_neural()
    meta = json.loads(m.metadata)
    assert 0.0 < m.weight < 1.0 and meta["weight"] == m.weight
    assert meta["cv_macro_f1_ensemble"] > meta["cv_macro_f1_linear"]
    assert m.params["embedding"].shape[0] == len(m.index) + 1  # row 0: unknown words


def test_a_model_file_without_its_arrays_is_named_in_the_error():
    buf = io.BytesIO()
    np.savez(buf, vocab=np.frombuffer(b"a\nb", np.uint8))
    with pytest.raises(ValueError, match="sentiment_neural.npz.*embedding"):
        read_neural(buf.getvalue())


def test_the_ensemble_averages_the_two_models(monkeypatch):
    monkeypatch.setattr(model, "ENSEMBLE", True)
    rows = [(s, a, b) for s, a, b in SENTENCES if s]
    table = pd.DataFrame(rows, columns=["sentence", "start", "end"])
    linear = model.batch_probabilities([target_features(s, a, b) for s, a, b in rows])
    w = load_neural().weight
    expected = (1 - w) * linear + w * neural_probabilities(*spans(rows))
    blended = score_mentions(table)[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert np.allclose(blended, expected)
    one = target_probabilities(*rows[0])
    assert np.allclose([one[label] for label in LABELS], expected[0])
    monkeypatch.setattr(model, "ENSEMBLE", False)
    alone = score_mentions(table)[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert np.allclose(alone, linear)
    assert not np.allclose(alone, blended)


def test_scores_do_not_depend_on_the_blas_threads():
    """A float32 product split over threads rounds differently: the scores of one
    document must be the same in every process (pools and Dask workers run with other
    thread settings than a notebook), so the network runs BLAS on one thread."""
    import os
    import subprocess
    import sys

    code = (
        "from storylens import load_corpus, analysis\n"
        "from storylens.actors import registry_for\n"
        "c = load_corpus(progress=False)\n"
        "params = analysis.Parameters(registry_for(c))\n"
        "for d in list(analysis.document_inputs(c))[:2]:\n"
        "    m = analysis.analyse_document(d, params).sentiment\n"
        "    print(m['sentiment'].to_numpy().tobytes().hex())\n"
    )
    outputs = set()
    for threads in ("1", "2"):
        env = {**os.environ, "OPENBLAS_NUM_THREADS": threads, "OMP_NUM_THREADS": threads}
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, check=True)  # fmt: skip
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_a_batch_in_any_row_order_gives_the_same_rows_exactly():
    """The GRUs compute only the rows still reading at each step (rows sorted by
    length inside the pass): a batch padded longest first, shortest first or mixed
    gives every row bit for bit the same probabilities, and they match the step by step
    recomputation."""
    m = load_neural()
    items = [encode(s, a, b, m.index) for s, a, b in SENTENCES[:4]]
    lengths = [len(e.words) for e in items]
    assert len(set(lengths)) > 1  # rows of different lengths, so the order matters
    base = forward(m.params, pad(items))
    for order in (np.argsort(lengths), np.argsort(lengths)[::-1], [2, 0, 3, 1]):
        again = forward(m.params, pad([items[i] for i in order]))
        assert np.array_equal(again, base[list(order)])
    for row, e in zip(base, items, strict=True):
        assert np.allclose(row, _reference_forward(m.params, e), atol=1e-5)
