"""Actor discovery (storylens/actors/discovery.py): people and organisations no registry
lists, found in one document, and their mentions beside the registry's."""

import re

import pandas as pd
import pytest

from storylens.actors import discovery, document_mentions, load_registry
from storylens.actors.discovery import discover_actors, resolve_discovered
from storylens.actors.mentions import Sentence
from storylens.actors.registry import discovered_id, discovered_row, is_discovered


def sentences(*texts: str) -> list[Sentence]:
    rows, start = [], 0
    for i, text in enumerate(texts):
        rows.append(Sentence(i, start, text, "body"))
        start += len(text) + 1
    return rows


def table(*texts: str) -> pd.DataFrame:
    return pd.DataFrame(sentences(*texts))


def found(*texts: str) -> dict[str, str]:
    return {d.name: d.kind for d in discover_actors(sentences(*texts), load_registry())}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a title or role before the name
        ("Senate Majority Leader Mitch McConnell (R-Ky.) said he would allow a vote.",
         "Mitch McConnell"),
        ("FBI agent Peter Strzok was removed from the investigation.", "Peter Strzok"),
        ("They accused Senator Chuck Schumer of New York of capitulating.", "Chuck Schumer"),
        # a speaker
        ("“It’s the one word they know in Spanish,” said Luis V. Gutiérrez.", "Luis V. Gutiérrez"),
        ("Howard Dean said the deal was a mistake.", "Howard Dean"),
    ],
)  # fmt: skip
def test_a_person_named_with_a_title_or_as_a_speaker(text, name):
    assert found(text) == {name: "person"}


def test_a_full_name_written_twice_with_its_surname_alone_is_a_person():
    assert found(
        "Elizabeth Lauten resigned on Monday.",
        "Lauten had criticised the girls.",
        "Elizabeth Lauten apologised.",
    ) == {"Elizabeth Lauten": "person"}


@pytest.mark.parametrize(
    "texts",
    [
        ("Democrats in North Dakota were upset.", "North Dakota voted.", "North Dakota again."),
        ("The Cold War ended.", "After the Cold War, Cold War habits stayed."),
        ("Senate Democrats said no.", "Senate Democrats voted."),  # the registry's words
        ("Rubio Unveils Foreign Policy Doctrine Invoking Kennedy",),  # a title-case headline
    ],
)
def test_places_eras_registry_words_and_headlines_are_no_people(texts):
    assert {n: k for n, k in found(*texts).items() if k == "person"} == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The House Judiciary Committee will hold a hearing.", "House Judiciary Committee"),
        ("The U.S. Fish and Wildlife Service said imports would resume.",
         "U.S. Fish and Wildlife Service"),
        ("The Department of Homeland Security declined to comment.",
         "Department of Homeland Security"),
        ("The American Civil Liberties Union sued.", "American Civil Liberties Union"),
        ("Rubio spoke at the Council on Foreign Relations.", "Council on Foreign Relations"),
    ],
)  # fmt: skip
def test_an_organisation_is_named_by_an_institution_word(text, name):
    assert found(text) == {name: "organisation"}


def test_a_one_word_name_with_an_inner_capital_written_three_times_is_an_organisation():
    texts = ("WikiLeaks wrote to him.", "He replied to WikiLeaks.", "WikiLeaks never said.",
             "Ellen DeGeneres said no.", "DeGeneres said.", "DeGeneres again.")  # fmt: skip
    assert found(*texts) == {"WikiLeaks": "organisation", "Ellen DeGeneres": "person"}


def test_surnames_and_mr_forms_resolve_to_the_full_name_in_the_article():
    m = document_mentions(
        "nyt",
        table(
            "Senate Majority Leader Mitch McConnell spoke on Monday.",
            "Mr. McConnell said the vote would come.",
            "McConnell’s aides agreed.",
        ),
        load_registry(),
    )
    rows = m[m.actor == "Mitch McConnell"]
    assert rows.text.tolist() == ["Mitch McConnell", "McConnell", "McConnell"]
    assert rows.how.tolist() == ["title + name", "title + name", "possessive"]
    assert set(rows.actor_id) == {"discovered:person:Mitch_McConnell"}
    assert set(rows.kind) == {"person"}


