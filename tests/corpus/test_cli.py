"""Tests for storylens.corpus.cli: ``python -m storylens corpus``."""

from __future__ import annotations

import re
import subprocess
import sys


def test_cli_summary(seeds):
    out = subprocess.run(
        [sys.executable, "-m", "storylens", "corpus", "--no-cache"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert f"documents: 5   sentences: {len(seeds.sentences):,}" in out.stdout
    assert "date sources: metadata 2, header 1, inferred 1, unknown 1" in out.stdout
    assert re.search(r"call to action\s+3", out.stdout)


def test_cli_missing_path_fails_clearly(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "storylens", "corpus", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert "does not exist" in out.stderr
