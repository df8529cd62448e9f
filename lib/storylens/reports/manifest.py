"""What a run records about itself: corpus files and hashes, a glance at the corpus,
package versions, the kernel, and one entry per notebook (``manifest.json``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import os
import sys
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from storylens.reports.errors import ReportsError
from storylens.reports.notebooks import KERNEL_NAME, Notebook

__all__ = [
    "MANIFEST_VERSION",
    "KEY_PACKAGES",
    "CellError",
    "NotebookRun",
    "CorpusGlance",
    "utc_now",
    "display_path",
    "sha256_file",
    "corpus_files",
    "fingerprint",
    "files_with_hashes",
    "empty_corpus_message",
    "corpus_glance",
    "package_versions",
    "kernel_spec",
    "previous_manifest",
    "carried_over",
    "notebook_entry",
    "report_code_fingerprint",
    "inputs_key",
    "up_to_date",
]

MANIFEST_VERSION = 1
# Packages whose versions go into the manifest (import name is not needed: dist names).
KEY_PACKAGES = (
    "storylens", "pandas", "numpy", "matplotlib", "seaborn", "nltk", "vaderSentiment",
    "scikit-learn", "pyarrow", "trafilatura", "PyYAML", "papermill", "nbconvert",
    "nbclient", "nbformat", "jupyter_client", "ipykernel",
)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class CellError:
    """Where and why a notebook failed, as the manifest and the terminal report it.

    ``cell_index`` is the failing cell's index in the source notebook (None when the
    failure was not in a cell), ``source_head`` its first lines; ``ename``, ``evalue`` and
    ``traceback`` (without colour codes) the error.
    """

    cell_index: int | None = None
    execution_count: int | None = None
    source_head: str = ""
    ename: str = ""
    evalue: str = ""
    traceback: str = ""


@dataclasses.dataclass(frozen=True)
class NotebookRun:
    """What a worker did with one notebook: status ``ok`` or ``failed``, when, how long,
    the error, and the CSVs it wrote (``{path, sha256}``, relative to the staging folder)."""

    name: str
    started: str
    status: str
    duration_s: float
    error: CellError | None
    data: list[dict[str, str]]
    peak_memory_mb: int | None = None  # the kernel's peak resident memory (None: unknown)


def utc_now() -> str:
    """The current time in UTC, ISO 8601 to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def display_path(path: Path) -> str:
    """A path relative to the current directory when it is inside it, else absolute."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path`` is a regular file that is not a link out of ``root``."""
    try:
        return path.is_file() and path.resolve(strict=True).is_relative_to(root)
    except (OSError, RuntimeError):
        return False


def _corpus_paths(corpus: Path) -> tuple[Path, list[Path]]:
    """The folder paths are relative to, and the corpus's files (hidden ones, links out of
    the folder and special files skipped, as the loader skips them)."""
    if corpus.is_file():
        sidecar = corpus.parent / "metadata.csv"
        extra = [sidecar] if sidecar.exists() and sidecar != corpus else []
        return corpus.parent, [corpus, *extra]
    root = corpus.resolve()
    paths = []
    for folder, dirs, names in os.walk(corpus):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        here = Path(folder)
        paths += [here / n for n in names if not n.startswith(".") and _inside(here / n, root)]
    return corpus, paths


def _hash_or_reason(path: Path) -> str:
    """The file's SHA-256, or why it could not be read (the loader lists it as skipped)."""
    try:
        return sha256_file(path)
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"


def corpus_files(corpus: Path) -> list[dict[str, Any]]:
    """Every file of a corpus (hidden ones skipped) as ``{path, bytes, sha256}``, by path
    (``sha256`` says ``unreadable: ...`` for a file that cannot be read)."""
    root, paths = _corpus_paths(corpus)
    rows = [
        {
            "path": p.relative_to(root).as_posix(),
            "bytes": p.stat().st_size,
            "sha256": _hash_or_reason(p),
        }
        for p in paths
    ]
    return sorted(rows, key=lambda r: r["path"])


def fingerprint(files: Iterable[dict[str, Any]]) -> str:
    """SHA-256 of the corpus's ``SHA256SUMS``-style listing: changes when any file does."""
    listing = "".join(f"{f['sha256']}  {f['path']}\n" for f in files)
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()


def files_with_hashes(folder: Path, base: Path) -> list[dict[str, str]]:
    """Every CSV under ``folder`` as ``{path (relative to base), sha256}``, by path."""
    if not folder.is_dir():
        return []
    return [
        {"path": p.relative_to(base).as_posix(), "sha256": sha256_file(p)}
        for p in sorted(folder.rglob("*.csv"))
    ]


