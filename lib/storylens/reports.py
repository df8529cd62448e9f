"""Render the report notebooks into a folder an analyst can open and send on.

Two halves live here:

* what a notebook calls: :func:`save_table` writes the data behind a chart or table as a
  deterministic CSV, :func:`data_path` says where it went;
* the runner behind ``python -m storylens reports`` (what ``make reports`` calls):
  :func:`run_reports` and :func:`main`.

The notebook contract. Report notebooks are ``NN-slug.ipynb`` in ``notebooks/``; each has
exactly one cell tagged ``parameters`` that declares at least ``corpus: str = ""`` (a
folder or file of articles; "" means the bundled seeds) and ``data_dir: str = ""`` (where
:func:`save_table` writes; "" means ``outputs/data``). The runner injects ``corpus`` (an
absolute path), ``data_dir`` (an absolute path to the notebook's own data folder inside
the run's staging folder) and any values from ``--config``. A value for a parameter the
notebook does not declare is an error.

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

The output folder (``--out``, default ``outputs/``)::

    manifest.json                   the run manifest (also shown in reports/index.html)
    notebooks/NN-slug.ipynb         each notebook as executed, with its outputs
    reports/index.html              landing page: links, corpus at a glance, manifest
    reports/NN-slug.html            full report, code shown
    reports/NN-slug.share.html      the same without code, prompts or stderr: to send on
    data/NN-slug/<table>.csv        the data behind each chart and table (save_table)
    failed/                         the last failed run, same layout plus kernel logs

A run renders into ``<out>/.staging-<pid>/`` and moves its files into place only when
every notebook succeeded, so a failed run never replaces the previous good reports; it
is moved to ``<out>/failed/`` instead (a later successful full run deletes it). The
executed notebooks therefore show the staging path as ``data_dir`` in their injected
parameters cell; the manifest records it as ``data/NN-slug``. With ``--only``, the chosen
notebooks' files are replaced and the other notebooks' reports and manifest entries are
carried over. Other folders under ``<out>`` (``cache/``) are left alone. Times appear only
in ``manifest.json`` and ``index.html``, never in the CSVs.

Notebooks run on the kernel named ``storylens`` installed in this environment
(``JUPYTER_PATH`` is pinned to ``<sys.prefix>/share/jupyter``, so a user's kernel of the
same name is never picked), several at once in worker processes, each kernel with
``PYTHONHASHSEED=0``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import json
import math
import multiprocessing
import os
import queue
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from storylens.paths import notebooks_dir, outputs_dir, seeds_dir

KERNEL_NAME = "storylens"
DEFAULT_TIMEOUT = 600  # seconds per cell
REQUIRED_PARAMETERS = ("corpus", "data_dir")  # every report notebook declares these
FLOAT_FORMAT = "%.10g"  # CSV floats: 10 significant digits, so re-runs agree byte for byte
MANAGED = ("notebooks", "reports", "data", "manifest.json")  # what a full run replaces
MANIFEST_VERSION = 1
ADDED_CELL_TAGS = {"injected-parameters", "papermill-error-cell-tag"}  # cells papermill adds
# Packages whose versions go into the manifest (import name is not needed: dist names).
KEY_PACKAGES = (
    "storylens", "pandas", "numpy", "matplotlib", "seaborn", "nltk", "vaderSentiment",
    "scikit-learn", "pyarrow", "trafilatura", "PyYAML", "papermill", "nbconvert",
    "nbclient", "nbformat", "jupyter_client", "ipykernel",
)  # fmt: skip

# A report notebook's file name: "00-corpus-overview.ipynb" yes, "Untitled.ipynb" or
# "0-overview.ipynb" no.
NOTEBOOK_NAME = re.compile(r"(?P<number>\d\d)-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.ipynb\Z")
# A table name for save_table: "kwic_troops" or "articles-by-month" yes, "../x" or
# "sources.csv" no.
TABLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")
# A Markdown H1 line: "# Corpus overview" yes, "## Method" or "#hashtag" no.
MARKDOWN_H1 = re.compile(r"^#\s+(?P<title>\S.*?)\s*#*\s*$", re.M)
# Terminal colour codes in kernel tracebacks: "\x1b[0;31m" yes, "[0;31m" alone no.
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Kernel start-up failures worth a retry (a port taken between choice and bind):
# "Kernel died before replying to kernel_info" yes, "ZeroDivisionError" no.
KERNEL_STARTUP_FAILURE = re.compile(
    r"Kernel died before replying|Address already in use|Kernel didn't respond", re.I
)


class ReportsError(Exception):
    """A problem with the request (paths, config, parameters, kernel), found before running."""


# --------------------------------------------------------------------------- notebook side


def _data_dir(data_dir: str | os.PathLike[str] = "") -> Path:
    return Path(data_dir) if str(data_dir) else outputs_dir() / "data"


def data_path(name: str, *, data_dir: str | os.PathLike[str] = "") -> Path:
    """The CSV file :func:`save_table` writes for table ``name``: ``<data_dir>/<name>.csv``.

    ``data_dir`` "" means ``outputs/data`` (a notebook run by hand); the runner passes each
    notebook its own folder ``<out>/data/NN-slug``.

    >>> data_path("kwic_troops", data_dir="/tmp/run/data/00-corpus-overview").as_posix()
    '/tmp/run/data/00-corpus-overview/kwic_troops.csv'
    """
    if not isinstance(name, str) or not TABLE_NAME.match(name):
        hint = " (give the name without .csv)" if str(name).endswith(".csv") else ""
        raise ValueError(
            f"table name {name!r} must be letters, digits, '_' or '-', "
            f"starting with a letter or digit{hint}"
        )
    return _data_dir(data_dir) / f"{name}.csv"


def table_csv(df: pd.DataFrame) -> str:
    """The exact CSV text :func:`save_table` writes for ``df``.

    Rows in the order given; a named index becomes leading columns (an unnamed one is
    dropped); floats with 10 significant digits; missing values as empty fields; ``\\n``
    line endings.

    >>> print(table_csv(pd.DataFrame({"outlet": ["BBC", None], "share": [2 / 3, 0.1 + 0.2]})))
    outlet,share
    BBC,0.6666666667
    ,0.3
    <BLANKLINE>
    """
    if isinstance(df, pd.Series):
        df = df.to_frame()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"save_table needs a pandas DataFrame, not {type(df).__name__}")
    if isinstance(df.columns, pd.MultiIndex):
        raise ValueError(
            "save_table needs one header row; flatten the columns first, e.g. "
            "df.columns = ['_'.join(map(str, c)) for c in df.columns]"
        )
    if any(level is not None for level in df.index.names):
        df = df.reset_index()
    return df.to_csv(index=False, lineterminator="\n", float_format=FLOAT_FORMAT, na_rep="")


def save_table(
    df: pd.DataFrame, name: str, *, data_dir: str | os.PathLike[str] = ""
) -> pd.DataFrame:
    """Write the data behind a chart or table to ``<data_dir>/<name>.csv``; return ``df``.

    Call it on every table a notebook shows or plots, so each output can be traced back to
    its numbers: ``save_table(by_outlet, "articles_by_outlet", data_dir=data_dir)``. The
    file is UTF-8 and deterministic (see :func:`table_csv`): re-running on unchanged input
    writes the same bytes. It is written to a temporary file first and then renamed, so a
    reader never sees half a table. ``df`` is returned unchanged, for display.
    """
    path = data_path(name, data_dir=data_dir)
    text = table_csv(df)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(text.encode("utf-8"))
    os.replace(tmp, path)
    return df


# --------------------------------------------------------------------------- planning


@dataclasses.dataclass(frozen=True)
class Notebook:
    """One report notebook: its name (``NN-slug``), path, title and declared parameters."""

    name: str
    path: Path
    title: str
    question: str
    declared: dict[str, dict[str, Any]]  # papermill.inspect_notebook: name -> details


def find_notebooks(folder: str | os.PathLike[str]) -> list[Path]:
    """Report notebooks in ``folder`` (``NN-slug.ipynb``), in reading order."""
    root = Path(folder)
    if not root.is_dir():
        raise ReportsError(f"notebook folder {root} does not exist")
    found = sorted(p for p in root.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))
    if not found:
        raise ReportsError(f"no report notebooks (NN-slug.ipynb) in {root}")
    return found


def _title_and_question(nb) -> tuple[str, str]:
    """The first Markdown H1 and the first paragraph after it (the one-line question)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        match = MARKDOWN_H1.search(cell.source)
        if not match:
            continue
        rest = cell.source[match.end() :].strip()
        question = rest.split("\n\n", 1)[0].replace("\n", " ").strip() if rest else ""
        return match.group("title"), question
    return "", ""


