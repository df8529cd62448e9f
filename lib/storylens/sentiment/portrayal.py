"""How a corpus portrays each actor: mean target sentiment per group, with the evidence.

>>> t = pd.DataFrame({"actor": ["A", "A", "B"], "sentiment": [0.5, 0.1, -0.4]})
>>> portrayal(t, by=["actor"])[["actor", "n", "mean"]].values.tolist()
[['A', 2, 0.3], ['B', 1, -0.4]]
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

import numpy as np
import pandas as pd

from storylens.sentiment.model import LABELS, target_label

__all__ = [
    "MIN_MENTIONS",
    "PORTRAYAL_COLUMNS",
    "Headline",
    "PortrayalHeadline",
    "bootstrap_interval",
    "extreme_mentions",
    "group_generator",
    "portrayal",
    "portrayal_headline",
]

PORTRAYAL_COLUMNS = ["n", "mean", "ci_low", "ci_high", "n_negative", "n_neutral", "n_positive"]

# Fewest mentions for which a group gets an interval and can be headlined. A percentile
# bootstrap treats the sample as the population, so from few values its interval is too
# narrow: on the seeds' own mention scores a "90%" interval holds the mean 58% of the
# time from 3 mentions, 79% from 5 and 84% from 10 (benchmarks/bootstrap_coverage.py).
# Below 5 an interval would look precise and is not; at 5 it is still optimistic.
MIN_MENTIONS = 5


# Values resampled at once by bootstrap_interval (8 MB of float64): the resamples of a
# group of 40,000 mentions are drawn a few rows at a time, the same draws in the same
# order as all at once (a test checks), instead of 600 MB at a time.
BOOTSTRAP_CELLS = 1 << 20


def bootstrap_interval(
    values: np.ndarray, rng: np.random.Generator, *, level: float = 0.90, n_boot: int = 2000
) -> tuple[float, float]:
    """A percentile bootstrap interval of the mean of ``values`` at ``level``, from
    ``n_boot`` resamples drawn with ``rng``; ``(nan, nan)`` for fewer than two values.

    >>> low, high = bootstrap_interval(np.array([0.1, 0.5, 0.9]), np.random.default_rng(0))
    >>> 0.1 <= low < 0.5 < high <= 0.9
    True
    """
    n = len(values)
    if n < 2:
        return np.nan, np.nan
    tail = (1.0 - level) / 2.0
    rows = max(1, BOOTSTRAP_CELLS // n)  # resamples drawn at once: memory stays bounded
    means = np.concatenate([
        rng.choice(values, size=(min(rows, n_boot - done), n), replace=True).mean(axis=1)
        for done in range(0, n_boot, rows)
    ])  # fmt: skip
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return float(low), float(high)


def group_generator(key: tuple, seed: int = 0) -> np.random.Generator:
    """A random generator for one group, seeded from ``seed`` and the group's key, so a
    group's interval depends on its own values only: the same across runs, processes
    and machines (the key is hashed with BLAKE2, not Python's salted ``hash``), and
    unmoved when other groups are added or removed.

    >>> a = group_generator(("Russia", "AP")).integers(1000, size=3)
    >>> b = group_generator(("Russia", "AP")).integers(1000, size=3)
    >>> bool((a == b).all())
    True
    """
    text = "\x1f".join(str(part) for part in key)
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return np.random.default_rng([seed, int.from_bytes(digest, "little")])


def _label_counts(
    scored: pd.DataFrame,
    values: np.ndarray,
    groups: np.ndarray,
    n_groups: int,
    threshold: float | None,
) -> np.ndarray:
    """Mentions by label per group (``(n_groups, 3)``, in :data:`LABELS` order; rows of
    no group have ``groups`` -1): the ``label`` column of score_mentions when there is
    one, else the labels of :func:`target_label`."""
    if "label" in scored.columns:
        labels = scored["label"].to_numpy()
    else:
        labels = target_label(values, threshold=threshold)
    counts = np.zeros((n_groups, len(LABELS)), np.int64)
    kept = groups >= 0
    for k, name in enumerate(LABELS):
        counts[:, k] = np.bincount(groups[kept & (labels == name)], minlength=n_groups)
    return counts


def portrayal(
    scored: pd.DataFrame,
    *,
    by: list[str] | tuple[str, ...] = ("actor", "source"),
    score: str = "sentiment",
    level: float = 0.90,
    n_boot: int = 2000,
    seed: int = 0,
    threshold: float | None = None,
    min_mentions: int = MIN_MENTIONS,
) -> pd.DataFrame:
    """Mean target sentiment per group (e.g. actor × source) with a bootstrap interval.

    ``scored`` has the ``by`` columns and a ``score`` column (from ``score_mentions``).
    Returns the ``by`` columns plus ``n`` (mentions), ``mean``, ``ci_low``/``ci_high`` (a
    percentile bootstrap interval of the mean at ``level``, from ``n_boot`` resamples drawn
    by a generator seeded from ``seed`` and the group's key (:func:`group_generator`), so
    re-runs agree and adding a group leaves the others' intervals alone; empty for a group
    of fewer than ``min_mentions`` mentions, whose interval would be too narrow to mean
    anything: see :data:`MIN_MENTIONS`) and ``n_negative``,
    ``n_neutral``, ``n_positive`` (mentions by their ``label`` column when the table has
    one, as ``score_mentions`` gives, else by ``target_label``), sorted by ``by``.
    ``mean`` keeps six decimals (round it where it is shown).
    """
    by = list(by)
    missing = [c for c in [*by, score] if c not in scored.columns]
    if missing:
        raise KeyError(
            f"portrayal: no column(s) {missing} in the table; it has {list(scored.columns)}"
        )
    if scored.empty:
        return pd.DataFrame(columns=[*by, *PORTRAYAL_COLUMNS])
    grouped = scored.groupby(by, sort=True, observed=True)
    groups = grouped.ngroup().fillna(-1).to_numpy(np.int64)  # -1: a missing key, no group
    keys = [k if isinstance(k, tuple) else (k,) for k in grouped.size().index]
    values = scored[score].to_numpy(dtype=float)
    order = np.argsort(groups, kind="stable")  # each group's rows together, in row order
    order = order[groups[order] >= 0]
    bounds = np.searchsorted(groups[order], np.arange(len(keys) + 1))
    counts = _label_counts(scored, values, groups, len(keys), threshold)
    rows = []
    for i, key in enumerate(keys):  # one group at a time, as plain arrays
        group = values[order[bounds[i] : bounds[i + 1]]]
        low, high = np.nan, np.nan
        if len(group) >= min_mentions:
            rng = group_generator(key, seed)
            low, high = bootstrap_interval(group, rng, level=level, n_boot=n_boot)
        rows.append((*key, len(group), float(group.mean()), low, high, *counts[i].tolist()))
    table = pd.DataFrame(rows, columns=[*by, *PORTRAYAL_COLUMNS])
    return table.round({"mean": 6, "ci_low": 6, "ci_high": 6})


class Headline(NamedTuple):
    """One group a summary may name: its name (the ``by`` values joined with " / "),
    mentions, mean and interval (NaN when there is none)."""

    name: str
    n: int
    mean: float
    ci_low: float
    ci_high: float

    def describe(self) -> str:
        """The group for a sentence: "**France** (mean +0.05, 90% interval -0.07 to
        +0.18, n=15)"."""
        interval = ""
        if pd.notna(self.ci_low) and pd.notna(self.ci_high):
            interval = f", 90% interval {self.ci_low:+.2f} to {self.ci_high:+.2f}"
        return f"**{self.name}** (mean {self.mean:+.2f}{interval}, n={self.n:,})"


