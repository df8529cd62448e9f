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
SLOW_FIXTURES = {"seed_reports", "runs", "scale_reports", "hostile_project_reports"}


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


def _reports(out: Path, *args: str) -> str:
    """Run ``python -m storylens reports --out OUT ARGS`` in this process; its stderr."""
    from storylens.reports import cli

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main(["--out", str(out), *args])
    assert code == 0, err.getvalue()
    return err.getvalue()


# The generated corpus of the scale reports: above the report size (lowered to 20 by a
# --config file) so that every chart aggregates, and small enough to stay cheap.
SCALE_ARTICLES, SCALE_LIMIT = 80, 20


@pytest.fixture(scope="session")
def scale_reports(tmp_path_factory):
    """One ``reports`` run on :data:`SCALE_ARTICLES` generated articles, its cache in its
    own folder and every per-document table load logged: ``.out`` (the output folder),
    ``.log`` (the pass log, one JSON line per table a process read), ``.stderr``,
    ``.articles`` and ``.limit``. Shared by
    the scale report tests and the prepass test (one run for both)."""
    from types import SimpleNamespace

    from storylens import analysis
    from storylens.synthetic import write_corpus

    root = tmp_path_factory.mktemp("scale-reports")
    corpus = write_corpus(root / "corpus", SCALE_ARTICLES)
    config = root / "config.yaml"
    config.write_text(f"list_articles_up_to: {SCALE_LIMIT}\n", encoding="utf-8")
    log = root / "pass.jsonl"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("STORYLENS_CACHE", str(root / "cache"))
        env.setenv(analysis.PASS_LOG_VARIABLE, str(log))
        said = _reports(root / "out", "--corpus", str(corpus), "--config", str(config))
    return SimpleNamespace(out=root / "out", log=log, stderr=said, articles=SCALE_ARTICLES,
                           limit=SCALE_LIMIT)  # fmt: skip


@pytest.fixture(scope="session")
def hostile_project_reports(tmp_path_factory) -> Path:
    """The project's notebooks on the seeds with hostile names, plus the hostile article in
    its own folder (names from ``tests/reports/hostile.py``): seed 004 renamed to
    ``HOSTILE_SEED_FILE``, seed 003's outlet ``HOSTILE_OUTLET`` (so every report names
    it), the story file kept."""
    import csv
    import shutil

    from reports.hostile import HOSTILE_OUTLET, HOSTILE_SEED_FILE, write_hostile_article

    from storylens.paths import seeds_dir

    corpus = tmp_path_factory.mktemp("hostile-project") / "corpus"
    shutil.copytree(seeds_dir(), corpus, ignore=shutil.ignore_patterns("SHA256SUMS"))
    renamed = "004_db5903f6822ba59a.txt"
    (corpus / renamed).rename(corpus / HOSTILE_SEED_FILE)
    with open(corpus / "metadata.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["file"] == renamed:
            row["file"] = HOSTILE_SEED_FILE
        elif row["file"].startswith("003_"):
            row["outlet"] = HOSTILE_OUTLET
    with open(corpus / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    write_hostile_article(corpus / "hostile")
    out = tmp_path_factory.mktemp("hostile-out") / "out"
    _reports(out, "--corpus", str(corpus))
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