def inspect(path: Path) -> Notebook:
    """Read a notebook: title, question and the parameters its ``parameters`` cell declares."""
    import nbformat
    import papermill

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for a damaged file
        raise ReportsError(f"{path}: not a readable notebook ({exc})") from exc
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    if len(tagged) != 1:
        where = f"cells {', '.join(map(str, tagged))}" if tagged else "no cell"
        raise ReportsError(
            f"{path}: needs exactly one cell tagged 'parameters' ({where} tagged); "
            "tag it in JupyterLab with the property inspector"
        )
    # papermill picks the translator from the kernelspec; ours is Python whatever it says.
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "language": "python", "display_name": ""}
    declared = papermill.inspect_notebook(nb)
    missing = [p for p in REQUIRED_PARAMETERS if p not in declared]
    if missing:
        raise ReportsError(
            f"{path}: the parameters cell does not declare {', '.join(missing)}; every report "
            'notebook declares corpus: str = "" and data_dir: str = ""'
        )
    title, question = _title_and_question(nb)
    return Notebook(path.stem, path, title or path.stem, question, declared)


def match_notebook(wanted: str, names: Sequence[str]) -> str:
    """The notebook name ``wanted`` refers to: ``NN-slug``, ``slug``, ``NN`` or a file name.

    >>> match_notebook("corpus-overview", ["00-corpus-overview", "01-timeline"])
    '00-corpus-overview'
    """
    key = Path(wanted).name.removesuffix(".ipynb")
    hits = [n for n in names if key in (n, n[:2], n[3:])]
    if len(hits) != 1:
        problem = "matches several notebooks" if hits else "matches no notebook"
        raise ReportsError(f"{wanted!r} {problem}; notebooks are: {', '.join(names)}")
    return hits[0]