class PortrayalHeadline(NamedTuple):
    """What a summary of a portrayal table may headline (see :func:`portrayal_headline`)."""

    most_negative: Headline | None
    most_positive: Headline | None
    n_rated: int  # groups with at least min_mentions mentions
    n_thin: int  # groups with fewer, never headlined
    min_mentions: int

    def sentence(self) -> str:
        """The summary as one or two sentences of Markdown, saying what it rests on."""
        m, total = self.min_mentions, self.n_rated + self.n_thin
        base = f"Of {total:,} actors, {self.n_rated:,} have at least {m} mentions"
        if not self.n_rated:
            return f"{base}: none is summarised (fewer mentions give no reliable mean)."
        parts = [
            f"the most negatively portrayed is {self.most_negative.describe()}"
            if self.most_negative else "none is portrayed negatively on average",
            f"the most positively portrayed is {self.most_positive.describe()}"
            if self.most_positive else "none is portrayed positively on average",
        ]  # fmt: skip
        return f"{base}; among them " + "; ".join(parts) + "."


def portrayal_headline(
    table: pd.DataFrame, *, by: str | list[str] = "actor", min_mentions: int = MIN_MENTIONS
) -> PortrayalHeadline:
    """The groups of a :func:`portrayal` table a summary may name: the lowest mean below
    zero and the highest above zero among groups with at least ``min_mentions`` mentions
    (ties go to more mentions, then the name). A group below the minimum is never
    headlined, however extreme its mean.

    >>> t = pd.DataFrame({"actor": ["A", "B", "C"], "n": [3, 8, 6], "mean": [0.9, 0.2, -0.4],
    ...                   "ci_low": [None, 0.1, -0.6], "ci_high": [None, 0.3, -0.2]})
    >>> h = portrayal_headline(t, min_mentions=5)
    >>> h.most_positive.name, h.most_negative.name, h.n_thin
    ('B', 'C', 1)
    """
    by = [by] if isinstance(by, str) else list(by)
    names = [" / ".join(map(str, key)) for key in zip(*(table[c] for c in by), strict=True)]
    rated = table.assign(_name=pd.Series(names, index=table.index, dtype=object))
    rated = rated[rated["n"] >= min_mentions]
    negative = rated[rated["mean"] < 0].sort_values(
        ["mean", "n", "_name"], ascending=[True, False, True]
    )

    def pick(rows: pd.DataFrame) -> Headline | None:
        if rows.empty:
            return None
        r = rows.iloc[0]
        return Headline(r["_name"], int(r["n"]), float(r["mean"]), r["ci_low"], r["ci_high"])

    positive = rated[rated["mean"] > 0].sort_values(
        ["mean", "n", "_name"], ascending=[False, False, True]
    )
    return PortrayalHeadline(
        pick(negative), pick(positive), len(rated), len(table) - len(rated),
        min_mentions,
    )  # fmt: skip


def extreme_mentions(
    scored: pd.DataFrame, *, n: int = 2, by: str = "actor", score: str = "sentiment"
) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive mentions per ``by`` group: the
    evidence behind a portrayal score.

    Returns the rows of ``scored`` with a column ``end_of_scale`` (``most negative`` or
    ``most positive``; a group with fewer than ``2 n`` mentions lists each mention once),
    sorted by group and score.

    >>> t = pd.DataFrame({"actor": ["A"] * 3, "doc_id": ["d"] * 3, "start": [0, 5, 9],
    ...                   "sentiment": [0.5, -0.2, 0.1]})
    >>> extreme_mentions(t, n=1)[["sentiment", "end_of_scale"]].values.tolist()
    [[-0.2, 'most negative'], [0.5, 'most positive']]
    """
    ranked = scored.sort_values([by, score, "doc_id", "start"])
    groups = ranked.groupby(by)
    extremes = pd.concat([
        groups.head(n).assign(end_of_scale="most negative"),
        groups.tail(n).assign(end_of_scale="most positive"),
    ])  # fmt: skip
    extremes = extremes.drop_duplicates(["doc_id", "start", by])
    return extremes.sort_values([by, score], kind="stable").reset_index(drop=True)
