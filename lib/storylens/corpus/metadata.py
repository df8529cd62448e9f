"""The ``metadata.csv`` sidecar: reading it, checking its dates, matching it to files.

A metadata table has a ``file`` column (a file name, relative to the folder of the
``metadata.csv``) and optional ``title, outlet, url, published, date_note``; what it says
wins over what the file itself says.

>>> parse_date("2025-02-21T10:00:00Z", "here"), clean_str("  AP "), clean_str(float("nan"))
(datetime.date(2025, 2, 21), 'AP', None)
"""

from __future__ import annotations

import difflib
import io
import warnings
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

from storylens.corpus.errors import CorpusError

__all__ = [
    "METADATA_COLUMNS",
    "METADATA_FILE",
    "check_columns",
    "clean_str",
    "gather_metadata",
    "metadata_lookup",
    "normalise_metadata",
    "parse_date",
    "read_metadata",
]

METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ["file", "title", "outlet", "url", "published", "date_note"]


def parse_date(value, where: str) -> date | None:
    """A date from metadata; None when empty; :class:`CorpusError` naming ``where`` if bad.

    A date followed by other text ("2025-02-21 or so") is read and warned about, as is a
    date in the future (more than a day after today: a typo for a year, usually).
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        found = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        found = None
    if found is None:
        try:
            found = date.fromisoformat(text[:10])
        except ValueError as err:
            raise CorpusError(
                f"{where}: cannot read the date {text!r}; write it as YYYY-MM-DD or leave it empty"
            ) from err
        warnings.warn(f"{where}: {text!r} read as {found}; the text after the date is "
                      "ignored (put notes in date_note)", stacklevel=2)  # fmt: skip
    if found > date.today() + timedelta(days=1):
        warnings.warn(f"{where}: {found} is in the future; check the year", stacklevel=2)
    return found


def clean_str(value) -> str | None:
    """``value`` as a stripped string, or None when it is missing or blank."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def read_metadata(path: Path) -> pd.DataFrame:
    """Read a ``metadata.csv`` sidecar: ``file, title, outlet, url, published, date_note``.

    ``published`` is parsed to a date; a bad value raises :class:`CorpusError` naming the
    row (as numbered in a spreadsheet, header = row 1) and the column. Returns the table
    as :func:`normalise_metadata` does.
    """
    if not path.exists():
        raise CorpusError(f"metadata file {path} does not exist")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CorpusError(
            f"{path}: cannot be read ({err.strerror}); check its permissions"
        ) from err
    if not data.strip():
        raise CorpusError(f"{path} is empty; give it a header row ({','.join(METADATA_COLUMNS)})"
                          " and one row per file, or delete it")  # fmt: skip
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.warn(f"{path}: not valid UTF-8; read as cp1252 (save it as UTF-8 to be sure "
                      "of its accents)", stacklevel=2)  # fmt: skip
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise CorpusError(
            f"{path}: not a readable CSV ({err}); check its quotes and commas"
        ) from err
    return normalise_metadata(table, label=str(path), folder=str(path.parent))


def check_columns(columns, label: str) -> None:
    """An unknown column that looks like a known one (``publshed``) is a
    :class:`CorpusError` naming the one meant; any other unknown column is a warning."""
    for column in columns:
        if column in METADATA_COLUMNS:
            continue
        close = difflib.get_close_matches(str(column).strip().lower(), METADATA_COLUMNS, 1, 0.75)
        if close:
            raise CorpusError(f"{label}: unknown column {column!r}; did you mean {close[0]!r}? "
                              "rename it (its values would be lost)")  # fmt: skip
        warnings.warn(f"{label}: column {column!r} is not used (the columns read are "
                      f"{', '.join(METADATA_COLUMNS)})", stacklevel=3)  # fmt: skip


def _warn_duplicates(table: pd.DataFrame, label: str) -> None:
    """Warn about files described by more than one row (the last row is used)."""
    rows = {}
    for number, name in zip(table["row"], table["file"], strict=True):
        rows.setdefault(str(name).strip(), []).append(number)
    for name, numbers in rows.items():
        if len(numbers) > 1:
            warnings.warn(f"{label} rows {', '.join(map(str, numbers))} column 'file': all "
                          f"describe {name!r}; row {numbers[-1]} is used",
                          stacklevel=3)  # fmt: skip


def normalise_metadata(table: pd.DataFrame, *, label: str, folder: str) -> pd.DataFrame:
    """Metadata with every column of :data:`METADATA_COLUMNS`, dates parsed (errors name
    ``label``, row and column), ``row`` (the spreadsheet row number) and ``folder`` (the
    folder its file names are relative to)."""
    if "file" not in table.columns:
        raise CorpusError(f"{label}: needs a 'file' column (has {', '.join(table.columns)})")
    check_columns(table.columns, label)
    table = table.copy()
    for column in METADATA_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    table["published"] = [
        parse_date(value, f"{label} row {i + 2} column 'published'")
        for i, value in enumerate(table["published"])
    ]
    table["row"] = range(2, len(table) + 2)
    table["folder"] = folder
    _warn_duplicates(table, label)
    return table


def gather_metadata(
    metadata: str | Path | pd.DataFrame | None, metadata_files: list[Path]
) -> pd.DataFrame | None:
    """The metadata to use: ``metadata`` as given (a path or a table), else every
    ``metadata_files`` found beside the articles, else None."""
    if metadata is None:
        if not metadata_files:
            return None
        return pd.concat([read_metadata(p) for p in metadata_files], ignore_index=True)
    if isinstance(metadata, pd.DataFrame):
        return normalise_metadata(metadata, label="metadata", folder="")
    return read_metadata(Path(metadata))


def metadata_lookup(meta: pd.DataFrame | None) -> dict[str, dict]:
    """Metadata records keyed by the article path they describe (or bare file name)."""
    if meta is None:
        return {}
    lookup = {}
    for record in meta.to_dict("records"):
        name = str(record["file"]).strip()
        key = str(Path(record["folder"]) / name) if record["folder"] else name
        lookup[key] = record
    return lookup