@dataclasses.dataclass
class Config:
    """Parameters from ``--config``: for every notebook, and per notebook."""

    common: dict[str, Any]
    per_notebook: dict[str, dict[str, Any]]
    path: Path | None = None
    sha256: str | None = None


def _plain(value: Any) -> Any:
    """YAML values as papermill can inject them (dates become ISO strings)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def load_config(path: str | os.PathLike[str] | None) -> Config:
    """Read a ``--config`` YAML file (format in the module docstring)."""
    if path is None or str(path) == "":
        return Config({}, {})
    import yaml

    source = Path(path)
    if not source.is_file():
        raise ReportsError(f"config file {source} does not exist")
    data = source.read_bytes()
    try:
        loaded = yaml.safe_load(data.decode("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReportsError(f"{source}: not valid UTF-8 YAML ({exc})") from exc
    if not isinstance(loaded, dict):
        raise ReportsError(f"{source}: the top level must be a mapping of parameter: value")
    sections = loaded.pop("notebooks", None) or {}
    if not isinstance(sections, dict) or not all(isinstance(v, dict) for v in sections.values()):
        raise ReportsError(f"{source}: 'notebooks' must map notebook names to parameter mappings")
    # YAML reads an unquoted 00 as the number 0: give it back its two digits.
    sections = {
        f"{k:02d}" if isinstance(k, int) else str(k): _plain(v) for k, v in sections.items()
    }
    loaded = _plain(loaded)
    for where, params in [
        ("top level", loaded),
        *((f"notebooks: {k}", v) for k, v in sections.items()),
    ]:
        for reserved in REQUIRED_PARAMETERS:
            if reserved in params:
                raise ReportsError(
                    f"{source} ({where}): {reserved!r} cannot be set in a config file; "
                    + ("pass --corpus" if reserved == "corpus" else "the runner sets data_dir")
                )
    return Config(loaded, sections, source, hashlib.sha256(data).hexdigest())


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
    names = list(by_name)
    where = f" ({config.path})" if config.path else ""
    for key in config.common:
        if not any(key in nb.declared for nb in notebooks):
            raise ReportsError(
                f"config parameter {key!r}{where} is not declared by any notebook in "
                f"{notebooks[0].path.parent}; declared parameters: "
                + ", ".join(sorted({p for nb in notebooks for p in nb.declared}))
            )
    per_notebook: dict[str, dict[str, Any]] = {}
    for wanted, params in config.per_notebook.items():
        name = match_notebook(wanted, names)
        for key in params:
            if key not in by_name[name].declared:
                raise ReportsError(
                    f"parameter {key!r}{where} is not declared in the parameters cell of "
                    f"notebook {name} (it declares: {', '.join(by_name[name].declared)})"
                )
        per_notebook.setdefault(name, {}).update(params)
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


# --------------------------------------------------------------------------- corpus facts


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def corpus_files(corpus: Path) -> list[dict[str, Any]]:
    """Every file of a corpus (hidden ones skipped) with its size and SHA-256, by path."""
    if corpus.is_file():
        root, paths = corpus.parent, [corpus]
        sidecar = corpus.parent / "metadata.csv"
        paths += [sidecar] if sidecar.exists() and sidecar != corpus else []
    else:
        root = corpus
        paths = [
            p
            for p in corpus.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
        ]
    rows = [
        {
            "path": p.relative_to(root).as_posix(),
            "bytes": p.stat().st_size,
            "sha256": _sha256_file(p),
        }
        for p in paths
    ]
    return sorted(rows, key=lambda r: r["path"])


def _fingerprint(files: Iterable[dict[str, Any]]) -> str:
    """SHA-256 of the corpus's ``SHA256SUMS``-style listing: changes when any file does."""
    listing = "".join(f"{f['sha256']}  {f['path']}\n" for f in files)
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()


def corpus_glance(corpus: Path) -> dict[str, Any]:
    """Documents, outlets and date range of a corpus, via :func:`storylens.load_corpus`."""
    try:
        from storylens import load_corpus
    except ImportError as exc:  # the loader is part of the package; say so if it is broken
        raise ReportsError(f"cannot import storylens.load_corpus ({exc})") from exc
    try:
        loaded = load_corpus(corpus)
    except Exception as exc:
        raise ReportsError(f"cannot load the corpus {corpus}: {exc}") from exc
    docs = loaded.documents
    published = pd.to_datetime(docs["published"], errors="coerce")
    outlets = docs["outlet"].where(docs["outlet"].map(lambda v: isinstance(v, str) and v != ""))
    counts = outlets.dropna().value_counts()
    counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")

    def day(value) -> str | None:
        return None if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")

    documents = []
    for row, when in zip(docs.itertuples(index=False), published, strict=True):
        documents.append(
            {
                "doc_id": row.doc_id,
                "title": row.title if isinstance(row.title, str) else None,
                "outlet": row.outlet if isinstance(row.outlet, str) else None,
                "published": day(when),
                "date_source": row.date_source,
                "n_sentences": int(row.n_sentences),
                "n_tokens": int(row.n_tokens),
            }
        )
    return {
        "documents": len(docs),
        "outlets": {str(k): int(v) for k, v in counts.items()},  # most articles first
        "no_outlet": int(outlets.isna().sum()),
        "date_min": day(published.min()),
        "date_max": day(published.max()),
        "undated": int(published.isna().sum()),
        "sentences": int(docs["n_sentences"].sum()),
        "tokens": int(docs["n_tokens"].sum()),
        "skipped_files": len(loaded.skipped),
        "warnings": list(loaded.warnings),
        "table": documents,
    }


