"""Tests for storylens.timeline.normalise.durations, through extract_timexes: sets
(frequencies), vague references (PRESENT_REF, PAST_REF, FUTURE_REF) and durations with
vague or fractional counts, each as the TIMEX3 guidelines annotate it (extent and value),
in sentence shapes from news."""

from __future__ import annotations

import pytest

from storylens.timeline import extract_timexes

DCT = "2025-02-21"


def found(sentence: str) -> list[tuple[str, str, str, str]]:
    df = extract_timexes(sentence, dct=DCT)
    return list(zip(df["text"], df["type"], df["value"], df["mod"], strict=True))


SET_CASES = [
    ("The committee meets every morning at the ministry.", "every morning", "XXXX-XX-XXTMO"),
    ("Each evening, crowds gathered outside the parliament.", "Each evening", "XXXX-XX-XXTEV"),
    ("The festival is held every summer in the old town.", "every summer", "XXXX-SU"),
    ("Volunteers clear the beach every weekend.", "every weekend", "XXXX-WXX-WE"),
    ("The market is closed on weekends.", "weekends", "XXXX-WXX-WE"),
    ("The river floods every few years, residents say.", "every few years", "PXY"),
    ("Inspectors visit the plant twice a week.", "twice a week", "P1W"),
    ("The report is published annually by the central bank.", "annually", "P1Y"),
    ("Each year, thousands of pilgrims travel to the shrine.", "Each year", "P1Y"),
    ("The council meets every two weeks.", "every two weeks", "P2W"),
    ("Protesters gather outside the embassy every Friday evening.", "every Friday evening",
     "XXXX-WXX-5TEV"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,expression,value", SET_CASES)
def test_a_recurring_time_is_a_set(sentence, expression, value):
    assert (expression, "SET", value, "") in found(sentence)


REFERENCE_CASES = [
    ("He is now the leader of the party.", "now", "PRESENT_REF"),
    ("The bank currently employs 3,000 people.", "currently", "PRESENT_REF"),
    # "at the time": the expression is "the time", a time before the article's
    ("At the time, officials said the plant was safe.", "the time", "PAST_REF"),
    ("The minister was, at that time, in Brussels.", "that time", "PAST_REF"),
    ("He was formerly the head of the agency.", "formerly", "PAST_REF"),
    ("Recent polls show a tight race.", "Recent", "PAST_REF"),
    ("The country has changed a lot in the past.", "the past", "PAST_REF"),
    ("Holders may buy shares at half the then current market price.", "then current",
     "PAST_REF"),
    ("He met the then-current minister in Brussels.", "then-current", "PAST_REF"),
    ("The talks will resume soon, a diplomat said.", "soon", "FUTURE_REF"),
    ("Prices will stay high in the short term.", "the short term", "FUTURE_REF"),
    ("In the future, the rules will be tighter.", "the future", "FUTURE_REF"),
    ("The vote was postponed to a later date.", "a later date", "FUTURE_REF"),
    ("The firm will repay the loans as soon as possible.", "as soon as possible", "FUTURE_REF"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,expression,value", REFERENCE_CASES)
def test_a_vague_reference_is_a_ref_value(sentence, expression, value):
    assert (expression, "DATE", value, "") in found(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "At the time of the attack, he was at home.",  # the time of an event
        "Soon after the blast, police sealed off the street.",  # a sequence
        "They will leave as soon as the road reopens.",  # a conjunction
        "The previously announced plan was dropped.",  # an adjective of a verb
        "The company is confident about future earnings.",  # an adjective
    ],
)
def test_no_reference_where_the_words_tell_no_time(sentence):
    assert [f for f in found(sentence) if f[2].endswith("_REF")] == []


DURATION_CASES = [
    # a unit with no count: X for the count, in that unit
    ("The meeting lasted minutes, not hours.", "minutes", "PTXM", ""),
    ("Negotiations could take days.", "days", "PXD", ""),
    ("Minutes later, police sealed off the square.", "Minutes", "PTXM", ""),
    ("They waited hours for a bus at the border.", "hours", "PTXH", ""),
    ("It could take years to rebuild the bridge.", "years", "PXY", ""),
    ("The process took decades.", "decades", "PXDE", ""),
    ("The building has stood for centuries.", "centuries", "PXCE", ""),
    ("The strike lasted a few weeks.", "a few weeks", "PXW", ""),
    ("They waited for several hours at the border.", "several hours", "PTXH", ""),
    # counted: fractions in decimals, decades and centuries in their own units
    ("He served two and a half years in prison.", "two and a half years", "P2.5Y", ""),
    ("He lived there for three decades.", "three decades", "P3DE", ""),
    ("The treaty held for half a century.", "half a century", "P0.5CE", ""),
    ("The plant had been closed for more than a decade.", "more than a decade", "P1DE",
     "MORE_THAN"),
    # stretches with no stated length: a term of office, a while
    ("During his tenure, the agency doubled in size.", "tenure", "PXY", ""),
    ("Her eight-year tenure as mayor ended badly.", "tenure", "PXY", ""),
    ("The road will stay closed for a while.", "a while", "PXX", ""),
]  # fmt: skip


@pytest.mark.parametrize("sentence,expression,value,mod", DURATION_CASES)
def test_durations_with_vague_or_fractional_counts(sentence, expression, value, mod):
    assert (expression, "DURATION", value, mod) in found(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["The days are long in June.", "In the first days after the vote, prices fell."],
)
def test_bare_days_are_no_span_without_a_verb_or_preposition_of_time(sentence):
    assert [f for f in found(sentence) if f[0].lower() == "days"] == []


# A date counted back is as precise as its unit (TIMEX3 granularity): "two weeks ago" a
# week, "two decades ago" a decade (2005 lies in the 2000s: 200), "a century ago" a century.
AGO_CASES = [
    ("Two decades ago the town was empty.", "Two decades ago", "200", "decade"),
    ("A century ago it was a village.", "A century ago", "19", "century"),
    ("Three decades from now the coast will look different.", "Three decades from now", "205",
     "decade"),
    ("Five months ago, the talks collapsed.", "Five months ago", "2024-09", "month"),
    ("Two weeks ago the army pulled back.", "Two weeks ago", "2025-W06", "week"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,expression,value,gran", AGO_CASES)
def test_dates_counted_back_keep_the_precision_of_their_unit(sentence, expression, value, gran):
    df = extract_timexes(sentence, dct=DCT)
    rows = list(zip(df["text"], df["type"], df["value"], df["granularity"], strict=True))
    assert rows == [(expression, "DATE", value, gran)]
