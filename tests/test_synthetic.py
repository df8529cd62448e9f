"""The varied articles of storylens.synthetic: reproducible, all different, loadable."""

from __future__ import annotations

from storylens import load_corpus
from storylens.synthetic import OUTLETS, varied_articles, write_corpus


def test_same_seed_same_articles_other_seed_others():
    first = list(varied_articles(5, seed=1))
    assert first == list(varied_articles(5, seed=1))
    assert [a.text for a in first] != [a.text for a in varied_articles(5, seed=2)]
    assert len({a.text for a in first}) == 5


def test_numbers_are_varied_as_written():
    texts = [a.text for a in varied_articles(20)]
    # the seeds' "up to 30,000 troops" comes back with other numbers, still with a comma
    assert any("troops" in t for t in texts)
    assert sum("30,000" in t for t in texts) < len([t for t in texts if "troops" in t])


def test_written_corpus_loads_with_its_metadata(tmp_path):
    folder = write_corpus(tmp_path / "c", 4)
    write_corpus(folder, 2, first=4)  # added later: the sequence goes on
    corpus = load_corpus(folder, cache=False, progress=False)
    docs = corpus.documents.sort_values("doc_id")
    assert list(docs["doc_id"]) == [f"article-{i:06d}" for i in range(6)]
    assert set(docs["outlet"]) <= set(OUTLETS)
    assert docs["published"].notna().all()
    assert (folder / "story.yaml").exists()
    added = list(varied_articles(6))[4]
    assert docs["title"].iloc[4] == added.title != "Follow us on social"  # not boilerplate
    last = added.text.strip().rsplit("\n\n", 1)[1]  # the sentences made from templates
    assert docs["text"].iloc[4].endswith(last)


def test_no_article_is_cut_short_or_a_duplicate_once_loaded(tmp_path):
    """The seed lines used are those the loader keeps, so no end-of-article marker cuts
    a generated article down to the same few lines as another (found at 1,000 articles)."""
    folder = write_corpus(tmp_path / "c", 300)
    corpus = load_corpus(folder, cache=False, progress=False)
    assert len(corpus) == 300 and corpus.skipped.empty
    assert corpus.documents["text"].str.len().min() > 500
