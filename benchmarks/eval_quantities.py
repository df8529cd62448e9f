"""Accuracy and speed of storylens.figures.extract_figures on public quantity test sets.

Reads ``eval-data/quantities/`` (found at ``<project root>/../shared/eval-data`` or via
the environment variable STORYLENS_EVAL_DATA):

- ``quantulum3_quantities.json``: quantulum3's test sentences, ``{req, res: [{value,
  unit, surface, uncertainty?}]}``; a range is given as its midpoint with an uncertainty.
- ``recognizers_dimension.json`` / ``recognizers_currency.json``: Recognizers-Text
  number-with-unit cases, ``{text, quantities: [{value, normalized_unit}]}``; a range is
  written "8-10" in ``value``.

and, from ``eval-data/timebank/`` (news texts), the 70 news sentences of
``benchmarks/data/news_quantities.json``: every quantity in them labelled by hand for
storylens with its value and its qualifier (level, increase, decrease), the labels
written before storylens was run on them; the file says how the sentences were drawn.
These are the one set here drawn from news and labelled for changes throughout; no rule
was written or selected on them. Their units are not labelled, so they give value and
value+qualifier scores only (a predicted range counts as a level there); "skip" items
(fractions in words, a figure whose scale is not written) are neither right nor wrong.
``--no-news`` leaves them out.

Matching (one-to-one, per sentence). Every figure and every gold quantity gets a point:
its value, or for a range the midpoint of its bounds. A prediction matches a gold item
when the points agree within a relative tolerance of 0.1% (absolute 1e-9 near zero).
Pairing is greedy: each gold item, in the file's order, takes the first prediction (in
text order) that satisfies the criterion and is not taken yet, so each prediction and gold
item is used at most once. Precision = matched / predictions, recall = matched / gold
items, F1 their harmonic mean, all summed over the file (micro-averaged).

- value F1: the points agree.
- value+unit F1: the points agree and the units agree. A gold unit that names a unit in
  ``units.yaml`` (by name, spelling, symbol or alias, e.g. "pound-mass", "percentage")
  must equal the predicted unit ("dollar per share" compares both parts); a gold unit of
  "dimensionless", "count" or "-" needs a prediction without a unit; any other gold unit
  is a counted noun ("consultant", "empty house") and needs a prediction without a unit
  whose noun is the same word (singular, case-insensitive) as the gold's last word.
- value+qualifier F1: the points agree and so do the qualifiers, each one of ``level``,
  ``range``, ``increase``, ``decrease``. The held-out news set's qualifiers are exact,
  approximate, lower bound, upper bound and a change (increase / decrease); these files
  label none of "more than", "up to" or "about", so the bound kinds are one class here
  (``level``). A gold item is a ``range`` where quantulum3 gives an ``uncertainty`` or
  Recognizers a value "8-10"; a change where ``benchmarks/data/quantity_changes.json``
  says so. That file holds change labels written for storylens by hand (neither set has
  any), from the annotation idea of a change (the amount by which something rose or
  fell), keyed by file, sentence index and value: 28 changes in 374 sentences. A
  prediction is ``increase`` / ``decrease`` where storylens gives ``change_part``
  ``amount`` (``change`` its direction), ``range`` where its qualifier is ``range``,
  else ``level``: the level before or after a change ("from $659", "to $1.45 billion")
  is a level, as in the labels. "rose from about $350 per kg to $680 per kg" is two
  figures for storylens (``from`` and ``to``), one range (515) for quantulum3's file.
- changes: precision and recall of the change labels alone, over the gold items whose
  value a prediction matches (a change is right when its direction is).

No training split: the change rules were written from news usage and the annotation
idea, not selected on these files, and these figures are reported once; the labels
were written before the rules were scored on them.

Subsets. quantulum3's file also marks bare numbers and years as "dimensionless"
quantities, which storylens deliberately does not report (years are not figures). Scores
are given on all gold items and on gold items with a unit (dimensionless / "-" / "count"
gold items removed; a prediction that matches one of them is then neither right nor
wrong). The with-unit scores reflect the news use case.

Speed: sentences per second over all sentences of the file, best of five rounds that
alternate between the functions timed (each round at least 0.2 s per function), for
extract_figures (which builds a DataFrame per call, about 0.1 ms) and for
iter_figures (the same reading, returning tuples); "all files" divides all sentences by
the sum of the per-file times. ``--compare-quantulum`` also scores
and times quantulum3's ``parser.parse`` on the same sentences; quantulum3 is not a
storylens dependency, so install it in a separate environment:

    python3 -m venv /tmp/figures-venv
    /tmp/figures-venv/bin/pip install quantulum3 pandas pyarrow pyyaml nltk
    PYTHONPATH=lib /tmp/figures-venv/bin/python benchmarks/eval_quantities.py --compare-quantulum

quantulum3_quantities.json is quantulum3's own test file, so quantulum3 scores 1.0 there
by construction; the Recognizers files are the fair comparison.

Run: ``.venv/bin/python benchmarks/eval_quantities.py``
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from storylens import paths
from storylens.figures import extract_figures, iter_figures, load_units

FILES = ["quantulum3_quantities.json", "recognizers_dimension.json", "recognizers_currency.json"]
UNITLESS = {"dimensionless", "count", "-", ""}
REL_TOL = 1e-3


@dataclass
class Item:
    """One quantity, gold or predicted, reduced to what the metrics compare."""

    point: float
    unit: str | None  # normalised unit name, or None for counts and bare numbers
    noun: str | None  # counted noun (gold: a unit that is not in units.yaml)
    is_range: bool
    unitless_gold: bool = False  # a gold "dimensionless" / "-" / "count" item
    label: str = "level"  # level, range, increase, decrease (see value+qualifier)
    ignored: bool = False  # a gold item neither right nor wrong to find (news: "skip")


def eval_data_dir() -> Path:
    """The evaluation data folder, or exit with a message saying where it was looked for."""
    try:
        return paths.eval_data_dir("quantities")
    except FileNotFoundError as err:
        sys.exit(str(err))


def _singular(word: str) -> str:
    w = word.lower().strip()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]  # "losses", "boxes", "inches"
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _gold_unit(raw: str, table) -> tuple[str | None, str | None, bool]:
    """(unit, noun, unitless) for a gold unit string."""
    raw = (raw or "").strip()
    if raw.lower() in UNITLESS:
        return None, None, True
    unit = _canonical_compound(raw, table)
    if unit:
        return unit, None, False
    return None, _singular(raw.split()[-1]), False


def _canonical_compound(raw: str, table) -> str | None:
    """Map "dollar per share" / "kilometre per hour" to storylens names, or None."""
    whole = table.canonical(raw)
    if whole:
        return whole
    if " per " in raw:
        num, den = raw.split(" per ", 1)
        n, d = table.canonical(num), table.canonical(den) or _singular(den)
        if n:
            return table.canonical(f"{n} per {d}") or f"{n} per {d}"
    return None


CHANGE_LABELS = Path(__file__).with_name("data") / "quantity_changes.json"


def change_labels() -> dict[tuple[str, int], list[tuple[float, str]]]:
    """The hand-written change labels: (file, sentence index) -> [(gold value, label)]."""
    rows = json.loads(CHANGE_LABELS.read_text(encoding="utf-8"))["labels"]
    out: dict[tuple[str, int], list[tuple[float, str]]] = {}
    for fname, index, value, label in rows:
        out.setdefault((fname, index), []).append((float(value), label))
    return out


def _labelled(items: list[Item], labels: list[tuple[float, str]]) -> list[Item]:
    """The gold items with their change labels (every labelled value must be found)."""
    for value, label in labels:
        item = next((g for g in items if _same_point(g.point, value)), None)
        if item is None:
            raise ValueError(f"{CHANGE_LABELS}: no gold value {value:g} to label {label}")
        item.label = label
    for g in items:
        if g.label == "level" and g.is_range:
            g.label = "range"
    return items


def load_gold(path: Path, table) -> list[tuple[str, list[Item]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    labels = change_labels()
    return [
        (sentence, _labelled(items, labels.get((path.name, i), [])))
        for i, (sentence, items) in enumerate(_read_gold(data, table))
    ]


def _read_gold(data, table) -> list[tuple[str, list[Item]]]:
    out = []
    for row in data:
        if "req" in row:  # quantulum3
            items = []
            for q in row["res"]:
                unit, noun, unitless = _gold_unit(q["unit"], table)
                items.append(
                    Item(float(q["value"]), unit, noun, bool(q.get("uncertainty")), unitless)
                )
            out.append((row["req"], items))
        else:  # Recognizers-Text
            items = []
            for q in row["quantities"]:
                unit, noun, unitless = _gold_unit(q["normalized_unit"], table)
                raw = str(q["value"])
                if "-" in raw[1:]:
                    a, b = raw[0] + raw[1:].split("-", 1)[0], raw[1:].split("-", 1)[1]
                    point, is_range = (float(a) + float(b)) / 2, True
                else:
                    point, is_range = float(raw), False
                items.append(Item(point, unit, noun, is_range, unitless))
            out.append((row["text"], items))
    return out


NEWS_LABELS = Path(__file__).with_name("data") / "news_quantities.json"


def load_news_gold() -> list[tuple[str, list[Item]]]:
    """The hand-labelled news sentences (``data/news_quantities.json``), read from the
    timebank texts of the evaluation data by their offsets, with their gold items."""
    folder = paths.eval_data_dir("timebank")
    texts: dict[str, dict[str, str]] = {}
    out = []
    for fname, doc_id, start, end, labels in json.loads(NEWS_LABELS.read_text("utf-8"))[
        "sentences"
    ]:
        if fname not in texts:
            with open(folder / fname, encoding="utf-8") as f:
                texts[fname] = {d["doc_id"]: d["text"] for d in map(json.loads, f)}
        items = [
            Item(float(v), None, None, False, label="level" if lab == "skip" else lab,
                 ignored=lab == "skip")
            for v, lab in labels
        ]  # fmt: skip
        out.append((texts[fname][doc_id][start:end], items))
    return out


def predict_news(sentence: str) -> list[Item]:
    """storylens' items in the news labels' classes: a range is a level there."""
    items = predict_storylens(sentence)
    for p in items:
        if p.label == "range":
            p.label = "level"
    return items


def report_news(errors: int) -> list[tuple[list[Item], list[Item]]]:
    """Print the scores on the hand-labelled news sentences (values and qualifiers only:
    their units are not labelled); return the (predicted, gold) pairs."""
    gold = load_news_gold()
    n_items = sum(not g.ignored for _, items in gold for g in items)
    print(f"{NEWS_LABELS.name}: {len(gold)} news sentences, {n_items} gold quantities")
    pairs = [(predict_news(s), items) for s, items in gold]
    p, r, f, ng, npred = change_scores(pairs)
    print(
        f"  {'storylens':10s} {'changes (value matched)':24s} {'direction':24s} P={p:.3f}"
        f" R={r:.3f} F1={f:.3f}  (gold {ng}, predicted {npred})"
    )
    for label, ok in (("value", value_ok), ("value+qualifier", qualifier_ok)):
        p, r, f, ng, npred = score(pairs, ok, with_unit_only=False)
        print(
            f"  {'storylens':10s} {'all gold items':24s} {label:24s} P={p:.3f} R={r:.3f}"
            f" F1={f:.3f}  (gold {ng}, predicted {npred})"
        )
    if errors:
        print_qualifier_errors(pairs, [s for s, _ in gold], errors)
    return pairs


def print_qualifier_errors(pairs, sentences: list[str], limit: int) -> None:
    """Up to ``limit`` items whose value or qualifier is wrong, with their sentences."""
    shown = 0
    for (preds, golds), sentence in zip(pairs, sentences, strict=True):
        used = [False] * len(preds)
        for g in golds:
            i = next((i for i, p in enumerate(preds) if not used[i] and value_ok(p, g)), None)
            if i is not None:
                used[i] = True
            if g.ignored or (i is not None and preds[i].label == g.label):
                continue
            got = "missed" if i is None else preds[i].label
            print(f"    gold {g.point:g} {g.label}, got {got:10s} | {sentence}")
            shown += 1
        for i, p in enumerate(preds):
            if not used[i]:
                print(f"    extra {p.point:g} {p.label:16s} | {sentence}")
                shown += 1
        if shown >= limit:
            return


def predict_storylens(sentence: str) -> list[Item]:
    items = []
    for r in extract_figures(sentence).itertuples(index=False):
        if not math.isnan(r.value):
            point = r.value
        elif not math.isnan(r.low) and not math.isnan(r.high):
            point = (r.low + r.high) / 2
        else:
            point = r.low if not math.isnan(r.low) else r.high
        unit = r.unit if isinstance(r.unit, str) else None
        noun = _singular(r.noun) if isinstance(r.noun, str) else None
        items.append(Item(point, unit, noun, r.qualifier == "range", label=_label(r)))
    return items


def _label(r) -> str:
    """A figure's qualifier in the benchmark's classes (see value+qualifier)."""
    if r.change_part == "amount" and isinstance(r.change, str):
        return r.change
    return "range" if r.qualifier == "range" else "level"


def _same_point(a: float, b: float) -> bool:
    return abs(a - b) <= max(1e-9, REL_TOL * max(abs(a), abs(b)))


def value_ok(p: Item, g: Item) -> bool:
    return _same_point(p.point, g.point)


def unit_ok(p: Item, g: Item) -> bool:
    if not value_ok(p, g):
        return False
    if g.unitless_gold:
        return p.unit is None
    if g.unit is not None:
        return p.unit == g.unit
    return p.unit is None and p.noun is not None and p.noun == g.noun


def qualifier_ok(p: Item, g: Item) -> bool:
    return value_ok(p, g) and p.label == g.label


def change_scores(pairs) -> tuple[float, float, float, int, int]:
    """Precision, recall, F1 of the change labels over the value-matched pairs, gold
    changes and predicted changes among them."""
    tp = n_gold = n_pred = 0
    for preds, golds in pairs:
        used = [False] * len(preds)
        for g in golds:
            i = next((i for i, p in enumerate(preds) if not used[i] and value_ok(p, g)), None)
            if g.ignored:
                if i is not None:
                    used[i] = True
                continue
            if i is None:
                n_gold += g.label in ("increase", "decrease")
                continue
            used[i] = True
            gold_change = g.label in ("increase", "decrease")
            pred_change = preds[i].label in ("increase", "decrease")
            n_gold += gold_change
            n_pred += pred_change
            tp += gold_change and preds[i].label == g.label
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, n_gold, n_pred


def score(
    pairs: Iterable[tuple[list[Item], list[Item]]],
    ok: Callable[[Item, Item], bool],
    *,
    with_unit_only: bool,
) -> tuple[float, float, float, int, int]:
    """Precision, recall, F1, gold count, prediction count (greedy one-to-one matching)."""
    tp = n_gold = n_pred = 0
    for preds, golds in pairs:
        used = [False] * len(preds)
        ignored_preds = 0
        for g in golds:
            if (with_unit_only and g.unitless_gold) or g.ignored:
                # a prediction of this item is neither right nor wrong
                for i, p in enumerate(preds):
                    if not used[i] and value_ok(p, g):
                        used[i] = True
                        ignored_preds += 1
                        break
                continue
            n_gold += 1
            for i, p in enumerate(preds):
                if not used[i] and ok(p, g):
                    used[i] = True
                    tp += 1
                    break
        n_pred += len(preds) - ignored_preds
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, n_gold, n_pred


def sentences_per_second(
    sentences: list[str], fns: list[Callable[[str], object]], *, rounds: int = 5
) -> list[float]:
    """Sentences per second of each function, measured in alternation.

    Each round times every function once over all sentences (repeated for at least 0.2 s);
    the best round counts. Alternating keeps a comparison fair on a shared machine, where
    the load changes from second to second.
    """
    best = [0.0] * len(fns)
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            done, started = 0, time.perf_counter()
            while True:
                for s in sentences:
                    fn(s)
                done += len(sentences)
                elapsed = time.perf_counter() - started
                if elapsed >= 0.2:
                    break
            best[i] = max(best[i], done / elapsed)
    return best


def print_errors(name: str, gold, predict, limit: int) -> None:
    """Up to ``limit`` value misses, false positives and unit mismatches, with sentences."""
    misses, extras, units = [], [], []
    for sentence, golds in gold:
        preds = predict(sentence)
        used = [False] * len(preds)
        for g in golds:
            for i, p in enumerate(preds):
                if not used[i] and value_ok(p, g):
                    used[i] = True
                    if not unit_ok(p, g):
                        units.append((sentence, f"gold {g.unit or g.noun} got {p.unit or p.noun}"))
                    break
            else:
                if not g.unitless_gold:
                    misses.append((sentence, f"{g.point:g} {g.unit or g.noun or ''}"))
        for i, p in enumerate(preds):
            if not used[i]:
                extras.append((sentence, f"{p.point:g} {p.unit or p.noun or ''}"))
    for label, rows in (
        ("missed (gold with a unit)", misses),
        ("false positives", extras),
        ("value right, unit wrong", units),
    ):
        print(f"  {name}: {len(rows)} {label}")
        for sentence, what in rows[:limit]:
            print(f"    {what:28s} | {sentence}")


def quantulum_predictor(table):
    try:
        from quantulum3 import parser
    except ImportError:
        sys.exit(
            "--compare-quantulum needs quantulum3, which storylens does not depend on. "
            "Make a separate environment: python3 -m venv /tmp/figures-venv && "
            "/tmp/figures-venv/bin/pip install quantulum3 pandas pyarrow pyyaml nltk, "
            "then run PYTHONPATH=lib /tmp/figures-venv/bin/python "
            "benchmarks/eval_quantities.py --compare-quantulum"
        )

    def predict(sentence: str) -> list[Item]:
        items = []
        for q in parser.parse(sentence):
            name = q.unit.name
            unit, noun, unitless = _gold_unit(name, table)
            is_range = bool(q.uncertainty)
            label = "range" if is_range else "level"  # quantulum3 marks no change
            items.append(Item(float(q.value), unit, noun, is_range, label=label))
        return items

    return predict, lambda s: parser.parse(s)


def report(name: str, gold, predict) -> list[tuple[list[Item], list[Item]]]:
    """Print the scores of one predictor on one file; return its (predicted, gold) pairs."""
    pairs = [(predict(s), items) for s, items in gold]
    print_scores(name, pairs)
    return pairs


def print_scores(name: str, pairs) -> None:
    metrics = [("value", value_ok), ("value+unit", unit_ok), ("value+qualifier", qualifier_ok)]
    p, r, f, ng, npred = change_scores(pairs)
    print(
        f"  {name:10s} {'changes (value matched)':24s} {'direction':24s} P={p:.3f} R={r:.3f}"
        f" F1={f:.3f}  (gold {ng}, predicted {npred})"
    )
    for subset, only in (("all gold items", False), ("gold items with a unit", True)):
        for label, ok in metrics:
            p, r, f, ng, npred = score(pairs, ok, with_unit_only=only)
            print(
                f"  {name:10s} {subset:24s} {label:24s} P={p:.3f} R={r:.3f} F1={f:.3f}"
                f"  (gold {ng}, predicted {npred})"
            )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--compare-quantulum",
        action="store_true",
        help="also score quantulum3 (must be importable, see module docstring)",
    )
    ap.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="list up to N misses, false positives and unit mismatches of storylens per file",
    )
    ap.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    ap.add_argument("--no-news", action="store_true", help="skip the hand-labelled news sentences")
    args = ap.parse_args(argv)
    folder = eval_data_dir()
    table = load_units()
    predictors = [
        (
            "storylens",
            predict_storylens,
            [
                ("extract_figures, a DataFrame per sentence", extract_figures),
                ("iter_figures, tuples", lambda s: list(iter_figures(s))),
            ],
        ),
    ]
    if args.compare_quantulum:
        q_predict, q_speed = quantulum_predictor(table)
        predictors.append(("quantulum3", q_predict, [("parser.parse", q_speed)]))
    n_sentences, seconds = 0, None  # over all files: seconds per function at its best rate
    totals: dict[str, list[tuple]] = {}
    for fname in FILES:
        gold = load_gold(folder / fname, table)
        n_items = sum(len(items) for _, items in gold)
        print(f"{fname}: {len(gold)} sentences, {n_items} gold quantities")
        if fname.startswith("quantulum") and args.compare_quantulum:
            print("  (quantulum3's own test file: quantulum3 scores 1.0 here by construction)")
        for name, predict, _ in predictors:
            totals.setdefault(name, []).extend(report(name, gold, predict))
        if args.errors:
            print_errors("storylens", gold, predict_storylens, args.errors)
        if args.no_speed:
            continue
        labelled = [(name, label, fn) for name, _, fns in predictors for label, fn in fns]
        rates = sentences_per_second([s for s, _ in gold], [fn for _, _, fn in labelled])
        for (name, label, _), sps in zip(labelled, rates, strict=True):
            print(f"  {name:10s} speed ({label}): {sps:,.0f} sentences/s")
        if args.compare_quantulum:
            print(f"  extract_figures / quantulum3: {rates[0] / rates[-1]:.1f}x")
        n_sentences += len(gold)
        file_seconds = [len(gold) / r for r in rates]
        if seconds is None:
            seconds = file_seconds
        else:
            seconds = [a + b for a, b in zip(seconds, file_seconds, strict=True)]
    print("all files (micro-averaged over the three files):")
    for name, pairs in totals.items():
        print_scores(name, pairs)
    if seconds is not None:
        print(f"all files: {n_sentences} sentences")
        rates = [n_sentences / t for t in seconds]
        for (name, label, _), sps in zip(labelled, rates, strict=True):
            print(f"  {name:10s} speed ({label}): {sps:,.0f} sentences/s")
        if args.compare_quantulum:
            print(f"  extract_figures / quantulum3: {rates[0] / rates[-1]:.1f}x")
    if not args.no_news:
        report_news(args.errors)


if __name__ == "__main__":
    main()
