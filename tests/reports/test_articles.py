"""The article reader pages: anchors, highlights at their offsets, escaping, removed lines."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pandas as pd
import pytest
from markupsafe import escape

from storylens import load_corpus
from storylens.analysis import analyse_corpus
from storylens.reports.articles import (
    Span,
    actor_rows,
    article_pages,
    figure_interval,
    split_spans,
    write_articles,
)
from storylens.reports.links import article_href, article_page_name


class Page(HTMLParser):
    """What a test reads from a page: ids, marks (offsets and text), links, scripts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.marks: list[dict] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self._open: list[dict] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "mark":
            mark = {**attrs, "text": ""}
            self.marks.append(mark)
            self._open.append(mark)

    def handle_endtag(self, tag):
        if tag == "mark" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for mark in self._open:
            mark["text"] += data


@pytest.fixture(scope="module")
def seed_pages(seeds):
    return article_pages(seeds, analyse_corpus(seeds, cache=False))


# ----------------------------------------------------------------------------- the pieces


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        # Two actors in one phrase, apart.
        (
            "Britain and France go",
            [(0, 7, "actor"), (12, 18, "actor")],
            [("Britain", 1), (" and ", 0), ("France", 1)],
        ),
        # A figure inside a stance cue: "deploy up to 30,000 troops" / "30,000 troops".
        (
            "deploy up to 30,000 troops",
            [(0, 26, "stance"), (13, 26, "figure")],
            [("deploy up to ", 1), ("30,000 troops", 2)],
        ),
        # Two spans crossing each other.
        (
            "deploy up to 30,000 troops",
            [(0, 10, "date"), (5, 15, "actor")],
            [("deplo", 1), ("y up ", 2), ("to 30", 1)],
        ),
    ],
)
def test_split_spans_cuts_at_every_boundary_and_keeps_the_text(text, spans, expected):
    given = [Span(a, b, kind, f"{kind} {a}") for a, b, kind in spans]
    end = max(b for _, b, _ in spans)
    pieces = split_spans(0, end, text, given)
    assert "".join(p.text for p in pieces) == text[:end]
    assert [(p.text, len(p.spans)) for p in pieces] == expected
    for piece in pieces:
        assert piece.text == text[piece.start : piece.end]


def test_split_spans_clips_a_span_to_the_sentence():
    text = "First one. Second one."
    pieces = split_spans(11, 22, text, [Span(6, 15, "date", "d")])
    assert [(p.text, p.classes) for p in pieces] == [("Seco", "hl-date"), ("nd one.", "")]


NAN = float("nan")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (dict(low=NAN, high=30000.0, high_inclusive=True, qualifier="upper"), "≤ 30,000"),
        (dict(low=100000.0, high=NAN, low_inclusive=False, qualifier="lower"), "> 100,000"),
        (dict(low=20000.0, high=30000.0, qualifier="range"), "20,000–30,000"),
        (dict(low=600.0, high=600.0, qualifier="approx"), "about 600"),
        (dict(low=1.5, high=1.5, qualifier="exact"), "1.5"),
    ],
)
def test_figure_interval_reads_as_a_bound(row, expected):
    assert figure_interval(row) == expected


# ----------------------------------------------------------------------------- the seeds


def test_every_document_has_a_page_at_the_linked_path(seeds, seed_pages):
    names = {article_page_name(d) for d in seeds.documents["doc_id"]}
    assert set(seed_pages) == names | {"index.html"}
    index = Page(seed_pages["index.html"])
    assert sorted(h for h in index.links if h != "../index.html") == sorted(
        article_href(d)[len("articles/") :] for d in seeds.documents["doc_id"]
    )


def test_every_sentence_has_its_anchor_once(seeds, seed_pages):
    for doc_id, rows in seeds.sentences.groupby("doc_id"):
        page = Page(seed_pages[article_page_name(doc_id)])
        anchors = [i for i in page.ids if i.startswith("s") and i[1:].isdigit()]
        assert sorted(anchors) == sorted(f"s{n}" for n in rows["sent_id"]), doc_id
        assert len(page.ids) == len(set(page.ids))
        # every in-page link points at an id of the page
        assert {h[1:] for h in page.links if h.startswith("#")} <= set(page.ids)


