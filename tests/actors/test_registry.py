"""Tests for storylens.actors.registry: loading the general and story registries."""

from __future__ import annotations

import pytest

from storylens.actors import RegistryError, load_registry


def test_registry_errors_name_the_file_and_entry(tmp_path):
    bad = tmp_path / "story.yaml"
    bad.write_text("actors:\n  - {id: x, name: X, kind: spy}\n")
    with pytest.raises(RegistryError, match=r"story.yaml: actor 1 \(X\): kind 'spy'"):
        load_registry(bad)
    bad.write_text(
        "actors:\n  - {id: RU, name: Russia, kind: government}\n  - {id: RU, name: R, kind: government}\n"
    )
    with pytest.raises(RegistryError, match="'RU' is used twice"):
        load_registry(bad)


def test_norway_is_not_false():
    """YAML 1.1 reads a bare NO as false: the registry must keep Norway's id."""
    reg = load_registry()
    assert reg.actor("NO")["name"] == "Norway"


def test_roles_take_dates_and_the_single_affiliation_form_still_works():
    import datetime as dt

    from storylens.paths import seeds_dir

    reg = load_registry(seeds_dir() / "story.yaml")
    # 003 (2024-12-13): Merz "of the German Christian Democrats, almost certain to be
    # chancellor after the elections due in February": not yet the government
    assert reg.government_of("friedrich-merz", on=dt.date(2024, 12, 13)) is None
    assert reg.government_of("friedrich-merz", on=dt.date(2025, 5, 6)) == "DE"
    assert reg.government_of("olaf-scholz", on=dt.date(2025, 2, 21)) == "DE"
    assert reg.government_of("olaf-scholz", on=dt.date(2025, 5, 6)) is None
    assert reg.government_of("donald-trump", on=dt.date(2024, 12, 13)) is None  # President-elect
    assert reg.government_of("donald-trump", on=dt.date(2025, 2, 21)) == "US"
    assert reg.government_of("keir-starmer", on=dt.date(2020, 1, 1)) == "GB"  # undated
    assert reg.government_of("keir-starmer") == "GB"
    assert reg.government_of("donald-trump") is None  # date unknown, roles differ
    assert reg.actor("friedrich-merz")["affiliation"] == "Germany"  # the latest role


def test_a_person_out_of_office_counts_for_their_party_when_it_is_registered():
    import datetime as dt

    reg = load_registry({"actors": [
        {"id": "cdu", "name": "Christian Democratic Union", "kind": "organisation"},
        {"id": "fm", "name": "Friedrich Merz", "kind": "person", "roles": [
            {"affiliation": "Christian Democratic Union", "to": "2025-05-05"},
            {"affiliation": "Germany", "from": dt.date(2025, 5, 6)}]},
    ]})  # fmt: skip
    assert reg.government_of("fm", on=dt.date(2024, 12, 13)) == "cdu"
    assert reg.government_of("fm", on=dt.date(2025, 5, 5)) == "cdu"
    assert reg.government_of("fm", on=dt.date(2025, 5, 6)) == "DE"


def test_role_dates_are_checked():
    spec = {"actors": [{"id": "x", "name": "X Y", "kind": "person",
                        "roles": [{"affiliation": "France", "from": "2025-02-30"}]}]}  # fmt: skip
    with pytest.raises(RegistryError, match=r"actor 1 \(X Y\) role 1: '2025-02-30' is not a date"):
        load_registry(spec)
    spec["actors"][0]["roles"] = [
        {"affiliation": "France", "from": "2025-03-01", "to": "2025-01-01"}
    ]
    with pytest.raises(RegistryError, match="is before 'from'"):
        load_registry(spec)
