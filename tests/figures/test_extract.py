"""Tests for storylens.figures.extract: every figure in the five seed articles, and the
non-figures.

The sentences in the tables are copied verbatim from seeds/*.txt (in file order; the
per-file test checks each article's complete list); the hand-made fixtures after them
cover the other forms the issue lists.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from storylens.figures import COLUMNS, extract_figures, iter_figures
from storylens.paths import seeds_dir

NAN = math.nan

# sentence, figure text, value, low, high, low_inclusive, high_inclusive, qualifier, unit,
# noun, kind
# fmt: off
SEED_FIGURES = [
    (
        "A proposed Anglo-French plan to deploy up to 30,000 troops as part of a peacekeeping "
        "force in Ukraine has faced pushback from Russia, who has labeled the idea an "
        "unacceptable threat.",
        "up to 30,000 troops", 30000, NAN, 30000, None, True, "upper", None, "troops", "troops",
    ),
    (
        "A Western force of 30,000 troops is a significant presence and would undoubtedly "
        "strengthen Ukraine’s defense capabilities.",
        "30,000 troops", 30000, 30000, 30000, True, True, "exact", None, "troops", "troops",
    ),
    (
        "However, it falls short of the 200,000 troops that Ukrainian President Zelensky "
        "believes are necessary for long-term security.",
        "200,000 troops", 200000, 200000, 200000, True, True, "exact", None, "troops", "troops",
    ),
    (
        "Additionally, the mention of boosting defense spending to 5% of GDP indicates that the "
        "US expects more from its European allies in terms of contributions to collective "
        "security.",
        "5%", 5, 5, 5, True, True, "exact", "percent", "GDP", "percent",
    ),
    (
        "The summit brought together more than two dozen leaders from states aligned with "
        "Ukraine, alongside senior American representation in the form of US envoy Steve Witkoff "
        "and Jared Kushner, Donald Trump’s son-in-law.",
        "more than two dozen leaders", 24, 24, NAN, False, None, "lower", None, "leaders", "people",
    ),
    (
        "0 Comments", "0 Comments", 0, 0, 0, True, True, "exact", None, "Comments", "count",
    ),
    (
        "The proposed security contingent would operate as a “reassurance force” with three "
        "primary missions:",
        "three primary missions", 3, 3, 3, True, True, "exact", None, "missions", "count",
    ),
    (
        "Macron then traveled to Warsaw to discuss a plan for 40,000 heavily armed European "
        "“peacekeepers” with the Polish government whose officials, however, have so far given "
        "it a cool public response.",
        "40,000 heavily armed European “peacekeepers”",
        40000, 40000, 40000, True, True, "exact", None, "peacekeepers", "troops",
    ),
    (
        "There is just one problem: According to every Russian official and expert with whom my "
        "colleagues and I have spoken (most recently on Thursday), the idea of Western troops in "
        "Ukraine is just as unacceptable to the Russian government and establishment as NATO "
        "membership for Ukraine itself.",
        "one problem", 1, 1, 1, True, True, "exact", None, "problem", "count",
    ),
    (
        "Indeed, the Russians see no essential difference between the two.",
        "two", 2, 2, 2, True, True, "exact", None, None, "number",
    ),
    (
        "In the early hours on Friday, they opted instead to extend a loan of €90 billion backed "
        "only by the EU’s own budget.",
        "€90 billion", 90000000000.0, 90000000000.0, 90000000000.0, True, True, "exact", "euro",
        None, "money",
    ),
    (
        "As the meeting opened, seven members — Belgium, Italy, Hungary, Slovakia, Czechia, "
        "Bulgaria and Malta — had opposed the proposal.",
        "seven members", 7, 7, 7, True, True, "exact", None, "members", "count",
    ),
    (
        "Germany, Poland, Sweden, Finland, Denmark and the three Baltic countries were its main "
        "supporters.",
        "three Baltic countries", 3, 3, 3, True, True, "exact", None, "countries", "countries",
    ),
    (
        "Washington has signaled it is off the table for now – along with Kyiv’s aspirations to "
        "reclaim the fifth of its territory occupied by Russian forces.",
        "the fifth of its territory", 0.2, 0.2, 0.2, True, True, "exact", None, "territory",
        "fraction",
    ),
    (
        "In response, Ukrainian President Volodymyr Zelenskyy has called for a force of more "
        "than 100,000 European troops to ensure Russia does not return post-cease-fire.",
        "more than 100,000 European troops", 100000, 100000, NAN, False, None, "lower", None,
        "troops", "troops",
    ),
    (
        "But Western leaders are discussing a smaller \"reassurance force,\" not a full-scale "
        "peacekeeping mission along the 600-mile (1,000-kilometer) front line.",
        "600-mile", 600, 600, 600, True, True, "exact", "mile", "line", "length",
    ),
    (
        "But Western leaders are discussing a smaller \"reassurance force,\" not a full-scale "
        "peacekeeping mission along the 600-mile (1,000-kilometer) front line.",
        "1,000-kilometer", 1000, 1000, 1000, True, True, "exact", "kilometre", "line", "length",
    ),
    (
        "The British-French-backed plan envisions fewer than 30,000 European troops stationed "
        "away from active combat zones, protecting strategic sites such as nuclear power plants.",
        "fewer than 30,000 European troops", 30000, NAN, 30000, None, False, "upper", None,
        "troops", "troops",
    ),
    (
        "With an estimated 600,000 Russian troops still in Ukraine, analysts say any cease-fire "
        "agreement that leaves them in place would be a fragile one.",
        "an estimated 600,000 Russian troops", 600000, 600000, 600000, True, True, "approx", None,
        "troops", "troops",
    ),
    (
        "Michael Clarke, a visiting professor in war studies at King’s College London, warned "
        "that an unsuccessful force could collapse into renewed conflict within two years.",
        "within two years", 2, NAN, 2, None, True, "upper", "year", None, "duration",
    ),
    (
        "A successful one, he said, \"could last 20 or 30 years.\"",
        "20 or 30 years", NAN, 20, 30, True, True, "range", "year", None, "duration",
    ),
]
# fmt: on


def _row(sentence: str, text: str) -> pd.Series:
    df = extract_figures(sentence)
    hits = df[df["text"] == text]
    assert len(hits) == 1, f"{text!r} not found once in {df['text'].tolist()}"
    return hits.iloc[0]


def _same(a, b) -> bool:
    if isinstance(b, float) and math.isnan(b):
        return isinstance(a, float) and math.isnan(a)
    return a == b


def _missing(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


@pytest.mark.parametrize(
    "sentence, text, value, low, high, low_inc, high_inc, qualifier, unit, noun, kind",
    SEED_FIGURES,
    ids=[row[1] for row in SEED_FIGURES],
)
def test_seed_figure(
    sentence, text, value, low, high, low_inc, high_inc, qualifier, unit, noun, kind
):
    row = _row(sentence, text)
    assert sentence[row["start"] : row["end"]] == text
    assert _same(row["value"], float(value))
    assert _same(row["low"], float(low))
    assert _same(row["high"], float(high))
    assert (None if _missing(row["low_inclusive"]) else bool(row["low_inclusive"])) == low_inc
    assert (None if _missing(row["high_inclusive"]) else bool(row["high_inclusive"])) == high_inc
    assert row["qualifier"] == qualifier
    assert (None if _missing(row["unit"]) else row["unit"]) == unit
    assert (None if _missing(row["noun"]) else row["noun"]) == noun
    assert row["kind"] == kind


# Every figure of each seed article, in order: nothing missed and nothing extra.
SEED_FILE_FIGURES = {
    "000": ["up to 30,000 troops", "30,000 troops", "200,000 troops", "5%"],
    "001": ["more than two dozen leaders", "0 Comments"],
    "002": ["three primary missions"],
    "003": [
        "40,000 heavily armed European “peacekeepers”",
        "one problem",
        "two",
        "€90 billion",
        "seven members",
        "three Baltic countries",
    ],
    "004": [
        "the fifth of its territory",
        "more than 100,000 European troops",
        "600-mile",
        "1,000-kilometer",
        "fewer than 30,000 European troops",
        "an estimated 600,000 Russian troops",
        "within two years",
        "20 or 30 years",
    ],
}


def _seed_text(prefix: str) -> str:
    (path,) = sorted(seeds_dir().glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", sorted(SEED_FILE_FIGURES))
def test_every_figure_in_seed_article(prefix):
    text = _seed_text(prefix)
    df = extract_figures(text)
    assert df["text"].tolist() == SEED_FILE_FIGURES[prefix]
    # offsets and text agree, computed two ways
    assert [text[s:e] for s, e in zip(df["start"], df["end"], strict=True)] == df["text"].tolist()
    assert (df["start"].diff().dropna() > 0).all()


# Sentences from the seeds, and the stretch in each that holds no figure.
# fmt: off
SEED_NON_FIGURES = [
    (
        "Kharkiv Oblast, Ukraine on February 18, 2025",
        "February 18, 2025",
    ),
    (
        "in St. Petersburg, Russia, 19 February 2025",
        "19 February 2025",
    ),
    (
        "suggesting that pursuing Ukraine’s pre-2014 borders is an ‘unrealistic’ goal",
        "pre-2014",
    ),
    (
        "However, it would not carry the same legal or political weight as NATO’s Article 5 "
        "guarantees.",
        "Article 5",
    ),
    (
        "US Special Presidential Envoy for Ukraine and Russia Keith Kellogg, 80, (pictured with "
        "JD Vance) has encouraged Europe",
        "Kellogg, 80,",
    ),
    (
        "participate in the final field exercise during exercise Platinum Wolf 2016 at "
        "Peacekeeping Operations Training Center South Base, Bujanovac, Serbia, May 20, 2016.",
        "Platinum Wolf 2016 at Peacekeeping Operations Training Center South Base, Bujanovac, "
        "Serbia, May 20, 2016",
    ),
    (
        "after a summit of Heads of State and Government of the European Union (18-19 December), "
        "in Brussels, on Thursday 18 December 2025.",
        "(18-19 December), in Brussels, on Thursday 18 December 2025",
    ),
    (
        "require substantial new financing no later than the first quarter of 2026.\n\nkeep "
        "readingShow less\n090127-f-7383p-001-scaled\nMQ-9 Reaper Drone.",
        "first quarter of 2026.\n\nkeep readingShow less\n090127-f-7383p-001-scaled\nMQ-9",
    ),
    (
        " date 2025-02-21 As Washington and Moscow edge toward negotiations",
        "2025-02-21",
    ),
    (
        "an informal meeting of leaders from key European Union nations and the U.K., Paris, "
        "France, Feb. 17, 2025.",
        "Feb. 17, 2025",
    ),
    (
        "Multiple broken ceasefire agreements since 2014",
        "since 2014",
    ),
    (
        "Trump made the suggestion to French President Emmanuel Macron and Ukrainian President "
        "Volodymyr Zelensky at a meeting in Paris on December 7.",
        "December 7",
    ),
    (
        "On one hand, the willingness of major European powers to consider troop deployments",
        "one hand",
    ),
    (
        "any cease-fire agreement that leaves them in place would be a fragile one.",
        "fragile one",
    ),
    (
        "Europe’s future security order—one in which declarations of intent may matter",
        "—one in which",
    ),
    (
        "continue this quality coverage — which you will find nowhere else — into 2026.",
        "into 2026",
    ),
    (
        "Trump made the suggestion to French President Emmanuel Macron",
        "Macron",
    ),
]
# fmt: on


@pytest.mark.parametrize(
    "sentence, stretch", SEED_NON_FIGURES, ids=[s for _, s in SEED_NON_FIGURES]
)
def test_seed_non_figure(sentence, stretch):
    assert stretch in sentence
    lo = sentence.index(stretch)
    hi = lo + len(stretch)
    df = extract_figures(sentence)
    overlapping = df[(df["start"] < hi) & (df["end"] > lo)]
    assert overlapping.empty, overlapping["text"].tolist()


def test_age_in_apposition_only_when_asked():
    sentence = (
        "US Special Presidential Envoy for Ukraine and Russia Keith Kellogg, 80, "
        "(pictured with JD Vance) has encouraged Europe"
    )
    assert extract_figures(sentence).empty
    df = extract_figures(sentence, ages=True)
    assert df[["text", "value", "unit", "kind"]].values.tolist() == [["80", 80.0, "year", "age"]]


# Hand-made fixtures for the other forms the issue asks for.
# text, figure text, value, low, high, qualifier, unit, noun, kind
# fmt: off
FORMS = [
    (
        "The deal is worth $3bn.", "$3bn", 3000000000.0, 3000000000.0, 3000000000.0, "exact",
        "US dollar", None, "money",
    ),
    (
        "About 1.5 million people fled.", "About 1.5 million people", 1500000.0, 1500000.0,
        1500000.0, "approx", None, "people", "people",
    ),
    (
        "a 30k crowd", "30k", 30000.0, 30000.0, 30000.0, "exact", None, None, "number",
    ),
    (
        "They sent 30k troops.", "30k troops", 30000.0, 30000.0, 30000.0, "exact", None, "troops",
        "troops",
    ),
    (
        "tens of thousands of people marched", "tens of thousands of people", NAN, 20000.0,
        100000.0, "range", None, "people", "people",
    ),
    (
        "hundreds of soldiers died", "hundreds of soldiers", NAN, 200, 1000, "range", None,
        "soldiers", "troops",
    ),
    (
        "Russia holds a fifth of Ukraine.", "a fifth of Ukraine", 0.2, 0.2, 0.2, "exact", None,
        "Ukraine", "fraction",
    ),
    (
        "Growth was 5 percent.", "5 percent", 5, 5, 5, "exact", "percent", None, "percent",
    ),
    (
        "Growth was 5 per cent.", "5 per cent", 5, 5, 5, "exact", "percent", None, "percent",
    ),
    (
        "It cost £2,000.", "£2,000", 2000, 2000, 2000, "exact", "pound sterling", None, "money",
    ),
    (
        "He was fined 500 pounds sterling.", "500 pounds sterling", 500, 500, 500, "exact",
        "pound sterling", None, "money",
    ),
    (
        "a loss of 361 million pounds", "361 million pounds", 361000000.0, 361000000.0,
        361000000.0, "exact", "pound sterling", None, "money",
    ),
    (
        "the baby weighed 7 pounds", "7 pounds", 7, 7, 7, "exact", "pound", None, "mass",
    ),
    (
        "a US$ 15 fee", "US$ 15", 15, 15, 15, "exact", "US dollar", None, "money",
    ),
    (
        "between 15,000 and 20,000 troops", "between 15,000 and 20,000 troops", NAN, 15000, 20000,
        "range", None, "troops", "troops",
    ),
    (
        "1-2 thousand soldiers", "1-2 thousand soldiers", NAN, 1000, 2000, "range", None,
        "soldiers", "troops",
    ),
    (
        "a force of 10,000 to 30,000 troops", "10,000 to 30,000 troops", NAN, 10000, 30000,
        "range", None, "troops", "troops",
    ),
    (
        "a 30,000-strong force", "30,000-strong force", 30000, 30000, 30000, "exact", None,
        "force", "troops",
    ),
    (
        "at least 14 people were killed", "at least 14 people", 14, 14, NAN, "lower", None,
        "people", "people",
    ),
    (
        "nearly 2 million refugees", "nearly 2 million refugees", 2000000.0, 2000000.0, 2000000.0,
        "approx", None, "refugees", "people",
    ),
    (
        "30,000 troops or more", "30,000 troops or more", 30000, 30000, NAN, "lower", None,
        "troops", "troops",
    ),
    (
        "a two-year mission", "two-year", 2, 2, 2, "exact", "year", "mission", "duration",
    ),
    (
        "one or two brigades", "one or two brigades", NAN, 1, 2, "range", None, "brigades", "count",
    ),
    (
        "a 5 km exclusion zone", "5 km", 5, 5, 5, "exact", "kilometre", None, "length",
    ),
    (
        "I want a hundred and two of those", "a hundred and two", 102, 102, 102, "exact", None,
        None, "number",
    ),
    (
        "It rose 10.5%", "10.5%", 10.5, 10.5, 10.5, "exact", "percent", None, "percent",
    ),
    (
        "a 28-year-old man", "28-year-old", 28, 28, 28, "exact", "year", None, "age",
    ),
    (
        "sales rose 6.2% to $1.45 billion", "$1.45 billion", 1450000000.0, 1450000000.0,
        1450000000.0, "exact", "US dollar", None, "money",
    ),
    (
        "$2 a share", "$2 a share", 2, 2, 2, "exact", "US dollar per share", None, "money",
    ),
    (
        "at 188 miles an hour", "188 miles an hour", 188, 188, 188, "exact", "mile per hour", None,
        "speed",
    ),
    (
        "half a million people", "half a million people", 500000.0, 500000.0, 500000.0, "exact",
        None, "people", "people",
    ),
    (
        "two and a half miles", "two and a half miles", 2.5, 2.5, 2.5, "exact", "mile", None,
        "length",
    ),
    (
        "the 38,000 U.S. troops in the Gulf", "38,000 U.S. troops", 38000, 38000, 38000, "exact",
        None, "troops", "troops",
    ),
    (
        "The war costs $5 to 7 million a day", "$5 to 7 million a day", NAN, 5000000.0, 7000000.0,
        "range", "US dollar per day", None, "money",
    ),
    (
        "It only cost 3 dollars 50 cents.", "3 dollars 50 cents", 3.5, 3.5, 3.5, "exact",
        "US dollar", None, "money",
    ),
    (
        "The Fed raised rates by a quarter of a percentage point.",
        "a quarter of a percentage point", 0.25, 0.25, 0.25, "exact", "percentage point", None,
        "percent",
    ),
    (
        "He ruled for over 20 years.", "over 20 years", 20, 20, NAN, "lower", "year", None,
        "duration",
    ),
    (
        "a €50bn package over four years", "four years", 4, 4, 4, "exact", "year", None, "duration",
    ),
    (
        "released at the age of 71", "71", 71, 71, 71, "exact", "year", None, "age",
    ),
    (
        "Prices rose from $350 per kg to $680 per kg",
        "$680 per kg", 680, 680, 680, "exact", "US dollar per kilogram", None, "money",
    ),
    (
        "Two-thirds of voters backed it", "Two-thirds of voters", 0.6666666666666666,
        0.6666666666666666, 0.6666666666666666, "exact", None, "voters", "fraction",
    ),
    (
        "3 in 10 Americans disapprove", "3 in 10 Americans", 0.3, 0.3, 0.3, "exact", None,
        "Americans", "fraction",
    ),
    (
        "He scored 3 in 10 minutes.", "10 minutes", 10, 10, 10, "exact", "minute", None, "duration",
    ),
    (
        "About half the country voted.", "About half the country", 0.5, 0.5, 0.5, "approx", None,
        "country", "fraction",
    ),
    (
        "20-odd countries signed", "20-odd countries", 20, 20, 20, "approx", None, "countries",
        "countries",
    ),
    (
        "Some 10-15,000 troops", "Some 10-15,000 troops", NAN, 10000, 15000, "range", None,
        "troops", "troops",
    ),
    (
        "The force would number 25,000-30,000 troops.",
        "25,000-30,000 troops", NAN, 25000, 30000, "range", None, "troops", "troops",
    ),
    (
        "a third-quarter earnings report showed 5% growth",
        "5%", 5, 5, 5, "exact", "percent", None, "percent",
    ),
    (
        "30,000 Paris residents fled", "30,000 Paris residents", 30000, 30000, 30000, "exact",
        None, "residents", "people",
    ),
    # a currency code touching the number, or scaled by a letter (business copy)
    (
        "The fund paid out USD115 million last year.", "USD115 million", 115e6, 115e6, 115e6,
        "exact", "US dollar", None, "money",
    ),
    (
        "Rheinmetall booked orders worth 450 MEUR in the quarter.", "450 MEUR", 450e6, 450e6,
        450e6, "exact", "euro", None, "money",
    ),
    (
        "The contract is valued at about MGBP 12.5, the ministry said.", "about MGBP 12.5",
        12.5e6, 12.5e6, 12.5e6, "approx", "pound sterling", None, "money",
    ),
    (
        "Each site receives a grant of 500 kEUR.", "500 kEUR", 5e5, 5e5, 5e5, "exact", "euro",
        None, "money",
    ),
    # a stated margin: the interval around the central value, which is kept
    (
        "Support for the deployment stands at 41% ± 3%, the pollster said.", "41% ± 3%", 41, 38,
        44, "range", "percent", None, "percent",
    ),
    (
        "The crater measured 12 +/- 0.5 metres across.", "12 +/- 0.5 metres", 12, 11.5, 12.5,
        "range", "metre", None, "length",
    ),
    (
        "Turnout was 63 plus or minus 2 percent.", "63 plus or minus 2 percent", 63, 61, 65,
        "range", "percent", None, "percent",
    ),
    # numbers listed before one unit share it
    (
        "Patients were given 45 and 50 mg doses.", "45", 45, 45, 45, "exact", "milligram", None,
        "mass",
    ),
    (
        "Shells landed 3, 4 or 5 km from the plant.", "3", 3, 3, 3, "exact", "kilometre", None,
        "length",
    ),
    # a digit fraction before "of": a proportion
    (
        "Russia now holds about 1/5 of Ukraine's territory.", "about 1/5 of Ukraine's territory",
        0.2, 0.2, 0.2, "approx", None, "territory", "fraction",
    ),
    (
        "Only 3/4 of the shells arrived on time.", "3/4 of the shells", 0.75, 0.75, 0.75,
        "exact", None, "shells", "fraction",
    ),
    # radiation doses
    (
        "Workers at the plant received up to 250 millisieverts.", "up to 250 millisieverts",
        250, NAN, 250, "upper", "millisievert", None, "radiation dose",
    ),
    # a superlative after "of the" modifies the counted noun, it is not the noun
    (
        "Poland is one of the largest contributors to the coalition.",
        "one of the largest contributors", 1, 1, 1, "exact", None, "contributors", "count",
    ),
    (  # after a cardinal and "of" the counted noun is plural: "political" is a modifier
        "Protesters demanded the release of hundreds of political prisoners.",
        "hundreds of political prisoners", NAN, 200, 1000, "range", None, "prisoners", "people",
    ),
    (  # ... but a fraction may divide a singular: "remains" is the verb
        "A fifth of its territory remains under occupation.", "A fifth of its territory", 0.2,
        0.2, 0.2, "exact", None, "territory", "fraction",
    ),
    (  # a quote that closes is not a year's apostrophe
        "He said '30 troops' would be enough.", "30 troops", 30, 30, 30, "exact", None,
        "troops", "troops",
    ),
    (  # ... only after "of": here "recurs" is the verb, "other" a modifier of "name"
        "In the allegations, one other name recurs: Mark Judge.", "one other name", 1, 1, 1,
        "exact", None, "name", "count",
    ),
    (
        "Three of the most powerful ministers opposed the plan.",
        "Three of the most powerful ministers", 3, 3, 3, "exact", None, "ministers", "people",
    ),
    # a price per unit of measure with "a"/"an"
    (
        "Gas prices averaged $3.45 a gallon, down 12 cents from a week ago.", "$3.45 a gallon",
        3.45, 3.45, 3.45, "exact", "US dollar per gallon", None, "money",
    ),
    (
        "Gold traded at a record $2,400 an ounce in London.", "$2,400 an ounce", 2400, 2400, 2400,
        "exact", "US dollar per ounce", None, "money",
    ),
    # a verb of change ends the phrase a measure qualifies
    (
        "The 10-year Treasury yield rose to 4.25%.", "10-year", 10, 10, 10, "exact", "year",
        "yield", "duration",
    ),
    # "minus" makes a number negative, but not in a margin ("plus or minus")
    (
        "Overnight temperatures in Kharkiv dropped to minus 20 degrees Celsius.",
        "minus 20 degrees Celsius", -20, -20, -20, "exact", "degree Celsius", None,
        "temperature",
    ),
    (
        "Forecasters expect between minus 2 and minus 8 degrees.",
        "between minus 2 and minus 8 degrees", NAN, -8, -2, "range", "degree", None, "degree",
    ),
    (
        "The survey has a margin of error of plus or minus 3 percentage points.",
        "3 percentage points", 3, 3, 3, "exact", "percentage point", None, "percent",
    ),
    # basis points (finance), and "-plus" as a lower bound before the counted noun
    (
        "The central bank raised its key rate by 50 basis points.", "50 basis points", 50, 50,
        50, "exact", "basis point", None, "percent",
    ),
    (
        "Bond yields jumped 25bps on Monday.", "25bps", 25, 25, 25, "exact", "basis point",
        None, "percent",
    ),
    (
        "Russia fired 40-plus missiles overnight.", "40-plus missiles", 40, 40, NAN, "lower",
        None, "missiles", "weapons",
    ),
    (  # "gray" is a colour, not the unit of dose
        "Twenty gray buses waited at the border.", "Twenty gray buses", 20, 20, 20, "exact",
        None, "buses", "count",
    ),
    (
        "A CT scan of the abdomen gives about 14 mGy.", "about 14 mGy", 14, 14, 14, "approx",
        "milligray", None, "radiation dose",
    ),
]
# fmt: on


@pytest.mark.parametrize(
    "sentence, text, value, low, high, qualifier, unit, noun, kind",
    FORMS,
    ids=[f[0] for f in FORMS],
)
def test_forms(sentence, text, value, low, high, qualifier, unit, noun, kind):
    row = _row(sentence, text)
    assert _same(row["value"], float(value))
    assert _same(row["low"], float(low))
    assert _same(row["high"], float(high))
    assert row["qualifier"] == qualifier
    assert (None if _missing(row["unit"]) else row["unit"]) == unit
    assert (None if _missing(row["noun"]) else row["noun"]) == noun
    assert row["kind"] == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "The G7 met in 2025.",
        "5G networks are spreading.",
        "Ukraine wants F-16 jets.",
        "the 21st century",
        "the 1960s",
        "the talks start at 2 pm",
        "the meeting ends at 10:30",
        "the score was 3-2",
        "The fifth round of talks begins on the fifth of May.",
        "It was the first attempt.",
        "Under Section 3 of the act",
        "No one came.",
        "Toys R Us, Payless Shoe Source and Nine West.",
        "Updated 01/07/2013 02:45 PM EST",
        "The shop is open 24/7.",
        # list markers outside parentheses
        "Under the plan, London would 1) cap troop numbers and 2) set a timetable.",
        # letters glued to a number that are not a currency code
        "Intel's LGA1156 socket and the ABCD123 part",
        # numbered lines, and years cut to two digits
        "Top stories\n2. 'IT'S SAD WHEN YOU COME HOME'",
        "Donors began backing the Clinton ’16 effort early.",
        "She met him at the class of '89 reunion.",
        # a scale letter on a code that is not a currency, or before a year
        "The MNATO 5 exercise",
        "NASA's MARS 2020 rover landed.",
        # a slash number that is not a fraction of anything
        "The ceasefire held on 3/4 fronts.",
    ],
)
def test_non_figures(sentence):
    assert extract_figures(sentence)["text"].tolist() == []


def test_inclusive_bounds_follow_the_qualifier():
    df = extract_figures(
        "up to 10 ships, fewer than 10 tanks, more than 10 jets, at least 10 drones"
    )
    got = [
        (q, _missing(lo), _missing(hi))
        for q, lo, hi in zip(
            df["qualifier"], df["low_inclusive"], df["high_inclusive"], strict=True
        )
    ]
    assert got == [
        ("upper", True, False),
        ("upper", True, False),
        ("lower", False, True),
        ("lower", False, True),
    ]
    assert df["high_inclusive"].tolist()[:2] == [True, False]
    assert df["low_inclusive"].tolist()[2:] == [False, True]


def test_columns_and_empty_text():
    empty = extract_figures("No numbers here.")
    assert list(empty.columns) == COLUMNS
    assert empty.empty
    df = extract_figures("up to 30,000 troops")
    assert list(df.columns) == COLUMNS
    assert empty.dtypes.astype(str).tolist() == df.dtypes.astype(str).tolist()
    assert df["start"].dtype == "int64" and df["value"].dtype == "float64"


def _frame_row_by_row(text: str) -> pd.DataFrame:
    """The reference for extract_figures' column-wise frame: row dicts, explicit dtypes."""
    records = [f._asdict() for f in iter_figures(text)]
    df = pd.DataFrame(records, columns=COLUMNS)
    return df.astype(
        {
            "start": "int64",
            "end": "int64",
            "value": "float64",
            "low": "float64",
            "high": "float64",
            "low_inclusive": "boolean",
            "high_inclusive": "boolean",
            "from_value": "float64",
            "to_value": "float64",
            **{
                c: "str"
                for c in ("text", "qualifier", "change", "change_part", "unit", "noun", "kind")
            },
        }
    )


