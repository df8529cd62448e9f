"""Shared by the corpus tests: the seeds folder, a small article, a file writer."""

from __future__ import annotations

from pathlib import Path

from storylens.paths import seeds_dir

SEEDS = seeds_dir()


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


ARTICLE = (
    "Peace plan faces test\n\n"
    "Russia has flatly rejected the idea. Foreign Minister Sergei Lavrov warned that the "
    "presence of European troops would be unacceptable.\n\n0 Comments\n"
)
