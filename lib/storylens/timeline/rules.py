"""The rules of the timeline, built from ``data/timex_rules.yaml``: each rule's compiled
pattern bound to its normaliser (and accept test) in :mod:`storylens.timeline.normalise`.

Earlier rules win ties between spans of the same length.

>>> [r.name for r in RULES][:3]
['iso_date', 'slash_date', 'month_day']
"""

from __future__ import annotations

from storylens.timeline import normalise
from storylens.timeline.engine import WORD_START, Rule
from storylens.timeline.patterns import RULE_SPECS

__all__ = ["RULES", "rule"]


def _function(spec: dict, key: str):
    """The function of normalise named by ``spec[key]``; an error names the rule."""
    name = spec[key]
    fn = getattr(normalise, name, None)
    if fn is None or name.startswith("_") or not callable(fn):
        raise ValueError(
            f"timex_rules.yaml rule {spec['name']}: {key} {name!r} is not a function of "
            "storylens.timeline.normalise"
        )
    return fn


def _rule(spec: dict) -> Rule:
    triggers = spec.get("triggers")
    return Rule(
        spec["name"],
        spec["pattern"],
        _function(spec, "normalise"),
        accept=_function(spec, "accept") if spec.get("accept") else None,
        triggers=tuple(triggers) if triggers is not None else None,
        starts=spec.get("starts", WORD_START),
        example=spec.get("example"),
    )


RULES: list[Rule] = [_rule(spec) for spec in RULE_SPECS]
_BY_NAME = {r.name: r for r in RULES}


def rule(name: str) -> Rule:
    """The rule called ``name``."""
    return _BY_NAME[name]
