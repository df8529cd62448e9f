"""Notebook parameters: the ``--config`` file and what each notebook receives.

The config file (``--config story.yaml``) is YAML::

    # applied to every notebook that declares the parameter; a key that no notebook
    # declares is an error (a typo would otherwise be silently ignored)
    kwic_term: soldiers
    actors: [Starmer, Macron, Putin]
    # values for one notebook only (by "NN-slug", "slug" or "NN"); these win over the
    # top-level ones, and each must be declared by that notebook
    notebooks:
      00-corpus-overview:
        kwic_term: peacekeepers

``corpus`` and ``data_dir`` cannot be set there (use ``--corpus``; ``data_dir`` belongs to
the runner). YAML dates become ISO strings (``2025-02-19``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storylens.reports.errors import ReportsError
from storylens.reports.notebooks import REQUIRED_PARAMETERS, Notebook, match_notebook

__all__ = [
    "Config",
    "plain",
    "load_config",
    "plan_parameters",
]


@dataclasses.dataclass
class Config:
    """Parameters from ``--config``: for every notebook, and per notebook."""

    common: dict[str, Any]
    per_notebook: dict[str, dict[str, Any]]
    path: Path | None = None
    sha256: str | None = None


def plain(value: Any) -> Any:
    """YAML values as papermill can inject them (dates become ISO strings).

    >>> plain({"since": dt.date(2025, 2, 19), "ids": (1, 2)})
    {'since': '2025-02-19', 'ids': [1, 2]}
    """
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _read_mapping(source: Path) -> tuple[dict[str, Any], bytes]:
    """The YAML mapping in ``source`` and the file's bytes."""
    import yaml

    if not source.is_file():
        raise ReportsError(f"config file {source} does not exist")
    data = source.read_bytes()
    try:
        loaded = yaml.safe_load(data.decode("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReportsError(f"{source}: not valid UTF-8 YAML ({exc})") from exc
    if not isinstance(loaded, dict):
        raise ReportsError(f"{source}: the top level must be a mapping of parameter: value")
    return loaded, data


def _refuse_reserved(source: Path, where: str, params: dict[str, Any]) -> None:
    for reserved in REQUIRED_PARAMETERS:
        if reserved in params:
            raise ReportsError(
                f"{source} ({where}): {reserved!r} cannot be set in a config file; "
                + ("pass --corpus" if reserved == "corpus" else "the runner sets data_dir")
            )


def load_config(path: str | os.PathLike[str] | None) -> Config:
    """Read a ``--config`` YAML file (format in the module docstring)."""
    if path is None or str(path) == "":
        return Config({}, {})
    source = Path(path)
    loaded, data = _read_mapping(source)
    sections = loaded.pop("notebooks", None) or {}
    if not isinstance(sections, dict) or not all(isinstance(v, dict) for v in sections.values()):
        raise ReportsError(f"{source}: 'notebooks' must map notebook names to parameter mappings")
    # YAML reads an unquoted 00 as the number 0: give it back its two digits.
    sections = {f"{k:02d}" if isinstance(k, int) else str(k): plain(v) for k, v in sections.items()}
    loaded = plain(loaded)
    _refuse_reserved(source, "top level", loaded)
    for name, params in sections.items():
        _refuse_reserved(source, f"notebooks: {name}", params)
    return Config(loaded, sections, source, hashlib.sha256(data).hexdigest())


def _check_common(notebooks: Sequence[Notebook], config: Config, where: str) -> None:
    """Every top-level key must be declared by at least one notebook in the folder."""
    for key in config.common:
        if not any(key in nb.declared for nb in notebooks):
            raise ReportsError(
                f"config parameter {key!r}{where} is not declared by any notebook in "
                f"{notebooks[0].path.parent}; declared parameters: "
                + ", ".join(sorted({p for nb in notebooks for p in nb.declared}))
            )


def _per_notebook(
    by_name: dict[str, Notebook], config: Config, where: str
) -> dict[str, dict[str, Any]]:
    """The per-notebook sections by full notebook name, each key declared by that notebook."""
    per_notebook: dict[str, dict[str, Any]] = {}
    for wanted, params in config.per_notebook.items():
        name = match_notebook(wanted, list(by_name))
        for key in params:
            if key not in by_name[name].declared:
                raise ReportsError(
                    f"parameter {key!r}{where} is not declared in the parameters cell of "
                    f"notebook {name} (it declares: {', '.join(by_name[name].declared)})"
                )
        per_notebook.setdefault(name, {}).update(params)
    return per_notebook


def plan_parameters(
    notebooks: Sequence[Notebook],
    config: Config,
    *,
    targets: Sequence[str],
    corpus: Path,
    data_dirs: dict[str, Path | None],
) -> dict[str, dict[str, Any]]:
    """The parameters to inject into each target notebook; undeclared ones are an error.

    A top-level config key goes to every target notebook that declares it and must be
    declared by at least one notebook in the folder; a per-notebook key must be declared by
    that notebook.
    """
    by_name = {nb.name: nb for nb in notebooks}
    where = f" ({config.path})" if config.path else ""
    _check_common(notebooks, config, where)
    per_notebook = _per_notebook(by_name, config, where)
    plan = {}
    for name in targets:
        nb = by_name[name]
        params: dict[str, Any] = {"corpus": str(corpus), "data_dir": str(data_dirs[name] or "")}
        params.update({k: v for k, v in config.common.items() if k in nb.declared})
        params.update(per_notebook.get(name, {}))
        undeclared = [k for k in params if k not in nb.declared]
        if undeclared:  # unreachable through the checks above; kept as the rule's last word
            raise ReportsError(f"notebook {name} does not declare {', '.join(undeclared)}")
        plan[name] = params
    return plan
