"""Where an article's publication date comes from.

In order: the metadata, the file itself (a leading ``date YYYY-MM-DD`` line, HTML
metadata, a CSV/JSONL column), else the latest full date written in the text
(:func:`storylens.lexicon.latest_full_date`). The full-date grammar itself lives in the
lexicon; this module only reads the header line and chooses.

>>> header_date(" date 2025-02-21 As Washington ...")
HeaderDate(date=datetime.date(2025, 2, 21), end=17)
>>> choose_date({"header_date": None, "file_date": None,
...              "inferred_date": date(2025, 2, 19)}, None)
DateChoice(published=datetime.date(2025, 2, 19), source='inferred')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from storylens.lexicon import FULL_DATE, YEAR, latest_full_date, parse_full_date

__all__ = [
    "FULL_DATE",
    "HEADER_DATE",
    "YEAR",
    "DateChoice",
    "HeaderDate",
    "choose_date",
    "header_date",
    "latest_full_date",
    "parse_full_date",
]

# A leading date marker on the first line: accepts " date 2025-02-21 As Washington ...",
# "Date: 2025-02-21"; rejects "Dated agreements from 2025-02-21" (no marker word alone).
HEADER_DATE = re.compile(r"\A\s*(?:date|published|dateline)\s*:?\s*(\d{4}-\d{2}-\d{2})\b\s*", re.I)


class HeaderDate(NamedTuple):
    """The date of a leading date marker and where the marker ends in its line."""

    date: date
    end: int


class DateChoice(NamedTuple):
    """The publication date chosen for a document and where it came from: ``metadata``,
    ``header`` (the file itself), ``inferred`` (the text) or ``unknown``."""

    published: date | None
    source: str


def header_date(line: str) -> HeaderDate | None:
    """The date marker at the start of ``line``, or None (also for an impossible date)."""
    match = HEADER_DATE.match(line)
    if match is None:
        return None
    try:
        return HeaderDate(date.fromisoformat(match.group(1)), match.end())
    except ValueError:
        return None


def choose_date(doc: Mapping, record: Mapping | None) -> DateChoice:
    """The publication date of a document record (with ``header_date``, ``file_date``,
    ``inferred_date``) given its metadata record (or None)."""
    if record is not None and record.get("published"):
        return DateChoice(record["published"], "metadata")
    if doc.get("header_date") or doc.get("file_date"):
        return DateChoice(doc.get("header_date") or doc.get("file_date"), "header")
    if doc.get("inferred_date"):
        return DateChoice(doc["inferred_date"], "inferred")
    return DateChoice(None, "unknown")
