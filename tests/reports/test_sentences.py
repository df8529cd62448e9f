from __future__ import annotations

import pandas as pd

from storylens.reports.sentences import attention_markdown, portrayal_markdown, topic_markdown

HOSTILE = "[Kyiv](javascript:alert(1))"


def test_attention_names_the_busiest_actor_escaped():
    mentions = pd.DataFrame({"actor": [HOSTILE, HOSTILE, "France"], "doc_id": ["a", "b", "b"]})
    text = attention_markdown(mentions)
    assert text == (
        "3 mentions of 2 actors in 2 articles; the most mentioned is "
        "**\\[Kyiv\\]\\(javascript\\:alert\\(1\\)\\)** (2 mentions)."
    )


def test_attention_without_mentions_says_why():
    text = attention_markdown(pd.DataFrame({"actor": [], "doc_id": []}))
    assert (
        text == "Nothing to show, because no actor of the registry is mentioned in these articles."
    )


def test_portrayal_headline_escapes_the_actor_it_names():
    overall = pd.DataFrame({"actor": [HOSTILE, "<b>France</b>"], "n": [8, 6], "mean": [-0.4, 0.2],
                            "ci_low": [-0.6, 0.1], "ci_high": [-0.2, 0.3]})  # fmt: skip
    text = portrayal_markdown(overall, min_mentions=5)
    assert (
        "the most negatively portrayed is **\\[Kyiv\\]\\(javascript\\:alert\\(1\\)\\)** (mean -0.40"
        in text
    )
    assert "the most positively portrayed is **&lt;b&gt;France&lt;/b&gt;** (mean +0.20" in text
    assert "](javascript" not in text and "<b>" not in text


def test_portrayal_of_no_actor_says_why():
    empty = pd.DataFrame({"actor": [], "n": [], "mean": [], "ci_low": [], "ci_high": []})
    assert portrayal_markdown(empty, min_mentions=5).startswith("Nothing to show, because ")


def test_topic_terms_are_escaped():
    from storylens.actors.topic import StanceTopic

    topic = StanceTopic(terms=("peacekeeping *force*", HOSTILE), source="story")
    text = topic_markdown(topic)
    assert (
        "“peacekeeping \\*force\\*”" in text
        and "“\\[Kyiv\\]\\(javascript\\:alert\\(1\\)\\)”" in text
    )


def test_stance_cells_are_written_in_words():
    from storylens.reports.sentences import stance_words

    stances = pd.DataFrame({
        "stance": ["oppose", "support", "conditional support", "mixed", "declines to take part"],
        "n_support": [0, 1, 0, 2, 1], "n_conditional": [0, 0, 3, 0, 0],
        "n_decline": [0, 0, 0, 0, 2], "n_oppose": [9, 0, 0, 1, 0],
    })  # fmt: skip
    assert stance_words(stances).tolist() == [
        "opposes (9 sentences)",
        "supports (1 sentence)",
        "supports on a condition (3 sentences)",
        "mixed: supports in 2 sentences, opposes in 1 sentence",
        "declines to take part: supports in 1 sentence, declines to take part in 2 sentences",
    ]