class CorpusGlance(NamedTuple):
    """A corpus at a glance: ``summary`` goes into the manifest, ``documents`` to the index.

    ``summary``: ``documents``, ``outlets`` (name -> articles, most first), ``no_outlet``,
    ``date_min``, ``date_max``, ``undated``, ``sentences``, ``tokens``, ``skipped_files``,
    ``warnings``. ``documents``: one dict per article with ``doc_id, title, first_words,
    outlet, published, date_source, date_note, n_sentences, n_tokens``.
    """

    summary: dict[str, Any]
    documents: list[dict[str, Any]]


def _day(value) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _text_or_none(value) -> str | None:
    return value if isinstance(value, str) else None


FIRST_WORDS = 12  # words of an article's text the index keeps, to name an untitled source


def _first_words(text) -> str | None:
    """The first words of an article's first line ("" lines skipped), or None."""
    line = next((ln for ln in str(text or "").splitlines() if ln.strip()), "")
    return " ".join(line.split()[:FIRST_WORDS]) or None


def _document_rows(docs: pd.DataFrame, published: pd.Series) -> list[dict[str, Any]]:
    """One row per article with what the index's source labels need
    (:func:`storylens.reports.labels.source_labels`: outlet, title or first words,
    ``date_source`` and ``date_note``)."""
    notes = docs["date_note"] if "date_note" in docs else pd.Series(None, index=docs.index)
    texts = docs["text"] if "text" in docs else pd.Series(None, index=docs.index)
    return [
        {
            "doc_id": row.doc_id,
            "title": _text_or_none(row.title),
            "first_words": _first_words(text),
            "outlet": _text_or_none(row.outlet),
            "published": _day(when),
            "date_source": row.date_source,
            "date_note": _text_or_none(note),
            "n_sentences": int(row.n_sentences),
            "n_tokens": int(row.n_tokens),
        }
        for row, when, note, text in zip(
            docs.itertuples(index=False), published, notes, texts, strict=True
        )
    ]


def _load(corpus: Path):
    try:
        from storylens import load_corpus
    except ImportError as exc:  # the loader is part of the package; say so if it is broken
        raise ReportsError(f"cannot import storylens.load_corpus ({exc})") from exc
    try:
        loaded = load_corpus(corpus)
    except Exception as exc:  # the loader's own message (a CorpusError names the folder)
        raise ReportsError(f"cannot load the corpus {corpus}: {exc}") from exc
    if loaded.documents.empty:
        raise ReportsError(empty_corpus_message(corpus, loaded.skipped))
    return loaded


def empty_corpus_message(corpus: Path, skipped: pd.DataFrame, *, shown: int = 5) -> str:
    """Why a corpus of no articles is refused: the folder, and the files skipped with why.

    >>> none = pd.DataFrame(columns=["path", "reason", "detail"])
    >>> empty_corpus_message(Path("news"), none)[:62]
    'the corpus news has no articles: no file in it could be read; '
    """
    lines = [f"{r.path}: {r.reason}" + (f" ({r.detail})" if r.detail else "")
             for r in skipped.head(shown).itertuples(index=False)]  # fmt: skip
    if len(skipped) > shown:
        lines.append(f"... and {len(skipped) - shown:,} more")
    found = (
        (f"{len(skipped):,} file(s) skipped: " + "; ".join(lines))
        if lines
        else ("no file in it could be read")
    )
    return (
        f"the corpus {corpus} has no articles: {found}; give a folder of .txt, .md, .html, "
        f".csv or .jsonl articles (see `python -m storylens corpus {corpus}`)"
    )


