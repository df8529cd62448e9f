"""The stance section's topic: the parameter, else the story file, else the corpus."""

from __future__ import annotations

import shutil

from storylens import load_corpus
from storylens.actors import registry_for, stance_evidence, stance_topic
from storylens.paths import seeds_dir
from storylens.terms import main_terms


def test_the_story_file_names_the_topic_of_the_seeds(seeds):
    topic = stance_topic(seeds, registry_for(seeds))
    assert topic.source == "story" and "reassurance force" in topic.terms
    assert topic.argument is None  # the registry's own terms, as before
    assert topic.sentence().startswith(
        "Stances are read in sentences about the topic (the story file)"
    )


def test_the_parameter_wins(seeds):
    topic = stance_topic(seeds, registry_for(seeds), ["peacekeepers", " "])
    assert (topic.terms, topic.source, topic.argument) == (
        ("peacekeepers",),
        "parameter",
        ["peacekeepers"],
    )


def test_without_a_topic_the_corpus_main_terms_are_used_and_said(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir(), folder, ignore=shutil.ignore_patterns("story.yaml"))
    corpus = load_corpus(folder, cache=False)
    reg = registry_for(corpus)
    assert reg.topic_terms == ()
    topic = stance_topic(corpus, reg)
    assert topic.source == "corpus"
    assert list(topic.terms) == main_terms(corpus, top=5)
    text = topic.sentence()
    assert "No topic is defined" in text and "topic_terms" in text and "story file" in text
    # the section then has stances to show: the corpus's terms name the proposal here
    evidence = stance_evidence(corpus, registry=reg, topic=topic.argument)
    assert len(evidence) > 0
