"""Shared fixtures: one full `reports` run on the bundled seeds per test session."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def seeds():
    """The bundled seeds, loaded once without the cache (tests must not modify it)."""
    from storylens import load_corpus

    return load_corpus(cache=False)


@pytest.fixture(scope="session")
def seed_reports(tmp_path_factory) -> Path:
    """The output folder of ``python -m storylens reports`` on the seeds (run once)."""
    from storylens import reports

    out = tmp_path_factory.mktemp("seed-reports") / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = reports.main(["--out", str(out)])
    assert code == 0, err.getvalue()
    return out
