"""The grammar of temporal expressions, compiled once from its resources.

``data/timex_patterns.yaml`` holds the building blocks (``{month}``, ``{day}``,
``{number}`` ...) and the context patterns the normalisers test the text around an
expression with; ``data/timex_rules.yaml`` holds the rules, each with its pattern. This
module fills the blocks in (word blocks such as ``{full_month_names}`` are made here from
the word lists of :mod:`storylens.timeline.resources`), compiles every pattern once and
offers them as :data:`CONTEXT` (a namespace: ``CONTEXT.name_after``), :data:`RULE_SPECS`
(the rules' entries, pattern compiled) and :func:`rule_pattern`.

>>> bool(rule_pattern("iso_date").fullmatch("2025-02-21"))
True
>>> bool(rule_pattern("iso_date").fullmatch("2025-02-211"))
False
>>> expand("{day}-{day}", {"day": r"\\d{1,2}"})
'\\\\d{1,2}-\\\\d{1,2}'
"""

from __future__ import annotations

import re
from importlib import resources
from types import SimpleNamespace

import yaml

from storylens.timeline.resources import (
    COUNT_WORDS,
    DAYLIGHT_WORDS,
    DECADE_WORDS,
    EASTER_HOLIDAYS,
    FUTURE_CUES,
    GENERIC_AFTER_TODAY,
    HOLIDAYS,
    MONTHS,
    MOVABLE_HOLIDAYS,
    PAST_CUES,
    QUANTITY_MODS,
    VAGUE_NUMBERS,
    WEEKDAY_HOLIDAYS,
    WEEKDAYS,
    alternation,
    cased,
)

__all__ = ["BLOCKS", "CONTEXT", "RULE_SPECS", "SPACES_RE", "expand", "rule_pattern"]


def _load(name: str) -> dict:
    text = resources.files("storylens").joinpath("data", name).read_text("utf-8")
    return yaml.safe_load(text)


def _is_abbreviation(name: str, names: dict[str, int]) -> bool:
    """A name another, longer name of the same month starts with: "sept", "jun"."""
    return any(o != name and o.startswith(name) and v == names[name] for o, v in names.items())


FULL_MONTHS = [m for m in MONTHS if not _is_abbreviation(m, MONTHS)]
ABBR_MONTHS = [m for m in MONTHS if _is_abbreviation(m, MONTHS)]

# Blocks made from the word lists (the other blocks are in timex_patterns.yaml).
WORD_BLOCKS = {
    "full_month_names": cased(FULL_MONTHS),
    "abbr_month_names": cased(ABBR_MONTHS),
    "weekday_names": cased([w for w in WEEKDAYS if len(w) > 4]),  # "Thursday", "Thurs"
    "number_words": alternation(COUNT_WORDS),
    "vague_numbers": alternation(VAGUE_NUMBERS),
    "future_cues": alternation(FUTURE_CUES),
    "past_cues": alternation(PAST_CUES),
    "holiday_names": cased(
        list(HOLIDAYS) + MOVABLE_HOLIDAYS + list(WEEKDAY_HOLIDAYS) + list(EASTER_HOLIDAYS)
    ),
    "decade_words": "|".join(DECADE_WORDS),
    "daylight_words": alternation(DAYLIGHT_WORDS),
    "generic_after_today": alternation(GENERIC_AFTER_TODAY),
    "quantity_qualifiers": alternation(QUANTITY_MODS),
}

# A building block in a pattern: "{month}" (accepts); "{1,3}", a repetition (rejects)
BLOCK_RE = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
# Whitespace runs, collapsed by anchoring.norm: "this  past" (accepts); "this" (rejects)
SPACES_RE = re.compile(r"\s+")


def _source(pattern: str | list[str]) -> str:
    """A pattern written as one string or as a list of pieces joined without spaces."""
    return pattern if isinstance(pattern, str) else "".join(pattern)


def expand(source: str, blocks: dict[str, str]) -> str:
    """``source`` with each ``{name}`` replaced by that (already expanded) block; an
    unknown name is an error naming the known ones."""

    def block(m: re.Match) -> str:
        if m[1] not in blocks:
            raise KeyError(f"pattern block {{{m[1]}}} is not defined; known: {', '.join(blocks)}")
        return blocks[m[1]]

    return BLOCK_RE.sub(block, source)


def _expand_blocks(written: dict[str, str | list[str]]) -> dict[str, str]:
    """The blocks of timex_patterns.yaml, each expanded over the blocks before it."""
    blocks = dict(WORD_BLOCKS)
    for name, pattern in written.items():
        blocks[name] = expand(_source(pattern), blocks)
    return blocks


_PATTERNS = _load("timex_patterns.yaml")
BLOCKS: dict[str, str] = _expand_blocks(_PATTERNS["blocks"])


def compile_pattern(pattern: str | list[str], where: str) -> re.Pattern:
    """A pattern of the resources compiled, its blocks filled in; an error names it."""
    try:
        return re.compile(expand(_source(pattern), BLOCKS))
    except (re.error, KeyError) as err:
        raise ValueError(f"{where}: {err}") from err


CONTEXT = SimpleNamespace(
    **{
        name: compile_pattern(p, f"timex_patterns.yaml context {name}")
        for name, p in _PATTERNS["context"].items()
    }
)
RULE_SPECS: list[dict] = [
    {**spec, "pattern": compile_pattern(spec["pattern"], f"timex_rules.yaml rule {spec['name']}")}
    for spec in _load("timex_rules.yaml")["rules"]
]
_RULE_PATTERNS = {spec["name"]: spec["pattern"] for spec in RULE_SPECS}


def rule_pattern(name: str) -> re.Pattern:
    """The compiled pattern of the rule ``name`` of timex_rules.yaml."""
    return _RULE_PATTERNS[name]
