"""From the files' document records to the corpus tables: metadata applied, each date
chosen, duplicate texts dropped, doc_ids made unique (the corpus-level step)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa

from storylens.corpus.columns import DOCUMENT_COLUMNS
from storylens.corpus.file_tables import CachedTable
from storylens.corpus.metadata import clean_str, metadata_lookup
from storylens.corpus.pubdate import choose_date
from storylens.corpus.reading import Skipped

__all__ = ["Assembled", "TableOnDemand", "assemble_documents", "concat_table"]

IdMap = dict[tuple[int, str], str | None]  # (file_no, doc_id as read) -> doc_id or None


@dataclasses.dataclass
class Assembled:
    """The documents table; the new doc_id of each ``(file_no, old doc_id)`` (None for a
    dropped duplicate); the duplicates as skipped rows; warnings about renamed ids and
    metadata rows that match no article."""

    documents: pd.DataFrame
    new_ids: IdMap
    skipped: list[Skipped]
    warnings: list[str]


def _unique_id(old_id: str, seen: set[str]) -> str:
    """``old_id``, or ``old_id-2``, ``-3``, ... when it is already used (same stem in two
    folders: both are kept, renamed)."""
    new_id, n = old_id, 1
    while new_id in seen:
        n += 1
        new_id = f"{old_id}-{n}"
    return new_id


def _emptied(doc: dict) -> str:
    """Why a document with no sentence is listed: every line was boilerplate."""
    first = next((line.strip() for line in (doc.get("raw") or "").splitlines() if line.strip()), "")
    return (f"every line is boilerplate (navigation, appeals, credits; the first: "
            f"{first[:60]!r}); if it is an article, see data/boilerplate.yaml")  # fmt: skip


def _metadata_record(doc: dict, lookup: dict[str, dict]) -> tuple[str, dict | None]:
    """The lookup key of a document (its file path, else its file name) and its record."""
    file_path = doc["path"].split("#")[0]
    key = file_path if file_path in lookup else Path(file_path).name
    return key, lookup.get(key)


def _dated(doc: dict, record: dict | None) -> dict:
    """``doc`` with what its metadata record says and its chosen publication date."""
    note = None
    if record is not None:
        for column in ("title", "outlet", "url"):
            if clean_str(record.get(column)):
                doc[column] = clean_str(record[column])
        note = clean_str(record.get("date_note"))
    published, source = choose_date(doc, record)
    doc.update(published=published, date_source=source, date_note=note)
    return doc


def _unmatched(lookup: dict[str, dict], used: set[str], skipped: list[Skipped], root) -> list:
    skipped_files = {Path(s[0].split("#")[0]) for s in skipped}
    return [
        f"metadata row {record['row']} (file {record['file']!r}) matches no article"
        f" in {record['folder'] or root}; check the file name"
        for key, record in lookup.items()
        if key not in used and Path(key) not in skipped_files
    ]


def _documents_table(
    rows: list[dict], texts: pa.Table | None = None, positions: list[int] | None = None
) -> pd.DataFrame:
    """The documents frame of the kept records; ``texts`` (the ``text`` and ``raw`` of
    every record, when the records leave them out) gives those two columns, taken at
    the kept records' ``positions``."""
    if not rows:
        return pd.DataFrame(columns=DOCUMENT_COLUMNS)
    documents = pd.DataFrame(rows)
    if texts is not None:
        documents = documents.drop(columns=texts.column_names, errors="ignore")
        if positions != list(range(texts.num_rows)):  # duplicates dropped: take the others
            texts = texts.take(pa.array(positions, pa.int64()))
        for name in texts.column_names:
            documents[name] = texts.column(name).to_pandas()
    documents["published"] = pd.to_datetime(documents["published"])
    for column in ("n_sentences", "n_tokens"):
        documents[column] = documents[column].astype("int64")
    for column in ("title", "outlet", "url", "date_note"):
        documents[column] = documents[column].astype(object).where(documents[column].notna(), None)
    return documents[DOCUMENT_COLUMNS].reset_index(drop=True)


def assemble_documents(
    records: Iterable[dict],
    *,
    metadata: pd.DataFrame | None,
    root: Path,
    skipped: list[Skipped],
    texts: pa.Table | None = None,
) -> Assembled:
    """Apply metadata, choose each date, drop duplicates, make doc_ids unique.

    ``records`` are the combined document records (with ``file_no``), ``metadata`` the
    normalised metadata (or None), ``root`` the corpus path (named in warnings),
    ``skipped`` the files and rows skipped so far (their metadata rows are not reported
    as unmatched); ``texts``, when the records leave their texts out
    (:func:`~storylens.corpus.file_tables.slim_records`), the ``text`` and ``raw`` of
    each record, row for row.
    """
    lookup = metadata_lookup(metadata)
    used: set[str] = set()
    rows, new_ids, duplicates, renamed = [], {}, [], []
    seen_text: dict[str, str] = {}
    seen_ids: set[str] = set()
    positions = []  # of the kept records
    for position, doc in enumerate(map(dict, records)):
        old_id = doc["doc_id"]
        ids_key = (doc.pop("file_no"), old_id)
        if not doc["n_sentences"]:
            duplicates.append((doc["path"], "nothing left after cleaning", _emptied(doc)))
            new_ids[ids_key] = None
            continue
        if doc["text_sha256"] in seen_text:
            first = seen_text[doc["text_sha256"]]
            duplicates.append((doc["path"], "duplicate", f"same text as {first}; kept once"))
            new_ids[ids_key] = None
            continue
        new_id = _unique_id(old_id, seen_ids)
        if new_id != old_id:
            renamed.append(f"{doc['path']}: doc_id {old_id!r} already used; renamed {new_id!r}")
        new_ids[ids_key] = doc["doc_id"] = new_id
        seen_ids.add(new_id)
        seen_text[doc["text_sha256"]] = new_id
        key, record = _metadata_record(doc, lookup)
        if record is not None:
            used.add(key)
        rows.append(_dated(doc, record))
        positions.append(position)
    unmatched = _unmatched(lookup, used, skipped + duplicates, root)
    table = _documents_table(rows, texts, positions)
    return Assembled(table, new_ids, duplicates, renamed + unmatched)


def concat_table(table: pa.Table, new_ids: IdMap) -> pd.DataFrame:
    """One combined table (with ``file_no``) as pandas, without the rows of dropped
    duplicates and with the renamed doc_ids."""
    if any(old != new for (_, old), new in new_ids.items()):
        keys = zip(
            table.column("file_no").to_pylist(), table.column("doc_id").to_pylist(), strict=True
        )
        ids = [new_ids[k] for k in keys]
        table = table.filter(pa.array([i is not None for i in ids], pa.bool_()))
        table = table.set_column(
            0, "doc_id", pa.array([i for i in ids if i is not None], pa.string())
        )
    return table.drop_columns(["file_no"]).to_pandas()


@dataclasses.dataclass(frozen=True)
class TableOnDemand:
    """A corpus table not made yet: ``source`` is the combined Arrow table (with
    ``file_no``), held or left in the cache (a :class:`CachedTable`); :meth:`frame` makes
    of it the pandas table that :func:`concat_table` would have made at loading."""

    source: pa.Table | CachedTable
    new_ids: IdMap

    def frame(self) -> pd.DataFrame:
        """The table as pandas, dropped duplicates left out, renamed doc_ids applied."""
        source = self.source
        return concat_table(source.read() if isinstance(source, CachedTable) else source,
                            self.new_ids)  # fmt: skip
