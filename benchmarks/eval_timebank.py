"""Accuracy and speed of storylens.timeline.extract_timexes on TimeBank and AQUAINT.

Reads the TempEval-3 training documents from the shared evaluation data
(``<project>/../shared/eval-data/timebank/{timebank,aquaint}.jsonl`` or
``$STORYLENS_EVAL_DATA/timebank/``), tags each document's text with its creation date as
``dct`` and prints, per file, TempEval-3 style scores:

- strict span P/R/F1 (same start and end), relaxed span P/R/F1 (any overlap, one-to-one),
- type accuracy over the relaxed matches,
- value P/R/F1 (relaxed match and the same normalised value),
- documents per second of ``extract_timexes`` alone, in CPU time of this process (so
  other work on the machine does not distort it).

Values are compared after a light normalisation that only removes notational variants:
upper case, week numbers zero-padded (``2000-W7`` = ``2000-W07``), and trailing unknown
parts dropped (``199X`` = ``199``, ``1998-XX-XX`` = ``1998``).

Usage::

    .venv/bin/python benchmarks/eval_timebank.py            # both files
    .venv/bin/python benchmarks/eval_timebank.py --errors 30 --file aquaint
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

from storylens import paths
from storylens.timeline import extract_timexes

FILES = ("timebank", "aquaint")


def eval_data_dir() -> Path:
    """The evaluation data folder, or exit with a message saying where it was looked for."""
    try:
        return paths.eval_data_dir("timebank")
    except FileNotFoundError as err:
        sys.exit(str(err))


def normalise(value: str) -> str:
    """Drop notational variants: case, unpadded weeks, trailing unknown parts."""
    v = str(value).strip().upper()
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", v)
    while True:
        w = re.sub(r"-X+$", "", v)
        if w == v:
            break
        v = w
    if re.fullmatch(r"\d{2,3}X+", v):
        v = v.rstrip("X")
    return v


def match_relaxed(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) of overlapping spans, greedily in order."""
    pairs, used = [], set()
    for gi, g in enumerate(gold):
        best = None
        for pi, p in enumerate(pred):
            if pi in used or p["end"] <= g["start"] or p["start"] >= g["end"]:
                continue
            overlap = min(p["end"], g["end"]) - max(p["start"], g["start"])
            if best is None or overlap > best[0]:
                best = (overlap, pi)
        if best is not None:
            used.add(best[1])
            pairs.append((gi, best[1]))
    return pairs


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(path: Path, n_errors: int, seed: int) -> dict:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    n_gold = n_pred = strict = relaxed = type_ok = value_ok = 0
    misses, false_pos, wrong_values = [], [], []
    elapsed = 0.0
    for doc in docs:
        text, dct = doc["text"], doc["dct"]["value"]
        t0 = time.process_time()
        df = extract_timexes(text, dct=dct)
        elapsed += time.process_time() - t0
        pred = df.to_dict("records")
        gold = doc["timexes"]
        n_gold += len(gold)
        n_pred += len(pred)
        gold_spans = {(g["start"], g["end"]) for g in gold}
        strict += sum((p["start"], p["end"]) in gold_spans for p in pred)
        pairs = match_relaxed(gold, pred)
        relaxed += len(pairs)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            type_ok += g["type"] == p["type"]
            if normalise(g["value"]) == normalise(p["value"]):
                value_ok += 1
            else:
                wrong_values.append((doc, g, p))
        misses += [(doc, g) for gi, g in enumerate(gold) if gi not in matched_g]
        false_pos += [(doc, p) for pi, p in enumerate(pred) if pi not in matched_p]
    sp = prf(strict, n_pred, strict, n_gold)
    rp = prf(relaxed, n_pred, relaxed, n_gold)
    vp = prf(value_ok, n_pred, value_ok, n_gold)
    result = {
        "docs": len(docs),
        "gold": n_gold,
        "pred": n_pred,
        "strict": sp,
        "relaxed": rp,
        "type_acc": type_ok / relaxed if relaxed else 0.0,
        "value": vp,
        "docs_per_s": len(docs) / elapsed if elapsed else float("inf"),
    }
    if n_errors:
        rng = random.Random(seed)

        def ctx(doc, x):
            t = doc["text"]
            left = t[max(0, x["start"] - 60) : x["start"]].replace("\n", " ")
            right = t[x["end"] : x["end"] + 40].replace("\n", " ")
            return f"...{left}[[{t[x['start'] : x['end']]}]]{right}..."

        print(f"\n--- {path.stem}: misses ({len(misses)})")
        for doc, g in rng.sample(misses, min(n_errors, len(misses))):
            print(f"  {g['type']:8} {g['value']:14} {g.get('mod', '')!s:6} {ctx(doc, g)}")
        print(f"\n--- {path.stem}: false positives ({len(false_pos)})")
        for doc, p in rng.sample(false_pos, min(n_errors, len(false_pos))):
            print(f"  {p['type']:8} {p['value']:14} {ctx(doc, p)}")
        print(f"\n--- {path.stem}: wrong values ({len(wrong_values)}) gold -> ours, dct")
        for doc, g, p in rng.sample(wrong_values, min(n_errors, len(wrong_values))):
            print(
                f"  {g['value']:12} -> {p['value']:12} dct={doc['dct']['value']} "
                f"gold={g['text']!r} ours={p['text']!r}  {ctx(doc, g)}"
            )
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", type=int, default=0, help="print N sample errors of each kind")
    ap.add_argument("--file", choices=FILES, action="append", help="only this file (repeatable)")
    ap.add_argument("--seed", type=int, default=0, help="seed for sampling errors")
    args = ap.parse_args(argv)
    folder = eval_data_dir()
    rows = []
    for name in args.file or FILES:
        r = evaluate(folder / f"{name}.jsonl", args.errors, args.seed)
        rows.append((name, r))
    print(
        f"\n{'file':9} {'docs':>4} {'gold':>5} {'pred':>5}  {'strict P/R/F1':>17}  "
        f"{'relaxed P/R/F1':>17}  {'type':>5}  {'value P/R/F1':>17}  {'docs/s':>7}"
    )
    for name, r in rows:

        def f3(t):
            return "/".join(f"{x:.3f}" for x in t)

        print(
            f"{name:9} {r['docs']:4d} {r['gold']:5d} {r['pred']:5d}  {f3(r['strict']):>17}  "
            f"{f3(r['relaxed']):>17}  {r['type_acc']:5.3f}  {f3(r['value']):>17}  "
            f"{r['docs_per_s']:7.0f}"
        )


if __name__ == "__main__":
    main()
