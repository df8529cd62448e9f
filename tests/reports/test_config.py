"""Tests for storylens.reports.config: the --config file and each notebook's parameters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storylens.reports import config as rp
from storylens.reports.errors import ReportsError
from storylens.reports.notebooks import find_notebooks, inspect

from .notebook_factory import make_good_notebooks, run_main


@pytest.fixture
def good(tmp_path):
    return make_good_notebooks(tmp_path / "notebooks")


def _plan(good: Path, config_text: str, tmp_path: Path) -> dict:
    config = tmp_path / "story.yaml"
    config.write_text(config_text, encoding="utf-8")
    notebooks = [inspect(p) for p in find_notebooks(good)]
    names = [nb.name for nb in notebooks]
    return rp.plan_parameters(
        notebooks,
        rp.load_config(config),
        targets=names,
        corpus=Path("/c"),
        data_dirs={n: Path("/d") / n for n in names},
    )


def test_config_top_level_goes_to_declaring_notebooks_and_sections_win(good, tmp_path):
    plan = _plan(
        good,
        "term: soldiers\nlabel: everywhere\nnotebooks:\n  outlets:\n    label: only here\n",
        tmp_path,
    )
    assert plan == {
        "00-lengths": {
            "corpus": "/c",
            "data_dir": "/d/00-lengths",
            "term": "soldiers",
            "label": "everywhere",
        },
        "01-outlets": {"corpus": "/c", "data_dir": "/d/01-outlets", "label": "only here"},
    }


@pytest.mark.parametrize(
    ("config_text", "message"),
    [
        (  # a per-notebook value the notebook does not declare: name both
            "notebooks:\n  01-outlets:\n    term: soldiers\n",
            "parameter 'term'",
        ),
        ("notebooks:\n  01-outlets:\n    term: soldiers\n", "notebook 01-outlets"),
        ("actors: [Starmer, Macron]\n", "config parameter 'actors'"),
        ("notebooks:\n  timeline:\n    label: x\n", "'timeline' matches no notebook"),
        ("corpus: seeds\n", "'corpus' cannot be set in a config file; pass --corpus"),
        ("- just\n- a list\n", "must be a mapping"),
    ],
)
def test_bad_config_is_an_error(good, tmp_path, config_text, message):
    with pytest.raises(ReportsError, match=re.escape(message)):
        _plan(good, config_text, tmp_path)


def test_yaml_dates_become_iso_strings(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("since: 2025-02-19\nnotebooks:\n  00:\n    until: [2026-01-07]\n")
    loaded = rp.load_config(config)
    assert loaded.common == {"since": "2025-02-19"}
    assert loaded.per_notebook == {"00": {"until": ["2026-01-07"]}}


def test_undeclared_parameter_stops_the_command_before_anything_runs(good, tmp_path):
    config = tmp_path / "story.yaml"
    config.write_text("notebooks:\n  01-outlets:\n    term: soldiers\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_main("--notebooks", good, "--out", out, "--config", config)
    assert result.code == 2
    assert "parameter 'term'" in result.stderr and "notebook 01-outlets" in result.stderr
    assert not out.exists()
