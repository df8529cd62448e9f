"""How a corpus portrays each actor: mean target sentiment per group, with the evidence.

>>> t = pd.DataFrame({"actor": ["A", "A", "B"], "sentiment": [0.5, 0.1, -0.4]})
>>> portrayal(t, by=["actor"])[["actor", "n", "mean"]].values.tolist()
[['A', 2, 0.3], ['B', 1, -0.4]]
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from storylens.sentiment.model import LABELS, target_label

__all__ = [
    "PORTRAYAL_COLUMNS",
    "bootstrap_interval",
    "extreme_mentions",
    "group_generator",
    "portrayal",
]

PORTRAYAL_COLUMNS = ["n", "mean", "ci_low", "ci_high", "n_negative", "n_neutral", "n_positive"]


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
    means = rng.choice(values, size=(n_boot, n), replace=True).mean(axis=1)
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


def _label_counts(group: pd.DataFrame, values: np.ndarray, threshold: float | None) -> list[int]:
    """Mentions by label: the ``label`` column of score_mentions when there is one,
    else the labels of :func:`target_label`."""
    if "label" in group.columns:
        labels = group["label"].to_numpy()
    else:
        labels = target_label(values, threshold=threshold)
    return [int((labels == name).sum()) for name in LABELS]


def portrayal(
    scored: pd.DataFrame,
    *,
    by: list[str] | tuple[str, ...] = ("actor", "source"),
    score: str = "sentiment",
    level: float = 0.90,
    n_boot: int = 2000,
    seed: int = 0,
    threshold: float | None = None,
) -> pd.DataFrame:
    """Mean target sentiment per group (e.g. actor × source) with a bootstrap interval.

    ``scored`` has the ``by`` columns and a ``score`` column (from ``score_mentions``).
    Returns the ``by`` columns plus ``n`` (mentions), ``mean``, ``ci_low``/``ci_high`` (a
    percentile bootstrap interval of the mean at ``level``, from ``n_boot`` resamples drawn
    by a generator seeded from ``seed`` and the group's key (:func:`group_generator`), so
    re-runs agree and adding a group leaves the others' intervals alone; missing for a
    single mention) and ``n_negative``,
    ``n_neutral``, ``n_positive`` (mentions by their ``label`` column when the table has
    one, as ``score_mentions`` gives, else by ``target_label``), sorted by ``by``.
    """
    by = list(by)
    missing = [c for c in [*by, score] if c not in scored.columns]
    if missing:
        raise KeyError(
            f"portrayal: no column(s) {missing} in the table; it has {list(scored.columns)}"
        )
    if scored.empty:
        return pd.DataFrame(columns=[*by, *PORTRAYAL_COLUMNS])
    rows = []
    for key, group in scored.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        values = group[score].to_numpy(dtype=float)
        rng = group_generator(key, seed)
        low, high = bootstrap_interval(values, rng, level=level, n_boot=n_boot)
        counts = _label_counts(group, values, threshold)
        rows.append((*key, len(values), float(values.mean()), low, high, *counts))
    table = pd.DataFrame(rows, columns=[*by, *PORTRAYAL_COLUMNS])
    return table.round({"mean": 6, "ci_low": 6, "ci_high": 6})


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
