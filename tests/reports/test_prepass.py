"""The per-document pass before the notebooks: the parameters the notebooks will use, and
notebooks that then annotate nothing (every table read from the cache)."""

from __future__ import annotations

import io
import json
import os
import sys

import pytest

from storylens import analysis, load_corpus
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
def test_notebooks_after_the_prepass_annotate_nothing(scale_reports):
    """A whole report run (the generated corpus of ``scale_reports``, all notebooks, as many
    jobs as cores): the prepass annotates every article, then each kernel that reads the
    per-document tables reads every one of them from the cache (counted in
    $STORYLENS_PASS_LOG), and computes none."""
    n = scale_reports.articles
    assert f"{n} of {n} articles to annotate" in scale_reports.stderr
    lines = [json.loads(line) for line in scale_reports.log.read_text().splitlines()]
    assert {x["table"] for x in lines} == set(analysis.TABLES)
    pids = {x["pid"] for x in lines}
    assert os.getpid() in pids  # the runner itself, writing the article reader pages
    # 00 reads the vocabulary table (its term counts); the others more
    reading = {"00-corpus-overview", "01-timeline", "02-actor-sentiment", "03-figure-comparison"}
    assert len(pids - {os.getpid()}) == len(reading)  # one kernel per notebook that reads
    assert [x for x in lines if x["computed"]] == []
    assert all(x["cached"] == n for x in lines)
