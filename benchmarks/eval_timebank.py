"""Accuracy and speed of storylens.timeline.extract_timexes on TimeBank and AQUAINT.

Reads the TempEval-3 training documents from the shared evaluation data
(``<project>/../shared/eval-data/timebank/{timebank,aquaint}.jsonl`` or
``$STORYLENS_EVAL_DATA/timebank/``), tags each document's text with its creation date as
``dct`` and prints, per file, TempEval-3 style scores:

- strict span P/R/F1 (same start and end), relaxed span P/R/F1 (any overlap, one-to-one),
- type accuracy over the relaxed matches,
- value P/R/F1 (relaxed match and the same normalised value),
- documents per second of ``extract_timexes`` alone, in CPU time of this process (so
  other work on the machine does not distort it), and that speed as a multiple of
  HeidelTime's (about 4 s per document through its Python wrapper).

Values are compared after a light normalisation that only removes notational variants:
upper case, week numbers zero-padded (``2000-W7`` = ``2000-W07``), trailing unknown
parts dropped (``199X`` = ``199``, ``1998-XX-XX`` = ``1998``), and a duration written in
other units of the same length (``P1DE`` = ``P10Y``, ``P2.5Y`` = ``P2Y6M``, ``P1CE`` =
``P100Y``; ``PXDE`` stays apart from ``PXY``: a count of decades is not one of years).

Rules are chosen by cross-validation on the training file, ``timebank.jsonl``:
``--folds K`` splits its documents into K folds (by a hash of the document id, so the
folds do not change when rules do) and prints each fold's scores; ``--save FILE`` keeps
them and ``--baseline FILE`` prints each fold's change against a saved run, so a rule
change is kept only if it helps (or does not hurt) in every fold. ``aquaint.jsonl`` is the
development file, reported once at the end; the held-out news test set is never seen.

Usage::

    .venv/bin/python benchmarks/eval_timebank.py            # both files
    .venv/bin/python benchmarks/eval_timebank.py --errors 30 --file aquaint
    .venv/bin/python benchmarks/eval_timebank.py --folds 5 --save /tmp/before.json
    .venv/bin/python benchmarks/eval_timebank.py --folds 5 --baseline /tmp/before.json
"""

from __future__ import annotations

import argparse
import hashlib
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


# One part of a duration: "2.5Y", "1DE", "30M" (accepts); "XY" (rejects: unknown count)
DURATION_PART_RE = re.compile(r"(\d+(?:\.\d+)?)(CE|DE|[YQMWDHS])")
# A whole duration of known counts: "P2Y6M", "PT1H30M", "P1DE" (accepts); "PXY" (rejects)
DURATION_RE = re.compile(r"P(?:\d+(?:\.\d+)?(?:CE|DE|[YQMWD]))*(?:T(?:\d+(?:\.\d+)?[HMS])+)?")
# Length of a date unit in months, of a time unit in seconds.
MONTHS_IN = {"CE": 1200, "DE": 120, "Y": 12, "Q": 3, "M": 1}
SECONDS_IN = {"W": 604800, "D": 86400, "H": 3600, "M": 60, "S": 1}


def duration_length(value: str) -> str | None:
    """A duration of known counts as "<months>M<seconds>S", the same for every way of
    writing it (P1DE and P10Y, P2.5Y and P2Y6M); None for anything else."""
    if value in ("P", "PT") or not DURATION_RE.fullmatch(value):
        return None
    date_part, _, time_part = value[1:].partition("T")
    months = seconds = 0.0
    for n, unit in DURATION_PART_RE.findall(date_part):
        if unit in MONTHS_IN:
            months += float(n) * MONTHS_IN[unit]
        else:
            seconds += float(n) * SECONDS_IN[unit]
    for n, unit in DURATION_PART_RE.findall(time_part):
        seconds += float(n) * SECONDS_IN[unit]
    return f"{months:g}M{seconds:g}S"


def normalise(value: str) -> str:
    """Drop notational variants: case, unpadded weeks, trailing unknown parts, the units
    a known duration is written in."""
    v = str(value).strip().upper()
    length = duration_length(v)
    if length is not None:
        return length
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


COUNTS = ("gold", "pred", "strict", "relaxed", "type_ok", "value_ok")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def score_doc(doc: dict, errors: dict[str, list]) -> tuple[dict[str, int], float]:
    """The counts of one document (see COUNTS) and the CPU seconds its tagging took; its
    misses, false positives and wrong values are appended to ``errors``."""
    t0 = time.process_time()
    df = extract_timexes(doc["text"], dct=doc["dct"]["value"])
    elapsed = time.process_time() - t0
    pred, gold = df.to_dict("records"), doc["timexes"]
    gold_spans = {(g["start"], g["end"]) for g in gold}
    pairs = match_relaxed(gold, pred)
    c = {"gold": len(gold), "pred": len(pred), "relaxed": len(pairs), "type_ok": 0}
    c["strict"] = sum((p["start"], p["end"]) in gold_spans for p in pred)
    c["value_ok"] = 0
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        c["type_ok"] += g["type"] == p["type"]
        if normalise(g["value"]) == normalise(p["value"]):
            c["value_ok"] += 1
        else:
            errors["wrong"].append((doc, g, p))
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    errors["miss"] += [(doc, g) for gi, g in enumerate(gold) if gi not in matched_g]
    errors["false"] += [(doc, p) for pi, p in enumerate(pred) if pi not in matched_p]
    return c, elapsed


