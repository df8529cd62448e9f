"""Tests for storylens.corpus: cleaning, dating, splitting, bad input and the cache."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import warnings
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import storylens
from storylens import corpus as corpus_mod
from storylens.corpus import CorpusError, boilerplate_reason, is_caption, load_corpus
from storylens.paths import seeds_dir

SEEDS = seeds_dir()


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


# ----------------------------------------------------------------------------- seeds


def test_seed_files_match_their_checksums():
    import hashlib

    for line in (SEEDS / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize(
    "prefix, published, source",
    [
        ("000", date(2025, 2, 19), "inferred"),  # latest dated caption, 19 February 2025
        ("001", date(2026, 1, 7), "metadata"),
        ("002", None, "unknown"),
        ("003", date(2024, 12, 13), "metadata"),
        ("004", date(2025, 2, 21), "header"),  # " date 2025-02-21 As Washington ..."
    ],
)
def test_publication_dates_and_their_source(seeds, prefix, published, source):
    doc = seeds.documents[seeds.documents.doc_id.str.startswith(prefix)].iloc[0]
    assert doc.date_source == source
    if published is None:
        assert pd.isna(doc.published)
    else:
        assert doc.published.date() == published


def test_header_date_is_taken_out_of_the_body(seeds):
    text = seeds.text("004_db5903f6822ba59a")
    assert text.startswith("As Washington and Moscow edge toward negotiations")
    assert "2025-02-21" not in text
    removed = seeds.removed[seeds.removed.doc_id == "004_db5903f6822ba59a"]
    assert removed.reason.tolist() == ["date header"]


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
    ],
)  # fmt: skip
def test_is_caption(line, expected):
    assert is_caption(line) is expected


def test_captions_are_kept_and_marked(seeds):
    captions = seeds.sentences[seeds.sentences.role == "caption"]
    assert (captions.doc_id.str[:3].value_counts().to_dict()) == {"000": 4, "004": 4}
    assert any("Feb. 17, 2025" in t for t in captions.text)


@pytest.mark.parametrize(
    "fragment, sentence",
    [
        # U.S. inside a sentence does not end it
        ("ruled out American ground forces",
         "U.S. Defense Secretary Pete Hegseth has ruled out American ground forces but left the "
         "door open for logistical and air support."),
        ("determination not to put U.S. troops",
         "On the face of it, this idea might seem to reconcile several mutually contradictory "
         "pressures on the Ukrainian peace process: The Russian demand for a treaty that will "
         "permanently bar Ukraine from NATO membership; the Ukrainian demand for Western "
         "guarantees "
         "against future Russian aggression; Trump’s determination not to put U.S. troops on the "
         "ground or make additional and permanent U.S. commitments to Ukraine; and the real need "
         "for a substantial international force to patrol an armistice line."),
        # Feb. 17, 2025. ends a caption sentence; the credit follows
        ("informal meeting of leaders",
         "French President Emmanuel Macron, (L) greets Britain's Prime Minister Keir Starmer as he "
         "arrives for an informal meeting of leaders from key European Union nations and the U.K., "
         "Paris, France, Feb. 17, 2025."),
        ("proposed plan by Sir Keir Starmer",
         "The proposed plan by Sir Keir Starmer, which would see Britain and France take "
         "responsibility for safeguarding Ukraine on the ground, has been met with resistance from "
         "Russia."),
        # a quote with a closing curly quote and attribution stays one sentence
        ("effectively deter Russia",
         "“The only way to effectively deter Russia from attacking Ukraine again is a U.S. "
         "security "
         "guarantee,” Starmer said Monday."),
        # dashes
        ("without Kyiv at the table",
         "As Washington and Moscow edge toward negotiations to end the war in Ukraine – without "
         "Kyiv at the table – European leaders are shaping a security plan to prevent a future "
         "Russian attack."),
        ("Kushner said that the US president",
         "Kushner said that the US president “strongly stands” behind the initiative—language that "
         "suggests political support but leaves considerable ambiguity about the extent of future "
         "American involvement."),
    ],
)  # fmt: skip
def test_sentence_splitting_on_seed_sentences(seeds, fragment, sentence):
    matches = seeds.sentences[seeds.sentences.text.str.contains(fragment, regex=False)]
    assert matches.text.tolist() == [sentence]


def test_quote_split_into_its_sentences(seeds):
    tusk = seeds.sentences[seeds.sentences.text.str.contains("we’re not planning", regex=False)]
    assert tusk.text.tolist() == ["At the moment we’re not planning such activities.”"]


def test_offsets_point_into_the_clean_text(seeds):
    texts = seeds.documents.set_index("doc_id")["text"]
    for row in seeds.sentences.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
    for row in seeds.tokens.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.token
        assert row.lower == row.token.lower()


def test_tokens_lie_inside_their_sentence(seeds):
    merged = seeds.tokens.merge(seeds.sentences, on=["doc_id", "sent_id"], suffixes=("", "_s"))
    assert len(merged) == len(seeds.tokens)
    assert ((merged.start >= merged.start_s) & (merged.end <= merged.end_s)).all()


def test_counts_agree_when_computed_two_ways(seeds):
    docs = seeds.documents.set_index("doc_id")
    assert docs.n_sentences.to_dict() == seeds.sentences.groupby("doc_id").size().to_dict()
    assert docs.n_tokens.to_dict() == seeds.tokens.groupby("doc_id").size().to_dict()
    assert docs.n_tokens.sum() == len(seeds.tokens)


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Ukraine’s security", ["Ukraine", "’s", "security"]),
        ("“reassurance force”", ["“", "reassurance", "force", "”"]),
        ("up to 30,000 troops", ["up", "to", "30,000", "troops"]),
        ("the U.S. president", ["the", "U.S.", "president"]),
        ("we’re not planning", ["we", "’re", "not", "planning"]),
    ],
)
def test_word_tokens(text, tokens):
    from storylens.nlp import word_spans

    assert [t for _, _, t in word_spans(text)] == tokens


def test_documents_columns_and_metadata(seeds):
    assert list(seeds.documents.columns) == corpus_mod.DOCUMENT_COLUMNS
    doc = seeds.documents.set_index("doc_id").loc["003_3b7b40b3d07fecc0"]
    assert doc.outlet == "Responsible Statecraft"
    assert doc.date_note.startswith("Estimated from clues")
    assert seeds.skipped.empty and not seeds.warnings


# ----------------------------------------------------------------------------- bad input


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


ARTICLE = (
    "Peace plan faces test\n\n"
    "Russia has flatly rejected the idea. Foreign Minister Sergei Lavrov warned that the "
    "presence of European troops would be unacceptable.\n\n0 Comments\n"
)


def test_missing_folder_is_an_error_naming_it(tmp_path):
    with pytest.raises(CorpusError, match=re.escape(str(tmp_path / "nowhere"))):
        load_corpus(tmp_path / "nowhere", cache=False)


def test_bad_files_are_skipped_with_a_reason(tmp_path):
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blank.md", "   \n\t\n")
    write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "copy.txt", ARTICLE.replace("\n\n", "\n"))  # same text, other layout
    corpus = load_corpus(tmp_path, cache=False)
    assert corpus.documents.doc_id.tolist() == ["copy"]  # sorted order: copy.txt comes first
    reasons = {
        Path(p).name: r for p, r in zip(corpus.skipped.path, corpus.skipped.reason, strict=True)
    }
    assert reasons == {
        "blank.md": "empty file",
        "empty.txt": "empty file",
        "image.txt": "binary file",
        "good.txt": "duplicate",
    }
    assert (
        corpus.skipped.set_index("reason")
        .loc["duplicate", "detail"]
        .startswith("same text as copy")
    )


def test_cp1252_text_is_decoded_and_the_fallback_recorded(tmp_path):
    write(
        tmp_path,
        "old.txt",
        "Macron’s plan – “reassurance force”. It was rejected.".encode("cp1252"),
    )
    with pytest.warns(UserWarning, match="old.txt: not valid UTF-8; decoded as cp1252"):
        corpus = load_corpus(tmp_path, cache=False)
    doc = corpus.documents.iloc[0]
    assert doc.encoding == "cp1252 (fallback)"
    assert "Macron’s plan – “reassurance force”" in doc.text


def test_metadata_row_without_a_file_warns_naming_the_row(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "metadata.csv", "file,title,published\na.txt,A,2025-01-02\nmissing.txt,B,\n")
    with pytest.warns(
        UserWarning, match=r"metadata row 3 \(file 'missing.txt'\) matches no article"
    ):
        corpus = load_corpus(tmp_path, cache=False)
    doc = corpus.documents.iloc[0]
    assert (doc.title, doc.published.date(), doc.date_source) == ("A", date(2025, 1, 2), "metadata")


def test_unparseable_metadata_date_names_row_and_column(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "metadata.csv", "file,published\na.txt,2025-01-02\na.txt,next Tuesday\n")
    with pytest.raises(
        CorpusError, match=r"row 3 column 'published': cannot read the date 'next Tuesday'"
    ):
        load_corpus(tmp_path, cache=False)


def test_inferred_date_is_the_latest_full_date_and_marked(tmp_path):
    write(tmp_path, "a.txt", "Talks began on Feb. 3, 2025 in Riyadh. A deal was signed on "
          "March 1, 2025. It follows the 2014 accords.\n")  # fmt: skip
    doc = load_corpus(tmp_path, cache=False).documents.iloc[0]
    assert (doc.published.date(), doc.date_source) == (date(2025, 3, 1), "inferred")


# ----------------------------------------------------------------------------- formats


def test_csv_and_jsonl_give_one_article_per_row(tmp_path):
    rows = [
        {"id": "a1", "title": "One", "outlet": "AP", "published": "2025-02-21", "text": ARTICLE},
        {"id": "a2", "title": "Two", "text": "Poland ruled out sending troops. Tusk said so."},
        {"id": "a3", "title": "Empty", "text": ""},
    ]
    pd.DataFrame(rows).to_csv(tmp_path / "feed.csv", index=False)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Macron has been particularly vocal. He wants guarantees."})
        + "\n"
    )
    corpus = load_corpus(tmp_path, cache=False)
    docs = corpus.documents.set_index("doc_id")
    assert sorted(docs.index) == ["a1", "a2", "j1"]
    assert (docs.loc["a1", "outlet"], docs.loc["a1", "date_source"]) == ("AP", "header")
    assert corpus.skipped.reason.tolist() == ["empty row"]
    assert "row 4" in corpus.skipped.detail.iloc[0]


def test_html_main_text_is_extracted(tmp_path):
    body = " ".join(
        f"<p>Paragraph {i}: Russia has flatly rejected the idea of European troops in Ukraine, "
        "and Foreign Minister Sergei Lavrov warned that their presence would be unacceptable.</p>"
        for i in range(4)
    )
    html = (
        "<html><head><title>Peace plan faces test</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Peace plan faces test</h1>{body}</article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )
    write(tmp_path, "page.html", html)
    doc = load_corpus(tmp_path, cache=False).documents.iloc[0]
    assert "Paragraph 3: Russia has flatly rejected" in doc.text
    assert "Home" not in doc.text and "Subscribe" not in doc.text
    assert doc.title == "Peace plan faces test"


def test_single_file_source(tmp_path):
    path = write(tmp_path, "one.md", ARTICLE)
    corpus = load_corpus(path, cache=False)
    assert corpus.documents.doc_id.tolist() == ["one"]
    assert corpus.removed.reason.tolist() == ["comments counter"]


# ----------------------------------------------------------------------------- cache


def test_cache_is_used_and_only_changed_files_are_redone(tmp_path, monkeypatch):
    src = tmp_path / "src"
    write(src, "a.txt", ARTICLE)
    write(src, "b.txt", "Poland ruled out sending troops. Tusk said so on Feb. 3, 2025.")
    cache = tmp_path / "cache"
    first = load_corpus(src, cache=cache)

    calls = []
    real = corpus_mod.process_text
    monkeypatch.setattr(corpus_mod, "process_text", lambda a: calls.append(a.doc_id) or real(a))
    second = load_corpus(src, cache=cache)
    assert calls == []
    for name in ("documents", "sentences", "tokens", "removed"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))

    write(src, "b.txt", "Poland ruled out sending troops. Tusk said so on Feb. 4, 2025.")
    third = load_corpus(src, cache=cache)
    assert calls == ["b"]
    assert third.documents.set_index("doc_id").loc["b", "published"].day == 4


# ----------------------------------------------------------------------------- offline + CLI


def test_works_with_no_nltk_data_on_the_machine(tmp_path):
    """Punkt, the word tokenizer and VADER run with an empty NLTK data path."""
    script = f"""
