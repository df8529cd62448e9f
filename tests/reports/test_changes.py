from __future__ import annotations

from storylens.reports.changes import reported_changes


def test_changes_the_sources_report_are_amounts_or_from_to_pairs(tmp_path):
    import storylens
    from storylens.actors import registry_for
    from storylens.figures import figure_table

    (tmp_path / "a.txt").write_text(
        "Defence spending rose from 5% to 7% of GDP, officials said on Friday.\n\n"
        "The number of troops fell by 3,000 last year. Members agreed on boosting defence "
        "spending to 5% of GDP.\n",
        encoding="utf-8",
    )
    corpus = storylens.load_corpus(tmp_path, cache=False)
    figures = figure_table(corpus, registry=registry_for(corpus))
    changes = reported_changes(figures)
    assert changes["reported"].tolist() == ["increase: 5% → 7%", "decrease of 3,000",
                                            "increase to 5%"]  # fmt: skip
    text = corpus.documents["text"].iloc[0]
    first = changes.iloc[0]
    assert text[first["start"] : first["end"]] == "5%" and "rose from 5% to 7%" in first["sentence"]


def test_no_change_gives_an_empty_table_with_its_columns():
    import pandas as pd

    figures = pd.DataFrame({c: [] for c in ["doc_id", "sent_id", "start", "end", "text", "change",
                                            "change_part", "from_value", "to_value", "unit", "kind",
                                            "topic", "claimant", "sentence", "low"]})  # fmt: skip
    assert reported_changes(figures).empty
