"""Tests for storylens.reports.staging: a run's files move in whole, or not at all."""

from __future__ import annotations

import pytest

from storylens.reports import staging
from storylens.reports.errors import ReportsError


def _files(folder) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _stage(out, names, text):
    out.mkdir(parents=True, exist_ok=True)  # locked() makes it in a run
    folder = staging.fresh_staging(out)
    for name in names:
        for rel in (f"notebooks/{name}.ipynb", f"reports/{name}.html",
                    f"reports/{name}.share.html", f"data/{name}/t.csv"):  # fmt: skip
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(f"{text} {name}")
    (folder / "reports" / "index.html").write_text(f"{text} index")
    (folder / "manifest.json").write_text(f"{text} manifest")
    return folder


def test_promote_all_replaces_the_managed_files_and_leaves_the_rest(tmp_path):
    out = tmp_path / "out"
    staging.promote_all(_stage(out, ["00-a", "01-b"], "old"), out)
    (out / "cache").mkdir()
    (out / "cache" / "keep.parquet").write_text("cache")
    (out / "failed").mkdir()
    new = _stage(out, ["00-a"], "new")
    staging.promote_all(new, out)
    assert _files(out) == {
        "cache/keep.parquet": "cache",
        "data/00-a/t.csv": "new 00-a",
        "manifest.json": "new manifest",
        "notebooks/00-a.ipynb": "new 00-a",
        "reports/00-a.html": "new 00-a",
        "reports/00-a.share.html": "new 00-a",
        "reports/index.html": "new index",
    }
    assert list(new.iterdir()) == []  # emptied: the runner then removes it
    staging.remove(new)
    assert sorted(p.name for p in out.iterdir()) == ["cache", "data", "manifest.json",
                                                     "notebooks", "reports"]  # fmt: skip


def test_promote_some_replaces_only_the_named_notebooks(tmp_path):
    out = tmp_path / "out"
    staging.promote_all(_stage(out, ["00-a", "01-b"], "old"), out)
    staging.promote_some(_stage(out, ["01-b"], "new"), out, ["01-b"])
    files = _files(out)
    assert files["notebooks/00-a.ipynb"] == "old 00-a" and files["data/00-a/t.csv"] == "old 00-a"
    assert files["notebooks/01-b.ipynb"] == "new 01-b" and files["data/01-b/t.csv"] == "new 01-b"
    assert files["manifest.json"] == "new manifest"
    assert not [p for p in out.iterdir() if p.name.startswith(".trash")]


def test_a_failed_run_is_kept_and_replaces_the_last_failed_one(tmp_path):
    out = tmp_path / "out"
    staging.keep_failed(_stage(out, ["00-a"], "first"), out)
    kept = staging.keep_failed(_stage(out, ["00-a"], "second"), out)
    assert kept == out / "failed"
    assert _files(kept)["manifest.json"] == "second manifest"
    assert not [p for p in out.iterdir() if p.name.startswith(".staging")]


def test_fresh_staging_clears_what_a_killed_run_left(tmp_path):
    out = tmp_path / "out"
    (out / ".staging-1" / "data").mkdir(parents=True)
    (out / ".trash-1").write_text("x")
    folder = staging.fresh_staging(out)
    assert [p.name for p in out.iterdir()] == [folder.name] and list(folder.iterdir()) == []


def test_a_second_run_on_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    with staging.locked(out):
        with pytest.raises(ReportsError, match="another `storylens reports` run is writing"):
            with staging.locked(out):
                pass
    with staging.locked(out):  # released
        pass
