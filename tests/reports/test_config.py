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


# ------------------------------------------------------------------ the story file (--story)

STORY = """\
topic:
  name: Border wall funding
  terms: [border wall, wall]
actors:
  - id: pelosi
    name: Nancy Pelosi
    kind: person
    role: House Speaker
"""


def _story_notebooks(tmp_path: Path) -> list:
    from nbformat.v4 import new_code_cell, new_markdown_cell

    from .notebook_factory import params_cell, write_notebook

    folder = tmp_path / "story-notebooks"
    folder.mkdir()
    write_notebook(folder / "00-plain.ipynb", [new_markdown_cell("# Plain"), params_cell()])
    write_notebook(
        folder / "01-actors.ipynb",
        [
            new_markdown_cell("# Actors"),
            params_cell('story: str = ""  # story file'),
            new_code_cell("print(story)"),
        ],
    )
    return [inspect(p) for p in find_notebooks(folder)]


def test_a_given_story_goes_to_every_notebook_declaring_story(tmp_path):
    story_file = tmp_path / "elsewhere" / "border.yaml"
    story_file.parent.mkdir()
    story_file.write_text(STORY, encoding="utf-8")
    corpus = tmp_path / "articles"
    corpus.mkdir()
    story = rp.check_story(story_file, corpus)
    assert (story.path, story.given) == (story_file.resolve(), True)
    notebooks = _story_notebooks(tmp_path)
    names = [nb.name for nb in notebooks]
    plan = rp.plan_parameters(notebooks, rp.Config({}, {}), targets=names, corpus=corpus,
                              data_dirs=dict.fromkeys(names), story=story)  # fmt: skip
    assert plan["01-actors"]["story"] == str(story_file.resolve())
    assert "story" not in plan["00-plain"]


def test_the_story_beside_the_corpus_is_checked_but_left_to_the_notebooks(tmp_path):
    (tmp_path / "story.yaml").write_text(STORY, encoding="utf-8")
    story = rp.check_story(None, tmp_path)
    assert (story.path, story.given) == (tmp_path / "story.yaml", False)
    notebooks = _story_notebooks(tmp_path)
    plan = rp.plan_parameters(notebooks, rp.Config({}, {}), targets=["01-actors"],
                              corpus=tmp_path, data_dirs={"01-actors": None}, story=story)  # fmt: skip
    assert "story" not in plan["01-actors"]  # the notebook's default finds the same file
    (tmp_path / "no-story").mkdir()
    assert rp.check_story("", tmp_path / "no-story") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # the registry's message names the file and the entry; the runner says what to do
        ("actors:\n  - id: pelosi\n    name: Nancy Pelosi\n", "(Nancy Pelosi): missing 'kind'"),
        ("actors:\n  - id: x\n    name: X\n    kind: person\n    roles:\n"
         "      - {affiliation: usa, from: soon}\n", "'soon' is not a date"),
        ("actors: [\n", "not valid YAML"),
    ],
)  # fmt: skip
def test_a_bad_story_is_refused_naming_file_and_entry(tmp_path, text, message):
    bad = tmp_path / "my-story.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ReportsError, match=re.escape(message)) as err:
        rp.check_story(bad, tmp_path)
    assert f"story file {bad}" in str(err.value) and "fix that entry" in str(err.value)


def test_a_missing_story_stops_the_command_before_anything_runs(good, tmp_path):
    out = tmp_path / "out"
    result = run_main("--notebooks", good, "--out", out, "--story", tmp_path / "nope.yaml")
    assert result.code == 2
    assert f"story file {tmp_path / 'nope.yaml'} does not exist" in result.stderr
    assert not out.exists()


def test_a_bad_story_beside_the_corpus_stops_the_command_too(good, tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Pelosi said no to the wall.\n", encoding="utf-8")
    (corpus / "story.yaml").write_text("actors:\n  - id: pelosi\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_main("--notebooks", good, "--out", out, "--corpus", corpus)
    assert result.code == 2
    assert f"story file {corpus / 'story.yaml'}" in result.stderr
    assert "missing 'name'" in result.stderr
    assert not out.exists()


def test_story_cannot_be_set_in_a_config_file(good, tmp_path):
    with pytest.raises(
        ReportsError, match=re.escape("'story' cannot be set in a config file; pass --story")
    ):
        _plan(good, "story: my-story.yaml\n", tmp_path)