def test_highlights_sit_at_the_item_offsets(seeds, seed_pages):
    analysis = analyse_corpus(seeds, cache=False)
    texts = seeds.documents.set_index("doc_id")["text"]
    for doc_id, text in texts.items():
        marks = [m for m in Page(seed_pages[article_page_name(doc_id)]).marks if "data-start" in m]
        for mark in marks:
            start, end = int(mark["data-start"]), int(mark["data-end"])
            assert mark["text"] == text[start:end]
        covered = {(int(m["data-start"]), int(m["data-end"])) for m in marks}
        for name in ("mentions", "timexes", "figures", "stances"):
            table = getattr(analysis, name)
            if name == "figures":  # incidental number words are not marked (test below)
                table = table[table["claim"] != "incidental"]
            for row in table[table["doc_id"] == doc_id].itertuples():
                # the item's first and last characters are inside highlighted pieces
                assert any(a <= row.start < b for a, b in covered), (
                    name,
                    row.text if name != "stances" else row.cue,
                )
                assert any(a < row.end <= b for a, b in covered)


def test_hover_text_says_what_each_item_is(seeds, seed_pages):
    page = seed_pages[article_page_name("000_369a766a91fa2ef0")]
    marks = Page(page).marks
    troops = next(m for m in marks if m["text"] == "up to 30,000 troops")
    assert "Figure: ≤ 30,000 troops · plan" in troops["title"]
    week = next(m for m in marks if m["text"] == "next week")
    assert "Date: 2025-W09 · week" in week["title"]
    assert "resolved against the article's date (estimated)" in week["title"]
    russia = next(m for m in marks if m["text"] == "Russia" and "Actor" in m.get("title", ""))
    assert "Actor: Russia (government)" in russia["title"] and "sentiment" in russia["title"]
    pushback = next(m for m in marks if m["text"] == "pushback")
    assert "Stance cue: oppose · Russia" in pushback["title"] and "pol-oppose" in pushback["class"]


def test_incidental_numbers_are_named_not_marked_as_figures(seeds, seed_pages):
    figures = analyse_corpus(seeds, cache=False).figures
    incidental = figures[figures["claim"] == "incidental"]
    assert len(incidental), "the seeds have number words that count nothing (one problem)"
    for doc_id, rows in incidental.groupby("doc_id"):
        page = seed_pages[article_page_name(doc_id)]
        figure_marks = {
            (int(m["data-start"]), int(m["data-end"]))
            for m in Page(page).marks
            if "data-start" in m and "Figure:" in m.get("title", "")
        }
        for row in rows.itertuples():
            assert (row.start, row.end) not in figure_marks, row.text
            assert f"“{escape(row.text)}”" in page
        assert f"Not marked: {rows['text'].nunique()} number word" in page
    # and an article with none says nothing about them
    quiet = set(seeds.documents["doc_id"]) - set(incidental["doc_id"])
    assert quiet and all("Not marked:" not in seed_pages[article_page_name(d)] for d in quiet)


def test_estimated_dates_are_marked(seed_pages):
    estimated = '<span class="est">estimated</span>'
    for doc_id in ("000_369a766a91fa2ef0", "001_2d7fd49af220f35f", "003_3b7b40b3d07fecc0"):
        assert estimated in seed_pages[article_page_name(doc_id)], doc_id
    header = seed_pages[article_page_name("004_db5903f6822ba59a")]
    assert estimated not in header and "<code>header</code>" in header


def test_removed_lines_are_listed_with_their_reason(seeds, seed_pages):
    for doc_id, rows in seeds.removed.groupby("doc_id"):
        page = seed_pages[article_page_name(doc_id)]
        details = page[page.index("<details>") : page.index("</details>")]
        for row in rows.itertuples():
            assert f"<td>{escape(row.reason)}</td><td>{escape(row.text)}</td>" in details
    without = seed_pages[article_page_name("002_806dddf0a09764bd")]
    assert "The loader removed no line" in without


