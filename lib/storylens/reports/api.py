"""What a report notebook calls: deterministic CSVs, and the small choices all four share.

Importing this module (or ``from storylens.reports import save_table``) loads no Jupyter
package: it needs only pandas and :mod:`storylens.corpus`.

* :func:`save_table` writes the data behind a chart or table as a deterministic CSV,
  :func:`data_path` says where it goes, :func:`table_csv` gives its exact text;
* :func:`sentence_roles` turns a notebook's ``include_captions`` parameter into the
  sentence roles an analysis reads;
* :func:`source_column` labels each row of a table with its source ("outlet, 21 Feb 2025",
  :func:`storylens.reports.labels.source_labels`);
* :func:`default_kinds` picks the figures' headline kind from the corpus, not the story.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from storylens.lexicon import words
from storylens.paths import outputs_dir
from storylens.reports.labels import source_labels

__all__ = [
    "FLOAT_FORMAT",
    "TABLE_NAME",
    "PROSE_ROLES",
    "ALL_ROLES",
    "data_dir_or_default",
    "data_path",
    "table_csv",
    "save_table",
    "sentence_roles",
    "source_column",
    "with_source",
    "mark_discovered",
    "default_kinds",
]

FLOAT_FORMAT = "%.10g"  # CSV floats: 10 significant digits, so re-runs agree byte for byte
# A table name for save_table: "kwic_troops" or "articles-by-month" yes, "../x" or
# "sources.csv" no.
TABLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")
PROSE_ROLES = ("title", "body")  # headline and article text
ALL_ROLES = ("title", "body", "caption")  # photo captions too


def data_dir_or_default(data_dir: str | os.PathLike[str] = "") -> Path:
    """``data_dir`` as a path; "" means ``outputs/data`` (a notebook run by hand).

    >>> data_dir_or_default("/tmp/run/data/01-timeline").as_posix()
    '/tmp/run/data/01-timeline'
    """
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
    return data_dir_or_default(data_dir) / f"{name}.csv"


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


def sentence_roles(*, include_captions: bool) -> tuple[str, ...]:
    """The sentence roles an analysis reads: headline and body, plus captions if asked.

    >>> sentence_roles(include_captions=False)
    ('title', 'body')
    >>> sentence_roles(include_captions=True)
    ('title', 'body', 'caption')
    """
    return ALL_ROLES if include_captions else PROSE_ROLES


def source_column(
    doc_ids: pd.Series, documents: pd.DataFrame, *, sep: str | None = None
) -> pd.Series:
    """The source label (:func:`storylens.reports.labels.source_labels`) of each doc id.

    Returns a Series aligned with ``doc_ids``: "outlet, 21 Feb 2025" for each id, missing
    for an id not in ``documents``. With ``sep``, each value is a list of ids joined by
    ``sep`` (``timeline_events``' ``doc_ids``) and becomes their labels joined the same way.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["AP", "BBC"],
    ...                      "published": pd.to_datetime(["2025-02-21", "2025-03-02"]),
    ...                      "date_source": ["header", "header"]})
    >>> source_column(pd.Series(["b", "a", "b"]), docs).tolist()
    ['BBC, 2 Mar 2025', 'AP, 21 Feb 2025', 'BBC, 2 Mar 2025']
    >>> source_column(pd.Series(["a; b"]), docs, sep="; ").tolist()
    ['AP, 21 Feb 2025; BBC, 2 Mar 2025']
    """
    labels = source_labels(documents)
    if sep is None:
        return doc_ids.map(labels)
    return doc_ids.map(lambda ids: sep.join(labels[d] for d in ids.split(sep)))


def with_source(
    table: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    doc_id: str = "doc_id",
    name: str = "source",
    sep: str | None = None,
) -> pd.DataFrame:
    """``table`` with a column ``name`` holding the source label of its ``doc_id`` column.

    A copy: the column is added at the end (or replaced where it was); see
    :func:`source_column` for the labels and ``sep``.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "outlet": ["AP"],
    ...                      "published": pd.to_datetime(["2025-02-21"]),
    ...                      "date_source": ["header"]})
    >>> with_source(pd.DataFrame({"doc_id": ["a"], "n": [3]}), docs).to_dict("records")
    [{'doc_id': 'a', 'n': 3, 'source': 'AP, 21 Feb 2025'}]
    """
    return table.assign(**{name: source_column(table[doc_id], documents, sep=sep)})


def mark_discovered(
    table: pd.DataFrame, mentions: pd.DataFrame, *, actor: str = "actor"
) -> pd.DataFrame:
    """``table`` with a ``discovered`` column: True for an actor no registry or story file
    lists, found in the text by :mod:`storylens.actors.discovery` (its ``actor_id`` in
    ``mentions`` starts ``discovered:``). A copy; the column is added at the end.

    >>> mentions = pd.DataFrame({"actor": ["FBI", "Peter Strzok"],
    ...                          "actor_id": ["US-FBI", "discovered:peter-strzok"]})
    >>> table = pd.DataFrame({"actor": ["Peter Strzok", "FBI"]})
    >>> mark_discovered(table, mentions)["discovered"].tolist()
    [True, False]
    """
    ids = mentions.drop_duplicates(actor).set_index(actor)["actor_id"].astype(str)
    found = table[actor].map(ids.str.startswith("discovered:"))
    return table.assign(discovered=found.fillna(False).astype(bool))


def default_kinds(figures: pd.DataFrame, *, top: int = 1) -> list[str]:
    """The corpus' most frequent kinds of figure: the headline chart's default ``kinds``.

    ``figures`` is :func:`storylens.figures.figure_table` (columns ``kind`` and ``claim``).
    Incidental figures ("one problem") and the kinds in the lexicon's
    ``not_headline_kinds`` (a bare number, a duration, an age) do not count; ties go to the
    kind first in alphabetical order. Empty when no figure counts.

    >>> table = pd.DataFrame({"kind": ["money", "troops", "troops", "number", "number", "number"],
    ...                       "claim": ["plan", "plan", "demand", "other", "other", "other"]})
    >>> default_kinds(table)
    ['troops']
    """
    skip = set(words("not_headline_kinds"))
    kept = figures[(figures["claim"] != "incidental") & ~figures["kind"].isin(skip)]
    counts = kept["kind"].value_counts()
    order = sorted(counts.index, key=lambda kind: (-counts[kind], kind))
    return [str(kind) for kind in order[:top]]
