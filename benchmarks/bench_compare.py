"""Time of :func:`storylens.figures.compare` on generated figure tables (a measurement,
not a test).

The tables are shaped like a figure table of many stories: a few story topics and many
default topics (``count: <noun>``), plans, demands, estimates, other and incidental
figures, claimants named or not, dates over a year, levels and amounts of change, and
sentences whose counted thing (modifiers, event, phrase after) varies. The same seed
gives the same table, so two runs (before and after a change to ``compare``) time the
same input. Prints one line per size: figures, related pairs found, seconds (best of
``--repeat``).

Usage: .venv/bin/python benchmarks/bench_compare.py [--sizes 1000 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from storylens.figures import compare

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


def _figure(rng: np.random.Generator, i: int, n_docs: int, start: pd.Timestamp) -> dict:
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
        "published": start + pd.Timedelta(days=int(doc % 365)) if doc % 50 else pd.NaT,
        "sentence": sentence, "change_part": part or None,
        "change": rng.choice(["increase", "decrease"]) if part else None,
    }  # fmt: skip


def figure_rows(n: int, *, seed: int = 0) -> pd.DataFrame:
    """``n`` generated figures (five per document on average), as a figure table."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-06-01")
    return pd.DataFrame([_figure(rng, i, max(1, n // 5), start) for i in range(n)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for n in args.sizes:
        figures = figure_rows(n)
        best, pairs = float("inf"), 0
        for _ in range(args.repeat):
            clock = time.perf_counter()
            pairs = len(compare(figures))
            best = min(best, time.perf_counter() - clock)
        print(f"{n:>7,} figures  {pairs:>10,} related pairs  {best:8.2f} s", flush=True)


if __name__ == "__main__":
    main()
