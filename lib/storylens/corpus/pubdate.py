"""Where an article's publication date comes from.

In order (the ``date_source`` of each): the metadata (``metadata``), the file itself (a
leading ``date YYYY-MM-DD`` line, HTML metadata, a CSV/JSONL column: ``header``), a date in
the article's URL (``/2010/07/14/``: ``url``), a "Published …"/"Updated …" line near the
top (``published_line``; a "Published" line beats an "Updated" one), a dateline with a date
("WASHINGTON, Dec. 1, 2010 —": ``dateline``), else the latest full date written in the text
(``inferred``, :func:`storylens.lexicon.latest_full_date`), else ``unknown``. The body's
latest date is used only when nothing better exists: a 2010 article that recalls
"Sept. 11, 2001" is dated by its URL or its dateline when it has one. The full-date grammar
itself lives in the lexicon; this module reads the header line, the URL and the top lines.

>>> header_date(" date 2025-02-21 As Washington ...")
HeaderDate(date=datetime.date(2025, 2, 21), end=17)
>>> choose_date({"header_date": None, "file_date": None,
...              "inferred_date": date(2025, 2, 19)}, None)
DateChoice(published=datetime.date(2025, 2, 19), source='inferred')
>>> url_date("https://www.huffingtonpost.com/2010/12/01/senate-gop-bluff_n_790666.html")
datetime.date(2010, 12, 1)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from storylens.lexicon import FULL_DATE, YEAR, latest_full_date, parse_full_date

__all__ = [
    "FULL_DATE",
    "DATELINE_PLACE",
    "HEADER_DATE",
    "NUMERIC_DATE",
    "STAMP_LINE",
    "URL_DATE",
    "YEAR",
    "DateChoice",
    "HeaderDate",
    "TextDate",
    "choose_date",
    "header_date",
    "text_date",
    "url_date",
    "latest_full_date",
    "parse_full_date",
]

# A leading date marker on the first line: accepts " date 2025-02-21 As Washington ...",
# "Date: 2025-02-21"; rejects "Dated agreements from 2025-02-21" (no marker word alone).
HEADER_DATE = re.compile(r"\A\s*(?:date|published|dateline)\s*:?\s*(\d{4}-\d{2}-\d{2})\b\s*", re.I)


# A date in a URL's path: accepts "/2010/07/14/", "/2014/04/25/federal-...", "/2010-07-14/";
# rejects "/2010/07/" (no day) and "_n_7276584.html".
URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?=[/_.?#-]|$)")
# A "Published"/"Updated" line and what follows the word: accepts "Published November 17,
# 2017", "Updated: Wed, Dec. 1, 2010", "Posted on 12/01/2010 5:28 pm", "First published
# Jan. 22, 2018"; rejects "Updated figures show ..." (no date follows: see text_date) and
# "He published it on ..." (not at the start of a line).
STAMP_LINE = re.compile(
    r"^[ \t]*(?:(?P<pub>(?:first[ \t]+)?published|posted)|(?P<upd>(?:last[ \t]+)?updated))"
    r"\b[ \t]*(?:on\b|at\b)?[ \t]*:?[ \t]*"
    r"(?:[a-z]{3,9}day|mon|tue|wed|thu|fri|sat|sun)?\.?,?[ \t]*",
    re.I | re.M,
)
# A numeric US date: accepts "12/01/2010", "7/14/2010"; rejects "12/01" and "1/2010".
NUMERIC_DATE = re.compile(r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d{2})\b")
# The place of a dateline, up to where its date starts: accepts "WASHINGTON, ", "NEW YORK
# (Reuters) ", "ST. LOUIS, Mo., " (a state, not a month: "WASHINGTON, Dec. 1"); rejects
# "Washington, " (not capitals) and "FBI agents ".
DATELINE_PLACE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'-]+(?:[ \t]+[A-Z][A-Z.'-]+)*"
    r"(?:,[ \t]+(?!(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)[A-Z][a-z]{1,4}\.)?"
    r"[ \t]*(?:\([A-Za-z. ]+\))?[ \t]*,?[ \t]*(?=[A-Z0-9])",
    re.M,
)
# What ends a dateline's date: accepts " — ", " -- ", ": ", " - "; rejects ", the Senate".
DATELINE_END = re.compile(r"[ \t]*(?:—|–|--?|:)")
# A URL, a "Published" line or a dateline is looked for in this many characters of the top.
TOP_CHARS = 1500


class TextDate(NamedTuple):
    """A publication date written at the top of an article and where: ``published_line``
    or ``dateline``."""

    date: date
    source: str


class HeaderDate(NamedTuple):
    """The date of a leading date marker and where the marker ends in its line."""

    date: date
    end: int


class DateChoice(NamedTuple):
    """The publication date chosen for a document and where it came from: ``metadata``,
    ``header`` (the file itself), ``url``, ``published_line``, ``dateline``, ``inferred``
    (the latest full date in the text) or ``unknown``."""

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


def url_date(url: str | None) -> date | None:
    """The date in a URL's path ("/2010/07/14/"), or None (also for an impossible date)."""
    match = URL_DATE.search(url or "")
    if match is None:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def _date_at(line: str, pos: int) -> tuple[date, int] | None:
    """The full or numeric date starting at ``line[pos]`` and where it ends, or None."""
    match = FULL_DATE.match(line, pos) or NUMERIC_DATE.match(line, pos)
    if match is None:
        return None
    if "m" in match.groupdict():
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"])), match.end()
        except ValueError:
            return None
    found = parse_full_date(match)
    return (found, match.end()) if found else None