import nltk
nltk.data.path[:] = [{str(tmp_path)!r}]
for resource in ("tokenizers/punkt", "tokenizers/punkt_tab", "sentiment/vader_lexicon.zip"):
    try:
        nltk.data.find(resource)
        raise SystemExit("found NLTK data: " + resource)
    except LookupError:
        pass
import storylens
from storylens.nlp import vader
c = storylens.load_corpus(cache=False)
print(len(c.sentences), round(vader().polarity_scores("a horrible idea")["compound"], 4))
"""
    env = {"HOME": str(tmp_path), "NLTK_DATA": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    n_sentences, compound = out.stdout.split()
    assert int(n_sentences) == len(load_corpus(cache=False).sentences)
    assert float(compound) < -0.4


def test_cli_summary(seeds):
    out = subprocess.run(
        [sys.executable, "-m", "storylens", "corpus", "--no-cache"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert f"documents: 5   sentences: {len(seeds.sentences):,}" in out.stdout
    assert "date sources: metadata 2, header 1, inferred 1, unknown 1" in out.stdout
    assert re.search(r"call to action\s+3", out.stdout)


def test_cli_missing_path_fails_clearly(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "storylens", "corpus", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert "does not exist" in out.stderr


def test_package_exports():
    assert storylens.load_corpus is load_corpus
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(load_corpus(cache=False)) == 5


def test_an_unchanged_corpus_is_read_from_one_snapshot(tmp_path, monkeypatch):
    src, cache = tmp_path / "src", tmp_path / "cache"
    write(src, "a.txt", ARTICLE)
    write(src, "copy.txt", ARTICLE.replace("\n\n", "\n"))  # a duplicate, listed in skipped
    write(src / "sub", "a.txt", "Poland ruled out sending troops. Tusk said so.")  # same stem
    with pytest.warns(UserWarning, match="already used; renamed 'a-2'"):
        first = load_corpus(src, cache=cache)
    for entry in (cache / "corpus").iterdir():  # leave only the snapshot
        if entry.name != "snapshots":
            shutil.rmtree(entry)
    calls = []
    real = corpus_mod.process_text
    monkeypatch.setattr(corpus_mod, "process_text", lambda a: calls.append(a.doc_id) or real(a))
    with pytest.warns(UserWarning, match="already used; renamed 'a-2'"):
        second = load_corpus(src, cache=cache)
    assert calls == []
    for name in ("documents", "sentences", "tokens", "removed", "skipped"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))
    assert sorted(second.documents.doc_id) == ["a", "a-2"]
    assert second.skipped.reason.tolist() == ["duplicate"]


def test_metadata_given_as_a_table(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    table = pd.DataFrame({"file": ["a.txt"], "outlet": ["AP"], "published": ["2025-01-02"]})
    doc = load_corpus(tmp_path, metadata=table, cache=False).documents.iloc[0]
    assert (doc.outlet, doc.published.date(), doc.date_source) == (
        "AP",
        date(2025, 1, 2),
        "metadata",
    )
    with pytest.raises(CorpusError, match=r"metadata row 2 column 'published'"):
        load_corpus(tmp_path, metadata=table.assign(published=["soon"]), cache=False)
