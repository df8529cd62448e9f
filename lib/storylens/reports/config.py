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

``corpus``, ``story`` and ``data_dir`` cannot be set there (use ``--corpus`` and
``--story``; ``data_dir`` belongs to the runner). YAML dates become ISO strings
(``2025-02-19``). Each value must have the type its parameter is declared with
(``include_captions: bool``: ``true``/``false``, never ``"no"``; ``n_terms: int``: a
number, not text), and a parameter whose help says ``YYYY-MM-DD`` must be a real day:
all checked before any notebook starts (:func:`check_value`).

The story file (``--story my-story.yaml``, ``make reports STORY=my-story.yaml``; default:
``story.yaml`` beside the corpus) is read with :func:`storylens.actors.load_registry`
before any notebook starts (:func:`check_story`), and its path goes to every notebook that
declares a ``story`` parameter.
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
from storylens.reports.notebooks import Notebook, match_notebook

__all__ = [
    "RESERVED",
    "STORY_VARIABLE",
    "Config",
    "Story",
    "plain",
    "load_config",
    "check_story",
    "plan_parameters",
    "check_value",
]

# Parameters only the runner sets: from --corpus, from --story, and each notebook's folder.
RESERVED = {
    "corpus": "pass --corpus (make reports CORPUS=...)",
    "story": "pass --story (make reports STORY=...)",
    "data_dir": "the runner sets data_dir",
}
STORY_VARIABLE = "STORYLENS_STORY"  # what `make reports STORY=...` exports for --story
STORY_FILE = "story.yaml"  # the story file looked for beside the corpus


@dataclasses.dataclass(frozen=True)
class Story:
    """The story file the notebooks read: given (``--story``) or found beside the corpus."""

    path: Path
    given: bool  # True: from --story, passed to the notebooks; False: beside the corpus
    sha256: str


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
    except ValueError as exc:  # a date YAML recognises but that cannot be: 2025-13-45
        raise ReportsError(
            f"{source}: a date that is not a real day ({exc}); write it as YYYY-MM-DD"
        ) from exc
    if not isinstance(loaded, dict):
        raise ReportsError(f"{source}: the top level must be a mapping of parameter: value")
    return loaded, data


def _refuse_reserved(source: Path, where: str, params: dict[str, Any]) -> None:
    for reserved, instead in RESERVED.items():
        if reserved in params:
            raise ReportsError(
                f"{source} ({where}): {reserved!r} cannot be set in a config file; {instead}"
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


def check_story(story: str | os.PathLike[str] | None, corpus: Path) -> Story | None:
    """The story file, read and checked before any notebook starts; None when there is none.

    ``story`` is the ``--story`` file; without it, ``story.yaml`` beside the corpus is
    checked the same way. A file that is missing or that the registry refuses is a
    :class:`ReportsError` naming the file and the entry (the registry's own message).
    """
    from storylens.actors import load_registry

    given = story not in (None, "")
    folder = corpus if corpus.is_dir() else corpus.parent
    path = Path(story).resolve() if given else folder / STORY_FILE
    if not path.is_file():
        if given:
            raise ReportsError(f"story file {path} does not exist; pass --story FILE.yaml")
        return None
    try:
        load_registry(path)
    except (ValueError, OSError) as exc:  # RegistryError; YAML that is no date at all
        detail = str(exc)  # the registry's messages start with the file they read
        detail = detail if detail.startswith(str(path)) else f"{path}: {detail}"
        raise ReportsError(f"story file {detail}; fix that entry and run again") from exc
    return Story(path, given, hashlib.sha256(path.read_bytes()).hexdigest())


# The declared type (papermill's inferred_type_name) -> the Python types a value may have
# and how to write one in YAML.
DECLARED_TYPES: dict[str, tuple[tuple[type, ...], str]] = {
    "bool": ((bool,), "true or false, without quotes"),
    "int": ((int,), "a whole number, without quotes"),
    "float": ((int, float), "a number, without quotes"),
    "str": ((str,), 'text (quote it: "2025")'),
    "list": ((list,), "a list: [a, b]"),
    "dict": ((dict,), "a mapping: {key: value}"),
}


def check_value(name: str, key: str, value: Any, declared: dict[str, Any], where: str) -> None:
    """A :class:`ReportsError` unless ``value`` has the type notebook ``name`` declares for
    ``key`` (and is a real day when its help says ``YYYY-MM-DD``).

    >>> check_value("01-timeline", "include_captions", "no",
    ...             {"inferred_type_name": "bool", "help": "captions"}, "")
    Traceback (most recent call last):
    ...
    storylens.reports.errors.ReportsError: parameter 'include_captions' of notebook 01-timeline \
is declared bool, but the value is the text 'no'; write true or false, without quotes
    """
    kind = declared.get("inferred_type_name")
    if kind not in DECLARED_TYPES:
        return
    allowed, how = DECLARED_TYPES[kind]
    given = f"the text {value!r}" if isinstance(value, str) else f"{value!r}"
    if not isinstance(value, allowed) or (isinstance(value, bool) and kind in ("int", "float")):
        raise ReportsError(f"parameter {key!r}{where} of notebook {name} is declared {kind}, "
                           f"but the value is {given}; write {how}")  # fmt: skip
    if kind == "str" and value and "YYYY-MM-DD" in (declared.get("help") or ""):
        try:
            dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ReportsError(f"parameter {key!r}{where} of notebook {name}: {value!r} is "
                               "not a day; write it as YYYY-MM-DD") from exc  # fmt: skip


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
    story: Story | None = None,
) -> dict[str, dict[str, Any]]:
    """The parameters to inject into each target notebook; undeclared ones are an error.

    A top-level config key goes to every target notebook that declares it and must be
    declared by at least one notebook in the folder; a per-notebook key must be declared by
    that notebook. A story given with ``--story`` goes to every notebook declaring
    ``story``; without it those notebooks read the ``story.yaml`` beside the corpus.
    """
    by_name = {nb.name: nb for nb in notebooks}
    where = f" ({config.path})" if config.path else ""
    _check_common(notebooks, config, where)
    per_notebook = _per_notebook(by_name, config, where)
    plan = {}
    for name in targets:
        nb = by_name[name]
        params: dict[str, Any] = {"corpus": str(corpus), "data_dir": str(data_dirs[name] or "")}
        if story is not None and story.given and "story" in nb.declared:
            params["story"] = str(story.path)
        params.update({k: v for k, v in config.common.items() if k in nb.declared})
        params.update(per_notebook.get(name, {}))
        for key in (*config.common, *per_notebook.get(name, {})):
            if key in nb.declared:
                check_value(name, key, params[key], nb.declared[key], where)
        undeclared = [k for k in params if k not in nb.declared]
        if undeclared:  # unreachable through the checks above; kept as the rule's last word
            raise ReportsError(f"notebook {name} does not declare {', '.join(undeclared)}")
        plan[name] = params
    return plan
