"""The unit table (``data/units.yaml``): units, currencies and counted nouns.

``load_units`` reads a table into a :class:`UnitTable`; ``match_unit`` finds a unit right
after a number, ``currency_at`` a currency before one.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml

from storylens.figures.words import phrase_alternation, read_data_yaml, rx

# A currency code with a scale letter, common in business copy: "30 MUSD", "MEUR 120",
# "500 kEUR" (M = million, k = thousand). Accepts " MUSD"; rejects " MUSDX" and " musd".
SCALED_CODE_AFTER = rx(r"_B_*(?P<k>[kKM])(?P<c>[A-Z]{3})(?![A-Za-z0-9])")
SCALED_CODE_BEFORE = rx(r"(?<![A-Za-z])(?P<k>[kKM])(?P<c>[A-Z]{3})_B_*$")
_SCALED_CODE_FACTOR = {"k": 1e3, "K": 1e3, "M": 1e6}
# Cents after a sum of money: "3 dollars 50 cents" accepts " 50" then " cents".
MINOR_AMOUNT = rx(r"_B_+(?:(?:and|&)_B_+)?(?=[\da-z])")
MINOR_WORD = rx(r"_B_*(?i:cents?|pence|p|mao)(?![A-Za-z])")
MINOR_CURRENCY = {"cent", "penny", "dime", "nickel", "satoshi"}
# Rate after a unit: "$2 a share", "188 miles an hour", "$15.4/hour", "12-cent-a-share";
# rejects "a year earlier".
RATE = rx(
    r"(?:_B_*/_B_*|_B_+(?P<w>per|a|an|each)_B_+|_B_?-_B_?(?P<hw>a|an|per)_B_?-_B_?)"
    r"(?P<den>[A-Za-z]+)(?![A-Za-z])(?!_B_+(?:earlier|ago|later|before|after|prior|on|from)\b)"
)
RATE_NOUNS = {"share": "share", "head": "head", "person": "person", "capita": "person",
               "piece": "piece", "dozen": "dozen", "unit": "unit", "barrel": "barrel"}  # fmt: skip
# Kinds of unit a price can be quoted per with "a": "$3.45 a gallon", "$2,000 an ounce".
PRICED_KINDS = frozenset({"volume", "mass", "area", "length", "energy", "data"})
# Context that makes "pounds" money: "fined 500 pounds" accepts "fined".
MONEY_CONTEXT = re.compile(
    r"(?i)\b(?:cost|costs|paid|pay|pays|price|priced|fine|fined|worth|spent|spend|sold|"
    r"bought|salary|wage|budget|loan|profit|revenue|sales|bid|raised|£|sterling)\b"
)
# What may follow a guarded unit symbol: "2 in thick" accepts " thick"; rejects " in my".
_GUARD_OK_AFTER = rx(
    r"(?:\s*$|\s*[.,;:!?)\]]|_B_+(?:thick|long|wide|tall|high|deep|across|away|in diameter|"
    r"of|x|by)\b)"
)


@dataclass(frozen=True)
class UnitTable:
    """Units, currencies and counted nouns read from a YAML file like ``data/units.yaml``.

    ``after`` matches a unit right after a number, ``before`` a currency symbol or code
    right before one; ``lookup`` maps every word, symbol and alias (lower case) to the
    unit's normalised name; ``kinds`` maps names to kinds; ``noun_kinds`` counted nouns.
    """

    kinds: dict[str, str]
    lookup: dict[str, str]
    noun_kinds: dict[str, str]
    or_money: dict[str, str]
    guarded: frozenset[str]
    after: re.Pattern = field(repr=False)
    before: re.Pattern = field(repr=False)
    symbols: dict[str, str] = field(repr=False)
    # the last character of each currency that may come before a number ("$", "R" of "EUR")
    before_ends: frozenset[str] = field(default=frozenset(), repr=False)

    def currency_before(self, left: str) -> re.Match | None:
        """``before.search(left)``: the currency that ends ``left`` (blanks after it), as
        in "US$ " before "15"; rejected at once where ``left`` does not end in the last
        character of a currency (the common case)."""
        k = len(left)
        if k and left[k - 1] == "\n":
            k -= 1  # "$" also matches before a final newline
        while k and left[k - 1] in " \t\u00a0\u202f":
            k -= 1
        if self.before_ends and (not k or left[k - 1] not in self.before_ends):
            return None
        return self.before.search(left)

    def canonical(self, name: str | None) -> str | None:
        """The normalised name for a unit word, symbol or alias, or None if unknown."""
        if not name:
            return None
        key = re.sub(r"\s+", " ", name.strip())
        return self.symbols.get(key) or self.lookup.get(key.lower())

    def kind(self, unit: str | None) -> str | None:
        """The kind of a unit ("money", "length", ...), or None if unknown."""
        return self.kinds.get(unit) if unit else None


def load_units(source: str | os.PathLike | Mapping | None = None) -> UnitTable:
    """Read a unit table: the packaged ``data/units.yaml`` (None), a YAML path or a mapping.

    >>> load_units().canonical("kilometers"), load_units().kind("euro")
    ('kilometre', 'money')
    """
    if source is None:
        return packaged_units()
    if isinstance(source, Mapping):
        return _build_units(source, "<mapping>")
    with open(source, encoding="utf-8") as fh:
        return _build_units(yaml.safe_load(fh), os.fspath(source))


@functools.cache
def packaged_units() -> UnitTable:
    return _build_units(read_data_yaml("units.yaml"), "storylens/data/units.yaml")


def _build_units(data: Mapping, origin: str) -> UnitTable:
    if not isinstance(data, Mapping) or "units" not in data:
        raise ValueError(f"{origin}: a unit table needs a top-level 'units:' list")
    kinds: dict[str, str] = {}
    lookup: dict[str, str] = {}
    symbols: dict[str, str] = {}
    or_money: dict[str, str] = {}
    guarded: set[str] = set()
    words: list[str] = []
    symbol_list: list[str] = []
    currency_before: list[str] = []
    for i, unit in enumerate(data["units"]):
        name, kind = unit.get("name"), unit.get("kind")
        if not name or not kind:
            raise ValueError(f"{origin}: unit #{i + 1} ({unit!r}) needs a name and a kind")
        kinds[name] = kind
        lookup[name.lower()] = name
        for w in unit.get("words") or []:
            lookup.setdefault(re.sub(r"\s+", " ", str(w).lower()), name)
            words.append(str(w))
        for s in unit.get("symbols") or []:
            s = str(s)
            symbols.setdefault(re.sub(r"\s+", " ", s), name)
            lookup.setdefault(s.lower(), name)
            symbol_list.append(s)
            if kind == "money":
                currency_before.append(s)
        for a in unit.get("aliases") or []:
            lookup.setdefault(str(a).lower(), name)
        if unit.get("or_money"):
            or_money[name] = unit["or_money"]
        guarded.update(str(g) for g in unit.get("guarded") or [])
    noun_kinds = {}
    for kind, nouns in (data.get("nouns") or {}).items():
        for n in nouns:
            noun_kinds[str(n).lower()] = kind
    # a unit right after a number: " miles", "-mile", "km", "%"; rejects " mileage"
    after = rx(
        r"(?P<sep>_B_*-_B_*|_B_*)(?:(?i:(?P<w>" + phrase_alternation(words, grouped=True)
        + r"))|(?P<s>" + phrase_alternation(symbol_list, grouped=True) + r"))(?![A-Za-z0-9])"
    )  # fmt: skip
    # a currency right before a number: "$", "US$ ", "EUR "; rejects the "r" of "four"
    before = rx(r"(?<![A-Za-z])(?P<c>" + phrase_alternation(currency_before) + r")_B_*$")
    before_ends = frozenset(c.strip()[-1] for c in currency_before if c.strip())
    return UnitTable(
        kinds, lookup, noun_kinds, or_money, frozenset(guarded), after, before, symbols,
        before_ends,
    )  # fmt: skip


def match_unit(text: str, pos: int, table: UnitTable, *, allow_hyphen: bool = True):
    """(unit name, match) for a unit starting at ``pos``, or (None, None)."""
    um = table.after.match(text, pos)
    if not um:
        return None, None
    if "-" in um.group("sep") and not allow_hyphen:
        return None, None
    surface = um.group("w") or um.group("s")
    if um.group("s") is not None:
        if surface in table.guarded and not _GUARD_OK_AFTER.match(text, um.end()):
            return None, None
        if surface in ("$", "€", "£", "¥") and "-" in um.group("sep"):
            return None, None
        return table.symbols.get(re.sub(r"\s+", " ", surface)), um
    return table.lookup.get(re.sub(r"\s+", " ", surface.lower())), um


def currency_at(text: str, pos: int, table: UnitTable) -> tuple[str, int] | None:
    """A currency symbol or code starting at ``pos`` followed by a number: ("$", end)."""
    chunk = text[pos : pos + 8]
    for length in range(min(6, len(chunk)), 0, -1):
        sym = chunk[:length]
        name = table.symbols.get(sym.strip())
        if name and table.kind(name) == "money" and sym == sym.strip():
            p = pos + length
            while p < len(text) and text[p] in " \t\u00a0":
                p += 1
            if p < len(text) and (text[p].isdigit() or text[p] == "."):
                return name, p
    return None


def glued_currency_code(text: str, pos: int, table: UnitTable) -> bool:
    """Whether a currency code touches the number at ``pos``: "USD115", "MEUR5"."""
    name = table.symbols.get(text[max(0, pos - 3) : pos])
    if not name or table.kind(name) != "money":
        return False
    return pos < 4 or not text[pos - 4].isalpha() or text[pos - 4] in _SCALED_CODE_FACTOR


def scaled_currency(m: re.Match, table: UnitTable) -> tuple[str, float] | None:
    """(currency, factor) for a scaled code match ("MUSD": US dollar, 1e6), or None."""
    name = table.symbols.get(m.group("c"))
    if not name or table.kind(name) != "money":
        return None
    return name, _SCALED_CODE_FACTOR[m.group("k")]
