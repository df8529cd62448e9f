"""Tests for storylens.corpus.boilerplate: which lines are not the article, captions."""

from __future__ import annotations

import re

import pytest

from storylens.corpus import boilerplate_reason, is_caption

from .articles import SEEDS


def test_repeated_title_is_collapsed(seeds):
    text = seeds.text("000_369a766a91fa2ef0")
    title = "Anglo-French Peacekeeping Force in Ukraine Faces Russian Pushback"
    assert text.count(title) == 1
    titles = seeds.sentences[
        (seeds.sentences.doc_id.str[:3] == "000") & (seeds.sentences.role == "title")
    ]
    assert titles.text.tolist() == [title]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("0 Comments", "comments counter"),
        ("google cta", "navigation"),
        ("Follow us on social", "navigation"),
        ("Analysis | Europe", "navigation"),
        ("keep readingShow less", "navigation"),
        ("article image", "placeholder"),
        ("090127-f-7383p-001-scaled", "placeholder"),
        ("MQ-9 Reaper Drone. Photo Credit: U.S. Air Force", "image credit"),
        (
            "Top image credit: Belgian Prime Minister Bart De Wever holds a press conference",
            "image credit",
        ),
        (
            "Dear RS readers: It has been an extraordinary year and our editing team",
            "call to action",
        ),
        ("Want more of our stories on Google?", "call to action"),
        ("Newsletter", "newsletter"),
        ("Subscribe now to our weekly round-up and don't miss a beat", "newsletter"),
        # article text is never boilerplate
        ("Russia has flatly rejected the idea.", None),
        ("What Was Agreed in Paris", None),
        ("Core Contributors:", None),
        ("France (primary architect of the proposal)", None),
        ("Limited deployment, high stakes", None),
        ("The American Question", None),
    ],
)
def test_boilerplate_reason(line, reason):
    assert boilerplate_reason(line) == reason


def test_everything_after_the_donation_appeal_is_removed(seeds):
    text = seeds.text("003_3b7b40b3d07fecc0")
    assert text.rstrip().endswith("the worse Ukraine’s position will become.")
    for teaser in ["EU avoids risky precedent", "Military contractors reap", "Donroe Doctrine",
                   "Dear RS readers", "Subscribe now"]:  # fmt: skip
        assert teaser not in text
    tail = seeds.removed[(seeds.removed.doc_id.str[:3] == "003") & (seeds.removed.line_no > 40)]
    assert "related-story teaser" in set(tail.reason)


# Paragraphs of the seeds that are NOT article text: the only long lines allowed to go.
NOT_ARTICLE = [
    "Dear RS readers:",
    "Top image credit:",
    "The European Union’s leaders began their crucial summit",
    "Proponents of the reparations loan",
    "By leveraging the dual-use nature",
    "The Trump administration’s new National Security Strategy",
    "The NSS lays out a specific vision",
    "Subscribe now to our weekly round-up",
    "EU avoids risky precedent in Ukraine aid deal",  # teaser headlines for other stories
    "Military contractors reap big profits",
    "Paradoxically, 'Donroe Doctrine'",
    "MQ-9 Reaper Drone. Photo Credit",
    "Click here to make us a Preferred Source",
]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_body_paragraph_survives(seeds, path):
    """Every line of 8+ words that is not listed above appears verbatim in the clean text."""
    doc_id = path.stem
    text = seeds.text(doc_id)
    raw = path.read_text(encoding="utf-8")
    checked = 0
    for line in raw.splitlines():
        line = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", line).strip()
        if len(line.split()) < 8 or any(line.startswith(p) for p in NOT_ARTICLE):
            continue
        assert line in text, line[:80]
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Ukrainian soldiers of Khartya brigade receive training on shooting drones down in "
         "Kharkiv Oblast, Ukraine on February 18, 2025", True),
        ("US Special Presidential Envoy for Ukraine and Russia Keith Kellogg, 80, (pictured with "
         "JD Vance) has encouraged Europe to join the conversation", True),
        ("French President Emmanuel Macron, (L) greets Britain's Prime Minister Keir Starmer as he "
         "arrives for an informal meeting, Paris, France, Feb. 17, 2025. (AP Photo)", True),
        ("Russian President Vladimir Putin holds a meeting during a visit to the Radar MMS "
         "research "
         "and production enterprise, in St. Petersburg, Russia, 19 February 2025", True),
        ("U.S. Defense Secretary Pete Hegseth has ruled out American ground forces but left the "
         "door open for logistical and air support.", False),
        ("Multiple broken ceasefire agreements since 2014", False),
        ("The EU opted to extend a loan on Thursday 18 December 2025.", False),
        # party-state tags are not captions (BASIL stories, issue 11)
        ("Sen. Scott Brown (R-Mass.) recently introduced a compromise bill on extending "
         "unemployment benefits.", False),
        ("McConnell said over the weekend that he intends to move to vote on an immigration "
         "bill, as Sen. Jeff Flake (R) had asked.", False),
        ("Senate Minority Leader Chuck Schumer (D) and Sen. Jack Reed (R.I.) objected.", False),
        ("Rep. Ed Royce (R-Calif.), chairman of the House Foreign Affairs Committee", False),
        ("Correction: December 1, 2010", False),
        ("Sen. Mitch McConnell (R-Ky.) speaks to reporters on Capitol Hill in Washington, "
         "Jan. 22, 2018. (AP Photo/J. Scott Applewhite)", True),
        ("President Barack Obama (left) meets congressional leaders", True),
    ],
)  # fmt: skip
def test_is_caption(line, expected):
    assert is_caption(line) is expected


def test_captions_are_kept_and_marked(seeds):
    captions = seeds.sentences[seeds.sentences.role == "caption"]
    assert (captions.doc_id.str[:3].value_counts().to_dict()) == {"000": 4, "004": 4}
    assert any("Feb. 17, 2025" in t for t in captions.text)
