"""The comparisons of :func:`storylens.figures.compare`, counted instead of listed, for
corpora too big to list every pair.

On one topic of a big corpus most pairs of figures are related: 1,876 figures of 1,000
generated articles give 596,212 related pairs (``benchmarks/bench_compare.py --corpus``),
and the pairs grow with the square of the figures. The report shows them summed up
anyway: the changes by thing and pair of months (:func:`figure_changes`), the gaps by
topic and claimant (:func:`figure_gaps`). :func:`compare_at_scale` gives those summaries,
the same rows, without making the pairs:

- figures whose relations can differ only by their interval, source and date (one
  *profile*: the same kind of claim, claimants, counted thing and default-ness of topic)
  are taken together, and what decides a relation beyond that is asked once per pair of
  profiles;
- the pairs of two profiles are counted from the figures' dates in order (bisection on
  sorted dates for changes and gaps; for figures at the same time, one vectorised
  comparison of each figure's interval with those of the figures within the window).

The time grows with the figures times the months they span (changes, gaps) and with the
figures times those within one window (same-time pairs), and the memory with the
figures: never with the pairs. The same-time pairs come back as one row per thing, month
and relation, with how many pairs it stands for and one pair as an example.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import pandas as pd

from storylens.figures.compare import (
    CHANGE_COLUMNS,
    GAP_COLUMNS,
    WINDOW_DAYS,
    change_row,
    claimants_of,
    comparable,
    compare,
    figure_changes,
    figure_gaps,
    gap_row,
    is_default_topic,
    measure_groups,
    memo,
    month_of,
    same_default_thing,
)
from storylens.figures.intervals import bounds, closed, interval_text, span_text, widened

# One pair of each row, as an example: its sides' figure, source and sentence.
EXAMPLE_COLUMNS = ["text_a", "doc_id_a", "sentence_a", "text_b", "doc_id_b", "sentence_b"]
SAME_TIME_COLUMNS = [
    "relation", "kind", "topic", "measure", "claim", "claimant", "month", "pairs", "n_a",
    "n_b", "doc_ids_a", "doc_ids_b", "span_a", "span_b", "summary", *EXAMPLE_COLUMNS,
]  # fmt: skip


class AtScale(NamedTuple):
    """What :func:`compare_at_scale` finds: ``same_time`` (one row per thing, month of the
    first figure and relation, ``disagreement`` or ``consistent``), ``changes`` (the rows
    of :func:`figure_changes`, with an example pair) and ``gaps`` (those of
    :func:`figure_gaps`)."""

    same_time: pd.DataFrame
    changes: pd.DataFrame
    gaps: pd.DataFrame


class _Side:
    """The figures on one side of the pairs of a row: distinct by source and text."""

    def __init__(self) -> None:
        self.figures: dict[tuple, dict] = {}

    def add(self, rec: dict) -> None:
        self.figures.setdefault((rec["doc_id"], rec["text"]), rec)

    def rows(self) -> list[dict]:
        return list(self.figures.values())

    def sources(self) -> set[str]:
        return {doc for doc, _ in self.figures}


class _Row:
    """What a row of pairs adds up: the pairs, both sides, and the first pair found."""

    def __init__(self) -> None:
        self.pairs, self.a, self.b, self.example = 0, _Side(), _Side(), None

    def example_columns(self) -> tuple:
        x, y = self.example
        return (x["text"], x["doc_id"], x["sentence"], y["text"], y["doc_id"], y["sentence"])


class _Profile:
    """Figures of one measure group that relate alike, in the order pairs are checked,
    with their dates as day-precise Timestamps and their months."""

    def __init__(self, records: list[dict]) -> None:
        self.records = records
        self.dates = [r["published"] for r in records]
        self.positions = [r["_pos"] for r in records]
        self.months = [memo(r, _published_month) for r in records]
        self.by_bounds: dict[tuple, list[int]] = {}
        for i, r in enumerate(records):
            self.by_bounds.setdefault(memo(r, bounds), []).append(i)
        self.blocks = _blocks(self.months)
        self.intervals = _intervals(records)  # what compatible() reads, once per profile
        self.docs = np.array([r["doc_id"] for r in records], dtype=object)


def _published_month(rec) -> str:
    return month_of(rec["published"])


def _blocks(months: list[str]) -> list[tuple[str, int, int]]:
    """The runs of one month in a list of months in date order: (month, start, end)."""
    found: list[tuple[str, int, int]] = []
    for i, month in enumerate(months):
        if found and found[-1][0] == month:
            found[-1] = (month, found[-1][1], i + 1)
        else:
            found.append((month, i, i + 1))
    return found


def _profile_key(rec: dict) -> tuple:
    return (rec["claim"], frozenset(memo(rec, claimants_of)), rec["thing"],
            memo(rec, is_default_topic))  # fmt: skip


def _profiles(records: list[dict]) -> list[_Profile]:
    groups: dict[tuple, list[dict]] = {}
    for pos, rec in enumerate(records):
        rec["_pos"] = pos
        groups.setdefault(_profile_key(rec), []).append(rec)
    return [_Profile(members) for members in groups.values()]


def _shared(a: dict, b: dict) -> str | None:
    """What every pair of a figure like ``a`` (the first) and one like ``b`` of the same
    kind of claim shares as claimant, or None when such pairs are not related
    (:func:`storylens.figures.compare._relation`, less the dates, sources and intervals)."""
    if a["claim"] != b["claim"]:
        return None
    if memo(a, is_default_topic) and not same_default_thing(a, b):
        return None
    who_a, who_b = memo(a, claimants_of), memo(b, claimants_of)
    shared = who_a & who_b
    if a["claim"] == "demand" and not shared and (who_a or who_b):
        return None
    return "; ".join(sorted(shared))


def _span(days: int) -> pd.Timedelta:
    return pd.Timedelta(days=days)


def _example_partner(x: dict, p2: _Profile, lo: int, hi: int) -> dict:
    """The first figure of ``p2.records[lo:hi]`` whose interval is not ``x``'s."""
    mine = memo(x, bounds)
    return next(y for y in p2.records[lo:hi] if memo(y, bounds) != mine)