@pytest.mark.parametrize(
    "text",
    [
        *[_seed_text(prefix) for prefix in sorted(SEED_FILE_FIGURES)],
        "No numbers here.",
        "",
        "more than 100,000 troops, fewer than 30,000 troops and about 5% of GDP",
        "Sales rose from 5% to 7%, and the company cut 20,000 jobs.",
    ],
    ids=[*sorted(SEED_FILE_FIGURES), "none", "empty", "bounds", "changes"],
)
def test_frame_matches_row_by_row_reference(text):
    df = extract_figures(text)
    expected = _frame_row_by_row(text)
    assert df.dtypes.to_dict() == expected.dtypes.to_dict()
    pd.testing.assert_frame_equal(df, expected, check_exact=True)


@pytest.mark.parametrize("text", ["up to 30,000 troops", "No numbers here."])
def test_frames_do_not_share_state(text):
    # the frame is built from cached pieces (column labels, empty columns): changing one
    # frame must not change the next
    first = extract_figures(text)
    first.columns.name = "changed"
    first.index.name = "changed"
    first["extra"] = 1
    second = extract_figures(text)
    assert second.columns.name is None and second.index.name is None
    assert list(second.columns) == COLUMNS
    pd.testing.assert_frame_equal(second, _frame_row_by_row(text), check_exact=True)