def package_versions() -> dict[str, str]:
    """Versions of Python and the packages that shape the reports."""
    versions = {"python": sys.version.split()[0]}
    for name in KEY_PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def kernel_spec(name: str = KERNEL_NAME) -> dict[str, Any]:
    """The project's kernelspec (installed into this environment by ``make env``)."""
    folder = Path(sys.prefix) / "share" / "jupyter" / "kernels" / name
    spec_file = folder / "kernel.json"
    if not spec_file.is_file():
        raise ReportsError(
            f"the Jupyter kernel {name!r} is not installed in {sys.prefix}; run `make env` "
            f"or `{sys.executable} -m ipykernel install --sys-prefix --name {name}`"
        )
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    return {"name": name, "resource_dir": str(folder), "argv": spec.get("argv", [])}


# --------------------------------------------------------------------------- execution


def usable_cores() -> int:
    """Cores this process may run on (a container's limit, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _strip_ansi(text: str) -> str:
    return ANSI_ESCAPE.sub("", text)


try:  # Only the worker processes need these; the notebook helpers above do not.
    from jupyter_client import AsyncKernelManager
    from traitlets import CaselessStrEnum

    class _LocalKernelManager(AsyncKernelManager):
        """A kernel manager that cannot collide with another kernel starting at once.

        With ``tcp`` two kernels started together may be given the same free port
        (papermill issue #511, "ZMQError: Address already in use"). On POSIX we use ``ipc``
        transport with sockets named after a fresh connection file in the run's own runtime
        folder. The kernel's stdout/stderr go to a log file instead of the terminal.
        """

        transport = CaselessStrEnum(
            ["tcp", "ipc"], default_value="ipc" if os.name == "posix" else "tcp", config=True
        )

        def __init__(self, **kwargs: Any) -> None:
            if os.name == "posix" and "connection_file" not in kwargs:
                kernel_id = kwargs.pop("kernel_id", None) or str(uuid.uuid4())
                runtime = os.environ.get("JUPYTER_RUNTIME_DIR") or tempfile.gettempdir()
                connection = os.path.join(runtime, f"kernel-{kernel_id}.json")
                kwargs.update(
                    kernel_id=kernel_id,
                    connection_file=connection,
                    ip=os.path.splitext(connection)[0] + "-ipc",
                )
            super().__init__(**kwargs)

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            log = os.environ.get("STORYLENS_KERNEL_LOG")
            with open(log or os.devnull, "ab") as handle:
                if log:
                    kw.setdefault("stdout", handle)
                    kw.setdefault("stderr", handle)
                await super()._async_launch_kernel(kernel_cmd, **kw)
            # Recorded so an interrupted run can stop the kernels it started (they run in
            # their own session and would not get the Ctrl-C).
            pid = getattr(self.provisioner, "pid", None)
            if pid and self.connection_file:
                Path(self.connection_file).with_suffix(".pid").write_text(str(pid))

except ImportError:  # pragma: no cover - jupyter_client is a dependency
    _LocalKernelManager = None  # type: ignore[assignment,misc]


@dataclasses.dataclass
class _Task:
    index: int
    total: int
    name: str
    title: str
    source: str
    staging: str
    parameters: dict[str, Any]
    timeout: float


_events: Any = None  # set in each worker: a queue for "started" messages


def _init_worker(events: Any, runtime_dir: str) -> None:
    global _events
    _events = events
    # Ctrl-C is the parent's to handle: it stops the workers and their kernels.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Only this environment's kernelspecs, so a user's own "storylens" kernel is never used.
    os.environ["JUPYTER_PATH"] = os.path.join(sys.prefix, "share", "jupyter")
    os.environ["JUPYTER_RUNTIME_DIR"] = runtime_dir
    # Kernels inherit this: set iteration order is then the same from run to run.
    os.environ["PYTHONHASHSEED"] = "0"


def _failed_cell(nb, timed_out: bool) -> tuple[int, Any, Any] | None:
    """(index, cell, error output or None) of the cell that failed in an executed notebook.

    A timed-out cell is the one papermill left "running" (or the last one that started);
    otherwise it is the first cell holding an error output.
    """
    cells = list(enumerate(nb.cells))
    if timed_out:
        running = [
            (i, c) for i, c in cells if c.metadata.get("papermill", {}).get("status") == "running"
        ]
        started = running or [(i, c) for i, c in cells if c.get("execution_count")]
        if started:
            index, cell = started[0] if running else started[-1]
            return index, cell, None
    for index, cell in cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, cell, output
    return None


def _error_report(nb, timeout: float | None, exc: BaseException) -> dict[str, Any]:
    """Where and why a notebook failed: source cell index, its first lines, the error."""
    timed_out = isinstance(exc, TimeoutError)
    found = _failed_cell(nb, timed_out) if nb is not None else None
    report: dict[str, Any] = {
        "cell_index": None,
        "execution_count": None,
        "source_head": "",
        "ename": type(exc).__name__,
        "evalue": _strip_ansi(str(exc)).strip(),
        "traceback": "",
    }
    if timed_out:
        report["evalue"] = (
            f"a cell ran longer than the per-cell timeout ({timeout:g} s); "
            "make it faster or pass a larger --timeout"
        )
    if found is None:
        return report
    index, cell, output = found
    added = sum(  # cells papermill put before it: injected parameters, error markers
        bool(ADDED_CELL_TAGS & set(c.metadata.get("tags", []))) for c in nb.cells[:index]
    )
    report["cell_index"] = index - added  # index in the source notebook
    report["execution_count"] = cell.get("execution_count")
    report["source_head"] = "\n".join(cell.source.splitlines()[:6])
    if output is not None and not timed_out:
        report["ename"] = output.get("ename", "")
        report["evalue"] = _strip_ansi(output.get("evalue", ""))
        report["traceback"] = _strip_ansi("\n".join(output.get("traceback", [])))
    return report


def _execute(task: _Task, output: Path, log: Path):
    """Run one notebook with papermill, retrying a kernel that failed to start."""
    import papermill

    os.environ["STORYLENS_KERNEL_LOG"] = str(log)
    for attempt in range(3):
        try:
            return papermill.execute_notebook(
                task.source,
                str(output),
                parameters=task.parameters,
                kernel_name=KERNEL_NAME,
                language="python",
                progress_bar=False,
                log_output=False,
                cwd=str(Path(task.source).parent),
                execution_timeout=task.timeout,
                kernel_manager_class=_LocalKernelManager,
            )
        except Exception as exc:
            started = output.exists() and any(
                c.get("execution_count") for c in _read_nb(output).cells
            )
            if started or attempt == 2 or not KERNEL_STARTUP_FAILURE.search(str(exc)):
                raise
            time.sleep(0.5 * (attempt + 1))
    raise AssertionError("unreachable")


def _read_nb(path: Path):
    import nbformat

    return nbformat.read(path, as_version=4)


# nbconvert's "lab" template minus the blocks that load scripts from a CDN (see the file).
OFFLINE_TEMPLATE = "offline.html.j2"  # in storylens/templates/

_EXPORTERS: dict[bool, Any] = {}


def _template(name: str) -> str:
    return resources.files("storylens").joinpath("templates", name).read_text(encoding="utf-8")


def _exporter(share: bool):
    if share not in _EXPORTERS:
        import jinja2
        from nbconvert import HTMLExporter

        options: dict[str, Any] = {}
        if share:
            options = {"exclude_input": True, "exclude_input_prompt": True}
            options["exclude_output_prompt"] = True
        _EXPORTERS[share] = HTMLExporter(
            template_name="lab",
            extra_loaders=[
                jinja2.DictLoader({"storylens-offline.html.j2": _template(OFFLINE_TEMPLATE)})
            ],
            template_file="storylens-offline.html.j2",
            embed_images=True,
            **options,
        )
    return _EXPORTERS[share]


def render_html(nb, *, title: str, share: bool, source_dir: str | os.PathLike[str] = ".") -> str:
    """An executed notebook as one self-contained HTML page.

    ``share=True`` hides code, prompts and stderr output (warnings), for sending on.
    Cells tagged ``remove-cell`` are left out of both versions.
    """
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    nb.cells = [c for c in nb.cells if "remove-cell" not in c.metadata.get("tags", [])]
    if share:
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = [
                    o
                    for o in cell.outputs
                    if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
                ]
    resources = {"metadata": {"name": title, "path": str(source_dir)}}
    body, _ = _exporter(share).from_notebook_node(nb, resources=resources)
    return body


def _files_with_hashes(folder: Path, base: Path) -> list[dict[str, str]]:
    if not folder.is_dir():
        return []
    return [
        {"path": p.relative_to(base).as_posix(), "sha256": _sha256_file(p)}
        for p in sorted(folder.rglob("*.csv"))
    ]


def _run_one(task: _Task) -> dict[str, Any]:
    """Worker: execute one notebook and render its HTML. Never raises."""
    started, clock = _utc_now(), time.monotonic()
    if _events is not None:
        _events.put(("started", task.index, task.name, None, None))
    staging = Path(task.staging)
    executed = staging / "notebooks" / f"{task.name}.ipynb"
    log = staging / "logs" / f"{task.name}.kernel.log"
    for folder in (executed.parent, log.parent, staging / "reports"):
        folder.mkdir(parents=True, exist_ok=True)
    Path(task.parameters["data_dir"]).mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"name": task.name, "started": started, "error": None}
    nb = None
    try:
        nb = _execute(task, executed, log)
    except BaseException as exc:  # noqa: BLE001 - reported, not swallowed
        if isinstance(exc, KeyboardInterrupt):
            raise
        nb = _read_nb(executed) if executed.exists() else None
        result["error"] = _error_report(nb, task.timeout, exc)
    try:
        if nb is not None:
            source_dir = Path(task.source).parent
            (staging / "reports" / f"{task.name}.html").write_text(
                render_html(nb, title=task.title, share=False, source_dir=source_dir),
                encoding="utf-8",
            )
            if result["error"] is None:
                (staging / "reports" / f"{task.name}.share.html").write_text(
                    render_html(nb, title=task.title, share=True, source_dir=source_dir),
                    encoding="utf-8",
                )
    except Exception as exc:  # a notebook that ran but cannot be rendered has failed too
        result["error"] = result["error"] or _error_report(None, task.timeout, exc)
    result["status"] = "ok" if result["error"] is None else "failed"
    result["duration_s"] = round(time.monotonic() - clock, 2)
    data_dir = Path(task.parameters["data_dir"])
    result["data"] = _files_with_hashes(data_dir, staging)
    if _events is not None:
        _events.put(("finished", task.index, task.name, result["status"], result["duration_s"]))
    return result


def _pool_context():
    """``fork`` where it is safe (POSIX, no other threads): workers start with imports done."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1 and sys.platform != "darwin":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


# --------------------------------------------------------------------------- the run


@dataclasses.dataclass
class RunResult:
    """What :func:`run_reports` did: ``ok``, the output folder and the manifest written."""

    ok: bool
    out: Path
    manifest: dict[str, Any]
    failed: list[str]


def _say(stream, message: str) -> None:
    print(message, file=stream, flush=True)


@contextlib.contextmanager
def _locked(out: Path):
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


def _previous_manifest(out: Path, stream) -> dict[str, Any] | None:
    path = out / "manifest.json"
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        _say(stream, f"note: ignoring unreadable {path} ({exc})")
        return None


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _promote_all(staging: Path, out: Path) -> None:
    """Swap the staged folders in for the old ones (rename by rename, then delete the old)."""
    trash = out / f".trash-{os.getpid()}"
    trash.mkdir()
    for entry in MANAGED:
        if (out / entry).exists():
            os.replace(out / entry, trash / entry)
        os.replace(staging / entry, out / entry)
    shutil.rmtree(trash)
    _remove(out / "failed")


def _promote_some(staging: Path, out: Path, names: Sequence[str]) -> None:
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
        _remove(trash)
    os.replace(staging / "reports" / "index.html", out / "reports" / "index.html")
    os.replace(staging / "manifest.json", out / "manifest.json")


def _print_failure(stream, entry: dict[str, Any], kept: Path) -> None:
    error = entry["error"]
    where = (
        f"cell {error['cell_index']} (execution count {error['execution_count']})"
        if error["cell_index"] is not None
        else "before or after its cells ran"
    )
    _say(stream, f"\nFAILED {entry['name']} ({entry['source']}), {where}:")
    if error["source_head"]:
        _say(stream, "\n".join(f"    | {line}" for line in error["source_head"].splitlines()))
    tail = error["traceback"].strip().splitlines()[-12:]
    if tail:
        _say(stream, "\n".join(f"    {line}" for line in tail))
    _say(stream, f"{error['ename']}: {error['evalue']}")
    _say(stream, f"executed notebook kept: {kept / 'notebooks' / (entry['name'] + '.ipynb')}")


def _skip_slow_optional_imports() -> None:
    """Keep jsonschema (via nbformat) from importing ``rfc3987_syntax``, an optional
    validator of IRI formats that notebook schemas never use: it builds a parser at import
    and costs 1.5 s or more per run. Only in the runner's processes, not in kernels."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def _notebook_entry(
    nb: Notebook, params: dict[str, Any], result: dict[str, Any], fingerprint: str
) -> dict[str, Any]:
    """One notebook's record in the manifest (paths relative to the output folder)."""
    ok = result["status"] == "ok"
    return {
        "name": nb.name,
        "title": nb.title,
        "question": nb.question,
        "source": _display_path(nb.path),
        "source_sha256": _sha256_file(nb.path),
        "parameters": dict(params, data_dir=f"data/{nb.name}"),
        "status": result["status"],
        "started": result["started"],
        "duration_s": result["duration_s"],
        "corpus_fingerprint": fingerprint,
        "outputs": {
            "executed": f"notebooks/{nb.name}.ipynb",
            "html": f"reports/{nb.name}.html",
            "share_html": f"reports/{nb.name}.share.html" if ok else None,
            "data": result["data"],
        },
        "error": result["error"],
    }


def _carried_over(out: Path, names: Sequence[str], targets: Sequence[str], stream) -> list:
    """Manifest entries of the notebooks an ``--only`` run leaves as they were."""
    previous = _previous_manifest(out, stream) or {}
    return [
        entry
        for entry in previous.get("notebooks", [])
        if entry.get("name") in names
        and entry["name"] not in targets
        and all((out / entry["outputs"][k]).exists() for k in ("executed", "html"))
    ]


def _write_run(staging: Path, manifest: dict[str, Any], documents: list[dict[str, Any]]) -> None:
    (staging / "reports").mkdir(exist_ok=True)
    (staging / "reports" / "index.html").write_text(
        render_index(manifest, documents), encoding="utf-8"
    )
    (staging / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def run_reports(
    corpus: str | os.PathLike[str] | None = None,
    *,
    out: str | os.PathLike[str] | None = None,
    config: str | os.PathLike[str] | None = None,
    notebooks: str | os.PathLike[str] | None = None,
    only: Sequence[str] | None = None,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    stream=None,
    argv: Sequence[str] | None = None,
) -> RunResult:
    """Execute and render the report notebooks; see the module docstring for the layout.

    Raises :class:`ReportsError` for a bad request (then nothing is run or written); a
    notebook that fails gives ``RunResult(ok=False)`` after the others have finished.
    """
    stream = stream or sys.stderr
    clock, run_started = time.monotonic(), _utc_now()
    _skip_slow_optional_imports()
    corpus_path = Path(corpus).resolve() if corpus not in (None, "") else seeds_dir().resolve()
    if not corpus_path.exists():
        raise ReportsError(f"corpus {corpus_path} does not exist; pass a folder or file")
    out_path = Path(out).resolve() if out not in (None, "") else outputs_dir()
    nb_folder = Path(notebooks).resolve() if notebooks else notebooks_dir()
    kernel = kernel_spec()

    found = find_notebooks(nb_folder)
    for other in sorted(set(nb_folder.glob("*.ipynb")) - set(found)):
        _say(stream, f"note: skipping {other.name} (report notebooks are named NN-slug.ipynb)")
    all_notebooks = [inspect(p) for p in found]
    by_name = {nb.name: nb for nb in all_notebooks}
    names = list(by_name)
    wanted = [w.strip() for item in only or [] for w in str(item).split(",") if w.strip()]
    chosen = {match_notebook(w, names) for w in wanted}
    targets = [n for n in names if n in chosen] if wanted else names  # reading order
    cfg = load_config(config)
    # Checked once with placeholder folders, so a bad config fails before anything is written.
    plan_parameters(
        all_notebooks, cfg, targets=targets, corpus=corpus_path, data_dirs=dict.fromkeys(targets)
    )
    glance = corpus_glance(corpus_path)
    files = corpus_files(corpus_path)
    fingerprint = _fingerprint(files)
    n_jobs = max(1, min(jobs or usable_cores(), len(targets)))
    _say(
        stream,
        f"storylens reports: {len(targets)} notebook(s), {n_jobs} at a time; corpus "
        f"{corpus_path} ({glance['documents']} documents); output {out_path}",
    )

    with _locked(out_path):
        for stale in [*out_path.glob(".staging-*"), *out_path.glob(".trash-*")]:
            _remove(stale)  # left by a run that was killed; we hold the lock
        staging = out_path / f".staging-{os.getpid()}"
        staging.mkdir()
        plan = plan_parameters(
            all_notebooks,
            cfg,
            targets=targets,
            corpus=corpus_path,
            data_dirs={name: staging / "data" / name for name in targets},
        )
        tasks = [
            _Task(i + 1, len(targets), name, by_name[name].title, str(by_name[name].path),
                  str(staging), plan[name], timeout)
            for i, name in enumerate(targets)
        ]  # fmt: skip
        try:
            results = _run_pool(tasks, n_jobs, stream)
        except BaseException:
            _remove(staging)
            raise

        ok = all(r["status"] == "ok" for r in results.values())
        entries = [_notebook_entry(by_name[n], plan[n], results[n], fingerprint) for n in targets]
        carried = _carried_over(out_path, names, targets, stream) if wanted and ok else []
        manifest = {
            "manifest_version": MANIFEST_VERSION,
            "status": "ok" if ok else "failed",
            "run": {
                "started": run_started,
                "finished": _utc_now(),
                "duration_s": round(time.monotonic() - clock, 2),
                "command": ["python", "-m", "storylens", "reports", *(argv or [])],
                "only": targets if wanted else None,
                "jobs": n_jobs,
                "timeout_s": timeout,
                "kernel": kernel,
                "notebook_folder": _display_path(nb_folder),
            },
            "corpus": {
                "path": str(corpus_path),
                "fingerprint": fingerprint,
                **{k: v for k, v in glance.items() if k != "table"},
                "files": files,
            },
            "config": {
                "path": str(cfg.path) if cfg.path else None,
                "sha256": cfg.sha256,
                "common": cfg.common,
                "notebooks": cfg.per_notebook,
            },
            "packages": package_versions(),
            "notebooks": sorted([*entries, *carried], key=lambda e: names.index(e["name"])),
        }
        _write_run(staging, manifest, glance["table"])
        duration = time.monotonic() - clock
        if ok:
            if wanted:
                _promote_some(staging, out_path, targets)
            else:
                _promote_all(staging, out_path)
            _remove(staging)
            _say(stream, f"reports: {out_path / 'reports' / 'index.html'} ({duration:.1f} s)")
            return RunResult(True, out_path, manifest, [])
        kept = out_path / "failed"
        _remove(kept)
        os.replace(staging, kept)
        failed = [e for e in entries if e["status"] != "ok"]
        for entry in failed:
            _print_failure(stream, entry, kept)
        _say(
            stream,
            f"\n{len(failed)} of {len(entries)} notebook(s) failed ({duration:.1f} s); this run "
            f"is kept in {kept}; the previous reports in {out_path / 'reports'} are unchanged",
        )
        return RunResult(False, out_path, manifest, [e["name"] for e in failed])


def _display_path(path: Path) -> str:
    """A path relative to the current directory when it is inside it, else absolute."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _run_pool(tasks: list[_Task], n_jobs: int, stream) -> dict[str, dict[str, Any]]:
    """Run the tasks across ``n_jobs`` processes, printing progress as they start and end."""
    context = _pool_context()
    events = context.Queue()
    runtime = tempfile.mkdtemp(prefix="storylens-")  # short path: ipc socket names < 108 B
    results: dict[str, dict[str, Any]] = {}
    width = len(str(len(tasks)))
    pool = ProcessPoolExecutor(
        n_jobs, mp_context=context, initializer=_init_worker, initargs=(events, runtime)
    )
    try:
        pending = {pool.submit(_run_one, task): task for task in tasks}
        while pending:
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            _drain(events, stream, width, len(tasks))
            for future in done:
                results[pending.pop(future).name] = future.result()
        pool.shutdown()
        _drain(events, stream, width, len(tasks))
    except BaseException:  # Ctrl-C or a broken worker: stop everything this run started
        _stop(pool, runtime)
        raise
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    return results


def _stop(pool: ProcessPoolExecutor, runtime: str) -> None:
    """Terminate the pool's workers, then the kernels they started (found by pid file)."""
    pool.shutdown(wait=False, cancel_futures=True)
    workers = list((getattr(pool, "_processes", None) or {}).values())
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(5)
    for pid_file in Path(runtime).glob("kernel-*.pid"):
        with contextlib.suppress(ValueError, OSError):
            pid = int(pid_file.read_text())
            # Only a process that is still this kernel (its command line names the file).
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if pid_file.with_suffix(".json").name.encode() in cmdline:
                os.kill(pid, signal.SIGKILL)


def _drain(events, stream, width: int, total: int) -> None:
    while True:
        try:
            kind, index, name, status, seconds = events.get_nowait()
        except queue.Empty:
            return
        if kind == "started":
            _say(stream, f"[{index:>{width}}/{total}] started  {name}")
        else:
            verb = "finished" if status == "ok" else "FAILED  "
            _say(stream, f"[{index:>{width}}/{total}] {verb} {name} in {seconds:.1f} s")


# --------------------------------------------------------------------------- index page

INDEX_TEMPLATE = "reports-index.html.j2"  # in storylens/templates/


def render_index(manifest: dict[str, Any], documents: list[dict[str, Any]]) -> str:
    """The landing page ``reports/index.html`` for a manifest (no scripts, no external files)."""
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["when"] = lambda iso: iso.replace("T", " ").replace("+00:00", " UTC")
    return env.from_string(_template(INDEX_TEMPLATE)).render(
        page_title="storylens reports",
        documents=documents,
        **{k: manifest[k] for k in ("status", "run", "corpus", "config", "packages", "notebooks")},
    )


# --------------------------------------------------------------------------- command line


def _positive(kind: type):
    def parse(text: str):
        value = kind(text)
        if not value > 0 or (isinstance(value, float) and math.isinf(value)):
            raise argparse.ArgumentTypeError(f"must be a positive number, not {text}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m storylens reports",
        description="Execute every report notebook on a corpus and render shareable HTML.",
    )
    parser.add_argument("--corpus", help="folder or file of articles (default: bundled seeds)")
    parser.add_argument("--config", help="YAML file of notebook parameters")
    parser.add_argument("--out", help="output folder (default: outputs/ in the project)")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="render only this notebook (NN-slug, slug or NN; repeat or comma-separate)",
    )
    parser.add_argument(
        "--jobs", type=_positive(int), help="notebooks at once (default: number of usable cores)"
    )
    parser.add_argument(
        "--timeout",
        type=_positive(float),
        default=DEFAULT_TIMEOUT,
        help=f"seconds a single cell may run (default: {DEFAULT_TIMEOUT})",
    )
    parser.add_argument(
        "--notebooks", help="folder of NN-slug.ipynb notebooks (default: notebooks/)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """``python -m storylens reports``: 0 when every report rendered, 1 when one failed,
    2 for a bad request, 130 when interrupted."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        result = run_reports(
            args.corpus,
            out=args.out,
            config=args.config,
            notebooks=args.notebooks,
            only=args.only,
            jobs=args.jobs,
            timeout=args.timeout,
            argv=argv,
        )
    except ReportsError as exc:
        print(f"storylens reports: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("storylens reports: interrupted; previous reports left as they were", file=sys.stderr)
        return 130
    return 0 if result.ok else 1
