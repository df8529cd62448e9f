"""Where things are: the project root, the bundled seeds and the generated outputs.

Every other module asks here, so no code builds paths like ``../seeds`` by hand.
The project root is found from the installed (editable) package; a user running a
non-editable install gets the current directory instead, and can always pass paths.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The storylens checkout this package was installed from (editable install).

    ``STORYLENS_ROOT`` overrides it; without a checkout, the current directory is used.
    """
    env = os.environ.get("STORYLENS_ROOT")
    if env:
        return Path(env).resolve()
    candidate = PACKAGE_DIR.parents[1]  # lib/storylens -> lib -> root
    if (candidate / "pyproject.toml").exists() and (candidate / "lib" / "storylens").is_dir():
        return candidate
    return Path.cwd()


def seeds_dir() -> Path:
    """The bundled corpus (five articles and ``metadata.csv``)."""
    return project_root() / "seeds"


def outputs_dir() -> Path:
    """Default folder for everything generated (git-ignored)."""
    return project_root() / "outputs"


def cache_dir() -> Path:
    """Parquet cache of per-document tables (``STORYLENS_CACHE`` overrides it)."""
    env = os.environ.get("STORYLENS_CACHE")
    return Path(env) if env else outputs_dir() / "cache"


def notebooks_dir() -> Path:
    """The report notebooks (``NN-slug.ipynb``)."""
    return project_root() / "notebooks"


def eval_data_dir(subfolder: str) -> Path:
    """A folder of the development evaluation data, for the benchmarks.

    ``$STORYLENS_EVAL_DATA/<subfolder>``, else ``<project>/../shared/eval-data/<subfolder>``.
    The project never copies this data; its tests do not need it. Raises
    ``FileNotFoundError`` saying where it looked when the folder is missing.
    """
    env = os.environ.get("STORYLENS_EVAL_DATA")
    base = Path(env) if env else project_root().parent / "shared" / "eval-data"
    folder = base / subfolder
    if not folder.is_dir():
        raise FileNotFoundError(
            f"evaluation data not found at {folder}: set STORYLENS_EVAL_DATA to the "
            f"eval-data folder (the one holding {subfolder}/)"
        )
    return folder
