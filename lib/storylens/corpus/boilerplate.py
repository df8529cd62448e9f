"""Which lines of an article are not the article: the rules and the line cleaner.

The rules are data (``data/boilerplate.yaml``: reason -> whole-line patterns); this module
compiles them once, tells captions from prose, and splits an article's lines into the
kept ones (``title``, ``body``, ``caption``) and the removed ones (with a reason).

>>> cleaned = clean_lines("date 2025-02-21 Peace plan faces test\\n\\nRussia said no.\\n0 Comments")
>>> [line.role for line in cleaned.kept], [line.reason for line in cleaned.removed]
(['title', 'body'], ['date header', 'comments counter'])
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from datetime import date
from importlib import resources
from typing import NamedTuple

import yaml

from storylens.corpus.errors import CorpusError
from storylens.corpus.pubdate import header_date
from storylens.lexicon import FULL_DATE

__all__ = [
    "CAPTION_CREDIT",
    "CAPTION_MARKER",
    "CAPTION_TRAILING_DATE",
    "DATED_NOTE",
    "SENTENCE_END",
    "WORD",
    "CleanedLines",
    "KeptLine",
    "RemovedLine",
    "boilerplate_reason",
    "clean_lines",
    "is_caption",
]

# Photo captions. Accepts "... Paris, France, Feb. 17, 2025. (AP Photo)" (credit at the
# end) and "... (pictured with JD Vance) has encouraged ..."; rejects a sentence that
# merely mentions "photos".
CAPTION_CREDIT = re.compile(
    r"\((?:[A-Z][\w.&/ -]{0,40})?(?:photo|photos|images|pool|file)\b[^)]{0,60}\)\s*\Z", re.I
)
# A position marker in words: accepts "(pictured with JD Vance)", "(left)", "(L to R)";
# rejects the party-state tags "(R-Ky.)", "(R)", "(D)", "(R.I.)" (a lone letter is a
# party, not a position: "(L) greets ..." is a caption only by its credit or date).
CAPTION_MARKER = re.compile(
    r"\((?:pictured|left|right|center|centre|from left|L to R|L-R)\b[^)]{0,60}\)", re.I
)
# A note line that ends in a date but is no caption: accepts "Correction: December 1, 2010",
# "UPDATE: Jan. 5, 2019"; rejects "Kyiv, Feb. 19, 2025".
DATED_NOTE = re.compile(r"(?:correction|clarification|update|updated|editor's note)\b", re.I)
# A line ending in a full date with no closing punctuation ("... Ukraine on February 18,
# 2025"): how agencies date a photo. Rejects "... signed on February 18, 2025." (a sentence).
CAPTION_TRAILING_DATE = re.compile(rf"(?:{FULL_DATE.pattern})\s*\Z", re.I)
# The end of a sentence: accepts "unacceptable." and "said so.”"; rejects "Peacekeepers".
SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*\s*\Z")
# A word of letters: accepts "Anglo-French", "Ukraine’s"; rejects "30,000".
WORD = re.compile(r"[^\W\d_][\w'’-]*")


class KeptLine(NamedTuple):
    """A line of article text: its 1-based number, text and role (title, body, caption)."""

    line_no: int
    text: str
    role: str


class RemovedLine(NamedTuple):
    """A line that is not article text: its 1-based number, text and the reason."""

    line_no: int
    text: str
    reason: str


class CleanedLines(NamedTuple):
    """What :func:`clean_lines` makes of an article (unpacks as ``kept, removed, date``)."""

    kept: list[KeptLine]
    removed: list[RemovedLine]
    header_date: date | None


@dataclasses.dataclass(frozen=True)
class _Rules:
    pattern: re.Pattern[str]  # one alternation; the name of the group that matched
    reasons: dict[str, str]  # group name -> reason
    tail_reasons: frozenset[str]
    after_end_reason: str


def _checked(reason: str, pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as err:
        raise CorpusError(
            f"boilerplate.yaml: reason {reason!r} has a bad pattern {pattern!r}: {err}"
        ) from err
    return pattern


@functools.cache
def _boilerplate_rules() -> _Rules:
    raw = resources.files("storylens").joinpath("data", "boilerplate.yaml").read_text("utf-8")
    spec = yaml.safe_load(raw)
    groups, reasons = [], {}
    for reason, patterns in spec["reasons"].items():
        for pattern in patterns:
            name = f"r{len(groups)}"
            groups.append(f"(?P<{name}>{_checked(reason, pattern)})")
            reasons[name] = reason
    # One alternation tried once per line; the first listed pattern that matches wins.
    pattern = re.compile("|".join(groups), re.I)
    return _Rules(pattern, reasons, frozenset(spec["tail_reasons"]), spec["after_end_reason"])


def boilerplate_reason(line: str) -> str | None:
    """The reason ``line`` is not article text, or None when it may be article text.

    >>> boilerplate_reason("0 Comments"), boilerplate_reason("google cta")
    ('comments counter', 'navigation')
    >>> boilerplate_reason("Russia has flatly rejected the idea.") is None
    True
    """
    rules = _boilerplate_rules()
    match = rules.pattern.fullmatch(line.strip())
    return rules.reasons[match.lastgroup] if match else None


def is_caption(line: str) -> bool:
    """Whether a line reads as a photo caption rather than article prose.

    >>> is_caption("Ukraine's President Volodymyr Zelenskyy gives a press conference, "
    ...            "Kyiv, Feb. 19, 2025. (AP Photo)")
    True
    >>> is_caption("U.S. Defense Secretary Pete Hegseth has ruled out American ground forces.")
    False
    """
    text = line.strip()
    if CAPTION_CREDIT.search(text) or CAPTION_MARKER.search(text):
        return True
    if DATED_NOTE.match(text):
        return False
    return not SENTENCE_END.search(text) and bool(CAPTION_TRAILING_DATE.search(text))


def _opening_role(text: str, rest: Sequence[str]) -> str | None:
    """For the first candidate line: ``section label`` (removed), ``title``, or None
    (an ordinary line). ``rest`` are the lines after it."""
    n_words = len(WORD.findall(text))
    ends = bool(SENTENCE_END.search(text))
    if n_words <= 2 and not ends:
        return "section label"  # "Peacekeepers" above a headline
    short = n_words <= 10 or (n_words <= 20 and not ends)
    if short and any(line.strip() for line in rest) and not is_caption(text):
        return "title"
    return None


def _take_header_date(line: str, removed: list[RemovedLine]) -> tuple[date | None, str]:
    """The date of a leading date marker on the first line (recorded as removed) and
    the rest of the line."""
    header = header_date(line)
    if header is None:
        return None, line
    removed.append(RemovedLine(1, line[: header.end], "date header"))
    return header.date, line[header.end :]


def clean_lines(raw: str, title: str | None = None) -> CleanedLines:
    """Split an article into kept lines and removed lines.

    ``title``: a headline given apart from the text (a JSONL/CSV/JSON field); it becomes
    the first kept line (line 0, role ``title``), and a copy of it opening the text is
    removed as a repeated title. Returns ``(kept, removed, header_date)``: ``kept`` holds
    ``(line_no, text, role)`` with role ``title``, ``body`` or ``caption``; ``removed``
    holds ``(line_no, text, reason)``; ``header_date`` is the date of a leading date
    marker, which is taken out of the line. Line numbers are 1-based in ``raw``.
    """
    rules = _boilerplate_rules()
    kept: list[KeptLine] = []
    removed: list[RemovedLine] = []
    header, in_tail = None, False
    if title is not None:
        kept.append(KeptLine(0, title, "title"))
    lines = raw.splitlines()
    for i, line in enumerate(lines, start=1):
        if i == 1 and line.strip():
            header, line = _take_header_date(line, removed)
        text = line.strip()
        if not text:
            continue
        reason = boilerplate_reason(text) or (rules.after_end_reason if in_tail else None)
        if reason is not None:
            removed.append(RemovedLine(i, text, reason))
            in_tail = in_tail or reason in rules.tail_reasons
            continue
        if title is not None and text == title and len(kept) <= 3:
            removed.append(RemovedLine(i, text, "repeated title"))
            continue
        role = _opening_role(text, lines[i:]) if not kept and title is None else None
        if role == "section label":
            removed.append(RemovedLine(i, text, role))
            continue
        if role == "title":
            title = text
        kept.append(KeptLine(i, text, role or ("caption" if is_caption(text) else "body")))
    return CleanedLines(kept, removed, header)
