"""Reading one figure around its number: qualifiers, currency, unit, range, rate, noun
and the interval the figure claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storylens.figures.nonfigures import (
    AGE_AFTER,
    AGE_BEFORE,
    APPOSITION_AFTER,
    APPOSITION_BEFORE,
    CHAIN_AFTER,
    FIXED_PHRASE,
    IDENTIFIER_WORDS,
    LINE_START,
    LIST_MARKER_AFTER,
    MONTH_AFTER,
    MONTH_BEFORE,
    MONTH_WORDS,
    NO_ONE_BEFORE,
    NUMBERED_LINE_AFTER,
    SENTENCE_START,
    TIME_AFTER,
    WORD_BEFORE,
    YEAR_APOSTROPHE_BEFORE,
    in_parentheses,
    skip_chain,
    skip_year_range,
)
from storylens.figures.nouns import (
    DETERMINER_AFTER,
    HYPHEN_WORD,
    OF_A,
    OF_DETERMINER,
    OF_POSSESSIVE,
    PAREN_AFTER,
    STOP_WORDS,
    THE_BEFORE,
    is_plural,
    noun_kind,
    noun_phrase,
    plural_follows,
)
from storylens.figures.numbers import (
    NUMBER_START,
    SCALE_SUFFIX,
    SCALE_SUFFIX_NEEDS_MONEY,
    SCALE_WORD,
    SCALES,
    SLASH_FRACTION,
    Num,
    read_number,
)
from storylens.figures.qualifiers import (
    FOR_BEFORE,
    QUALIFIER_AFTER,
    QUALIFIER_AFTER_KIND,
    QUALIFIER_BEFORE,
    QUALIFIER_KIND,
    point_interval,
)
from storylens.figures.units import (
    MINOR_AMOUNT,
    MINOR_CURRENCY,
    MINOR_WORD,
    MONEY_CONTEXT,
    PRICED_KINDS,
    RATE,
    RATE_NOUNS,
    SCALED_CODE_AFTER,
    SCALED_CODE_BEFORE,
    UnitTable,
    currency_at,
    glued_currency_code,
    match_unit,
    scaled_currency,
)
from storylens.figures.words import NAN, WORDS, phrase_alternation, rx

# Range joins: "20 or 30", "10,000 to 30,000", "1-2", "8- to 16-meter"; rejects "20, 30".
_RANGE_JOIN = rx(
    r"(?P<pre>-(?=_B_+(?:to|or)\b))?(?:_B_*(?P<dash>[-–‐])_B_*|_B_+(?P<w>to|or|and|through)_B_+)"
)
# A margin: "9.83 +/- 0.01", "52% ± 3", "3 plus or minus 0.5"; rejects "5 + 3".
_PLUS_MINUS = rx(r"_B_*(?:±|\+/[-−]|(?i:plus_B_+or_B_+minus))_B_*")
# Numbers joined in a list before one unit: "45 and 50 mg", "3, 4 or 5 km"; accepts " and ".
_LIST_JOIN = rx(r"(?:_B_*,_B_*|_B_+(?:and|or|&)_B_+)")
# "of" after a digit fraction: "1/40 of the wavelength" accepts " of ".
_OF_AFTER = rx(r"_B_+of_B_+")
# "minus" before a number makes it negative: "minus 20 degrees" accepts "minus "; "plus or
# minus 3" (a margin) and "10 minus 3" (arithmetic) are rejected by _minus_before.
_MINUS_BEFORE = rx(r"(?i)(?<![A-Za-z])minus_B_+$")
_MINUS_AT = rx(r"(?i)minus_B_+")
_MINUS_NOT_AFTER = rx(r"(?i)(?:\bor|\d)_B_*$")
# A verb of change shortly before: "rose from 5% to 7%" accepts "rose from ".
_CHANGE_BEFORE = re.compile(
    r"(?i)\b(" + phrase_alternation(list(WORDS["change_words"])) + r")\b[^.;]{0,40}$"
)
# " in " between the two numbers of a ratio: "3 in 10 Americans".
_IN_BETWEEN = rx(r"_B_+in_B_+(?=[\dA-Za-z])")


@dataclass
class Reading:
    start: int
    end: int
    value: float
    low: float
    high: float
    low_inclusive: bool | None
    high_inclusive: bool | None
    qualifier: str
    unit: str | None
    noun: str | None
    kind: str
    consumed: int = 0


def read_figure(text: str, m: re.Match, table: UnitTable, ages: bool) -> Reading | None | int:
    """The figure whose number ``m`` starts; None if it is not a figure.

    An int is returned instead of None when a stretch of text must be skipped (a date
    range, an identifier chain), so that its parts are not read again.
    """
    num = read_number(text, m)
    if num is None:
        return None
    n_start, pos = num.start, num.end
    if num.the_of:
        the = THE_BEFORE.search(text, max(0, n_start - 5), n_start)
        if not (the and OF_POSSESSIVE.match(text, pos)):
            return None
        n_start = num.start = the.start()  # "the" makes "fifth" a fraction: keep it
    mb = _MINUS_BEFORE.search(text, max(0, n_start - 8), n_start) if num.value > 0 else None
    if mb and not _MINUS_NOT_AFTER.search(text, max(0, mb.start() - 6), mb.start()):
        num.value, num.plain = -num.value, False  # "minus 20 degrees"
        n_start = num.start = mb.start()
    ratio = _read_ratio(text, num, table)
    if ratio is not None:
        return ratio
    if num.words and num.one and NO_ONE_BEFORE.search(text, max(0, n_start - 4), n_start):
        return None
    if num.fraction and text.startswith("-", pos):
        return pos  # "third-quarter earnings", "fifth-largest": ordinals
    if num.words and FIXED_PHRASE.match(text, n_start):
        fm = FIXED_PHRASE.match(text, n_start)
        return fm.end()

    # --- glue on the left: identifiers ("MQ-9", "F-16", "pre-2014", "J1149.5") -----------
    before_char = text[n_start - 1] if n_start > 0 else " "
    if not num.words:
        if before_char in "-/+" and n_start >= 2 and text[n_start - 2].isalnum():
            return skip_chain(text, n_start)
        if (
            num.plain
            and num.end - n_start == 2
            and YEAR_APOSTROPHE_BEFORE.search(text, max(0, n_start - 2), n_start)
            and before_char not in text[num.end : num.end + 40]
        ):
            return skip_chain(text, n_start)  # "’16": a year
        if before_char == ":" or (
            before_char.isalpha() and not glued_currency_code(text, n_start, table)
        ):
            return skip_chain(text, n_start)

    # --- glue on the right ---------------------------------------------------------------
    unit_name, um = None, None
    money_prefix = None
    left = text[max(0, n_start - 12) : n_start]
    cm = table.before.search(left)
    if cm:
        money_prefix = table.symbols.get(re.sub(r"\s+", " ", cm.group("c")))
        cur_start = n_start - len(left) + cm.start("c")
    else:
        cur_start = n_start
        scm = SCALED_CODE_BEFORE.search(left)
        scaled_code = scaled_currency(scm, table) if scm and not num.scaled else None
        if scaled_code and not (num.plain and 1100 <= num.value <= 2199):  # "MARS 2020"
            # "MAUD 60": 60 million Australian dollars
            money_prefix = scaled_code[0]
            cur_start = n_start - len(left) + scm.start()
            num.value *= scaled_code[1]
            num.scaled, num.plain = True, False
    if not num.words:
        if num.scale_letter:
            letter = num.scale_letter
            is_money_after = False
            after_scale = pos + len(letter)
            if letter in ("m", "M", "b", "B", "T"):
                u2, _ = match_unit(text, after_scale, table)
                is_money_after = bool(u2 and table.kind(u2) == "money")
            if letter not in SCALE_SUFFIX_NEEDS_MONEY or money_prefix or is_money_after:
                num.scale = 1e6 if letter == "m" else SCALE_SUFFIX[letter]
                num.value *= num.scale
                num.end = pos = after_scale
                num.scaled = True
                num.plain = False
        if TIME_AFTER.match(text, pos) or CHAIN_AFTER.match(text, pos):
            return skip_chain(text, n_start)
        sf = SLASH_FRACTION.match(text, pos)
        if text.startswith("/", pos) and text[pos + 1 : pos + 2].isdigit() and not sf:
            return skip_chain(text, n_start)  # "01/07/2013", "24/7"
        if sf:
            denominator = int(sf.group(1))
            u, _ = match_unit(text, sf.end(), table)
            if u and num.plain and 0 < num.value < denominator:
                num.value /= denominator
                num.end = pos = sf.end()
                num.plain = False
            elif num.plain and 0 < num.value < denominator and _OF_AFTER.match(text, sf.end()):
                num.value /= denominator  # "about 1/40 of the wavelength": a proportion
                num.end = pos = sf.end()
                num.plain = False
                num.fraction = True
            else:
                return skip_chain(text, n_start)
        if pos < len(text) and text[pos].isalpha() and not match_unit(text, pos, table)[0]:
            # letters glued on: an ordinal ("21st"), a decade ("1960s"), a name ("5G")
            return skip_chain(text, n_start)

    # --- a capitalised number word inside a sentence is a name: "Nine West", "Formula One"
    if (
        num.words
        and text[n_start].isupper()
        and not SENTENCE_START.search(text, max(0, n_start - 3), n_start)
        and not match_unit(text, pos, table)[0]
        and not plural_follows(text, pos)
    ):
        return None

    # --- list markers: "1) explains ...; 2) cautions ..." ---------------------------------
    if (
        num.plain
        and num.value <= 20
        and not money_prefix
        and (
            LIST_MARKER_AFTER.match(text, pos)
            and not in_parentheses(text, n_start)
            or NUMBERED_LINE_AFTER.match(text, pos)
            and LINE_START.search(text, max(0, n_start - 4), n_start)
        )
    ):
        return None

    # --- dates --------------------------------------------------------------------------
    small_int = num.plain and 1 <= num.value <= 31
    if small_int and (MONTH_BEFORE.search(text, max(0, n_start - 12), n_start)):
        return num.end
    if small_int and MONTH_AFTER.match(text, pos):
        return None

    # --- qualifier before ---------------------------------------------------------------
    q_kind, q_start = None, cur_start
    over_start = None
    qm = QUALIFIER_BEFORE.search(text, max(0, cur_start - 30), cur_start)
    between = from_ = False
    if qm:
        phrase = re.sub(r"\s+", " ", qm.group("q").lower())
        if phrase == "between":
            between = True
            q_start = qm.start("q")
        elif phrase == "from":
            from_ = True
        else:
            q_kind = QUALIFIER_KIND[phrase]
            q_start = qm.start("q")
            if phrase == "over" and not FOR_BEFORE.search(text, max(0, q_start - 12), q_start):
                over_start = q_start  # kept unless the unit says it is a span of time

    # --- years --------------------------------------------------------------------------
    if num.plain and 1100 <= num.value <= 2199 and not money_prefix and q_kind is None:
        u, _ = match_unit(text, pos, table, allow_hyphen=False)
        if not u:
            return skip_year_range(text, pos)

    # --- identifiers and names before the number ("Article 5", "Platinum Wolf 2016") ----
    if not money_prefix and q_kind is None and not between:
        wb = WORD_BEFORE.search(text, max(0, n_start - 30), n_start)
        if wb:
            word = wb.group("w")
            low_word = word.lower()
            if low_word in IDENTIFIER_WORDS or low_word.rstrip(".") in IDENTIFIER_WORDS:
                return skip_chain(text, n_start)
            if any(ch.isdigit() for ch in word):
                return skip_chain(text, n_start)  # "Core i7 860"
            if (
                not num.words
                and not match_unit(text, pos, table)[0]
                and not plural_follows(text, pos)
                and word[0].isupper()
                and low_word not in STOP_WORDS
                and low_word not in MONTH_WORDS
                and not word.endswith(("'s", "’s"))
                and not SENTENCE_START.search(text, max(0, wb.start() - 3), wb.start())
            ):
                return skip_chain(text, n_start)

    # --- ages ---------------------------------------------------------------------------
    age = None
    am = AGE_AFTER.match(text, pos) if not num.vague else None
    if am and num.value > 0:
        age = am.end()
    elif num.plain and AGE_BEFORE.search(text, max(0, n_start - 12), n_start):
        age = pos
    elif (
        num.plain
        and 1 <= num.value <= 120
        and not money_prefix
        and q_kind is None
        and APPOSITION_BEFORE.search(text, max(0, n_start - 40), n_start)
        and APPOSITION_AFTER.match(text, pos)
    ):
        if not ages:
            return None
        age = pos
    if age is not None:
        return Reading(
            q_start if q_kind else n_start,
            age,
            num.value,
            num.value,
            num.value,
            True,
            True,
            "exact",
            "year",
            None,
            "age",
            consumed=age,
        )

    # --- unit right after the first number ----------------------------------------------
    hyphen_unit = False
    unit_name, um = match_unit(text, pos, table)
    if unit_name:
        hyphen_unit = "-" in um.group("sep")
    end = pos
    if unit_name:
        end = um.end()
    elif not money_prefix and not num.scaled:
        scm = SCALED_CODE_AFTER.match(text, pos)
        scaled_code = scaled_currency(scm, table) if scm else None
        if scaled_code:  # "30 MUSD": 30 million US dollars
            unit_name, end = scaled_code[0], scm.end()
            num.value *= scaled_code[1]
            num.scaled, num.plain = True, False

    # --- range --------------------------------------------------------------------------
    low = high = NAN
    is_range = margin = False
    second = None
    cur2 = None
    after_first = end if unit_name and not hyphen_unit else pos
    pmm = _PLUS_MINUS.match(text, after_first) if not num.vague and not num.fraction else None
    if pmm:  # "9.83e-3 +/- 1e-5 km/s2": the interval value -/+ margin
        m2 = NUMBER_START.match(text, pmm.end())
        margin_num = read_number(text, m2) if m2 else None
        if margin_num is not None and not margin_num.vague and margin_num.value > 0:
            u2, um2 = match_unit(text, margin_num.end, table)
            if not (unit_name and u2 and u2 != unit_name):
                is_range = margin = True
                low, high = num.value - margin_num.value, num.value + margin_num.value
                end = margin_num.end
                if u2:
                    unit_name, um, end = u2, um2, um2.end()
                    hyphen_unit = "-" in um2.group("sep")
    rj = _RANGE_JOIN.match(text, after_first) if not is_range else None
    if rj and not num.vague and not num.fraction:
        join = (rj.group("w") or rj.group("dash") or "").lower()
        ok_join = join in ("-", "–", "‐", "to", "or", "through") or (join == "and" and between)
        if rj.group("pre") and not rj.group("w"):
            ok_join = False
        if join == "to" and _CHANGE_BEFORE.search(
            text, max(0, q_start - (60 if from_ else 25)), q_start
        ):
            ok_join = False  # "rose from 5% to 7%", "sales rose 6.2% to $1.45 billion"
        if ok_join and not (join == "or" and QUALIFIER_AFTER.match(text, pos)):
            p2 = rj.end()
            cur2 = currency_at(text, p2, table)
            if cur2:
                p2 = cur2[1]
            minus2 = _MINUS_AT.match(text, p2) if num.value < 0 else None
            if minus2:  # "from minus 5 to minus 10 degrees"
                p2 = minus2.end()
            m2 = NUMBER_START.match(text, p2)
            if m2:
                second = read_number(text, m2)
                if second is not None and minus2:
                    second.value = -second.value
        if second is not None and not second.vague and not second.fraction:
            p2end = second.end
            if not second.words and second.scale_letter:
                letter = second.scale_letter
                if letter not in SCALE_SUFFIX_NEEDS_MONEY or money_prefix:
                    second.scale = 1e6 if letter == "m" else SCALE_SUFFIX[letter]
                    second.value *= second.scale
                    second.end = p2end = p2end + len(letter)
                    second.scaled = True
            if not second.words and (
                p2end < len(text)
                and (text[p2end].isalpha() and not match_unit(text, p2end, table)[0])
            ):
                second = None
            elif not second.words and CHAIN_AFTER.match(text, p2end):
                second = None
        if second is not None:
            v1, v2 = num.value, second.value
            if second.scale and not num.scale and v1 < v2 / second.scale:
                v1 *= second.scale  # "1-2 thousand", "$5 to 7 million"
            elif (
                num.plain
                and v1 < 1000 <= v2
                and v2 % 1000 == 0
                and "," in text[m2.start() : second.end]
                and v1 < v2 / 1000 <= 10 * v1
            ):
                v1 *= 1000  # "10-15,000 troops" is 10,000 to 15,000
            u2, um2 = match_unit(text, second.end, table)
            if cur2 and not u2:
                u2, um2 = cur2[0], None
            if (unit_name or money_prefix) and u2 and u2 != (unit_name or money_prefix):
                second = None
            elif v1 > v2 and (from_ and join == "to" or between and join == "and"):
                is_range = True  # "ranged from -18 °C to -34 °C", "between minus 2 and minus 8"
                low, high = v2, v1
                end = second.end
                if u2:
                    unit_name, um = u2, um2
                    end = um2.end()
            elif v1 >= v2:
                if join in ("-", "–", "‐") and not unit_name:
                    return second.end  # a score or an identifier: "3-2", "18-12"
                second = None
            elif (
                second.plain
                and num.plain
                and 1 <= v1 <= 31
                and 1 <= v2 <= 31
                and MONTH_AFTER.match(text, second.end)
            ):
                return second.end  # "18-19 December"
            elif second.plain and 1100 <= v2 <= 2199 and num.plain and 1100 <= v1 <= 2199:
                return second.end
            else:
                is_range = True
                low, high = v1, v2
                end = second.end
                if u2 and um2 is not None:
                    unit_name, um = u2, um2
                    hyphen_unit = "-" in um2.group("sep")
                    end = um2.end()
                if TIME_AFTER.match(text, second.end):
                    return second.end
    if not is_range and unit_name is None and num.fraction:
        # "a quarter mile", "one-half miles", "a quarter of a percentage point"
        oa = OF_A.match(text, pos)
        unit_name, um = match_unit(text, oa.end() if oa else pos, table)
        if unit_name:
            end = um.end()
            hyphen_unit = "-" in um.group("sep")

    # --- money: "pounds" as sterling, currency before the number -------------------------
    if unit_name in table.or_money and (
        num.scaled or money_prefix or MONEY_CONTEXT.search(text, max(0, n_start - 50), n_start)
    ):
        unit_name = table.or_money[unit_name]
    if money_prefix:
        if unit_name and table.kind(unit_name) == "money":
            pass  # "$10 dollars", "US$ 15"
        elif unit_name is None or hyphen_unit:
            unit_name = money_prefix
            if hyphen_unit:
                end = max(pos, second.end if is_range else pos)
                hyphen_unit = False
        # a scale word after the currency code: "75 USD million"
    if unit_name and table.kind(unit_name) == "money" and not num.scaled and not is_range:
        sw = SCALE_WORD.match(text, end)
        if sw and sw.group("w").lower() in SCALES and "-" not in sw.group("sep"):
            num.value *= SCALES[sw.group("w").lower()]
            end = sw.end()

    # --- minor units: "3 dollars 50 cents", "thirteen dollars and forty-five cents" -----
    if (
        unit_name
        and table.kind(unit_name) == "money"
        and not is_range
        and not num.scaled
        and unit_name not in MINOR_CURRENCY
        and end > pos
    ):
        mm = MINOR_AMOUNT.match(text, end)
        if mm:
            minor = NUMBER_START.match(text, mm.end())
            minor_num = read_number(text, minor) if minor else None
            if minor_num and not minor_num.vague and 0 < minor_num.value < 100:
                after = minor_num.end
                cents = MINOR_WORD.match(text, after)
                u_after, _ = match_unit(text, after, table)
                if cents or (
                    u_after is None
                    and not plural_follows(text, after)
                    and not (after < len(text) and text[after].isalnum())
                ):
                    num.value += minor_num.value / 100
                    end = cents.end() if cents else after

    # --- rate: "$2 a share", "188 miles an hour" ----------------------------------------
    if unit_name:
        rm = RATE.match(text, end)
        if rm:
            den_word = rm.group("den")
            den_unit = table.canonical(den_word)
            den = den_unit or RATE_NOUNS.get(den_word.lower().rstrip("s"))
            den_kind = table.kind(den_unit)
            priced = table.kind(unit_name) == "money" and den_kind in PRICED_KINDS
            if (rm.group("w") or rm.group("hw")) in ("a", "an", "each") and not (
                den_kind == "duration" or priced or den in RATE_NOUNS.values()
            ):
                den = None
            if den:
                composite = f"{unit_name} per {den}"
                unit_name = table.canonical(composite) or composite
                end = rm.end()

    if over_start is not None and unit_name and table.kind(unit_name) == "duration":
        q_kind, q_start = None, cur_start  # "a package over four years": a span, not a bound

    # --- qualifier after ----------------------------------------------------------------
    if q_kind is None and not is_range:
        qa = QUALIFIER_AFTER.match(text, end)
        if qa:
            if qa.group("plus") or qa.group("dplus"):
                q_kind = "lower_inclusive"
            else:
                q_kind = QUALIFIER_AFTER_KIND[re.sub(r"\s+", " ", qa.group("q").lower())]
            end = qa.end()

    # --- noun ---------------------------------------------------------------------------
    noun = None
    noun_end = end
    kind = None
    if unit_name:
        kind = table.kind(unit_name) or table.kind(unit_name.split(" per ")[0])
        # the thing a measure qualifies: "600-mile front line", "5% of GDP"
        p = end
        pm = PAREN_AFTER.match(text, p)
        if hyphen_unit:
            if pm:
                p = pm.end()
            elif text.startswith(")", p):
                p += 1
            noun, _ = noun_phrase(text, p, singular_ok=True)
        else:
            of = OF_DETERMINER.match(text, p)
            if of and table.kind(unit_name) in ("percent", "money", "mass", "volume"):
                noun, _ = noun_phrase(text, of.end(), singular_ok=True)
    else:
        hw = HYPHEN_WORD.match(text, pos)
        if hw and hw.group("w").lower().endswith(("ed", "ing")):
            hw = None  # "486-based machines", "Saudi-led": a compound adjective
        if hw and not is_range:
            word = hw.group("w")
            if word.lower() in ("odd", "plus"):  # "20-odd countries", "40-plus missiles"
                q_kind = q_kind or ("approx" if word.lower() == "odd" else "lower_inclusive")
                noun, noun_end = noun_phrase(text, hw.end(), singular_ok=False)
                if noun is None:
                    noun_end = hw.end()
            elif word.lower() == "strong":  # "a 30,000-strong force"
                noun, noun_end = noun_phrase(text, hw.end(), singular_ok=True)
                if noun is None:
                    noun_end = hw.end()
                kind = noun_kind(noun, table) or "people"
            else:
                noun, noun_end = word, hw.end()
        else:
            one = not is_range and (num.one or (not num.words and num.value == 1))
            singular_ok = one or num.fraction
            noun, noun_end = noun_phrase(text, end, singular_ok=singular_ok)
            if one and noun is not None and is_plural(noun):
                noun, noun_end = None, end  # "that one costs": a verb, not a noun
            if noun is None:
                of = OF_DETERMINER.match(text, end)
                if of:
                    u_of, um_of = match_unit(text, of.end(), table, allow_hyphen=False)
                    if u_of and num.vague and table.kind(u_of) == "money":
                        unit_name, end = u_of, um_of.end()  # "millions of dollars"
                        kind = "money"
                    else:
                        noun, noun_end = noun_phrase(
                            text, of.end(), singular_ok=True, partitive=True, count=not num.fraction
                        )
            if num.fraction and noun is None and not unit_name:
                det = DETERMINER_AFTER.match(text, end)  # "about half the country"
                if det:
                    noun, noun_end = noun_phrase(text, det.end(), singular_ok=True)
                if noun is None:
                    return None
                end = max(end, noun_end)
            if num.needs_of and noun is None:
                return None
            if noun is not None:
                end = max(end, noun_end)
                qa = QUALIFIER_AFTER.match(text, end) if q_kind is None and not is_range else None
                if qa and qa.group("q"):
                    q_kind = QUALIFIER_AFTER_KIND[re.sub(r"\s+", " ", qa.group("q").lower())]
                    end = qa.end()
        if num.one and noun is None:
            return None  # "one" as a pronoun: "a successful one"
        if num.bare_half and noun is None:
            return None
        if num.words and noun is None and unit_name is None and num.value == 0:
            return None
        if noun is not None and hw and not is_range:
            end = max(end, noun_end)

    if unit_name is None and noun is None and not is_range and not num.fraction:
        unit_name = _shared_unit(text, end, table)  # "45 and 50 mg": the 45 is in mg too
    if kind is None:
        if unit_name:
            kind = table.kind(unit_name) or "count"
        elif num.fraction:
            kind = "fraction"
        elif noun:
            kind = noun_kind(noun, table) or "count"
        else:
            kind = "number"
    if noun:
        noun = noun.strip("“”\"'‘’")

    # --- interval -----------------------------------------------------------------------
    start = min(n_start, cur_start, q_start)
    if is_range:
        qualifier, value = "range", (num.value if margin else NAN)
        low_inc = high_inc = True
    elif num.vague:
        qualifier, value = "range", NAN
        low, high = num.low, num.high
        low_inc, high_inc = True, False
        if q_kind in ("lower_exclusive", "lower_inclusive"):
            qualifier, high, high_inc = "lower", NAN, None
            low_inc = q_kind == "lower_inclusive"
        elif q_kind in ("upper_exclusive", "upper_inclusive"):
            qualifier, low, low_inc = "upper", NAN, None
            high_inc = q_kind == "upper_inclusive"
    else:
        qualifier, value, low, high, low_inc, high_inc = point_interval(
            q_kind or "exact", num.value
        )
    if not q_kind and not is_range:
        start = min(n_start, cur_start)
    return Reading(
        start,
        end,
        value,
        low,
        high,
        low_inc,
        high_inc,
        qualifier,
        unit_name,
        noun,
        kind,
        consumed=end,
    )


def _read_ratio(text: str, num: Num, table: UnitTable) -> Reading | None:
    """ "3 in 10 Americans", "one in five children": a fraction of the counted noun."""
    im = _IN_BETWEEN.match(text, num.end)
    if not im or num.vague or num.fraction or not 0 < num.value:
        return None
    m2 = NUMBER_START.match(text, im.end())
    den = read_number(text, m2) if m2 else None
    if den is None or den.vague or den.fraction or not num.value < den.value <= 1000:
        return None
    if match_unit(text, den.end, table)[0]:
        return None  # "3 in 10 days" is not a ratio
    noun, noun_end = noun_phrase(text, den.end, singular_ok=False)
    if noun is None:
        return None
    q = QUALIFIER_BEFORE.search(text, max(0, num.start - 30), num.start)
    kind = QUALIFIER_KIND.get(re.sub(r"\s+", " ", q.group("q").lower())) if q else None
    qualifier, value, low, high, low_inc, high_inc = point_interval(
        kind or "exact", num.value / den.value
    )
    start = q.start("q") if kind else num.start
    return Reading(
        start,
        noun_end,
        value,
        low,
        high,
        low_inc,
        high_inc,
        qualifier,
        None,
        noun.strip("“”\"'‘’"),
        "fraction",
        consumed=noun_end,
    )


def _shared_unit(text: str, pos: int, table: UnitTable) -> str | None:
    """The unit after the next numbers of a list ("45 and 50 mg", "3, 4 or 5 km"), if the
    list reaches one within four numbers; hyphenated units ("5 and 10-mile") do not count."""
    for _ in range(4):
        join = _LIST_JOIN.match(text, pos)
        m = NUMBER_START.match(text, join.end()) if join else None
        num = read_number(text, m) if m else None
        if num is None or num.vague or num.fraction:
            return None
        unit, um = match_unit(text, num.end, table)
        if unit:
            return None if "-" in um.group("sep") else unit
        pos = num.end
    return None