def test_iter_figures_matches_extract_figures():
    text = _seed_text("004")
    rows = [tuple(f) for f in iter_figures(text)]
    df = extract_figures(text)
    assert [r[2] for r in rows] == df["text"].tolist()
    assert [r[0] for r in rows] == df["start"].tolist()


@pytest.mark.parametrize(
    "sentence, text, low, high",
    [
        ("prices from $10 to $5 each", "$10 to $5", 5, 10),
        ("between $10 and $5", "between $10 and $5", 5, 10),
    ],
)
def test_descending_range_with_a_currency_on_the_second_number(sentence, text, low, high):
    # these raised AttributeError before the staged reader (no unit match for the "$")
    row = extract_figures(sentence).iloc[0]
    assert (row.text, row.low, row.high, row.qualifier, row.unit) == (
        text,
        low,
        high,
        "range",
        "US dollar",
    )


@pytest.mark.parametrize(
    "sentence, text",
    [
        ("Barely 300 people came.", "Barely 300 people"),  # lexicon approx_below
        ("nearly 40,000 troops", "nearly 40,000 troops"),
        ("almost half the country", "almost half the country"),
    ],
)
def test_approx_below_qualifiers_read_as_approximate(sentence, text):
    row = extract_figures(sentence).iloc[0]
    assert (row.text, row.qualifier, row.low == row.high == row.value) == (text, "approx", True)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a rate hyphenated to money is no identifier chain
        ("It made a $45-a-share offer.", [("$45-a-share", 45.0, "US dollar per share")]),
        ("the $2-a-gallon gas tax", [("$2-a-gallon", 2.0, "US dollar per gallon")]),
        ("He paid $5-a-head.", [("$5-a-head", 5.0, "US dollar per head")]),
        # ... but a chain of one or two letters still is
        ("See the 090127-f-7383p photo.", []),
    ],
)
def test_hyphenated_rates(text, expected):
    df = extract_figures(text)
    assert df[["text", "value", "unit"]].values.tolist() == [list(e) for e in expected]