def scores(counts: list[dict[str, int]], elapsed: float) -> dict:
    """P/R/F1 of strict, relaxed and value matches, type accuracy, documents/s."""
    t = {k: sum(c[k] for c in counts) for k in COUNTS}
    return {
        "docs": len(counts),
        "gold": t["gold"],
        "pred": t["pred"],
        "strict": prf(t["strict"], t["pred"], t["strict"], t["gold"]),
        "relaxed": prf(t["relaxed"], t["pred"], t["relaxed"], t["gold"]),
        "type_acc": t["type_ok"] / t["relaxed"] if t["relaxed"] else 0.0,
        "value": prf(t["value_ok"], t["pred"], t["value_ok"], t["gold"]),
        "docs_per_s": len(counts) / elapsed if elapsed else float("inf"),
    }


def fold_of(doc_id: str, k: int) -> int:
    """The fold of a document: a hash of its id, stable whatever the rules do."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % k


def print_errors(name: str, errors: dict[str, list], n_errors: int, seed: int) -> None:
    rng = random.Random(seed)

    def ctx(doc, x):
        t = doc["text"]
        left = t[max(0, x["start"] - 60) : x["start"]].replace("\n", " ")
        right = t[x["end"] : x["end"] + 40].replace("\n", " ")
        return f"...{left}[[{t[x['start'] : x['end']]}]]{right}..."

    misses, false_pos, wrong_values = errors["miss"], errors["false"], errors["wrong"]
    print(f"\n--- {name}: misses ({len(misses)})")
    for doc, g in rng.sample(misses, min(n_errors, len(misses))):
        print(f"  {g['type']:8} {g['value']:14} {g.get('mod', '')!s:6} {ctx(doc, g)}")
    print(f"\n--- {name}: false positives ({len(false_pos)})")
    for doc, p in rng.sample(false_pos, min(n_errors, len(false_pos))):
        print(f"  {p['type']:8} {p['value']:14} {ctx(doc, p)}")
    print(f"\n--- {name}: wrong values ({len(wrong_values)}) gold -> ours, dct")
    for doc, g, p in rng.sample(wrong_values, min(n_errors, len(wrong_values))):
        print(
            f"  {g['value']:12} -> {p['value']:12} dct={doc['dct']['value']} "
            f"gold={g['text']!r} ours={p['text']!r}  {ctx(doc, g)}"
        )


def evaluate(path: Path, n_errors: int, seed: int, folds: int = 0) -> list[tuple[str, dict]]:
    """Rows (name, scores) for the file, or for each of its ``folds`` folds then the file."""
    docs = load(path)
    errors: dict[str, list] = {"miss": [], "false": [], "wrong": []}
    per_doc = [score_doc(doc, errors) for doc in docs]
    elapsed = sum(e for _, e in per_doc)
    rows = []
    for k in range(folds):
        part = [
            c
            for doc, (c, _) in zip(docs, per_doc, strict=True)
            if fold_of(doc["doc_id"], folds) == k
        ]
        rows.append((f"{path.stem}/{k + 1}", scores(part, elapsed * len(part) / len(docs))))
    rows.append((path.stem, scores([c for c, _ in per_doc], elapsed)))
    if n_errors:
        print_errors(path.stem, errors, n_errors, seed)
    return rows


def f3(t: tuple[float, ...]) -> str:
    return "/".join(f"{x:.3f}" for x in t)


# HeidelTime through its Python wrapper: about 4 s per document (eval-data README).
HEIDELTIME_DOCS_PER_S = 0.25


def print_table(rows: list[tuple[str, dict]], baseline: dict[str, dict] | None) -> None:
    print(
        f"\n{'file':11} {'docs':>4} {'gold':>5} {'pred':>5}  {'strict P/R/F1':>17}  "
        f"{'relaxed P/R/F1':>17}  {'type':>5}  {'value P/R/F1':>17}  {'docs/s':>7}"
    )
    for name, r in rows:
        print(
            f"{name:11} {r['docs']:4d} {r['gold']:5d} {r['pred']:5d}  {f3(r['strict']):>17}  "
            f"{f3(r['relaxed']):>17}  {r['type_acc']:5.3f}  {f3(r['value']):>17}  "
            f"{r['docs_per_s']:7.0f}"
        )
    speeds = ", ".join(f"{n} {r['docs_per_s'] / HEIDELTIME_DOCS_PER_S:,.0f}x" for n, r in rows)
    print(f"speed against HeidelTime ({HEIDELTIME_DOCS_PER_S} docs/s): {speeds}")
    if not baseline:
        return
    print("\nchange in F1 against the baseline")
    print(f"{'file':11} {'strict':>7} {'relaxed':>7} {'value':>7}")
    for name, r in rows:
        b = baseline.get(name)
        if b is not None:
            d = [r[k][2] - b[k][2] for k in ("strict", "relaxed", "value")]
            print(f"{name:11} " + " ".join(f"{x:+7.3f}" for x in d))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", type=int, default=0, help="print N sample errors of each kind")
    ap.add_argument("--file", choices=FILES, action="append", help="only this file (repeatable)")
    ap.add_argument("--seed", type=int, default=0, help="seed for sampling errors")
    ap.add_argument("--folds", type=int, default=0, help="score the training file in K folds")
    ap.add_argument("--save", type=Path, help="write the scores to this JSON file")
    ap.add_argument("--baseline", type=Path, help="print F1 changes against a --save file")
    args = ap.parse_args(argv)
    folder = eval_data_dir()
    names = args.file or (["timebank"] if args.folds else list(FILES))
    rows = []
    for name in names:
        folds = args.folds if name == "timebank" else 0
        rows += evaluate(folder / f"{name}.jsonl", args.errors, args.seed, folds)
    baseline = json.loads(args.baseline.read_text()) if args.baseline else None
    print_table(rows, baseline)
    if args.save:
        args.save.write_text(json.dumps(dict(rows), indent=1))


if __name__ == "__main__":
    main()
