"""Shared fixtures: the loaded seeds, and one full `reports` run on them per test session.

Tests that run whole reports (or a browser) are marked ``slow``: ``make test-fast``
(``pytest -m "not slow"``) leaves them out, ``make test`` runs everything. A test that
asks for one of the fixtures below that runs reports must carry the marker, or collection
stops with an error naming it.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

# Fixtures that execute report notebooks: whoever uses one is a slow test.
SLOW_FIXTURES = {"seed_reports", "runs"}


def pytest_collection_modifyitems(config, items):
    unmarked = [
        item.nodeid
        for item in items
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
        and item.get_closest_marker("slow") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "these tests run reports but are not marked @pytest.mark.slow: " + ", ".join(unmarked)
        )


@pytest.fixture(scope="session")
def seeds():
    """The bundled seeds, loaded once without the cache (tests must not modify it)."""
    from storylens import load_corpus

    return load_corpus(cache=False)


@pytest.fixture(scope="session")
def seed_reports(tmp_path_factory) -> Path:
    """The output folder of ``python -m storylens reports`` on the seeds (run once)."""
    from storylens.reports import cli

    out = tmp_path_factory.mktemp("seed-reports") / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main(["--out", str(out)])
    assert code == 0, err.getvalue()
    return out