def test_index_lists_articles_by_date_undated_last(seed_pages):
    index = seed_pages["index.html"]
    order = [index.index(d) for d in ("13 Dec 2024", "19 Feb 2025", "21 Feb 2025", "7 Jan 2026")]
    assert order == sorted(order) and index.index("unknown") > order[-1]
    assert "Responsible Statecraft" in index


# ----------------------------------------------------------------------------- hostile text


HOSTILE_TITLE = '<img src=x onerror="alert(1)"> Troops & "peace"'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "[x](javascript:alert(1)).txt").write_text(
        "Macron said France would send 30,000 troops <script>alert(2)</script> next week.\n\n"
        "Share this article\n",
        encoding="utf-8",
    )
    pd.DataFrame(
        [{"file": "[x](javascript:alert(1)).txt", "title": HOSTILE_TITLE,
          "outlet": "<b>Outlet</b>", "url": "javascript:alert(3)", "published": "2025-02-20"}]
    ).to_csv(folder / "metadata.csv", index=False)  # fmt: skip
    corpus = load_corpus(folder, cache=False)
    return corpus, article_pages(corpus, analyse_corpus(corpus, cache=False))


def test_hostile_names_and_text_never_become_markup(hostile):
    corpus, pages = hostile
    doc_id = corpus.documents["doc_id"].iloc[0]
    page = pages[article_page_name(doc_id)]
    parsed = Page(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    assert f"<h1>{escape(HOSTILE_TITLE)}</h1>" in page
    links = parsed.links + Page(pages["index.html"]).links
    assert {urlsplit(h).scheme for h in links} <= {"", "http", "https"}, links
    assert "<code>javascript:alert(3)</code>" in page  # shown, not linked
    assert (
        article_page_name(doc_id)
        == "_x__javascript_alert_1__-" + article_page_name(doc_id).split("-")[-1]
    )


def test_write_articles_writes_every_page(tmp_path, hostile):
    corpus, pages = hostile
    written = write_articles(corpus, tmp_path / "reports")
    assert sorted(p.name for p in written) == sorted(pages)
    assert (tmp_path / "reports" / "articles" / "index.html").read_text(encoding="utf-8") == pages[
        "index.html"
    ]


@pytest.mark.slow
def test_the_report_run_writes_the_article_pages(seeds, seed_reports):
    articles = seed_reports / "reports" / "articles"
    assert sorted(p.name for p in articles.iterdir()) == sorted(
        [article_page_name(d) for d in seeds.documents["doc_id"]] + ["index.html"]
    )
    index = (seed_reports / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="articles/index.html"' in index


def test_actor_legend_counts_every_mention_once(seeds):
    analysis = analyse_corpus(seeds, cache=False)
    doc = "000_369a766a91fa2ef0"
    mentions = analysis.mentions[analysis.mentions["doc_id"] == doc]
    rows = actor_rows(mentions, analysis.sentiment[analysis.sentiment["doc_id"] == doc])
    assert sum(r["n"] for r in rows) == len(mentions)
    assert {r["actor"]: r["n"] for r in rows} == mentions["actor"].value_counts().to_dict()
    russia = next(r for r in rows if r["actor"] == "Russia")
    assert russia["kind"] == "government" and "s2" in russia["anchors"]
    assert -1 <= russia["mean"] <= 1 and "negative" in russia["labels"]
    page = Page(article_pages(seeds, analysis)[article_page_name(doc)])
    assert [m["text"] for m in page.marks if "data-start" not in m][: len(rows)] == [
        r["actor"] for r in rows
    ]


def test_a_partial_run_replaces_the_article_pages(tmp_path):
    """``--only`` promotes the staged article pages too (staging.promote_some)."""
    from storylens.reports.staging import promote_some

    out, staging = tmp_path / "out", tmp_path / "out" / ".staging-1"
    for folder, text in ((out, "old"), (staging, "new")):
        (folder / "reports" / "articles").mkdir(parents=True)
        (folder / "reports" / "articles" / "index.html").write_text(text, encoding="utf-8")
        (folder / "reports" / "index.html").write_text(text, encoding="utf-8")
        (folder / "manifest.json").write_text("{}", encoding="utf-8")
    (out / "reports" / "articles" / "gone.html").write_text("old", encoding="utf-8")
    promote_some(staging, out, [])
    assert sorted(p.name for p in (out / "reports" / "articles").iterdir()) == ["index.html"]
    assert (out / "reports" / "articles" / "index.html").read_text(encoding="utf-8") == "new"


def test_when_the_pages_cannot_be_made_the_index_says_why(tmp_path, hostile, monkeypatch):
    import storylens.analysis

    def broken(docs, params, **options):  # the pages read each batch's tables with it
        raise ValueError("Field unit has incompatible types: string vs double")

    monkeypatch.setattr(storylens.analysis, "run_pass", broken)
    corpus, _ = hostile
    with pytest.warns(UserWarning, match="article reader pages were not made"):
        written = write_articles(corpus, tmp_path)
    assert [p.name for p in written] == ["index.html"]
    page = written[0].read_text(encoding="utf-8")
    assert "could not be made" in page and "Field unit has incompatible types" in page
    assert "<table>" not in page


def test_actor_rows_count_labels_and_average_as_pandas_does():
    """Ties in the label counts keep the order first seen; unscored mentions count as
    mentions but not in the mean; an actor never scored has no mean."""
    mentions = pd.DataFrame({
        "start": [0, 10, 20, 30, 40], "end": [5, 15, 25, 35, 45], "sent_id": [2, 0, 1, 1, 3],
        "actor": ["Kyiv", "Kyiv", "Kyiv", "Paris", "Kyiv"],
        "kind": ["place", "place", "place", "place", "place"],
    })  # fmt: skip
    sentiment = pd.DataFrame({
        "start": [0, 10, 10, 40], "end": [5, 15, 15, 45],
        "sentiment": [0.5, -0.25, 0.9, float("nan")],  # (10, 15) twice: the first row counts
        "label": ["positive", "negative", "positive", "neutral"],
    })  # fmt: skip
    rows = actor_rows(mentions, sentiment)
    assert [(r["actor"], r["n"], r["labels"], r["anchors"]) for r in rows] == [
        ("Kyiv", 4, "1 positive, 1 negative, 1 neutral", ["s0", "s1", "s2", "s3"]),
        ("Paris", 1, "", ["s1"]),
    ]
    assert rows[0]["mean"] == pytest.approx(0.125) and rows[1]["mean"] is None


def test_pages_are_the_same_whatever_the_batch_and_the_processes(seeds, seed_pages, tmp_path,
                                                                 monkeypatch):  # fmt: skip
    """Made two documents at a time, on two forked processes: the same files, the same
    HTML; the pages really came from other processes."""
    import os

    from storylens.reports import articles

    analysis = analyse_corpus(seeds, cache=False)
    assert dict(articles.iter_article_pages(seeds, analysis, batch=2)) == seed_pages
    pids, real = tmp_path / "pids", articles.render_article

    def noted(view, **links):
        with open(pids, "a") as out:
            out.write(f"{os.getpid()}\n")
        return real(view, **links)

    monkeypatch.setattr("storylens.analysis.analyse_corpus", lambda corpus, **_: analysis)
    monkeypatch.setattr(articles, "render_article", noted)
    written = write_articles(seeds, tmp_path / "out", jobs=2, batch=2)
    assert [p.name for p in written] == list(seed_pages)
    assert {p.name: p.read_text(encoding="utf-8") for p in written} == seed_pages
    assert os.getpid() not in {int(pid) for pid in pids.read_text().split()}


def test_written_pages_read_batch_by_batch_equal_those_of_the_whole_analysis(tmp_path, seeds):
    """write_articles reads each batch's analysis tables from the store (no process holds
    the whole corpus's): the same files as pages made from the whole analysis, in one
    process and on two."""
    from storylens import load_corpus

    corpus = load_corpus(cache=tmp_path / "cache")
    whole = article_pages(corpus, analyse_corpus(corpus))
    for jobs in (1, 2):
        written = write_articles(corpus, tmp_path / f"out{jobs}", jobs=jobs, batch=2)
        assert {p.name: p.read_text(encoding="utf-8") for p in written} == whole
