"""The per-document pass before the notebooks: the parameters the notebooks will use, and
notebooks that then annotate nothing (every table read from the cache)."""

from __future__ import annotations

import io
import json
import os
import sys

import pytest

from storylens import analysis, load_corpus
from storylens.reports import cli
from storylens.reports.prepass import pass_parameters, run_prepass
from storylens.reports.runner import check_request
from storylens.synthetic import write_corpus


def _request(corpus, config=None, only=None):
    return check_request(corpus, out=None, config=config, notebooks=None, only=only, jobs=None,
                         timeout=60, argv=[], stream=sys.stderr)  # fmt: skip


def test_parameters_are_those_the_notebooks_pass(tmp_path):
    folder = write_corpus(tmp_path / "corpus", 3)
    corpus = load_corpus(folder, cache=False)
    (story_default,) = pass_parameters(_request(folder), corpus)
    assert story_default.topic is None  # the story file names the topic: its own terms
    config = tmp_path / "config.yaml"
    config.write_text("topic_terms: [ceasefire]\n", encoding="utf-8")
    params = pass_parameters(_request(folder, config), corpus)
    assert sorted(p.topic or () for p in params) == [(), ("ceasefire",)]  # 01/03, and 02
    assert pass_parameters(_request(folder, only=["00"]), corpus) == []  # reads no pass


def test_prepass_annotates_once(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLENS_CACHE", str(tmp_path / "cache"))
    folder = write_corpus(tmp_path / "corpus", 12)
    err = io.StringIO()
    first = run_prepass(_request(folder), jobs=2, stream=err)
    assert (first.documents, first.annotated) == (12, 12)
    assert "12 of 12 articles to annotate, on 2 process(es)" in err.getvalue()
    assert "12/12" in err.getvalue()  # the progress bar reached the end
    again = run_prepass(_request(folder), jobs=2, stream=io.StringIO())
    assert again.annotated == 0


@pytest.mark.slow
def test_notebooks_after_the_prepass_annotate_nothing(tmp_path, monkeypatch):
    """A whole report run: the prepass annotates every article, then each notebook's
    kernel reads every table it uses from the cache (counted in $STORYLENS_PASS_LOG)."""
    log = tmp_path / "pass.jsonl"
    monkeypatch.setenv("STORYLENS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv(analysis.PASS_LOG_VARIABLE, str(log))
    folder = write_corpus(tmp_path / "corpus", 20)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    code = cli.main(["--corpus", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2",
                     "--only", "01,02,03"])  # fmt: skip
    assert code == 0, err.getvalue()
    assert "20 of 20 articles to annotate" in err.getvalue()
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert {x["table"] for x in lines} == set(analysis.TABLES)
    pids = {x["pid"] for x in lines}
    assert os.getpid() in pids  # the runner itself, writing the article reader pages
    assert len(pids - {os.getpid()}) == 3  # one kernel per notebook
    assert [x for x in lines if x["computed"]] == []
    assert all(x["cached"] == 20 for x in lines)
