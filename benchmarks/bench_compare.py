"""Time of :func:`storylens.figures.compare` on generated figure tables (a measurement,
not a test).

The tables are shaped like a figure table of many stories: a few story topics and many
default topics (``count: <noun>``), plans, demands, estimates, other and incidental
figures, claimants named or not, dates over a year, levels and amounts of change, and
sentences whose counted thing (modifiers, event, phrase after) varies. The same seed
gives the same table, so two runs (before and after a change to ``compare``) time the
same input. Prints one line per size: figures, related pairs found, seconds (best of
``--repeat``).

With ``--collapse`` each size is also timed with ``compare(..., collapse=True)``
(figures of one voice compared once): its rows, and the figure pairs they stand for
(``pairs``), which must be the related pairs of the uncollapsed run. With ``--corpus
DIR`` the figure table of a corpus (e.g. ``storylens.synthetic.write_corpus``) is
timed instead, on the figures notebook 03 compares (its most frequent kind), and the
rows are written as CSV (``--csv-dir``) to show their size. ``--reprints K`` adds K
copies of every figure from K more sources on its day (what collapsing is for).

Usage: .venv/bin/python benchmarks/bench_compare.py [--sizes 1000 10000] [--repeat 3]
       [--collapse] [--days 365] [--reprints 0] [--corpus DIR [--csv-dir DIR]]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from storylens.figures import compare, pair_count

STORY_TOPICS = ("the proposed force", "the aid package", "the budget cut")
NOUNS = ("troops", "Democrats", "votes", "refugees", "jobs", "tanks", "students", "homes")
MODIFIERS = ("", "", "Senate", "House", "European", "British", "")
EVENTS = ("voted", "gathered", "arrived", "left", "said", "")
AFTER = ("", "in the first year", "across the country", "of the plan", "in federal taxes")
CLAIMS = ("plan", "demand", "estimate", "other", "incidental")
CLAIMANTS = ("", "", "Keir Starmer", "Volodymyr Zelensky", "Emmanuel Macron", "the Pentagon")


def _bounds(rng: np.random.Generator, value: float) -> tuple:
    """An interval around ``value``: exact, up to, fewer than, at least or more than."""
    shape = rng.integers(5)
    if shape == 0:
        return "exact", value, value, value, True, True
    if shape in (1, 2):
        return "at most", np.nan, np.nan, value, None, shape == 1
    return "at least", np.nan, value, np.nan, shape == 3, None


def _figure(
    rng: np.random.Generator, i: int, n_docs: int, start: pd.Timestamp, days: int = 365
) -> dict:
    noun = NOUNS[rng.integers(len(NOUNS))]
    story = rng.random() < 0.4
    kind = "troops" if story else f"count: {noun}"
    topic = STORY_TOPICS[rng.integers(len(STORY_TOPICS))] if story else kind
    modifier, event = MODIFIERS[rng.integers(len(MODIFIERS))], EVENTS[rng.integers(len(EVENTS))]
    text = f"{int(rng.choice([10, 20, 30, 40, 100, 200]) * 1000):,} {modifier} {noun}".replace(
        "  ", " "
    )
    sentence = f"Officials said {text} {event} {AFTER[rng.integers(len(AFTER))]}.".replace(
        "  ", " "
    )
    qualifier, value, low, high, low_inc, high_inc = _bounds(
        rng, float(text.split()[0].replace(",", ""))
    )
    doc = int(rng.integers(n_docs))
    part = rng.choice(["", "", "", "", "amount", "to", "from"])
    return {
        "doc_id": f"doc{doc:05d}", "start": int(rng.integers(5000)), "kind": kind,
        "topic": topic, "noun": noun, "unit": None, "text": text,
        "claim": CLAIMS[rng.integers(len(CLAIMS))],
        "claimant": CLAIMANTS[rng.integers(len(CLAIMANTS))], "qualifier": qualifier,
        "value": value, "low": low, "high": high, "low_inclusive": low_inc,
        "high_inclusive": high_inc,
        "published": start + pd.Timedelta(days=int(doc % days)) if doc % 50 else pd.NaT,
        "sentence": sentence, "change_part": part or None,
        "change": rng.choice(["increase", "decrease"]) if part else None,
    }  # fmt: skip


def figure_rows(n: int, *, seed: int = 0, days: int = 365) -> pd.DataFrame:
    """``n`` generated figures (five per document on average, published over ``days``
    days: fewer days, more sources on one day), as a figure table."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-06-01")
    return pd.DataFrame([_figure(rng, i, max(1, n // 5), start, days) for i in range(n)])


def corpus_figures(corpus: str) -> pd.DataFrame:
    """The figures notebook 03 compares on ``corpus``: its table's most frequent kind."""
    import storylens
    from storylens.actors import registry_for
    from storylens.figures import figure_table
    from storylens.reports import default_kinds, sentence_roles

    corp = storylens.load_corpus(corpus, progress=False)
    figures = figure_table(
        corp, registry=registry_for(corp, None), roles=sentence_roles(include_captions=True)
    )
    return figures[figures["kind"].isin(default_kinds(figures))]


def reprinted(figures: pd.DataFrame, k: int) -> pd.DataFrame:
    """``figures`` and ``k`` copies of each, from ``k`` more sources on the same day (a
    wire story that ``k`` outlets reprint: each copy is one voice with its original)."""
    copies = [figures.assign(doc_id=figures["doc_id"] + f"-reprint{i}") for i in range(k)]
    return pd.concat([figures, *copies], ignore_index=True)


def timed(figures: pd.DataFrame, repeat: int, **options) -> tuple[float, pd.DataFrame]:
    """The best time of ``repeat`` runs of ``compare(figures, **options)``, and its rows."""
    best, out = float("inf"), pd.DataFrame()
    for _ in range(repeat):
        clock = time.perf_counter()
        out = compare(figures, **options)
        best = min(best, time.perf_counter() - clock)
    return best, out


def report(name: str, figures: pd.DataFrame, args: argparse.Namespace) -> None:
    runs = [("one by one", {}), ("collapsed", {"collapse": True})] if args.collapse else [("", {})]
    for label, options in runs:
        seconds, out = timed(figures, args.repeat, **options)
        size = ""
        if args.csv_dir:
            which = "collapsed" if options else "one-by-one"
            path = Path(args.csv_dir) / f"pairs-{which}.csv"
            out.to_csv(path, index=False)
            size = f"  {path.stat().st_size / 1e6:8.2f} MB CSV"
        print(f"{name}  {label:>10}  {len(out):>10,} rows  {pair_count(out):>10,} related pairs"
              f"  {seconds:8.2f} s{size}", flush=True)  # fmt: skip
        del out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--collapse", action="store_true", help="also time collapse=True")
    parser.add_argument("--days", type=int, default=365, help="days the dates span")
    parser.add_argument("--reprints", type=int, default=0, help="copies of each figure")
    parser.add_argument("--corpus", help="time the figure table of this corpus instead")
    parser.add_argument("--csv-dir", help="write the rows as CSV here (their size is printed)")
    args = parser.parse_args()
    if args.corpus:
        figures = reprinted(corpus_figures(args.corpus), args.reprints)
        report(f"{len(figures):>7,} figures of {args.corpus}", figures, args)
        return
    for n in args.sizes:
        figures = reprinted(figure_rows(n, days=args.days), args.reprints)
        report(f"{len(figures):>7,} figures", figures, args)


if __name__ == "__main__":
    main()
