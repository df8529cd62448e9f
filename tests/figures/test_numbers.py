"""Tests for storylens.figures.numbers: finding where numbers start."""

from __future__ import annotations

import pytest

from storylens.figures.numbers import NUMBER_START as _NUMBER_START
from storylens.figures.numbers import next_number as _next_number
from storylens.paths import seeds_dir

# the seed articles (as in tests/figures/test_extract.py's SEED_FILE_FIGURES)
SEED_PREFIXES = ["000", "001", "002", "003", "004"]


def _seed_text(prefix: str) -> str:
    (path,) = sorted(seeds_dir().glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", SEED_PREFIXES)
def test_number_candidates_find_what_a_full_search_finds(prefix):
    # _next_number tries the number pattern only at candidate tokens; a plain search from
    # every position (every 7th, to keep it fast) must find the same matches
    tail = " a hundred -5 MQ-9 ½ 1.5 .5 twenty-two often éten TEN Two-thirds An ANa 3rd x2"
    text = _seed_text(prefix)[:2000] + tail
    # every 7th position, and every one of the tail (starts inside words, any case)
    for pos in sorted({*range(0, len(text), 7), *range(len(text) - len(tail), len(text))}):
        full = _NUMBER_START.search(text, pos)
        fast = _next_number(text, pos)
        found = (fast.span(), fast.groupdict()) if fast else None
        assert found == ((full.span(), full.groupdict()) if full else None), pos