def _count_changes(p1: _Profile, p2: _Profile, head: tuple, window_days: int,
                   rows: dict) -> None:  # fmt: skip
    """Add up the changes from a figure of ``p1`` to a later one of ``p2``: published more
    than the window apart, intervals not the same; by the pair of their months."""
    far, ends = _span(window_days + 1), [end for _, _, end in p2.blocks]
    for i, x in enumerate(p1.records):
        k = bisect.bisect_left(p2.dates, x["published"] + far)
        same = p2.by_bounds.get(memo(x, bounds), [])
        for month, start, end in p2.blocks[bisect.bisect_right(ends, k) :]:
            lo = max(start, k)
            n = end - lo - (bisect.bisect_left(same, end) - bisect.bisect_left(same, lo))
            if n:
                row = rows.setdefault((*head, p1.months[i], month), _Row())
                row.pairs += n
                row.a.add(x)
                if row.example is None:
                    row.example = (x, _example_partner(x, p2, lo, end))
    ends = [end for _, _, end in p1.blocks]
    for j, y in enumerate(p2.records):
        k = bisect.bisect_right(p1.dates, y["published"] - far)
        same = p1.by_bounds.get(memo(y, bounds), [])
        for month, start, end in p1.blocks:
            if start >= k:
                break
            hi = min(end, k)
            if hi - start - (bisect.bisect_left(same, hi) - bisect.bisect_left(same, start)):
                rows[(*head, month, p2.months[j])].b.add(y)


def _intervals(records: list[dict]) -> tuple[np.ndarray, ...]:
    """What :func:`storylens.figures.intervals.compatible` reads of each figure, as arrays:
    the bounds widened by rounding, and whether each bound is closed."""
    wide = [widened(r) for r in records]
    lo, hi = np.array([bounds(w) for w in wide], dtype=float).reshape(-1, 2).T
    low = np.array([closed(w["low_inclusive"]) for w in wide], dtype=bool)
    high = np.array([closed(w["high_inclusive"]) for w in wide], dtype=bool)
    return lo, hi, low, high


def _fits(x: tuple, ys: tuple[np.ndarray, ...]) -> np.ndarray:
    """``compatible(x, y)`` for each ``y`` of ``ys`` (both as :func:`_intervals`)."""
    alo, ahi, alow, ahigh = x
    blo, bhi, blow, bhigh = ys
    lo, hi = np.maximum(alo, blo), np.minimum(ahi, bhi)
    a_side = np.where(ahi == lo, ahigh, alow)
    b_side = np.where(bhi == lo, bhigh, blow)
    touching = (alo == ahi) | (blo == bhi) | a_side | b_side
    return np.where(lo == hi, touching, lo < hi)