def corpus_glance(corpus: Path) -> CorpusGlance:
    """Documents, outlets and date range of a corpus, via :func:`storylens.load_corpus`
    on one process (the first load of a report run, which fills the corpus cache: the
    loader's forked workers send each file's tables back to be stored, which cost more
    than they saved; 100,000 articles: 635 files/s on one process, 433 on two)."""
    loaded = _load(corpus)
    docs = loaded.documents
    published = pd.to_datetime(docs["published"], errors="coerce")
    outlets = docs["outlet"].where(docs["outlet"].map(lambda v: isinstance(v, str) and v != ""))
    counts = outlets.dropna().value_counts()
    counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    summary = {
        "documents": len(docs),
        "outlets": {str(k): int(v) for k, v in counts.items()},  # most articles first
        "no_outlet": int(outlets.isna().sum()),
        "date_min": _day(published.min()),
        "date_max": _day(published.max()),
        "undated": int(published.isna().sum()),
        "sentences": int(docs["n_sentences"].sum()),
        "tokens": int(docs["n_tokens"].sum()),
        "skipped_files": len(loaded.skipped),
        "warnings": list(loaded.warnings),
    }
    return CorpusGlance(summary, _document_rows(docs, published))


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
    """The project's kernelspec (installed into this environment by ``make env``):
    ``{name, resource_dir, argv}``."""
    folder = Path(sys.prefix) / "share" / "jupyter" / "kernels" / name
    spec_file = folder / "kernel.json"
    if not spec_file.is_file():
        raise ReportsError(
            f"the Jupyter kernel {name!r} is not installed in {sys.prefix}; run `make env` "
            f"or `{sys.executable} -m ipykernel install --sys-prefix --name {name}`"
        )
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    return {"name": name, "resource_dir": str(folder), "argv": spec.get("argv", [])}


def previous_manifest(out: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The manifest of the last run in ``out`` (None when there is none), and a note
    saying why it was ignored when it could not be read."""
    path = out / "manifest.json"
    if not path.exists():
        return None, None
    try:
        return json.loads(path.read_text(encoding="utf-8")), None
    except (OSError, ValueError) as exc:
        return None, f"note: ignoring unreadable {path} ({exc})"


def carried_over(
    previous: dict[str, Any] | None, out: Path, names: Sequence[str], targets: Sequence[str]
) -> list[dict[str, Any]]:
    """Manifest entries of the notebooks an ``--only`` run leaves as they were."""
    return [
        entry
        for entry in (previous or {}).get("notebooks", [])
        if entry.get("name") in names
        and entry["name"] not in targets
        and all((out / entry["outputs"][k]).exists() for k in ("executed", "html"))
    ]


@functools.cache
def report_code_fingerprint() -> str:
    """A hash of every file of the installed library (code, data files, templates, styles)
    and of the key package versions: a report made by other code is never reused."""
    package = Path(str(resources.files("storylens")))
    digest = hashlib.sha256(json.dumps(package_versions(), sort_keys=True).encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def inputs_key(source_sha256: str, params: dict[str, Any], corpus_id: str, story_sha: str | None):
    """What a notebook's outputs depend on, as one hash: the notebook's source, its
    parameters (config values and story included; not ``data_dir``, the run's own folder),
    the corpus files, the story file and :func:`report_code_fingerprint`."""
    kept = {k: v for k, v in params.items() if k != "data_dir"}
    parts = [source_sha256, json.dumps(kept, sort_keys=True, default=str), corpus_id,
             story_sha or "", report_code_fingerprint()]  # fmt: skip
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def up_to_date(previous: dict[str, Any] | None, out: Path, keys: dict[str, str]) -> list[str]:
    """The names of ``keys`` (name -> :func:`inputs_key`) whose last run in ``out`` was ok,
    with the same key, and whose outputs (executed notebook, both HTML files, data folder)
    are all still there: their reports would come out the same, so they are kept."""
    kept = []
    for entry in (previous or {}).get("notebooks", []):
        name, outputs = entry.get("name"), entry.get("outputs") or {}
        paths = [outputs.get(k) for k in ("executed", "html", "share_html")]
        if (
            name in keys
            and entry.get("status") == "ok"
            and entry.get("inputs_key") == keys[name]
            and all(p and (out / p).is_file() for p in paths)
            and (out / "data" / name).is_dir()
        ):
            kept.append(name)
    return kept


def notebook_entry(
    nb: Notebook, params: dict[str, Any], run: NotebookRun, corpus_id: str, key: str = ""
):
    """One notebook's record in the manifest (paths relative to the output folder);
    ``key``: its :func:`inputs_key`."""
    ok = run.status == "ok"
    return {
        "name": nb.name,
        "title": nb.title,
        "question": nb.question,
        "source": display_path(nb.path),
        "source_sha256": sha256_file(nb.path),
        "parameters": dict(params, data_dir=f"data/{nb.name}"),
        "status": run.status,
        "started": run.started,
        "duration_s": run.duration_s,
        "peak_memory_mb": run.peak_memory_mb,
        "corpus_fingerprint": corpus_id,
        "inputs_key": key,
        "outputs": {
            "executed": f"notebooks/{nb.name}.ipynb",
            "html": f"reports/{nb.name}.html",
            "share_html": f"reports/{nb.name}.share.html" if ok else None,
            "data": run.data,
        },
        "error": dataclasses.asdict(run.error) if run.error else None,
    }
