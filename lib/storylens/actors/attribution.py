"""Who a sentence says does or says something: surface rules over actor spans.

The rules read one sentence and its actor mentions as ``spans``, a sorted list of
``(start, end, actor_id)`` with offsets in the sentence (``mention_spans`` of
:mod:`storylens.actors.mentions` gives them for a mentions table). Given the offset
of a cue (a stance word, a figure):

- :func:`agent`: the actor after "from"/"by" ("pushback from Russia");
- :func:`speaker`: the actor the cue is reported from ("Lavrov warned that ...",
  "“...,” Starmer said");
- :func:`subject`: the actors doing what the cue says, by clause rules;
- :func:`coordinated`: an actor with those joined to it by "and", "&" or commas;
- :func:`quote_speaker` and :func:`in_carried_quote`: a quote that stays open across
  sentences ("In the words of X: “... . ... .”") keeps its speaker.

Stances (:mod:`storylens.actors.stances`) and the claimant of a figure use them.

>>> s = "Lavrov warned that the plan was unacceptable."
>>> speaker(s, [(0, 6, "RU-LAVROV")], s.index("unacceptable"))
['RU-LAVROV']
>>> s = "Britain and France are prepared to deploy troops."
>>> subject(s, [(0, 7, "GB"), (12, 18, "FR")], s.index("prepared"))
['GB', 'FR']
"""

from __future__ import annotations

import dataclasses
import functools
import re
from importlib import resources

import yaml

from storylens.actors.words import alternation_of
from storylens.lexicon import alternation, speech_verbs

__all__ = [
    "POLARITIES",
    "QUOTE_CLOSE",
    "QUOTE_OPEN",
    "Cues",
    "Span",
    "agent",
    "coordinated",
    "cues",
    "in_carried_quote",
    "quote_speaker",
    "reported_subject",
    "speaker",
    "subject",
]

Span = tuple[int, int, str]  # start, end, actor_id: offsets in the sentence

# Demonym mentions that name armed forces: objects of a proposal, never its speakers.
# Accepts "Russian troops", "British forces"; rejects "British officials".
MILITARY_NOUN = re.compile(rf"\s(?:{alternation_of('military_nouns')})\Z", re.I)
# Clause boundaries for finding a cue's subject: accepts ";" and ", but"; rejects ",".
CLAUSE_BREAK = re.compile(r";|:(?!\d)|—|–|\s-\s|,?\s+\b(?:but|while|whereas|although|and\s+that)\b")
# A word that makes the next name an object, not a subject: accepts "from ", "with the ".
PREPOSITION_BEFORE = re.compile(rf"\b(?:{alternation_of('object_words')})\s+(?:the\s+)?\Z", re.I)
# The passive agent's "by" right before a name: accepts "the decision by ", "by the ";
# rejects "nearby ".
BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?\Z")
# A coordinated actor or a comma right before a name, dropped when looking at what
# precedes the first of them: accepts "Starmer and " , ", "; rejects "the ".
COORDINATED_BEFORE = re.compile(r"(?:\b\w+\s+(?:and|or|&)\s+|,\s*)\Z")
# A clause that has its own subject: accepts " it's", " they"; rejects " left the door".
SUBJECT_START = re.compile(rf"\s*(?:{alternation_of('subject_words')})\b", re.I)
# A subordinate clause at the start: accepts "When ", "If ", "Although "; rejects "Russia ".
SUBORDINATE = re.compile(rf"\s*(?:{alternation_of('subordinators')})\b", re.I)
# A relative pronoun: accepts "who", "whose"; rejects "what".
RELATIVE = re.compile(rf"\b(?:{alternation_of('relative_pronouns')})\b")
# Relative pronouns that may be the object of their clause, which then has a subject of
# its own ("whom Congress refused"); "who" and "whose ..." are or hold the subject.
OBJECT_RELATIVES = frozenset({"whom", "which", "that"})
# What may stand between a relative clause's antecedent and its pronoun: accepts ", ",
# ""; rejects " officials ".
ANTECEDENT_GAP = re.compile(r"[\s,]*")
# What may stand between a speaker and the speech verb: accepts " ", " has ", ", had ";
# rejects " then ".
SPEAKER_GAP = re.compile(r"[\s,]*(?:has\s+|had\s+|have\s+)?")
# The link from a cue to its passive agent: accepts " from the ", ", mostly from ";
# rejects " to ".
AGENT_LINK = re.compile(r"(?:,\s*\w+)?\s+(?:from|by)\s+(?:the\s+)?", re.I)
# The gap between coordinated actors, titles allowed: accepts ", ", " and the ",
# ", British Prime Minister ", " & "; rejects " met ".
COORDINATION = re.compile(
    r"\A(?:\s*,\s*(?:and\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}\Z"
)
# A copula right before a cue: the cue judges something ("the plan was unacceptable"),
# and in reported speech the judgement is the speaker's. Accepts "was ", "would be “",
# "is very "; rejects "Congress " in "Congress refused".
COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?[“\"]?\Z", re.I)
# A possessive right after a name: "Trump's emergency declaration" names whose plan it
# is, not who acts. Accepts "'s", "’s", "’"; rejects "s" in "says".
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
QUOTE_OPEN, QUOTE_CLOSE = "“", "”"
POLARITIES = ("support", "conditional", "decline", "oppose")


