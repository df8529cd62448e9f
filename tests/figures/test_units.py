"""Tests for storylens.figures.units: the unit table."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from storylens.figures import extract_figures, load_units


@pytest.mark.parametrize(
    "surface, unit, kind",
    [
        ("kilometers", "kilometre", "length"),
        ("km", "kilometre", "length"),
        ("US$", "US dollar", "money"),
        ("€", "euro", "money"),
        ("pound-mass", "pound", "mass"),
        ("percentage", "percent", "percent"),
        ("yrs", "year", "duration"),
    ],
)
def test_unit_table_normalises_names(surface, unit, kind):
    table = load_units()
    assert table.canonical(surface) == unit
    assert table.kind(unit) == kind


def test_custom_unit_table():
    table = {"units": [{"name": "widget", "kind": "parts", "words": ["widgets"]}]}
    df = extract_figures("They shipped 40 widgets.", units=table)
    assert df[["text", "unit", "kind"]].values.tolist() == [["40 widgets", "widget", "parts"]]
    with pytest.raises(ValueError, match="needs a name and a kind"):
        load_units({"units": [{"name": "widget"}]})


def test_unit_table_has_no_ambiguous_spellings():
    data = yaml.safe_load(
        resources.files("storylens").joinpath("data", "units.yaml").read_text(encoding="utf-8")
    )
    owners: dict[tuple[str, str], set[str]] = {}
    for unit in data["units"]:
        assert unit["name"] and unit["kind"], unit
        for word in unit.get("words") or []:
            owners.setdefault(("word", str(word).lower()), set()).add(unit["name"])
        for symbol in unit.get("symbols") or []:
            owners.setdefault(("symbol", str(symbol)), set()).add(unit["name"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    # every listed spelling reads back as its own unit
    table = load_units()
    for (_, surface), names in owners.items():
        assert table.canonical(surface) in names, surface


def test_quick_currency_search_agrees_with_the_full_search():
    from storylens.paths import seeds_dir

    table = load_units()
    tricky = " US$ 5, US\u00a0$6, EUR 7, €8, £\n9, Rs. 10, MXN$11, the 12, zł 13, 14 kr 15 "
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt"))]
    for text in [*texts, tricky]:
        for end in range(len(text) + 1):
            left = text[max(0, end - 12) : end]
            full, quick = table.before.search(left), table.currency_before(left)
            assert (quick and quick.span()) == (full and full.span()), left
