"""Train the target-sentiment model and write ``lib/storylens/data/sentiment_model.json``.

Data: the training split of NewsMTSC (Hamborg & Donnay, "NewsMTSC: A Dataset for
(Multi-)Target-dependent Sentiment Classification in Political News Articles", EACL
2021; github.com/fhamborg/NewsMTSC, MIT licence for the repository), read from
``<project>/../shared/eval-data/newsmtsc/train.jsonl`` or ``$STORYLENS_EVAL_DATA``.
Only the training split is used: the regularisation strength and the label threshold
are chosen by 5-fold cross-validation on it (grouped by sentence, best macro-F1); the dev splits are
left to ``benchmarks/eval_newsmtsc.py``.

Features come from ``storylens.sentiment.target_features``, so training and scoring
see the same ones. The model is scikit-learn's multinomial ``LogisticRegression``
(lbfgs, balanced class weights); the run is deterministic.

    .venv/bin/python benchmarks/train_sentiment.py            # train and write
    .venv/bin/python benchmarks/train_sentiment.py --cv-only  # report CV, write nothing
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from storylens import paths
from storylens.sentiment import LABELS, MODEL_FILE, target_features

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "lib" / "storylens" / "data" / MODEL_FILE
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
C_GRID = (0.02, 0.03, 0.05, 0.1)
MIN_DF = 2  # a feature must occur for at least this many training targets
THRESHOLDS = np.round(np.arange(0.05, 0.61, 0.025), 3)
COMMAND = ".venv/bin/python benchmarks/train_sentiment.py"


def eval_data_dir() -> Path:
    """The evaluation data folder, or exit with a message saying where it was looked for."""
    try:
        return paths.eval_data_dir("newsmtsc").parent
    except FileNotFoundError as err:
        sys.exit(str(err))


def read_targets(path: Path) -> list[tuple[str, int, int, str, int]]:
    """``(sentence, start, end, label, sentence number)`` for every target in a split."""
    rows = []
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            item = json.loads(line)
            sentence = item["sentence_normalized"]
            for t in item["targets"]:
                rows.append((sentence, t["from"], t["to"], POLARITY[t["polarity"]], n))
    return rows


def scores_from_proba(proba: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """``P(positive) - P(negative)`` from a ``predict_proba`` array."""
    col = {c: i for i, c in enumerate(classes)}
    return proba[:, col["positive"]] - proba[:, col["negative"]]


def labels_from_scores(scores: np.ndarray, threshold: float) -> np.ndarray:
    return np.where(
        scores <= -threshold, "negative", np.where(scores >= threshold, "positive", "neutral")
    )


def fit(x, y: np.ndarray, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, tol=1e-5)
    return model.fit(x, y)


def build_matrix(feats: list[dict[str, float]], train_idx: np.ndarray) -> DictVectorizer:
    """A vectoriser knowing the features seen at least ``MIN_DF`` times in ``train_idx``."""
    df = Counter(name for i in train_idx for name in feats[i])
    vocab = sorted(name for name, count in df.items() if count >= MIN_DF)
    vec = DictVectorizer(dtype=np.float64)
    vec.fit([dict.fromkeys(vocab, 1.0)])
    return vec


def cross_validate(feats, y, groups) -> tuple[float, float, dict[float, float], float]:
    """Grouped 5-fold CV on the training data.

    Returns the C whose most-probable-class labels give the best macro-F1, the score
    threshold that gives the best macro-F1 for ``target_label`` at that C, the CV
    macro-F1 per C, and the CV macro-F1 of the threshold labels.
    """
    folds = list(GroupKFold(n_splits=5).split(feats, y, groups))
    by_c, scores_by_c = {}, {}
    for c in C_GRID:
        scores = np.zeros(len(y))
        predicted = np.empty(len(y), dtype=object)
        for train_idx, test_idx in folds:
            vec = build_matrix(feats, train_idx)
            model = fit(vec.transform([feats[i] for i in train_idx]), y[train_idx], c)
            proba = model.predict_proba(vec.transform([feats[i] for i in test_idx]))
            scores[test_idx] = scores_from_proba(proba, model.classes_)
            predicted[test_idx] = model.classes_[proba.argmax(axis=1)]
        by_c[c] = f1_score(y, predicted.astype(str), average="macro")
        scores_by_c[c] = scores
        print(f"C={c:<5} CV macro-F1 {by_c[c]:.3f}", flush=True)
    best_c = max(C_GRID, key=lambda c: (by_c[c], -c))
    by_t = {
        float(t): f1_score(y, labels_from_scores(scores_by_c[best_c], t), average="macro")
        for t in THRESHOLDS
    }
    threshold = max(by_t, key=lambda t: (by_t[t], -t))
    return best_c, threshold, by_c, by_t[threshold]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="report CV, write no file")
    args = parser.parse_args()

    rows = read_targets(eval_data_dir() / "newsmtsc" / "train.jsonl")
    y = np.array([r[3] for r in rows])
    groups = np.array([r[4] for r in rows])
    feats = [target_features(s, a, b) for s, a, b, _, _ in rows]
    print(f"{len(rows):,} training targets: {dict(sorted(Counter(y.tolist()).items()))}")

    c, threshold, by_c, threshold_f1 = cross_validate(feats, y, groups)
    print(
        f"chosen C={c}: CV macro-F1 {by_c[c]:.3f} (most probable class); score threshold "
        f"{threshold}: CV macro-F1 {threshold_f1:.3f}"
    )
    if args.cv_only:
        return

    vec = build_matrix(feats, np.arange(len(rows)))
    model = fit(vec.transform(feats), y, c)
    order = [list(model.classes_).index(label) for label in LABELS]
    weights = model.coef_.T[:, order]
    intercept = model.intercept_[order]
    names = vec.get_feature_names_out()
    keep = np.abs(weights).max(axis=1) >= 1e-3  # drop features the model ignores
    payload = {
        "metadata": {
            "description": "Multinomial logistic regression for sentiment towards a target "
            "span; features from storylens.sentiment.target_features; score = "
            "P(positive) - P(negative).",
            "training_data": f"NewsMTSC train split (train.jsonl, {len(rows):,} targets), "
            "Hamborg & Donnay, EACL 2021, github.com/fhamborg/NewsMTSC (MIT licence for "
            "the repository); stored here are only feature names (words and short word n-grams "
            f"seen for at least {MIN_DF} targets) and their learned weights, no sentences.",
            "training_command": COMMAND,
            "model": f"sklearn LogisticRegression(C={c}, class_weight='balanced'), "
            f"features seen for >= {MIN_DF} training targets",
            "threshold": threshold,
            "cv_macro_f1": round(by_c[c], 4),
            "cv_macro_f1_threshold": round(threshold_f1, 4),
            "n_train": len(rows),
        },
        "labels": list(LABELS),
        "intercept": [round(float(v), 5) for v in intercept],
        "features": [str(n) for n in names[keep]],
        "weights": [[round(float(v), 4) for v in row] for row in weights[keep]],
    }
    OUT.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {keep.sum():,} features, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