def _count_same_time(p1: _Profile, p2: _Profile, head: tuple, window_days: int,
                     rows: dict) -> None:  # fmt: skip
    """Add up the pairs of a figure of ``p1`` and a later one of ``p2`` (in the order of
    checking) from another source within the window: consistent or disagreeing."""
    near = _span(window_days + 1)
    xs, ys, docs = p1.intervals, p2.intervals, p2.docs
    marks: dict[tuple, np.ndarray] = {}
    for i, x in enumerate(p1.records):
        lo = bisect.bisect_right(p2.positions, x["_pos"])
        hi = bisect.bisect_left(p2.dates, x["published"] + near)
        if hi <= lo:
            continue
        other = docs[lo:hi] != x["doc_id"]
        fits = _fits(tuple(a[i] for a in xs), tuple(a[lo:hi] for a in ys))
        for relation, mask in (("disagreement", other & ~fits), ("consistent", other & fits)):
            n = int(mask.sum())
            if not n:
                continue
            key = (relation, *head, p1.months[i])
            row = rows.setdefault(key, _Row())
            row.pairs += n
            row.a.add(x)
            if row.example is None:
                row.example = (x, p2.records[lo + int(np.flatnonzero(mask)[0])])
            marks.setdefault(key, np.zeros(len(p2.records), dtype=bool))[lo:hi] |= mask
    for key, marked in marks.items():
        for j in np.flatnonzero(marked):
            rows[key].b.add(p2.records[j])


def _count_gaps(records: list[dict], window_days: int, rows: dict) -> None:
    """Add up the pairs of a plan and a demand published within the window, by topic and
    the demand's claimant (as written; a demand with none named is left out, as
    :func:`figure_gaps` leaves it)."""
    near = _span(window_days + 1)
    plans = [r for r in records if r["claim"] == "plan"]
    plan_dates = sorted(r["published"] for r in plans)
    demands: dict[str, list[dict]] = {}
    for r in records:
        if r["claim"] == "demand" and not pd.isna(r["claimant"]):
            demands.setdefault(r["claimant"], []).append(r)
    for who, ds in demands.items():
        dates = [d["published"] for d in ds]
        key = (records[0]["kind"], records[0]["topic"], who)
        for x in plans:
            lo = bisect.bisect_right(dates, x["published"] - near)
            hi = bisect.bisect_left(dates, x["published"] + near)
            if hi > lo:
                row = rows.setdefault(key, _Row())
                row.pairs += hi - lo
                row.a.add(x)
                if row.example is None:
                    row.example = (x, ds[lo])
        for y in ds:
            lo = bisect.bisect_right(plan_dates, y["published"] - near)
            if bisect.bisect_left(plan_dates, y["published"] + near) > lo:
                rows[key].b.add(y)


def _groups(figures: pd.DataFrame) -> Iterable[tuple[list[dict], list[_Profile]]]:
    """The comparable figures of each kind, topic and measure, and their profiles."""
    for records in measure_groups(figures):
        kept = [r for r in records if comparable(r)]
        if kept:
            yield kept, _profiles(kept)


def compare_at_scale(figures: pd.DataFrame, *, window_days: int = WINDOW_DAYS) -> AtScale:
    """The same-time pairs, changes and gaps of ``compare(figures)``, counted (see the
    module documentation); ``figures`` as :func:`compare` takes them.

    ``changes`` holds the rows of ``figure_changes(compare(figures))`` and ``gaps`` those
    of ``figure_gaps(compare(figures))``, the same values; each adds one pair of the row
    as an example (``text_a, doc_id_a, sentence_a`` and the same for ``_b``), ``pairs``
    (the pairs it stands for) and ``n_a``, ``n_b`` (the distinct figures on each side).
    ``same_time`` has one row per ``relation`` (``disagreement``, ``consistent``),
    ``kind, topic, measure, claim, claimant`` (the claimants every pair shares) and
    ``month`` (of the first figure of each pair); ``pairs`` (the pairs it stands for:
    what ``compare`` would list), ``n_a``, ``n_b`` (the distinct figures on each side),
    ``doc_ids_a``, ``doc_ids_b``, ``span_a``, ``span_b`` (each side in words),
    ``summary`` and an example pair.
    """
    same: dict[tuple, _Row] = {}
    changes: dict[tuple, _Row] = {}
    gaps: dict[tuple, _Row] = {}
    for records, profiles in _groups(figures):
        first = records[0]
        for p1 in profiles:
            for p2 in profiles:
                shared = _shared(p1.records[0], p2.records[0])
                if shared is None:
                    continue
                head = (first["kind"], first["topic"], first["measure"], p1.records[0]["claim"],
                        shared)  # fmt: skip
                _count_changes(p1, p2, head, window_days, changes)
                _count_same_time(p1, p2, head, window_days, same)
        _count_gaps(records, window_days, gaps)
    return AtScale(_same_time_table(same), _change_table(changes), _gap_table(gaps))


