"""The typed records a normaliser returns: :class:`Timex` and the :class:`Period` it tells."""

from __future__ import annotations

import dataclasses
from typing import NamedTuple


class Period(NamedTuple):
    """A reporting period an expression tells later ones about: ``span`` "quarter" (with
    the (year, quarter) told) or "year" ("the first nine months", quarter None)."""

    span: str
    quarter: tuple[int, int] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Timex:
    """One normalised expression: its TIMEX3 ``type``, ``value``, ``granularity``,
    ``mod``, whether it is ``relative`` and ``resolved`` (see
    :func:`~storylens.timeline.tagger.extract_timexes`); ``span_start`` moves the start of
    the span ("for months": "months"), ``period`` is what it tells later expressions."""

    type: str
    value: str
    granularity: str
    mod: str = ""
    relative: bool = False
    resolved: bool = False
    span_start: int | None = None
    period: Period | None = None


def anchored(type_: str, value: str, gran: str, *, mod: str = "", **kw) -> Timex:
    """A relative expression resolved against an anchor."""
    return Timex(type_, value, gran, mod, relative=True, resolved=True, **kw)


def unanchored(type_: str, value: str, gran: str, *, mod: str = "") -> Timex:
    """A relative expression with nothing to anchor it (its value keeps X parts)."""
    return Timex(type_, value, gran, mod, relative=True)