@dataclasses.dataclass(frozen=True)
class Cues:
    """The compiled stance cues of ``data/stance_cues.yaml`` and the lexicon's speech
    verbs: ``support``/``conditional``/``decline``/``oppose`` (cue words of each
    polarity, also as ``polarities``: ``(polarity, pattern)`` pairs in that order),
    ``role_support``/``role_oppose`` (a role noun right after a name), ``agent_after`` (a
    cue ending that the agent follows), ``speech`` (verbs of saying), ``backer`` (a
    hyphenated compound of backers: group 1 is "British-French-" in "British-French-backed").
    """

    support: re.Pattern[str]
    oppose: re.Pattern[str]
    role_support: re.Pattern[str]
    role_oppose: re.Pattern[str]
    agent_after: re.Pattern[str]
    speech: re.Pattern[str]
    conditional: re.Pattern[str]
    decline: re.Pattern[str]
    backer: re.Pattern[str]

    @property
    def polarities(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((p, getattr(self, p)) for p in POLARITIES)


def _whole_words(alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])", re.I)


def _role_pattern(items: list[str]) -> re.Pattern[str]:
    """A role noun describing the name just before: "(strong supporter)" right after
    it, or ", is a key supporter"."""
    nouns = "|".join(items)
    return re.compile(
        rf"\A\s*(?:\((?:[\w’' -]+\s)?(?:{nouns})\b|,?\s+(?:is|are|was|were|as)\s+"
        rf"(?:a|an|the|its|their)?\s*(?:\w+\s+){{0,2}}(?:{nouns})\b)",
        re.I,
    )


@functools.cache
def cues() -> Cues:
    """The stance cues, compiled once."""
    spec = yaml.safe_load(
        resources.files("storylens").joinpath("data", "stance_cues.yaml").read_text("utf-8")
    )
    agent_cue = re.compile(
        r"(?:" + "|".join(spec["agent_after"]) + r")(?:,\s*\w+)?\s+(?:from|by)\s+(?:the\s+)?\Z",
        re.I,
    )
    # "British-French-backed": accepts "British-French-backed", "US-backed"; rejects
    # "Kremlin backed" and "well-backed" (lower case).
    backer = re.compile(
        r"(?<![\w-])((?:[A-Z][\w’'.]*-)+)(?:" + "|".join(spec["backer_suffixes"]) + r")(?![\w-])"
    )
    return Cues(
        _whole_words("|".join(spec["support"])),
        _whole_words("|".join(spec["oppose"])),
        _role_pattern(spec["role_support"]),
        _role_pattern(spec["role_oppose"]),
        agent_cue,
        _whole_words(alternation(speech_verbs())),
        _whole_words("|".join(spec["conditional"])),
        _whole_words("|".join(spec["decline"])),
        backer,
    )


def coordinated(
    index: int, spans: list[Span], sentence: str, *, backward: bool = False
) -> list[str]:
    """The actor at ``spans[index]`` and those joined to it by "and", "&" or commas
    (after it, or before it with ``backward``), in sentence order.

    >>> s = "Britain, France and Poland met."
    >>> coordinated(0, [(0, 7, "GB"), (9, 15, "FR"), (20, 26, "PL")], s)
    ['GB', 'FR', 'PL']
    """
    group = [index]
    step = -1 if backward else 1
    i = index
    while 0 <= i + step < len(spans):
        a, b = (spans[i + step], spans[i]) if backward else (spans[i], spans[i + step])
        if not COORDINATION.match(sentence[a[1] : b[0]]):
            break
        i += step
        group.append(i)
    return [spans[i][2] for i in sorted(group)]


