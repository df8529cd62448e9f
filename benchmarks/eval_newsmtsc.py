"""Benchmark ``storylens.sentiment`` on the NewsMTSC development splits.

For ``rw-dev.jsonl`` (real-world sentences) and ``mt-dev.jsonl`` (2+ targets per
sentence) it prints macro-F1 over negative/neutral/positive, per-class F1 and the
confusion matrix for:

- ``storylens``: the ``label`` column of ``score_mentions`` (most probable class);
- ``storylens, threshold``: ``target_label`` on the score with the model's threshold;
- ``VADER sentence``: VADER's compound for the whole sentence, threshold 0.05, the
  same label for every target of a sentence (the baseline);

and the scoring speed in targets per second of CPU time (one CPU thread, caches
cleared first, the model and its resources loaded before).
The data is read from ``<project>/../shared/eval-data/newsmtsc`` or
``$STORYLENS_EVAL_DATA/newsmtsc``; nothing here is used for training.

    .venv/bin/python benchmarks/eval_newsmtsc.py

Measured 2026-12-02, second model of that day ("like" as a preposition its own word,
clause-word stems, the speaker's word before "that" not the target's; CV macro-F1 0.670
on train.jsonl grouped by event): rw-dev 0.696, mt-dev 0.649 (the first model of that
day: 0.676, 0.656; of 2026-11: 0.669, 0.657; VADER sentence 0.500, 0.523). Speed, with
``score_mentions`` summing the weights of all rows in one numpy pass: 1,818-3,402
targets/s (rw-dev) and 1,532-2,494 (mt-dev) over three runs at a load average near 3 on
the shared 2-core machine, 705 at a load near 10 (before that pass); timed back to back
at a load near 3 over rw-dev (best of three), 3,370 against 2,974 for the first model of
the day.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix, f1_score

from storylens import paths, sentiment
from storylens.nlp import vader
from storylens.sentiment import features

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
SPLITS = ("rw-dev", "mt-dev")
VADER_THRESHOLD = 0.05


def eval_data_dir() -> Path:
    """The evaluation data folder, or exit with a message saying where it was looked for."""
    try:
        return paths.eval_data_dir("newsmtsc")
    except FileNotFoundError as err:
        sys.exit(str(err))


def read_split(path: Path) -> pd.DataFrame:
    """One row per target: ``sentence, start, end, gold``."""
    rows = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            for t in item["targets"]:
                rows.append(
                    {
                        "sentence": item["sentence_normalized"],
                        "start": t["from"],
                        "end": t["to"],
                        "gold": POLARITY[t["polarity"]],
                    }
                )
    return pd.DataFrame(rows)


def report(name: str, gold: pd.Series, predicted) -> float:
    labels = list(sentiment.LABELS)
    macro = f1_score(gold, predicted, labels=labels, average="macro")
    per_class = f1_score(gold, predicted, labels=labels, average=None)
    matrix = confusion_matrix(gold, predicted, labels=labels)
    print(f"  {name}: macro-F1 {macro:.3f}  ", end="")
    print("  ".join(f"F1 {lab} {f:.3f}" for lab, f in zip(labels, per_class, strict=True)))
    print("    confusion (rows gold, columns predicted: neg neu pos)")
    for lab, row in zip(labels, matrix, strict=True):
        print(f"    {lab:>9} " + " ".join(f"{n:4d}" for n in row))
    return macro


def vader_labels(sentences: pd.Series) -> np.ndarray:
    analyzer = vader()
    compound = np.array([analyzer.polarity_scores(s)["compound"] for s in sentences])
    return np.where(
        compound >= VADER_THRESHOLD,
        "positive",
        np.where(compound <= -VADER_THRESHOLD, "negative", "neutral"),
    )


def main() -> None:
    folder = eval_data_dir()
    sentiment.load_model()  # loading the weights is not part of the timing
    meta = sentiment.load_model()["metadata"]
    print(f"model: {meta['model']}; threshold {meta['threshold']}")
    summary = []
    for split in SPLITS:
        table = read_split(folder / f"{split}.jsonl")
        print(f"{split}: {len(table):,} targets in {table['sentence'].nunique():,} sentences")
        features.clear_cache()
        t0 = time.process_time()  # CPU time: less at the mercy of the machine's load
        scored = sentiment.score_mentions(table)
        seconds = time.process_time() - t0
        rate = len(table) / seconds
        ours = report("storylens", table["gold"], scored["label"])
        thr = report(
            "storylens, threshold", table["gold"], sentiment.target_label(scored["sentiment"])
        )
        base = report("VADER sentence", table["gold"], vader_labels(table["sentence"]))
        print(f"  speed: {rate:,.0f} targets/s ({seconds:.2f} s CPU)")
        summary.append((split, ours, thr, base, rate))
    print("\nsplit    storylens  threshold  VADER-sentence  targets/s")
    for split, ours, thr, base, rate in summary:
        print(f"{split:8} {ours:9.3f} {thr:10.3f} {base:15.3f} {rate:10,.0f}")


if __name__ == "__main__":
    main()