def _stamp_date(top: str) -> date | None:
    """The date of the first "Published" line at the top, else of the first "Updated" one."""
    stamps: dict[str, date] = {}
    for match in STAMP_LINE.finditer(top):
        found = _date_at(top, match.end())
        if found is not None:
            stamps.setdefault("pub" if match["pub"] else "upd", found[0])
    return stamps.get("pub") or stamps.get("upd")


def _dateline_date(top: str) -> date | None:
    """The date of the first dateline with a date at the top ("WASHINGTON, Dec. 1, 2010 —")."""
    for match in DATELINE_PLACE.finditer(top):
        found = _date_at(top, match.end())
        if found is not None and DATELINE_END.match(top, found[1]):
            return found[0]
    return None


def text_date(text: str | None) -> TextDate | None:
    """The publication date written at the top of an article: a "Published …"/"Updated …"
    line, else a dateline with a date; None when there is neither.

    >>> text_date("Senate GOP vows to block bills\\n\\nWASHINGTON, Dec. 1, 2010 — Every ...")
    TextDate(date=datetime.date(2010, 12, 1), source='dateline')
    """
    top = (text or "")[:TOP_CHARS]
    if (stamped := _stamp_date(top)) is not None:
        return TextDate(stamped, "published_line")
    if (dated := _dateline_date(top)) is not None:
        return TextDate(dated, "dateline")
    return None


def choose_date(doc: Mapping, record: Mapping | None) -> DateChoice:
    """The publication date of a document record (with ``header_date``, ``file_date``,
    ``inferred_date``, and ``url`` and ``raw`` when known) given its metadata record (or
    None); see the module's docstring for the order."""
    if record is not None and record.get("published"):
        return DateChoice(record["published"], "metadata")
    if doc.get("header_date") or doc.get("file_date"):
        return DateChoice(doc.get("header_date") or doc.get("file_date"), "header")
    if (in_url := url_date(doc.get("url"))) is not None:
        return DateChoice(in_url, "url")
    if (written := text_date(doc.get("raw") or doc.get("text"))) is not None:
        return DateChoice(written.date, written.source)
    if doc.get("inferred_date"):
        return DateChoice(doc["inferred_date"], "inferred")
    return DateChoice(None, "unknown")
