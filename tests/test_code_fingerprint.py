"""Tests for analysis.code_fingerprint: which edits make the per-document cache stale."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import storylens
from storylens import analysis

PACKAGE = Path(storylens.__file__).parent

# In a fresh interpreter: the per-document pass over every seed, then the storylens
# modules it loaded, one per line.
LOADED = textwrap.dedent(
    """
    import sys
    from storylens import analysis, load_corpus
    from storylens.actors import registry_for
    corpus = load_corpus(cache=False, progress=False)
    params = analysis.Parameters(registry_for(corpus))
    for doc in analysis.document_inputs(corpus):
        analysis.analyse_document(doc, params)
    print("\\n".join(m for m in sys.modules if m.split(".")[0] == "storylens"))
    """
)


def test_every_module_the_pass_runs_is_in_the_fingerprint():
    """The modules read from the source (pass_modules) hold every module the pass
    loads when it runs: an edit to any of them changes the fingerprint."""
    out = subprocess.run([sys.executable, "-c", LOADED], capture_output=True, text=True,
                         check=True).stdout.split()  # fmt: skip
    assert "storylens.actors.mentions" in out and "storylens.sentiment.neural" in out
    assert set(out) <= analysis.pass_modules(PACKAGE)


def test_only_edits_to_the_pass_code_or_data_change_the_fingerprint(tmp_path):
    copy = tmp_path / "storylens"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    base = analysis.package_fingerprint(copy, "1")
    assert analysis.package_fingerprint(copy, "1") == base
    assert analysis.package_fingerprint(copy, "2") != base  # another release
    for report_side in ("reports/render.py", "charts.py", "cluster.py"):
        with (copy / report_side).open("a", encoding="utf-8") as handle:
            handle.write("\n# an edit\n")
        assert analysis.package_fingerprint(copy, "1") == base, report_side
    for pass_side in ("actors/mentions.py", "timeline/__init__.py", "data/lexicon.yaml"):
        edited = copy / pass_side
        original = edited.read_bytes()
        edited.write_bytes(original + b"\n# an edit\n")
        assert analysis.package_fingerprint(copy, "1") != base, pass_side
        edited.write_bytes(original)
    assert analysis.package_fingerprint(copy, "1") == base