PAIR_COLUMNS = ["pairs", "n_a", "n_b"]  # as in compare(..., collapse=True)


def _change_table(rows: dict[tuple, _Row]) -> pd.DataFrame:
    out = []
    for key in sorted(rows, key=lambda k: (*k[:5], _first_day(k[5]), _first_day(k[6]))):
        row = rows[key]
        sides = row.a.rows(), row.b.rows()
        sources = row.a.sources(), row.b.sources()
        out.append((*change_row(key[:5], *sides, key[5:], row.pairs, sources),
                    *row.example_columns(), row.pairs, *map(len, sides)))  # fmt: skip
    return pd.DataFrame(out, columns=CHANGE_COLUMNS + EXAMPLE_COLUMNS + PAIR_COLUMNS)


def _gap_table(rows: dict[tuple, _Row]) -> pd.DataFrame:
    out = []
    for key in sorted(rows):
        row = rows[key]
        sides = row.a.rows(), row.b.rows()
        out.append((*gap_row(key, *sides, row.a.sources() | row.b.sources()),
                    *row.example_columns(), row.pairs, *map(len, sides)))  # fmt: skip
    return pd.DataFrame(out, columns=GAP_COLUMNS + EXAMPLE_COLUMNS + PAIR_COLUMNS)


def _same_time_table(rows: dict[tuple, _Row]) -> pd.DataFrame:
    out = []
    for key in sorted(rows, key=lambda k: (k[0] != "disagreement", *k[1:6], _first_day(k[6]))):
        row = rows[key]
        span_a, span_b = span_text(row.a.rows()), span_text(row.b.rows())
        verdict = "cannot" if key[0] == "disagreement" else "can"
        x, y = row.example
        example = f"{interval_text(x)} ({x['doc_id']}) and {interval_text(y)} ({y['doc_id']})"
        pairs = f"{row.pairs:,} pair" + ("s" if row.pairs != 1 else "")
        summary = f"{pairs} {verdict} both hold ({key[6]}), e.g. {example}"
        out.append((*key, row.pairs, len(row.a.figures), len(row.b.figures),
                    "; ".join(sorted(row.a.sources())), "; ".join(sorted(row.b.sources())),
                    span_a, span_b, summary, *row.example_columns()))  # fmt: skip
    return pd.DataFrame(out, columns=SAME_TIME_COLUMNS)


def _first_day(month: str) -> pd.Timestamp:
    """The first day of a month in words ("Feb 2025"), to sort months by date."""
    return pd.Timestamp(f"1 {month}")


class Relations(NamedTuple):
    """The comparisons a report shows: each kind of relation's pairs and summary."""

    same_time: pd.DataFrame  # disagreements and consistent pairs
    changes: pd.DataFrame  # the pairs of a change (counted: one row per summary row)
    change_summary: pd.DataFrame  # figure_changes
    gaps: pd.DataFrame
    gap_summary: pd.DataFrame  # figure_gaps
    listed: bool  # whether the pairs are listed one per row (else counted)


def figure_relations(
    figures: pd.DataFrame, *, window_days: int = WINDOW_DAYS, listed: bool = True
) -> Relations:
    """The relations of ``figures`` for a report. ``listed``: every related pair is a row
    (:func:`storylens.figures.compare`), and the summaries are made from them; else the
    pairs are counted (:func:`compare_at_scale`): ``same_time`` has a row per thing,
    month and relation, ``changes`` and ``gaps`` a row per row of their summary, each
    with one pair as an example and ``pairs`` saying how many pairs it stands for.
    The summaries are the same either way; the time and memory of ``listed=False`` do
    not grow with the pairs."""
    if listed:
        found = compare(figures, window_days=window_days)
        changes, gaps = (found[found["relation"] == r] for r in ("change", "gap"))
        same_time = found[found["relation"].isin(["disagreement", "consistent"])]
        return Relations(same_time, changes, figure_changes(changes), gaps, figure_gaps(gaps),
                         True)  # fmt: skip
    counted = compare_at_scale(figures, window_days=window_days)
    return Relations(counted.same_time, counted.changes, counted.changes[CHANGE_COLUMNS],
                     counted.gaps, counted.gaps[GAP_COLUMNS], False)  # fmt: skip
