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
