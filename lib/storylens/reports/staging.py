"""The output folder's safety: one run at a time, and a run's files moved in only whole.

A run renders into ``<out>/.staging-<pid>/`` and moves its files into place only when
every notebook succeeded, so a failed run never replaces the previous good reports; it is
moved to ``<out>/failed/`` instead (a later successful full run deletes it). With
``--only``, the chosen notebooks' files are replaced and the others are left as they were.
Other folders under ``<out>`` (``cache/``) are left alone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from storylens.reports.errors import ReportsError

__all__ = [
    "MANAGED",
    "locked",
    "remove",
    "fresh_staging",
    "promote_all",
    "promote_some",
    "keep_failed",
    "link_tree",
]

MANAGED = ("notebooks", "reports", "data", "manifest.json")  # what a full run replaces


@contextlib.contextmanager
def locked(out: Path):
    """Hold ``<out>/.reports.lock`` so two runs never write the same folder."""
    out.mkdir(parents=True, exist_ok=True)
    handle = open(out / ".reports.lock", "a+")  # noqa: SIM115 - closed below
    try:
        try:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX: no lock
            pass
        except OSError as exc:
            raise ReportsError(
                f"another `storylens reports` run is writing to {out}; wait for it to finish "
                "or pass another --out"
            ) from exc
        yield
    finally:
        handle.close()


def remove(path: Path) -> None:
    """Delete a file, link or folder tree, if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def fresh_staging(out: Path) -> Path:
    """A new empty staging folder, after removing any a killed run left (we hold the lock)."""
    for stale in [*out.glob(".staging-*"), *out.glob(".trash-*")]:
        remove(stale)
    staging = out / f".staging-{os.getpid()}"
    staging.mkdir()
    return staging


def promote_all(staging: Path, out: Path) -> None:
    """Swap the staged folders in for the old ones (rename by rename, then delete the old)."""
    trash = out / f".trash-{os.getpid()}"
    trash.mkdir()
    for entry in MANAGED:
        if (out / entry).exists():
            os.replace(out / entry, trash / entry)
        os.replace(staging / entry, out / entry)
    shutil.rmtree(trash)
    remove(out / "failed")


def promote_some(staging: Path, out: Path, names: Sequence[str]) -> None:
    """Replace the files of ``names`` only, then the index and manifest."""
    for entry in ("notebooks", "reports", "data"):
        (out / entry).mkdir(exist_ok=True)
    for name in names:
        for rel in (
            f"notebooks/{name}.ipynb",
            f"reports/{name}.html",
            f"reports/{name}.share.html",
        ):
            os.replace(staging / rel, out / rel)
        trash = out / f".trash-{os.getpid()}-{name}"
        if (out / "data" / name).exists():
            os.replace(out / "data" / name, trash)
        os.replace(staging / "data" / name, out / "data" / name)
        remove(trash)
    if (staging / "reports" / "articles").is_dir():  # the article pages, rewritten whole
        remove(out / "reports" / "articles")
        os.replace(staging / "reports" / "articles", out / "reports" / "articles")
    os.replace(staging / "reports" / "index.html", out / "reports" / "index.html")
    os.replace(staging / "manifest.json", out / "manifest.json")


def keep_failed(staging: Path, out: Path) -> Path:
    """Move a failed run's staging folder to ``<out>/failed`` (replacing the last one)."""
    kept = out / "failed"
    remove(kept)
    os.replace(staging, kept)
    return kept


def link_tree(source: Path, target: Path) -> None:
    """Put the files of ``source`` into ``target`` as hard links (copies where the file
    system cannot link): the pages a run keeps cost no time and no space."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)