def _relative_antecedent(before: str, spans: list[Span], clause_start: int) -> list[str]:
    """The antecedent of a relative clause holding the cue: "the Polish government
    whose officials ... gave it a cool response" -> Poland; a relative clause with a
    subject of its own names that subject instead: "Trump, whom Congress refused ..." ->
    Congress."""
    rel = [m for m in RELATIVE.finditer(before) if m.start() >= clause_start]
    if not rel:
        return []
    pronoun = rel[-1].start()
    if rel[-1].group().lower() in OBJECT_RELATIVES and "," not in before[rel[-1].end() :]:
        inside = [
            i for i, (s, e, _) in enumerate(spans)
            if rel[-1].end() < s and e <= len(before)
            and not PREPOSITION_BEFORE.search(before, rel[-1].end(), s)
        ]  # fmt: skip
        if inside:
            return coordinated(inside[-1], spans, before, backward=True)
    antecedent = [
        i
        for i, (_, e, _) in enumerate(spans)
        if e <= pronoun and ANTECEDENT_GAP.fullmatch(before[e:pronoun])
    ]
    return [spans[antecedent[-1]][2]] if antecedent else []


def _is_clause_subject(sentence: str, start: int, clause_start: int, cue_start: int) -> bool:
    """Whether a name at ``start`` (not after a preposition) can be the subject: not
    inside a relative clause, not in a leading subordinate clause."""
    inside_relative = any(
        "," not in sentence[m.start() : start]
        for m in RELATIVE.finditer(sentence, clause_start, start)
    )
    sub_clause = SUBORDINATE.match(sentence, clause_start)
    if sub_clause and start < sentence.find(",", clause_start) < cue_start:
        return False  # "When Macron first suggested ..., polls showed ... opposing"
    return not inside_relative


def _clause_actors(
    sentence: str, spans: list[Span], clause_start: int, cue_start: int
) -> tuple[list[int], list[int]]:
    """The indexes of the spans in the cue's clause before it that may be its subject,
    and of those that are passive agents ("the decision by London and Paris to ...")."""
    candidates, agents = [], []
    for i, (start, end, _) in enumerate(spans):
        if not (clause_start <= start and end <= cue_start):
            continue
        if MILITARY_NOUN.search(sentence[start:end]):
            continue  # "Russian troops" are what the plan is about, not who takes a stance
        lead = COORDINATED_BEFORE.sub("", sentence[clause_start:start])
        if BY_BEFORE.search(lead):
            agents.append(i)
        elif not PREPOSITION_BEFORE.search(lead) and _is_clause_subject(
            sentence, start, clause_start, cue_start
        ):
            candidates.append(i)
    return candidates, agents


def subject(
    sentence: str, spans: list[Span], cue_start: int, *, clause_end: int | None = None
) -> list[str]:
    """The actors doing what the cue at ``cue_start`` says, by surface rules: the
    antecedent of a relative clause holding the cue; else the last actor of the cue's
    clause before it that is not the object of a preposition, with those coordinated to
    it; else the first passive agent ("by London and Paris"); else, after "but" with no
    new subject, the subject of the clause before. ``clause_end`` is accepted for callers
    that know where the cue's clause ends; the rules read only the text before the cue.

    >>> s = "The plan, which Poland opposed, was backed by nobody; Germany rejected it."
    >>> subject(s, [(16, 22, "PL"), (54, 61, "DE")], s.index("rejected"))
    ['DE']
    """
    before = sentence[:cue_start]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(before)]
    clause_start = breaks[-1] if breaks else 0
    antecedent = _relative_antecedent(before, spans, clause_start)
    if antecedent:
        return antecedent
    candidates, agents = _clause_actors(sentence, spans, clause_start, cue_start)
    if candidates:
        return coordinated(candidates[-1], spans, sentence, backward=True)
    if agents:
        return coordinated(agents[0], spans, sentence)
    if (
        breaks
        and sentence[clause_start - 4 : clause_start].strip() == "but"
        and not SUBJECT_START.match(sentence, clause_start)
    ):
        # "Hegseth has ruled out ground forces but left the door open": same subject
        return subject(sentence, spans, clause_start - 4)
    return []