def test_a_shared_surname_goes_to_the_person_named_just_before_or_is_listed_ambiguous():
    people = found(
        "Former President Bill Clinton spoke.",
        "Secretary Hillary Clinton said she was fit.",
        "Clinton smiled.",
    )
    assert people == {"Bill Clinton": "person", "Clinton (ambiguous)": "person",
                      "Hillary Clinton": "person"}  # fmt: skip
    m = document_mentions(
        "fox",
        table("Former President Bill Clinton spoke.", "Secretary Hillary Clinton said so.",
              "Clinton smiled.", "The deal was done in 2014.", "Clinton left early."),
        load_registry(),
    )  # fmt: skip
    surnames = m[m.text == "Clinton"]
    # "Clinton smiled" follows the sentence naming Hillary Clinton (Bill is two back);
    # "Clinton left early" follows no sentence naming either: listed as ambiguous
    assert surnames[["sent_id", "actor"]].values.tolist() == [
        [2, "Hillary Clinton"], [4, "Clinton (ambiguous)"],
    ]  # fmt: skip
    assert set(m.actor) == {"Bill Clinton", "Hillary Clinton", "Clinton (ambiguous)"}
    # an ambiguous surname stays ambiguous across the corpus, never given to one
    resolved = resolve_discovered(m)
    assert "Clinton (ambiguous)" in set(resolved.actor)


def test_mrs_and_mr_go_to_the_woman_and_the_man_of_a_shared_surname():
    texts = (
        "Hillary Rodham Clinton on Friday released her tax returns.",
        "She and former President Bill Clinton earned $139 million.",
        "Mrs. Clinton paid a tax rate of 35.7 percent.",
        "The returns were released in August.",
        "Mr. Clinton earned most of the money from speeches.",
        "Mrs. Clinton’s campaign released them.",
    )
    m = document_mentions("nyt", table(*texts), load_registry())
    titled = m[m.text.str.startswith("M")]
    assert titled[["text", "actor"]].values.tolist() == [
        ["Mrs. Clinton", "Hillary Rodham Clinton"],
        ["Mr. Clinton", "Bill Clinton"],
        ["Mrs. Clinton", "Hillary Rodham Clinton"],
    ]
    assert titled.how.tolist() == ["title + name", "title + name", "possessive"]
    # independent check: each mention's text is the document's text at its offsets
    doc = "\n".join(texts)
    assert all(doc[s:e] == t for s, e, t in zip(m.start, m.end, m.text, strict=True))


def test_a_middle_name_is_the_same_person_across_the_corpus():
    t = pd.DataFrame({
        "actor_id": [discovered_id(n, "person") for n in
                     ("Hillary Rodham Clinton", "Hillary Clinton", "Bill Clinton")],
        "actor": ["Hillary Rodham Clinton", "Hillary Clinton", "Bill Clinton"],
    })  # fmt: skip
    assert resolve_discovered(t)["actor"].tolist() == [
        "Hillary Clinton", "Hillary Clinton", "Bill Clinton",
    ]  # fmt: skip


def test_a_full_name_written_once_with_its_surname_alone_twice_more_is_a_person():
    assert found(
        "Hillary Clinton's presidential campaign on Friday released a letter.",
        "During Clinton’s follow-up evaluations, nothing was found.",
        "Clinton’s current medications are listed.",
    ) == {"Hillary Clinton": "person"}
    # once, with the surname once more, is not enough
    assert found("Ruth Bader Ginsburg dissented.", "Ginsburg left.") == {}


@pytest.mark.parametrize(
    "text",
    [
        "The company Mr. Grimm formed to operate it was called Granny Sayz, L.L.C., and "
        "Granny Sayz was sued. Granny Sayz closed.",
        "The restaurant, called Blue Ribbon Eats, opened. Blue Ribbon Eats closed. "
        "Blue Ribbon Eats was sold.",
    ],
)
def test_a_business_named_like_a_person_is_an_organisation(text):
    kinds = found(*text.split(". "))
    assert {k for n, k in kinds.items() if n in {"Granny Sayz", "Blue Ribbon Eats"}} == {
        "organisation"
    }


