"""How often portrayal's 90% bootstrap interval holds the true mean, by number of mentions.

The population is every mention score of the bundled seeds (title and body, as the actor
report uses them); its mean is the "true" portrayal. For each group size ``n`` it draws
``--repeats`` samples of ``n`` scores with replacement, computes
``storylens.sentiment.bootstrap_interval`` (90%, 2,000 resamples) and counts how often the
interval contains the population mean. A percentile bootstrap is too narrow for small
samples (it treats the sample as the population), so coverage falls short of 90% there;
this is what ``portrayal``'s ``min_mentions`` default rests on.

    .venv/bin/python benchmarks/bootstrap_coverage.py [--repeats 2000]
"""

from __future__ import annotations

import argparse

import numpy as np

import storylens
from storylens.sentiment import bootstrap_interval, scored_mentions

SIZES = (2, 3, 4, 5, 6, 8, 10, 15, 20, 30)


def coverage(population: np.ndarray, n: int, repeats: int, seed: int = 0) -> tuple[float, float]:
    """Share of ``repeats`` intervals from samples of ``n`` that hold the population mean,
    and their median width."""
    rng = np.random.default_rng([seed, n])
    truth = population.mean()
    hits, widths = 0, []
    for _ in range(repeats):
        sample = rng.choice(population, size=n, replace=True)
        low, high = bootstrap_interval(sample, rng)
        hits += low <= truth <= high
        widths.append(high - low)
    return hits / repeats, float(np.median(widths))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2000)
    args = parser.parse_args()
    scores = scored_mentions(storylens.load_corpus(), roles=("title", "body"))["sentiment"]
    population = scores.to_numpy(dtype=float)
    print(
        f"{len(population)} seed mentions, mean {population.mean():+.3f}, sd {population.std():.3f}"
    )
    print(f"{'n':>4}  coverage of the 90% interval  median width")
    for n in SIZES:
        share, width = coverage(population, n, args.repeats)
        print(f"{n:>4}  {share:>28.1%}  {width:>12.2f}")


if __name__ == "__main__":
    main()
