"""Tests for storylens.figures.words: the grouped phrase alternation."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from storylens.figures.words import phrase_alternation as _alternation
from storylens.paths import seeds_dir


def _seed_text(prefix: str) -> str:
    (path,) = sorted(seeds_dir().glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_grouped_alternation_matches_like_the_flat_one(flags):
    # the unit pattern groups its phrases by first letter for speed: at every position of
    # a seed article (and a few unit-dense phrases) it must match what the flat list does
    data = yaml.safe_load(
        resources.files("storylens").joinpath("data", "units.yaml").read_text(encoding="utf-8")
    )
    phrases = [str(p) for u in data["units"] for p in (u.get("words") or [])]
    phrases += [str(p) for u in data["units"] for p in (u.get("symbols") or [])]
    flat = re.compile(f"(?:{_alternation(phrases)})(?![A-Za-z0-9])", flags)
    grouped = re.compile(f"(?:{_alternation(phrases, grouped=True)})(?![A-Za-z0-9])", flags)
    text = _seed_text("001")[:3000] + " 5 km/h, 3 KM, 10 Km2, 4 sq mi, 2 μSv, 8 µg, US$ 5, £3 "
    for pos in range(len(text)):
        a, b = flat.match(text, pos), grouped.match(text, pos)
        assert (a.span() if a else None) == (b.span() if b else None), text[pos : pos + 20]