def test_a_generational_suffix_stays_with_the_surname():
    people = found("Donald Trump Jr. said he met her.", "Mr. Trump Jr. added more.")
    assert people == {"Donald Trump Jr": "person"}


def test_registered_actors_win_over_discovered_ones():
    story = {"actors": [{"id": "mm", "name": "Mitch McConnell", "kind": "person"}]}
    m = document_mentions(
        "fox",
        table("Senate Majority Leader Mitch McConnell spoke.", "The FBI agent Peter Strzok left."),
        load_registry(story),
    )
    assert m[["text", "actor_id"]].values.tolist() == [
        ["Mitch McConnell", "mm"],
        ["FBI", "US-FBI"],
        ["Peter Strzok", "discovered:person:Peter_Strzok"],
    ]


def test_a_discovered_id_is_stable_and_reads_back():
    actor_id = discovered_id("Peter  Strzok", "person")
    assert actor_id == "discovered:person:Peter_Strzok" and is_discovered(actor_id)
    assert discovered_row(actor_id)["name"] == "Peter Strzok"
    assert load_registry().actor(actor_id)["kind"] == "person"
    with pytest.raises(KeyError, match="neither a registry actor"):
        load_registry().actor("XX")


def test_across_documents_a_surname_goes_to_the_one_full_name():
    names = ["Trump", "Donald Trump", "Obama", "Malia Obama", "Sasha Obama"]
    t = pd.DataFrame(
        {"doc_id": ["nyt", "fox", "hpo", "hpo", "hpo"],
         "actor_id": [discovered_id(n, "person") for n in names], "actor": names}
    )  # fmt: skip
    out = resolve_discovered(t)
    # "Trump" to Donald Trump; "Obama" stays: two full names end with it
    assert out.actor.tolist() == ["Donald Trump", "Donald Trump", "Obama", "Malia Obama",
                                  "Sasha Obama"]  # fmt: skip
    assert out.actor_id.tolist()[:2] == ["discovered:person:Donald_Trump"] * 2


def test_across_a_corpus_every_table_names_one_actor(tmp_path):
    # sentence shapes of basil-dev 2018-c6a0e65c: the NYT writes "President Trump", Fox
    # writes the full name once, then the surname
    (tmp_path / "nyt.txt").write_text(
        "Trump Meets Putin\n\nPresident Trump met Mr. Putin in Helsinki on Monday.\n\n"
        "Mr. Trump said the meeting went well.\n",
        encoding="utf-8",
    )
    (tmp_path / "fox.txt").write_text(
        "The Summit\n\nPresident Donald Trump defended his meeting with Russian President "
        "Vladimir Putin.\n\nTrump told reporters that Putin was strong.\n",
        encoding="utf-8",
    )
    from storylens import load_corpus
    from storylens.actors import actor_mentions
    from storylens.sentiment import scored_mentions

    corpus = load_corpus(tmp_path)
    for table in (actor_mentions(corpus), scored_mentions(corpus)):
        people = table[table.kind == "person"].groupby("actor").size().to_dict()
        assert people == {"Donald Trump": 5, "Vladimir Putin": 4}  # headlines count
        assert table[table.actor == "Donald Trump"].actor_id.unique().tolist() == [
            "discovered:person:Donald_Trump"
        ]


@pytest.mark.parametrize(
    ("name", "text", "role", "party"),
    [
        ("Mitch McConnell", "Senate Majority Leader Mitch McConnell (R-Ky.) promised a vote.",
         "Senate Majority Leader (Ky.)", "Republican Party"),
        ("Chuck Schumer", "They denounced Senate Minority Leader Chuck Schumer (D-N.Y.) on Monday.",
         "Senate Minority Leader (N.Y.)", "Democratic Party"),
        ("Mitch McConnell", "Sunday night, Mitch McConnell, R-Ky., suggested a compromise.",
         "Ky.", "Republican Party"),
        ("Peter Strzok", "Peter Strzok, the FBI agent, was removed.", "FBI agent", ""),
        ("Anna Galland", "“It is a betrayal,” said Anna Galland, the executive director of MoveOn.",
         "executive director of MoveOn", ""),
        ("Bernie Sanders", "Sen. Bernie Sanders (I-Vt.) voted no.", "Sen. (Vt.)", ""),
        # no tag, no title: nothing; "(AP)" is no party tag
        ("Paul Ryan", "Paul Ryan (AP) spoke, I think.", "", ""),
    ],
)  # fmt: skip
def test_roles_and_parties_from_titles_tags_and_appositives(name, text, role, party):
    from storylens.actors.discovery import person_role

    assert person_role(name, text) == (role, party)