def speaker(
    sentence: str, spans: list[Span], cue_start: int, cues: Cues | None = None
) -> list[str]:
    """The actor a cue is reported from: "X warned that ... <cue>", "“<cue>,” X said";
    empty when the cue is not in reported speech. ``cues`` defaults to :func:`cues`."""
    speech = (cues or _default_cues()).speech
    for verb in speech.finditer(sentence):
        if verb.start() < cue_start:  # "Lavrov warned that ... unacceptable"
            near = [
                i
                for i, (_, e, _) in enumerate(spans)
                if e <= verb.start() and SPEAKER_GAP.fullmatch(sentence[e : verb.start()])
            ]
            if near:  # "Pelosi and Schumer said ...": both
                return coordinated(near[-1], spans, sentence, backward=True)
        quote_end = sentence.rfind(QUOTE_CLOSE, 0, verb.start())
        if quote_end > cue_start:  # "“... <cue> ...,” Starmer said"
            after = [i for i, (s, _, _) in enumerate(spans) if quote_end < s < verb.start()]
            if after:  # "“...,” Pelosi and Schumer said"
                return coordinated(after[0], spans, sentence)
    return []


def reported_subject(
    sentence: str, spans: list[Span], cue_start: int, cues: Cues | None = None
) -> list[str]:
    """The subject of a cue inside reported speech or a quote, when the reported clause
    names one: "Trump said Congress refused to fund the wall" and "“Congress refused
    ...,” Trump said" -> Congress; the stance is the subject's, not the speaker's. Empty
    when the cue is not in reported speech, when its clause names no actor as subject
    (a possessive, "Trump's plan", is none), or when the cue judges what a copula
    links it to ("the plan was unacceptable": the speaker's judgement).

    >>> s = "“Congress refused to fund the wall,” Trump said."
    >>> reported_subject(s, [(1, 9, "CONGRESS"), (37, 42, "TRUMP")], s.index("refused"))
    ['CONGRESS']
    """
    if COPULA_BEFORE.search(sentence, 0, cue_start):
        return []
    speech = (cues or _default_cues()).speech
    starts = [v.end() for v in speech.finditer(sentence, 0, cue_start) if v.end() <= cue_start]
    starts.append(sentence.rfind(QUOTE_OPEN, 0, cue_start))
    begin = max(starts)
    if begin < 0:
        return []
    inner = [
        sp for sp in spans
        if begin <= sp[0] and sp[1] <= cue_start and not POSSESSIVE_AFTER.match(sentence, sp[1])
    ]  # fmt: skip
    return subject(sentence, inner, cue_start) if inner else []


_default_cues = cues  # ``speaker``'s parameter named ``cues`` hides the function


def agent(
    sentence: str, spans: list[Span], cue_end: int, cues: Cues | None = None
) -> list[str] | None:
    """The passive agent of a cue ending at ``cue_end``: the actor right after "from" or
    "by" ("pushback from Russia", "hatched by Starmer and Macron"), with those coordinated
    to it. ``[]`` when the cue has no agent link; None when it has one but no registry
    actor follows ("skepticism by Western allies"): then the cue is nobody's.

    >>> s = "The plan met with resistance from Russia."
    >>> agent(s, [(34, 40, "RU")], s.index("resistance") + len("resistance"))
    ['RU']
    """
    link = AGENT_LINK.match(sentence, cue_end)
    if not link or not (cues or _default_cues()).agent_after.search(sentence[: link.end()]):
        return []
    after = [i for i, (s, _, _) in enumerate(spans) if s == link.end()]
    return coordinated(after[0], spans, sentence) if after else None


def quote_speaker(sentence: str, spans: list[Span], current: list[str]) -> list[str]:
    """The speaker of a quote still open at the end of ``sentence``: the last actor
    named before the quote opens (or ``current`` when none is), ``[]`` once a quote
    closes, else ``current`` (the quote carried from an earlier sentence)."""
    opened, closed = sentence.rfind(QUOTE_OPEN), sentence.rfind(QUOTE_CLOSE)
    if opened > closed:
        intro = [a for _, e, a in spans if e <= opened]
        return intro[-1:] if intro else current
    if closed >= 0:
        return []
    return current


def in_carried_quote(sentence: str, cue_start: int) -> bool:
    """Whether a cue sits in the part of a quote carried over from an earlier sentence:
    before the first closing quote, with no quote opened before the cue."""
    first_close = sentence.find(QUOTE_CLOSE)
    return (first_close < 0 or cue_start < first_close) and sentence.find(
        QUOTE_OPEN, 0, cue_start
    ) < 0
