"""End to end on two stories nobody wrote rules for (tests/fixtures/stories/).

Each is three outlets' articles laid out like BASIL's dev stories, with no story file:
``storylens reports`` runs on it as a new user's first run would, and the tests read the
CSVs it writes under ``data/`` (issue #11, "Done means"): the actor report lists the
people and institutions named three or more times with the right kind, discovered ones
marked; no sentence is taken for a caption; the stance section has stances or says how
to define a topic; the keyword-in-context and headline-figure defaults come from the
corpus, never the bundled story's "troops".
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from storylens import load_corpus
from storylens.actors.topic import HOW_TO_DEFINE

pytestmark = pytest.mark.slow

STORIES = Path(__file__).parent / "fixtures" / "stories"
# (actor, kind, discovered) of every actor mentioned three or more times, by reading the
# articles; and a word whose whole-word uses count each of them.
EXPECTED = {
    "shutdown-deal": {
        ("Chuck Schumer", "person", True): r"Schumer",
        ("Mitch McConnell", "person", True): r"McConnell",
        ("Trump", "person", True): r"Trump",
        ("Democratic Party", "organisation", False): r"Democrats",
    },
    "clinton-taxes": {
        # "Hillary Rodham Clinton", "Mrs. Clinton", "Clinton’s campaign": one person
        ("Hillary Clinton", "person", True): None,
        ("Bill Clinton", "person", True): r"Bill Clinton|Mr\. Clinton",
        ("Jeb Bush", "person", True): r"Bush",
    },
}


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def story(request, tmp_path_factory) -> tuple[str, Path]:
    """A story's name and the output folder of ``storylens reports`` on it (the timeline
    report left out: no test here reads it)."""
    from storylens.reports import cli

    out = tmp_path_factory.mktemp(request.param) / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main(["--out", str(out), "--corpus", str(STORIES / request.param),
                         "--only", "00,02,03"])  # the reports these tests read  # fmt: skip
    assert code == 0, err.getvalue()
    return request.param, out


def _prose(name: str) -> str:
    sentences = load_corpus(STORIES / name, cache=False).sentences
    return "\n".join(sentences.loc[sentences.role.isin(["title", "body"]), "text"])


def test_the_actor_report_lists_everyone_named_three_times(story):
    name, out = story
    stances = read_csv(out / "data" / "02-actor-sentiment" / "stances.csv")
    stances["n_mentions"] = stances["n_mentions"].astype(int)
    totals = stances.groupby(["actor_id", "actor", "kind"])["n_mentions"].sum().reset_index()
    listed = totals[totals["n_mentions"] >= 3]
    found = {
        (a, k, i.startswith("discovered:")): n
        for i, a, k, n in listed.itertuples(index=False)
    }  # fmt: skip
    assert set(found) == set(EXPECTED[name])
    # independent count: whole-word uses of each actor's name in titles and bodies
    prose = _prose(name)
    for key, word in EXPECTED[name].items():
        if word is not None:
            assert found[key] == len(re.findall(rf"(?<![\w-])(?:{word})(?![\w-])", prose)), key
    attention = read_csv(out / "data" / "02-actor-sentiment" / "attention.csv")
    assert {a for a, _, _ in EXPECTED[name]} <= set(attention["actor"])
    marked = dict(zip(attention["actor"], attention["discovered"] == "True", strict=True))
    assert {(a, marked[a]) for a, _, d in EXPECTED[name]} == {(a, d) for a, _, d in EXPECTED[name]}
    overall = read_csv(out / "data" / "02-actor-sentiment" / "portrayal_overall.csv")
    assert set(overall.loc[overall["discovered"] == "True", "actor"]) >= {
        a for a, _, d in EXPECTED[name] if d
    }


def test_no_sentence_is_taken_for_a_caption(story):
    name, out = story
    roles = read_csv(out / "data" / "00-corpus-overview" / "sentences_by_role.csv")
    assert set(roles["role"]) == {"title", "body"}
    titles = roles[roles.role == "title"]
    assert titles["sentences"].astype(int).tolist() == [1, 1, 1]  # one headline each


def test_the_stance_section_has_stances_or_says_how_to_define_a_topic(story):
    name, out = story
    html = (out / "reports" / "02-actor-sentiment.html").read_text(encoding="utf-8")
    assert "No topic is defined for this story" in html
    assert HOW_TO_DEFINE.split("`")[0] in html
    stances = read_csv(out / "data" / "02-actor-sentiment" / "stances.csv")
    taken = stances[stances.stance != "none"][["doc_id", "actor", "stance"]].values.tolist()
    if name == "shutdown-deal":
        # "Senator Kamala Harris of California opposed the deal"; "Democrats backed down"
        # (no support) and "Liberal groups rejected the deal" (no actor) take none
        assert taken == [["nyt", "Kamala Harris", "oppose"]]
    else:
        assert taken == []


def test_the_defaults_come_from_the_corpus(story):
    from storylens.figures import figure_table
    from storylens.reports import default_kinds
    from storylens.terms import main_terms

    name, out = story
    corpus = load_corpus(STORIES / name, cache=False)
    kwic = read_csv(out / "data" / "00-corpus-overview" / "kwic.csv")
    term = main_terms(corpus, top=1)[0]
    assert term == {"shutdown-deal": "shutdown", "clinton-taxes": "tax returns"}[name]
    assert set(kwic["match"].str.lower()) == {term}
    # independent count: the term's whole-word uses in every sentence
    text = "\n".join(corpus.sentences["text"])
    assert len(kwic) == len(re.findall(rf"(?i)(?<![\w-]){term}(?![\w-])", text))
    headline = read_csv(out / "data" / "03-figure-comparison" / "headline_intervals.csv")
    kinds = {topic.split(":")[0] for topic in headline["topic"]}
    assert kinds == set(default_kinds(figure_table(corpus))) and "troops" not in kinds
    if name == "clinton-taxes":
        assert kinds == {"money"}  # $139 million, $44 million, $30 million ...
