"""Shared fixtures: the loaded seeds, and one full `reports` run on them per test session.

Tests that run whole reports (or a browser) are marked ``slow``: ``make test-fast``
(``pytest -m "not slow"``) leaves them out, ``make test`` runs everything. A test that
asks for one of the fixtures below that runs reports must carry the marker, or collection
stops with an error naming it.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
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


# What a fresh interpreter does, step by step, for the import checks (one process for all
# of them: each new interpreter costs seconds on a busy machine).
IMPORT_STEPS = {
    "compat": "import storylens.compat",
    "notebook api": "from storylens.reports import save_table, sentence_roles, with_source",
    "validate, rfc3987 skipped": (
        "from storylens import compat; compat.skip_rfc3987_syntax()\n"
        "import nbformat; from nbformat.v4 import new_notebook\n"
        "nbformat.validate(new_notebook())"
    ),
    "runner": "from storylens.reports import run_reports",
}
WATCHED_MODULES = ("jupyter_client", "nbconvert", "nbclient", "papermill", "nbformat",
                   "jsonschema", "rfc3987_syntax")  # fmt: skip
IMPORT_SCRIPT = """
import json, sys
watched = {watched!r}
after = {{}}
for name, statement in {steps!r}.items():
    exec(statement)
    after[name] = sorted(m for m in watched if sys.modules.get(m) is not None)
print(json.dumps(after))
"""


@pytest.fixture(scope="session")
def modules_after() -> dict[str, set[str]]:
    """The watched modules loaded after each of ``IMPORT_STEPS``, run in order in one fresh
    interpreter (``rfc3987_syntax`` counts only when really imported, not marked absent)."""
    script = IMPORT_SCRIPT.format(watched=WATCHED_MODULES, steps=IMPORT_STEPS)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return {step: set(found) for step, found in json.loads(done.stdout).items()}
