"""Benchmark ``storylens.sentiment`` on BASIL's bias annotations towards named targets.

Data: ``basil-dev/*/annotations.jsonl`` (BASIL, Fan et al., EMNLP 2019, "In Plain Sight:
Media Bias Through the Lens of Factual Reporting"; github.com/launchnlp/BASIL), read
from ``<project>/../shared/eval-data`` or ``$STORYLENS_EVAL_DATA``. Nothing here is used
for training or for choosing a rule.

Units: the ``dir`` annotations (bias aimed at the target itself) whose sentence was
found and whose target is named in it. The target ``Mitt_Romney`` is named by its full
name ("Mitt Romney") or else by one of its words of three letters or more (the last
first, "Romney"; a plural also as its singular, "Republicans" as "Republican"), with a
capital, as a whole word; the first such place in the sentence is the span scored.
Annotations of one target in one sentence make one unit, labelled by their majority
polarity (a tie is left out and counted). The metric is macro-F1 over negative and
positive; a neutral answer counts as a miss for the unit's class.

It prints, for each method, macro-F1, per-class F1 and the confusion matrix:

- ``storylens``: the ``label`` column of ``score_mentions`` (most probable class);
- ``VADER sentence``: VADER's compound for the whole sentence, threshold 0.05.

    .venv/bin/python benchmarks/eval_basil_sentiment.py

Measured 2026-12-02 on the ten dev stories: 77 units (69 negative, 8 positive); storylens
0.573 (F1 negative 0.765, positive 0.381), the first model of that day 0.546, the model
of 2026-11 0.483, VADER sentence 0.458. With 8 positive units, one more found moves the
positive F1 by about 0.07.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

# The sentence-level VADER baseline, scored the same way as on NewsMTSC (run as a script,
# this folder is on sys.path).
from eval_newsmtsc import vader_labels
from sklearn.metrics import confusion_matrix, f1_score

from storylens import paths, sentiment

POLARITY = {"neg": "negative", "pos": "positive"}
CLASSES = ["negative", "positive"]
NAME_JOINERS = frozenset({"and", "of", "the"})  # "Sasha_and_Malia_Obama": not names


def eval_data_dir() -> Path:
    """The BASIL dev folder, or exit with a message saying where it was looked for."""
    try:
        return paths.eval_data_dir("basil-dev")
    except FileNotFoundError as err:
        sys.exit(str(err))


def name_span(sentence: str, target: str) -> tuple[int, int] | None:
    """Where ``target`` (``Mitt_Romney`` style) is named in ``sentence``, or None."""
    words = [w for w in target.split("_") if w]
    candidates = [" ".join(words)]
    for w in reversed(words):
        if len(w.rstrip(".")) >= 3 and w.lower() not in NAME_JOINERS:
            candidates.append(w)
            if w.endswith("s") and len(w) > 4:
                candidates.append(w[:-1])
    for name in candidates:
        # the name as a whole word: accepts "Romney" in "Mr. Romney's"; rejects "Romneyville"
        m = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence)
        if m:
            return m.start(), m.end()
    return None


def read_units(folder: Path) -> tuple[pd.DataFrame, Counter]:
    """One row per (story, file, sentence, target): ``sentence, start, end, gold``,
    and the counts of annotations left out, by reason."""
    votes: dict[tuple[str, str, str, str], Counter] = {}
    skipped: Counter = Counter()
    for path in sorted(folder.glob("*/annotations.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            a = json.loads(line)
            if a["aim"] != "dir":
                skipped["not aimed at the target (ind_*)"] += 1
            elif not a["sentence"]:
                skipped["sentence not found"] += 1
            elif name_span(a["sentence"], a["target"]) is None:
                skipped["target not named in the sentence"] += 1
            else:
                key = (path.parent.name, a["file"], a["sentence"], a["target"])
                votes.setdefault(key, Counter())[POLARITY[a["polarity"]]] += 1
    rows = []
    for (story, file, sentence, target), count in votes.items():
        (top, n), *rest = count.most_common()
        if rest and rest[0][1] == n:
            skipped["units with tied polarity"] += 1
            continue
        start, end = name_span(sentence, target)  # type: ignore[misc]
        rows.append(
            {"story": story, "file": file, "target": target, "sentence": sentence}
            | {"start": start, "end": end, "gold": top}
        )
    return pd.DataFrame(rows), skipped


def report(name: str, gold: pd.Series, predicted) -> float:
    labels = ["negative", "neutral", "positive"]
    macro = f1_score(gold, predicted, labels=CLASSES, average="macro", zero_division=0)
    per_class = f1_score(gold, predicted, labels=CLASSES, average=None, zero_division=0)
    print(f"  {name}: macro-F1 (negative/positive) {macro:.3f}  ", end="")
    print("  ".join(f"F1 {c} {f:.3f}" for c, f in zip(CLASSES, per_class, strict=True)))
    matrix = confusion_matrix(gold, predicted, labels=labels)
    print("    confusion (rows gold, columns predicted: neg neu pos)")
    for lab, row in zip(labels, matrix, strict=True):
        if lab != "neutral":
            print(f"    {lab:>9} " + " ".join(f"{n:4d}" for n in row))
    return macro


def main() -> None:
    units, skipped = read_units(eval_data_dir())
    counts = dict(sorted(Counter(units["gold"]).items()))
    print(
        f"{len(units):,} units ({counts}) in {units['story'].nunique()} stories; left out: "
        + ", ".join(f"{n} {why}" for why, n in sorted(skipped.items()))
    )
    scored = sentiment.score_mentions(units)
    ours = report("storylens", units["gold"], scored["label"])
    base = report("VADER sentence", units["gold"], vader_labels(units["sentence"]))
    print(f"\nunits  storylens  VADER-sentence\n{len(units):5d} {ours:10.3f} {base:15.3f}")


if __name__ == "__main__":
    main()
