"""Which terms name the story's proposal for the stance section, and where they come from.

A stance counts only in a sentence about the proposal. The terms come from the
``topic_terms`` parameter, else the story file (``topic: terms:``), else, when neither
names one, the corpus's main terms (:func:`storylens.terms.main_terms`), so that a story
nobody wrote rules for still gets a stance section, and the report says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

__all__ = ["StanceTopic", "stance_topic"]

HOW_TO_DEFINE = (
    "add `topic: {name: ..., terms: [...]}` to the story file (`STORY=` or a `story.yaml` "
    "beside the articles) or set the notebook's `topic_terms`"
)


class StanceTopic(NamedTuple):
    """The topic terms of the stance section: ``terms``, ``source`` (``parameter``,
    ``story`` or ``corpus``) and ``argument``, what to pass as ``topic=`` to
    :func:`~storylens.actors.stance_evidence` (None: the registry's own)."""

    terms: tuple[str, ...]
    source: str

    @property
    def argument(self) -> list[str] | None:
        return None if self.source == "story" else list(self.terms)

    def sentence(self) -> str:
        """What the report says about the topic."""
        shown = ", ".join(f"“{t}”" for t in self.terms)
        if self.source == "corpus":
            return (
                "No topic is defined for this story, so stances are read in sentences "
                f"using the corpus's main terms: {shown}. To name the proposal, "
                f"{HOW_TO_DEFINE}."
            )
        if not self.terms:
            return f"No topic is defined and the corpus has no main terms: {HOW_TO_DEFINE}."
        where = "the `topic_terms` parameter" if self.source == "parameter" else "the story file"
        return f"Stances are read in sentences about the topic ({where}): {shown}."


def stance_topic(
    corpus, registry, terms: Iterable[str] | None = None, *, top: int = 5
) -> StanceTopic:
    """The topic terms for ``corpus``: ``terms`` if given, else the registry's, else the
    corpus's ``top`` main terms.

    >>> from storylens import load_corpus
    >>> from storylens.actors import registry_for
    >>> seeds = load_corpus(cache=False)
    >>> stance_topic(seeds, registry_for(seeds)).source
    'story'
    """
    given = tuple(t for t in (terms or ()) if str(t).strip())
    if given:
        return StanceTopic(given, "parameter")
    if registry.topic_terms:
        return StanceTopic(tuple(registry.topic_terms), "story")
    from storylens.terms import main_terms

    return StanceTopic(tuple(main_terms(corpus, top=top)), "corpus")
