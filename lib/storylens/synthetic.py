"""Varied news-like articles made from the bundled seeds, for measuring scale.

:func:`write_corpus` writes N articles (``.txt``), a ``metadata.csv`` (title, outlet,
publication date) and the seeds' ``story.yaml`` into a folder. Each article is the
paragraphs of two or three seed articles, shuffled, with its numbers, weekdays, months
and people changed, plus a few sentences made from templates (a statement with a date,
a figure and a stance), so that no two articles are alike and the per-document pass
meets as many shapes as in a real archive. The same ``seed`` always gives the same
corpus. Nothing is downloaded.

>>> articles = list(varied_articles(2))
>>> [a.name for a in articles], articles[0].text != articles[1].text
(['article-000000.txt', 'article-000001.txt'], True)
"""

from __future__ import annotations

import csv
import random
import re
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from storylens.paths import seeds_dir

__all__ = ["Article", "varied_articles", "write_corpus"]

OUTLETS = tuple(f"{place} {kind}" for place in ("Northern", "Capital", "Harbour", "Valley",
                "Coastal", "Metro", "Evening", "Morning", "National", "Border")
                for kind in ("Times", "Herald", "Post", "Courier", "Review"))  # fmt: skip
PEOPLE = ("Keir Starmer", "Emmanuel Macron", "Volodymyr Zelensky", "Donald Trump",
          "Friedrich Merz", "Vladimir Putin", "Mark Rutte", "Giorgia Meloni")  # fmt: skip
COUNTRIES = ("France", "the United Kingdom", "Germany", "Poland", "Italy", "Turkey", "Canada")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
VERBS = ("supports", "backs", "opposes", "rejects", "welcomes", "is wary of")
TEMPLATES = (
    "{person} said on {weekday} that {country} {verb} the reassurance force.",
    "Up to {number} troops could be deployed by {month} {year}, officials said.",
    "The plan would cost about {money} billion euros over {small} years.",
    "On {day} {month} {year}, {person} met ministers from {small} countries in Paris.",
    "{country} has offered {number} soldiers, {pct} per cent more than in {year}.",
    "Speaking {weekday}, {person} called the proposal “{adjective}”.",
)
ADJECTIVES = ("unacceptable", "a good start", "premature", "essential", "dangerous")
# A number as the seeds write them: "30,000", "4.5", "12" (not inside a word: "G7").
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\w])")
WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")  # "on Monday", not "Mondays"
MONTH = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b")  # "in March", not "Marches"


MIN_PARAGRAPH = 80  # characters: shorter seed paragraphs are headings and captions


class Article(NamedTuple):
    """One generated article: file name, text, and its metadata row."""

    name: str
    text: str
    title: str
    outlet: str
    published: date


def _seed_paragraphs() -> list[list[str]]:
    """Each seed's title, then the body lines the loader keeps (so no boilerplate, no end
    marker cutting an article short, no caption) of at least :data:`MIN_PARAGRAPH`
    characters."""
    from storylens.corpus.boilerplate import clean_lines

    paths = sorted(seeds_dir().glob("*.txt"))
    with (seeds_dir() / "metadata.csv").open(encoding="utf-8", newline="") as handle:
        titles = {row["file"]: row["title"] for row in csv.DictReader(handle)}
    out = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        kept = clean_lines(text).kept
        body = [k.text for k in kept if k.role == "body" and len(k.text) >= MIN_PARAGRAPH]
        out.append([titles.get(path.name) or text.split("\n", 1)[0].strip(), *body])
    return out


def _vary(text: str, rng: random.Random) -> str:
    """``text`` with its numbers, weekdays, months and people changed."""
    text = NUMBER.sub(lambda m: _number_like(m.group(0), rng), text)
    text = WEEKDAY.sub(lambda _: rng.choice(WEEKDAYS), text)
    text = MONTH.sub(lambda _: rng.choice(MONTHS), text)
    a, b = rng.sample(PEOPLE, 2)
    return text.replace(a, "\0").replace(b, a).replace("\0", b)


def _number_like(number: str, rng: random.Random) -> str:
    """A random number written as ``number`` is (thousands separators, decimals)."""
    value = float(number.replace(",", "")) * rng.uniform(0.5, 2.0)
    if "." in number:
        return f"{value:.{len(number.split('.')[1])}f}"
    return f"{round(value):,}" if "," in number else str(max(1, round(value)))


def _template(rng: random.Random, year: int) -> str:
    return rng.choice(TEMPLATES).format(
        person=rng.choice(PEOPLE), weekday=rng.choice(WEEKDAYS), country=rng.choice(COUNTRIES),
        verb=rng.choice(VERBS), number=f"{rng.randrange(1, 60) * 1000:,}",
        month=rng.choice(MONTHS), year=year + rng.choice((-1, 0, 1)), day=rng.randrange(1, 29),
        money=rng.randrange(2, 90), small=rng.randrange(2, 12), pct=rng.randrange(2, 60),
        adjective=rng.choice(ADJECTIVES),
    )  # fmt: skip


def varied_articles(n: int, *, seed: int = 0, start: date = date(2024, 11, 1)) -> Iterator[Article]:
    """``n`` varied articles (see the module docstring), published over a year from
    ``start`` by the outlets of :data:`OUTLETS`."""
    rng = random.Random(seed)
    seeds = _seed_paragraphs()
    for i in range(n):
        published = start + timedelta(days=rng.randrange(365))
        chosen = rng.sample(seeds, rng.choice((2, 3)))
        body = [p for paragraphs in chosen for p in paragraphs[1:]]
        rng.shuffle(body)
        body = body[: rng.randrange(4, 12)]
        extra = [_template(rng, published.year) for _ in range(rng.randrange(2, 6))]
        paragraphs = [_vary(p, rng) for p in body] + [" ".join(extra)]
        title = _vary(chosen[0][0], rng)
        text = "\n\n".join([title, *paragraphs]) + "\n"
        yield Article(f"article-{i:06d}.txt", text, title, rng.choice(OUTLETS), published)


def write_corpus(folder: str | Path, n: int, *, seed: int = 0, first: int = 0) -> Path:
    """Write ``n`` varied articles, their ``metadata.csv`` and the seeds' ``story.yaml``
    into ``folder``; ``first``: skip that many articles of the sequence first (to add
    articles to a corpus written before with the same seed). Returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(seeds_dir() / "story.yaml", folder / "story.yaml")
    articles = list(varied_articles(first + n, seed=seed))[first:]
    for article in articles:
        (folder / article.name).write_text(article.text, encoding="utf-8")
    meta = folder / "metadata.csv"
    new = not meta.exists()
    with meta.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if new:
            writer.writerow(["file", "title", "outlet", "url", "published", "date_note"])
        for a in articles:
            writer.writerow([a.name, a.title, a.outlet, "", a.published.isoformat(), ""])
    return folder