def test_a_discovered_person_carries_the_party_into_mentions():
    m = document_mentions(
        "hpo",
        table("Progressive groups denounced Senate Minority Leader Chuck Schumer (D-N.Y.).",
              "Schumer said the deal was fair."),
        load_registry(),
    )  # fmt: skip
    rows = m[m.actor == "Chuck Schumer"]
    assert rows[["text", "affiliation"]].values.tolist() == [
        ["Chuck Schumer", "Democratic Party"], ["Schumer", "Democratic Party"],
    ]  # fmt: skip


def test_a_full_name_the_corpus_repeats_across_articles_is_a_person():
    from storylens.actors.discovery import corpus_people

    rows = [
        ("a", "Democrats said Hillary Clinton had warned of it in 2016."),
        ("a", "The Council on Foreign Relations said foreign policy mattered."),
        ("b", "Trump again attacked Hillary Clinton on Monday."),
        ("b", "The Council on Foreign Relations met; Hillary Clinton spoke."),
        ("c", "Senate Democrats spoke with the Council on Foreign Relations."),
        ("c", "Senate Democrats left. Senate Democrats returned."),
    ]
    sentences = pd.DataFrame(rows, columns=["doc_id", "text"]).assign(role="body")
    # three uses in two articles; "Foreign Relations" has words written in lower case,
    # "Senate Democrats" holds a registry name, and both are in fewer articles anyway
    assert corpus_people(sentences, load_registry()) == ["Hillary Clinton"]
    assert corpus_people(sentences.iloc[:3], load_registry()) == []  # two uses only


def test_discovered_actors_match_the_discovered_registry(seeds):
    """The per-document lookups (discovered_actors) give what discovered_registry gives,
    on every seed document: the same pattern, surfaces and actor rows."""
    from storylens.actors.discovery import discovered_actors, discovered_registry
    from storylens.actors.mentions import sentence_rows

    compared = 0
    for _, part in seeds.sentences.groupby("doc_id", sort=False):
        found = discover_actors(sentence_rows(part), load_registry())
        if not found:
            continue
        fast, registry = discovered_actors(found), discovered_registry(found)
        assert fast.pattern.pattern == registry.pattern.pattern
        for d in found:
            assert fast.actor(d.actor_id) == registry.actor(d.actor_id)
            assert fast.has(d.actor_id) and registry.has(d.actor_id)
            for text, _ in d.surfaces:
                assert fast.surface(text) == registry.surface(text)
            compared += 1
    assert not fast.has("discovered:person:Nobody_Here")
    assert fast.actor("discovered:person:Nobody_Here") == registry.actor(
        "discovered:person:Nobody_Here"
    )
    assert compared > 5


@pytest.mark.parametrize(
    ("surname", "text", "alone", "bare"),
    [
        ("Trump", "Trump Tower rose. Trump said Trump’s plan, as Trump-era Trump.", 4, 3),
        ("Clinton", "Hillary Clinton's campaign ... Clinton’s doctor ... Clinton said", 3, 3),
        ("Lee", "Lee Lee Lee. Lee", 4, 2),
        ("Lee Lee", "Lee Lee Lee Lee Lee. Lee Lee", 3, 2),  # it can overlap itself
        ("Trump Jr", "Donald Trump Jr said Trump Jr Trump Jr.", 3, 2),
        ("Dean", "", 0, 0),
    ],
)
def test_surname_uses_as_two_scans_count_them(surname, text, alone, bare):
    pattern = rf"(?<![\w’'-]){re.escape(surname)}(?![\w-])"
    two_scans = (len(re.findall(pattern, text)), len(re.findall(pattern + r"(?!\s+[A-Z])", text)))
    assert discovery._surname_uses(surname, text) == two_scans == (alone, bare)


