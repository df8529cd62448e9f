"""Tests for storylens.sentiment.model: sentiment towards a target span, with committed weights."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from storylens import sentiment
from storylens.sentiment import (
    LABELS,
    default_threshold,
    load_model,
    score_mentions,
    target_label,
    target_probabilities,
    target_sentiment,
)
from storylens.sentiment import model as sentiment_model
from storylens.sentiment.neural import load_neural

# Hand-made sentences that praise one actor and condemn another: the two must get
# opposite signs. (sentence, praised target, condemned target)
CONTRASTS = [
    (
        "Macron praised Starmer's courage but condemned Putin's brutal aggression.",
        "Starmer",
        "Putin",
    ),
    (
        "While Trump praised Zelensky for his courage, he blamed Moscow for the war.",
        "Zelensky",
        "Moscow",
    ),
    (
        "Poland hailed Britain's generous support, while it accused Russia of lying about "
        "the attacks.",
        "Britain",
        "Russia",
    ),
    (
        "Zelensky thanked the brave British soldiers and denounced the Kremlin's cruel "
        "attacks on civilians.",
        "British soldiers",
        "Kremlin",
    ),
]

# Sentences from the seed articles (seeds/*.txt) whose portrayal of one target is
# clear. (sentence, target, expected sign)
SEED_CASES = [
    # 003: the author calls the hawks dishonest.
    (
        "There is either a deep cognitive dissonance or a deep dishonesty in Western hawks "
        "who warn about an alleged future Russian threat to “test NATO’s resolve” in the "
        "Baltic states proposing to give Russia a far greater and more plausible "
        "opportunity to do so in Ukraine.",
        "Western hawks",
        -1,
    ),
    # 002: a list item blaming Russia.
    ("Russia’s history of violating international security guarantees", "Russia", -1),
    # 002: the memorandum failed.
    (
        "The failure of the Budapest Memorandum to protect Ukrainian sovereignty",
        "Budapest Memorandum",
        -1,
    ),
    # 000: the UK shown as committed and supportive.
    (
        "The UK, under the leadership of Sir Keir Starmer, has also expressed its commitment "
        "to supporting Ukraine’s defense and security, with plans to provide significant "
        "financial and military assistance.",
        "The UK",
        1,
    ),
    # 004: the allies are criticised for not carrying their weight.
    (
        "Trump, who has long criticized NATO allies for not carrying their weight, is "
        "expected to press Europe to take on a larger role in its own security.",
        "NATO allies",
        -1,
    ),
    # 003: the author condemns the idea.
    (
        "It is important that this very ill-thought-out idea be shot down before it does "
        "serious damage to the prospects for an early peace and causes Ukraine still "
        "further human, economic and territorial loss.",
        "idea",
        -1,
    ),
    # 002: the concept is tied to successful models.
    (
        "The concept draws from successful peacekeeping models but represents a more "
        "robust commitment than traditional UN blue helmet missions.",
        "The concept",
        1,
    ),
]


# Errors a reader of the seed report noticed (issue #15), to be cleared by mechanisms
# (storylens.sentiment.roles), not word lists; still open with the committed model, so
# the test is a strict xfail that turns red once they are fixed. (sentence, target, the
# label it must not get)
READER_CASES = [
    # 004: a constitution's limits and a parliament's approval are not praise; "like" is
    # the preposition here, and "ability" / "approval" stand in irrealis scope
    (
        "Italy’s Constitution limits its ability to deploy forces abroad, and countries "
        "like the Netherlands would require parliamentary approval.",
        "Italy",
        "positive",
    ),
    (
        "Italy’s Constitution limits its ability to deploy forces abroad, and countries "
        "like the Netherlands would require parliamentary approval.",
        "the Netherlands",
        "positive",
    ),
    # 002: the aggressors broke the promises ("from aggressors" names the agent)
    (
        "French President Emmanuel Macron has been particularly vocal, arguing that "
        "Ukraine’s history of broken promises from aggressors necessitates “real "
        "rock-solid guarantees.",
        "Ukraine",
        "negative",
    ),
    # 000: the attack is Russia's; the U.S. is the one that would deter it
    (
        "The only way to effectively deter Russia from attacking Ukraine again is a "
        "U.S. security guarantee,” Starmer said Monday.",
        "U.S.",
        "negative",
    ),
]


def _span(sentence: str, target: str) -> tuple[int, int]:
    start = sentence.index(target)
    return start, start + len(target)


@pytest.mark.parametrize(("sentence", "praised", "condemned"), CONTRASTS)
def test_praised_and_condemned_targets_get_opposite_signs(sentence, praised, condemned):
    good = target_sentiment(sentence, *_span(sentence, praised))
    bad = target_sentiment(sentence, *_span(sentence, condemned))
    assert good > 0 > bad


@pytest.mark.parametrize(("sentence", "praised", "condemned"), CONTRASTS)
def test_contrast_labels_are_positive_and_negative(sentence, praised, condemned):
    table = pd.DataFrame(
        {"sentence": [sentence, sentence], "start": [0, 0], "end": [0, 0]},
    )
    table[["start", "end"]] = [_span(sentence, praised), _span(sentence, condemned)]
    assert score_mentions(table)["label"].tolist() == ["positive", "negative"]


@pytest.mark.parametrize(("sentence", "target", "sign"), SEED_CASES)
def test_seed_sentences_have_the_expected_sign(sentence, target, sign):
    assert np.sign(target_sentiment(sentence, *_span(sentence, target))) == sign


@pytest.mark.xfail(
    strict=True,
    reason="issue #15, open: the hits are scoped (tests/sentiment/test_roles.py), but the "
    "learned word weights still carry these targets (r:ability; p-1:like/p, which NewsMTSC "
    "train labels positive 16, negative 12, neutral 1 times; p-1:that; cs:attack)",
)
@pytest.mark.parametrize(("sentence", "target", "wrong"), READER_CASES)
def test_reader_visible_errors_are_gone(sentence, target, wrong):
    table = pd.DataFrame({"sentence": [sentence], "start": [0], "end": [0]})
    table[["start", "end"]] = [_span(sentence, target)]
    scored = score_mentions(table).iloc[0]
    assert scored["label"] != wrong
    sign = 1 if wrong == "positive" else -1
    assert sign * scored["sentiment"] < 0.3


ALL_CASES = [(s, t) for s, a, b in CONTRASTS for t in (a, b)] + [(s, t) for s, t, _ in SEED_CASES]


@pytest.mark.parametrize(("sentence", "target"), ALL_CASES)
def test_score_is_in_range_and_equals_p_positive_minus_p_negative(sentence, target):
    start, end = _span(sentence, target)
    p = target_probabilities(sentence, start, end)
    score = target_sentiment(sentence, start, end)
    assert -1.0 <= score <= 1.0
    assert sum(p.values()) == pytest.approx(1.0)
    assert score == pytest.approx(p["positive"] - p["negative"])


def _mentions_table() -> pd.DataFrame:
    """The test cases laid out as one document, with document offsets."""
    rows, sentence_start = [], 0
    for sentence, target in ALL_CASES:
        start, end = _span(sentence, target)
        rows.append(
            {
                "sentence": sentence,
                "sent_start": sentence_start,
                "start": sentence_start + start,
                "end": sentence_start + end,
            }
        )
        sentence_start += len(sentence) + 1
    return pd.DataFrame(rows, index=pd.RangeIndex(100, 100 + len(rows)))


def test_vectorised_form_equals_scalar_form():
    table = _mentions_table()
    scored = score_mentions(table, sentence_start_col="sent_start")
    assert scored.index.equals(table.index)
    scalar = [
        target_sentiment(r.sentence, r.start - r.sent_start, r.end - r.sent_start)
        for r in table.itertuples()
    ]
    # the neural half runs in float32, and BLAS may round a product of another batch
    # size differently in the last place: equal to well within what any report shows
    np.testing.assert_allclose(scored["sentiment"].to_numpy(), scalar, rtol=0, atol=1e-6)
    # the label is the most probable class, recomputed here from the probabilities
    probs = scored[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert scored["label"].tolist() == [LABELS[i] for i in probs.argmax(axis=1)]
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)


def test_sentence_offsets_without_sentence_start_column():
    table = _mentions_table()
    relative = table.assign(
        a=table["start"] - table["sent_start"], b=table["end"] - table["sent_start"]
    )
    by_doc = score_mentions(table, sentence_start_col="sent_start")["sentiment"]
    by_sentence = score_mentions(relative, start_col="a", end_col="b")["sentiment"]
    np.testing.assert_allclose(by_doc.to_numpy(), by_sentence.to_numpy())


@pytest.mark.parametrize(
    ("score", "threshold", "expected"),
    [
        (-0.8, None, "negative"),
        (0.0, None, "neutral"),
        (0.9, None, "positive"),
        (0.3, 0.5, "neutral"),
        (-0.5, 0.5, "negative"),
        (0.5, 0.5, "positive"),
        (0.1, 0.05, "positive"),
    ],
)
def test_target_label(score, threshold, expected):
    assert target_label(score, threshold=threshold) == expected
    assert target_label(np.array([score]), threshold=threshold).tolist() == [expected]


def test_target_label_default_threshold_comes_from_the_model():
    t = default_threshold()
    assert target_label([t - 1e-6, t, -t], threshold=None).tolist() == [
        "neutral",
        "positive",
        "negative",
    ]


def test_default_threshold_is_the_one_chosen_for_the_scores_given(monkeypatch):
    """The averaged model's threshold (chosen in its own CV, in the neural model's
    metadata) while ENSEMBLE is on, the linear model's with the linear model alone, and
    the linear one for a neural file that has none (the shipped one, trained before)."""
    linear = load_model().threshold

    def neural_with(meta):
        file = dataclasses.replace(load_neural(), metadata=json.dumps(meta))
        monkeypatch.setattr(sentiment_model, "load_neural", lambda: file)

    neural_with({"epochs": 10, "threshold": 0.3125})
    monkeypatch.setattr(sentiment_model, "ENSEMBLE", True)
    assert default_threshold() == 0.3125
    monkeypatch.setattr(sentiment_model, "ENSEMBLE", False)
    assert default_threshold() == linear
    monkeypatch.setattr(sentiment_model, "ENSEMBLE", True)
    neural_with({"epochs": 10})
    assert default_threshold() == linear


def test_model_file_loads_with_its_metadata():
    model = load_model()
    meta = model["metadata"]
    assert "NewsMTSC" in meta["training_data"]
    assert "Hamborg" in meta["training_data"]
    assert "benchmarks/train_sentiment.py" in meta["training_command"]
    assert 0.0 < meta["threshold"] < 1.0
    assert model["labels"] == LABELS
    assert model["weights"].shape == (len(model["features"]), 3)
    assert model["intercept"].shape == (3,)
    assert len(set(model["features"])) == len(model["features"])
    raw = resources.files("storylens").joinpath("data", sentiment.MODEL_FILE)
    assert len(raw.read_bytes()) < 2_000_000
    assert json.loads(raw.read_text(encoding="utf-8"))["labels"] == list(LABELS)


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 2), (0, 999)])
def test_span_outside_the_sentence_is_an_error(start, end):
    with pytest.raises(ValueError, match="outside the sentence"):
        target_sentiment("Russia has flatly rejected the idea.", start, end)


def test_missing_column_is_named():
    with pytest.raises(KeyError, match="sentence"):
        score_mentions(pd.DataFrame({"start": [0], "end": [6]}))


def test_one_documents_mentions_score_the_same_alone(seeds):
    """score_mentions is called per document: nothing in it may depend on the corpus."""
    from storylens.actors import actor_mentions

    mentions = actor_mentions(seeds)
    whole = score_mentions(mentions, sentence_start_col="sent_start")
    sentiment.features.clear_cache()
    for _, rows in mentions.groupby("doc_id"):
        alone = score_mentions(rows, sentence_start_col="sent_start")
        pd.testing.assert_frame_equal(alone, whole.loc[rows.index])
    assert len(mentions["doc_id"].unique()) > 1


def test_an_empty_mentions_table_gives_an_empty_scores_table():
    empty = pd.DataFrame({"sentence": [], "start": [], "end": []})
    scored = score_mentions(empty)
    assert list(scored.columns) == sentiment.SCORE_COLUMNS and len(scored) == 0


def test_batch_scores_equal_one_at_a_time_with_an_empty_sentence_among_them():
    sentences = ["", "Russia has flatly rejected the idea.", "Macron praised Starmer."]
    table = pd.DataFrame({"sentence": sentences, "start": [0, 0, 15], "end": [0, 6, 22]})
    scored = score_mentions(table)
    one_by_one = [
        target_probabilities(s, a, b)
        for s, a, b in zip(sentences, [0, 0, 15], [0, 6, 22], strict=True)
    ]
    expected = [[p[label] for label in LABELS] for p in one_by_one]
    np.testing.assert_allclose(
        scored[["p_negative", "p_neutral", "p_positive"]], expected, rtol=0, atol=1e-6
    )  # float32 (see test_vectorised_form_equals_scalar_form)


def test_batch_probabilities_are_the_one_at_a_time_probabilities_exactly():
    """The batch gathers every row's known features in one run; each row is summed in
    its own order, so it equals that row's weights added one by one to the intercept
    in a Python loop, bit for bit, with names the model lacks skipped and a row of none
    known left at the intercept (and it is close to :func:`probabilities`' product)."""
    from storylens.sentiment import model
    from storylens.sentiment.features import target_features

    rows = [
        target_features("Macron praised Starmer's courage but condemned Putin.", 15, 22),
        {"no such feature": 1.0, "neither": 2.0},
        {},
        {"zz unknown": 1.0, **target_features("Russia rejected the idea.", 0, 6)},
    ]
    batch = model.batch_probabilities(rows)
    m = model.load_model()
    for row, p in zip(rows, batch, strict=True):
        logits = m.intercept.copy()
        for name, value in row.items():
            if name in m.index:
                logits += value * m.weights[m.index[name]]
        e = np.exp(logits - logits.max())
        assert np.array_equal(p, e / e.sum())
        assert np.allclose(p, model.probabilities(row), atol=1e-12)
    assert np.array_equal(batch[1], batch[2])  # the intercept alone