USES_CASES = [
    ("Moscow", "Moscow rejected talks in Moscow; anti-Moscow, Moscow-based, Moscow’s."),
    ("Lee Lee", "Lee Lee Lee Lee Lee. Lee Lee"),  # it can overlap itself
    ("Trump", "xTrump Trump Tower Trump’s O’Trump 'Trump Trump-era Trump"),
    ("Clinton", "Hillary Clinton\nClinton said. Clinton"),
    ("Dean", ""),
    ("aa", "aaaa a-aa aa_ aa"),
]
USES_RULES = [
    (discovery.WORDISH_BEFORE, discovery.WORDISH, r"[\w’'-]", r"[\w-]"),
    (discovery.WORDISH, discovery.WORDISH, r"[\w-]", r"[\w-]"),
    (discovery.WORDISH_BEFORE, discovery.WORDISH_OR_CAPITAL, r"[\w’'-]", r"[\w-]|\s+[A-Z]"),
]


@pytest.mark.parametrize(("name", "text"), USES_CASES)
@pytest.mark.parametrize(("before", "after", "before_regex", "after_regex"), USES_RULES)
def test_uses_of_a_name_are_what_a_regex_finds(
    name, text, before, after, before_regex, after_regex
):
    pattern = rf"(?<!{before_regex}){re.escape(name)}(?!{after_regex})"
    expected = [m.start() for m in re.finditer(pattern, text)]
    assert list(discovery._uses(text, name, before, after)) == expected


def test_uses_of_every_seed_persons_name_are_what_a_regex_finds(seeds):
    text = "\n".join(seeds.sentences["text"])
    names = {n for n in re.findall(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", text)}
    found = 0
    for name in sorted(names):
        expected = [
            m.start() for m in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])", text)
        ]
        assert (
            list(discovery._uses(text, name, discovery.WORDISH_BEFORE, discovery.WORDISH))
            == expected
        )
        found += len(expected)
    assert len(names) > 100 and found > len(names)


# The name patterns as first written, lookbehind first (discovery writes them capital
# first, for speed): both must find the same names.
_LOOKBEHIND_FIRST = {
    "FULL_NAME": rf"(?<![\w’'.-])(?:{discovery._NAME_WORD})(?:{discovery._BLANK}[A-Z]\.)?"
    rf"(?:{discovery._BLANK}{discovery._NAME_WORD}){{1,5}}{discovery._WORD_END}",
    "SINGLE_NAME": rf"(?<![\w’'.-]){discovery._NAME_WORD}{discovery._WORD_END}(?!\s+[A-Z])",
}


@pytest.mark.parametrize("rule", sorted(_LOOKBEHIND_FIRST))
def test_name_patterns_capital_first_find_what_lookbehind_first_finds(rule, seeds):
    pattern, plain = getattr(discovery, rule), re.compile(_LOOKBEHIND_FIRST[rule])
    text = "\n".join(seeds.sentences["text"]) + (
        "\nSen. Mitch McConnell, O’Rourke’s aide Luis V. Gutiérrez, anti-Obama x.Trump "
        "'Dean Howard Dean-led Donald Trump Jr.\nRuth Bader Ginsburg said"
    )
    found = [m.span() for m in pattern.finditer(text)]
    assert found == [m.span() for m in plain.finditer(text)]
    assert len(found) > 50
    assert pattern.search(text, 5).span() == plain.search(text, 5).span()  # from mid-text


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Rubio Unveils Policy Doctrine Invoking Kennedy", True),
        ("Rubio Unveils Policy Doctrine Invoking Kennedy.", False),  # a sentence
        ("Rubio Unveils Policy Doctrine Invoking Kennedy.  ", False),
        ("Rubio unveils a policy doctrine", False),
        ("Trump Wins", False),  # two words are no heading
        ("The Case for Building the Wall", True),  # stop words may be lower case
    ],
)
def test_title_case_headings(text, heading):
    assert discovery._is_heading(text) is heading
