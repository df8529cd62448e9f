"""Issue #14, the corpus half of the matrix: bad input, each case its own small folder.

Every test builds its corpus in ``tmp_path`` and asserts the careful outcome: the file is
read, or it is listed in ``skipped`` with its reason, or the error names the file, row or
column and what to do. The report-runner cases are in ``tests/test_bad_input_reports.py``.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

from storylens.corpus import CorpusError, TableStore, cli, file_tables, load_corpus, reading
from storylens.corpus.process import MAX_SENTENCE_CHARS

from .articles import write

ARTICLE = (
    "Peace plan faces test\n\n"
    "Russia has flatly rejected the idea. Foreign Minister Sergei Lavrov warned that the "
    "presence of European troops would be unacceptable.\n"
)
OTHER = (
    "Starmer ready to send troops\n\n"
    "Britain is ready to put troops on the ground in Ukraine, Keir Starmer said. Macron "
    "backed the plan on Monday.\n"
)


def load(folder: Path, **options):
    """The corpus and its warnings (recorded, not printed)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder, **{"cache": False, **options})
    return corpus, [str(w.message) for w in caught]


def skipped(corpus) -> dict[str, tuple[str, str]]:
    """``file name -> (reason, detail)`` of the skipped files and rows."""
    return {Path(r.path).name: (r.reason, r.detail) for r in corpus.skipped.itertuples()}


# ------------------------------------------------------------------ long lines, big files


def test_a_one_line_article_is_split_into_bounded_sentences_and_noted(tmp_path):
    write(tmp_path, "wall.txt", "Troops everywhere\n\n" + "troops " * 60_000)
    corpus, caught = load(tmp_path)
    sentences = corpus.sentences
    text = corpus.text("wall")
    assert sentences["text"].str.len().max() <= MAX_SENTENCE_CHARS
    assert len(sentences) >= len("troops " * 60_000) // MAX_SENTENCE_CHARS
    assert all(text[s.start : s.end] == s.text for s in sentences.itertuples())
    words = sentences["text"].str.split().str.len().sum()
    assert words == len(text.split()) >= 60_000  # no word lost or cut in two
    assert any("wall.txt line 3: a sentence of 419,999 characters was split" in m for m in caught)


def test_an_article_over_the_limit_is_refused_naming_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_ARTICLE_CHARS", 10_000)
    write(tmp_path, "small.txt", ARTICLE)
    write(tmp_path, "huge.txt", "Troops\n\n" + "Russia refused again. " * 1000)
    write(tmp_path, "rows.csv", f'id,text\nr1,"{OTHER}"\nr2,"{"Kyiv agreed. " * 1000}"\n')
    corpus, _ = load(tmp_path)
    assert sorted(corpus.documents.doc_id) == ["r1", "small"]
    listed = {(Path(r.path).name, r.reason) for r in corpus.skipped.itertuples()}
    assert listed == {("huge.txt", "too large"), ("rows.csv", "too large")}
    assert "over the limit of 10,000" in skipped(corpus)["huge.txt"][1]
    detail = skipped(corpus)["rows.csv"][1]
    assert detail == "row 3: 12,999 characters, over the limit of 10,000"  # stripped text


def test_a_file_over_the_size_limit_is_not_read_and_a_gzip_bomb_not_unpacked(tmp_path, monkeypatch):
    monkeypatch.setattr(file_tables, "MAX_FILE_BYTES", 5_000)
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 5_000)
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "big.txt", "Kyiv agreed. " * 1000)
    write(tmp_path, "bomb.txt.gz", gzip.compress(b"Kyiv agreed. " * 100_000))
    corpus, _ = load(tmp_path)
    assert corpus.documents.doc_id.tolist() == ["a"]
    assert skipped(corpus)["big.txt"][0] == "too large"
    assert skipped(corpus)["bomb.txt.gz"] == (
        "too large",
        "unpacks to over 0 MB; split it into smaller files",
    )


# ------------------------------------------------------------------------- duplicates


def test_two_identical_files_are_kept_once(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", ARTICLE)
    write(tmp_path, "c.txt", OTHER)
    corpus, _ = load(tmp_path)
    assert corpus.documents.doc_id.tolist() == ["a", "c"]
    assert skipped(corpus) == {"b.txt": ("duplicate", "same text as a; kept once")}
    assert set(corpus.sentences.doc_id) == set(corpus.tokens.doc_id) == {"a", "c"}


@pytest.mark.parametrize("second", [ARTICLE, OTHER], ids=["same text", "other text"])
def test_the_same_name_in_two_folders_does_not_crash(tmp_path, second):
    write(tmp_path, "ap/report.txt", ARTICLE)
    write(tmp_path, "bbc/report.txt", second)
    corpus, caught = load(tmp_path)
    if second is ARTICLE:
        assert corpus.documents.doc_id.tolist() == ["report"]
        assert skipped(corpus)["report.txt"][0] == "duplicate"
    else:
        assert corpus.documents.doc_id.tolist() == ["report", "report-2"]
        assert any("doc_id 'report' already used; renamed 'report-2'" in m for m in caught)
        assert corpus.text("report-2").startswith("Starmer ready")


def test_csv_rows_sharing_an_id_keep_their_own_sentences_and_offsets(tmp_path):
    write(
        tmp_path,
        "feed.csv",
        'id,text\nr1,"Russia refused. Kyiv agreed."\nr1,"France sent troops. Britain too."\n'
        'r1-row3,"Poland ruled out sending troops."\n',
    )
    corpus, caught = load(tmp_path)
    assert corpus.documents.doc_id.tolist() == ["r1", "r1-row3", "r1-row3-row4"]
    by_doc = corpus.sentences.groupby("doc_id")["text"].apply(list).to_dict()
    assert by_doc == {
        "r1": ["Russia refused.", "Kyiv agreed."],
        "r1-row3": ["France sent troops.", "Britain too."],
        "r1-row3-row4": ["Poland ruled out sending troops."],
    }
    for s in corpus.sentences.itertuples():
        assert corpus.text(s.doc_id)[s.start : s.end] == s.text
    assert any("feed.csv row 3: id 'r1' is used by an earlier row; read as 'r1-row3'" in m
               for m in caught)  # fmt: skip


# ---------------------------------------------------------------------- documents lost


def test_an_unknown_extension_is_listed(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "scan.pdf", b"%PDF-1.4 Kyiv agreed.")
    corpus, _ = load(tmp_path)
    assert skipped(corpus)["scan.pdf"][0] == "unsupported file type"


def test_bad_jsonl_lines_are_skipped_and_listed_and_the_rest_kept(tmp_path):
    good = [
        json.dumps({"id": f"j{i}", "text": f"Kyiv agreed to talks number {i}."}) for i in range(4)
    ]
    lines = [good[0], "{not json", good[1], "null", '"a bare string"', good[2], "[1, 2]", good[3]]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    corpus, _ = load(tmp_path)
    assert corpus.documents.doc_id.tolist() == ["j0", "j1", "j2", "j3"]
    rows = [(r.reason, r.detail.split(":")[0]) for r in corpus.skipped.itertuples()]
    assert rows == [("bad JSON", "line 2"), ("not an object", "line 4"),
                    ("not an object", "line 5"), ("not an object", "line 7")]  # fmt: skip


@pytest.mark.parametrize("where", [5, 9000], ids=["in the first 8 KB", "after 8 KB"])
def test_stray_nul_bytes_are_removed_with_a_warning(tmp_path, where):
    body = (ARTICLE + "Russia refused the plan. " * 400).encode()
    write(tmp_path / "clean", "a.txt", body)
    write(tmp_path / "nul", "a.txt", body[:where] + b"\x00" + body[where:])
    clean, _ = load(tmp_path / "clean")
    corpus, caught = load(tmp_path / "nul")
    assert corpus.text("a") == clean.text("a")
    assert corpus.documents.encoding.tolist() == ["utf-8"]
    assert any("a.txt: 1 stray NUL byte(s) removed" in m for m in caught)


def test_a_binary_file_with_nul_runs_is_still_skipped(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    corpus, _ = load(tmp_path)
    assert skipped(corpus)["image.txt"][0] == "binary file"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_a_byte_order_mark_is_read(tmp_path, encoding):
    write(tmp_path, "a.txt", "Macron’s plan – “reassurance force”\n\nKyiv agreed.".encode(encoding))
    corpus, _ = load(tmp_path)
    doc = corpus.documents.iloc[0]
    assert doc.text == "Macron’s plan – “reassurance force”\n\nKyiv agreed."
    assert doc.encoding == encoding


def test_a_file_of_nothing_but_boilerplate_is_listed(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "promo.txt", "Advertisement\n\nSign up for our newsletter\n")
    corpus, _ = load(tmp_path)
    assert corpus.documents.doc_id.tolist() == ["a"]
    reason, detail = skipped(corpus)["promo.txt"]
    assert reason == "nothing left after cleaning"
    assert "'Advertisement'" in detail


def test_a_renamed_file_with_a_warm_cache_gets_its_new_doc_id(tmp_path):
    src, cache = tmp_path / "src", tmp_path / "cache"
    write(src, "draft.txt", ARTICLE)
    assert load(src, cache=cache)[0].documents.doc_id.tolist() == ["draft"]
    (src / "draft.txt").rename(src / "final.txt")
    corpus, _ = load(src, cache=cache)
    assert corpus.documents.doc_id.tolist() == ["final"]
    assert set(corpus.sentences.doc_id) == {"final"}


def test_links_out_of_the_corpus_are_listed_unless_asked(tmp_path):
    outside = write(tmp_path / "elsewhere", "secret.txt", OTHER)
    src = tmp_path / "src"
    write(src, "a.txt", ARTICLE)
    write(src, "inner/b.txt", "Kyiv agreed to talks.\n\nZelensky said so on Monday.")
    os.symlink(outside, src / "secret.txt")
    os.symlink(src / "inner" / "b.txt", src / "alias.txt")  # inside: read (a duplicate)
    os.symlink(tmp_path / "nowhere.txt", src / "broken.txt")
    os.symlink(tmp_path / "elsewhere", src / "folder")
    corpus, _ = load(src)
    assert corpus.documents.doc_id.tolist() == ["a", "alias"]
    listed = {name: reason for name, (reason, _) in skipped(corpus).items()}
    assert listed == {"secret.txt": "link out of the corpus", "broken.txt": "broken link",
                      "folder": "folder link not followed", "b.txt": "duplicate"}  # fmt: skip
    assert str(outside) in skipped(corpus)["secret.txt"][1]
    followed, _ = load(src, follow_links=True)
    assert "secret" in followed.documents.doc_id.tolist()


# ---------------------------------------------------------- clear errors, not tracebacks


def test_metadata_in_cp1252_is_read_with_a_warning(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(
        tmp_path,
        "metadata.csv",
        "file,outlet\na.txt,Le Monde diplomatique – café\n".encode("cp1252"),
    )
    corpus, caught = load(tmp_path)
    assert corpus.documents.outlet.iloc[0] == "Le Monde diplomatique – café"
    assert any(m.endswith("metadata.csv: not valid UTF-8; read as cp1252 (save it as UTF-8 to "
                          "be sure of its accents)") for m in caught)  # fmt: skip


def test_an_empty_metadata_file_is_an_error_naming_it(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "metadata.csv", "")
    with pytest.raises(CorpusError, match=r"metadata.csv is empty; give it a header row"):
        load(tmp_path)


def test_a_csv_cell_over_128_kb_is_read(tmp_path):
    body = "Russia refused the plan again. " * 5000  # 155,000 characters
    write(tmp_path, "feed.csv", f'id,text\nlong,"{body}"\nshort,"Kyiv agreed."\n')
    corpus, _ = load(tmp_path)
    assert corpus.documents.doc_id.tolist() == ["long", "short"]
    assert corpus.documents.set_index("doc_id").loc["long", "n_sentences"] == 5000


def test_a_csv_row_the_csv_module_refuses_skips_the_file_naming_the_row(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)  # the csv module's cell limit
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "feed.csv", f'id,text\nok,"Kyiv agreed."\nlong,"{"x" * 2000}"\n')
    corpus, _ = load(tmp_path)
    reason, detail = skipped(corpus)["feed.csv"]
    assert reason == "bad CSV"
    assert detail == "row 3: field larger than field limit (1000); check its quotes"


def test_a_file_that_cannot_be_read_is_listed_and_the_rest_kept(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", ARTICLE)
    locked = write(tmp_path, "b.txt", OTHER)
    real = Path.read_bytes

    def read_bytes(path):
        if path == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    corpus, _ = load(tmp_path)
    assert corpus.documents.doc_id.tolist() == ["a"]
    assert skipped(corpus)["b.txt"] == (
        "cannot read",
        "Permission denied; check the file's permissions (the other files were read)",
    )


def test_a_corrupt_parquet_file_in_the_cache_is_discarded_and_rebuilt(tmp_path):
    src, cache = tmp_path / "src", tmp_path / "cache"
    write(src, "a.txt", ARTICLE)
    fresh, _ = load(src)
    load(src, cache=cache)
    for parquet in (cache / "corpus").rglob("*.parquet"):
        parquet.write_bytes(b"PAR1 not parquet at all")
    again, caught = load(src, cache=cache)
    pd.testing.assert_frame_equal(again.sentences, fresh.sentences)
    assert any("discard" in m.lower() for m in caught), caught
    third, caught = load(src, cache=cache)  # rebuilt: read back without a warning
    pd.testing.assert_frame_equal(third.sentences, fresh.sentences)
    assert not caught


def test_a_full_disk_while_caching_is_a_warning_naming_enospc(tmp_path, monkeypatch):
    write(tmp_path / "src", "a.txt", ARTICLE)

    def full(self, entries):
        raise OSError(errno.ENOSPC, "No space left on device", str(self.folder / "x.parquet"))

    monkeypatch.setattr(TableStore, "put_many", full)
    corpus, caught = load(tmp_path / "src", cache=tmp_path / "cache")
    assert corpus.documents.doc_id.tolist() == ["a"]
    assert any(re.search(r"cache not written in .*: No space left on device", m) for m in caught)


@pytest.mark.parametrize(
    ("files", "code", "message"),
    [
        ({"a.txt": ARTICLE, "metadata.csv": ""}, 2, "metadata.csv is empty"),
        ({"a.txt": ARTICLE, "metadata.csv": "file,publshed\na.txt,2025-02-21\n"}, 2,
         "unknown column 'publshed'; did you mean 'published'?"),
        ({}, 2, "no articles loaded from"),
    ],
)  # fmt: skip
def test_corpus_command_exits_non_zero_with_one_line_and_no_traceback(
    tmp_path, capsys, files, code, message
):
    for name, text in files.items():
        write(tmp_path, name, text)
    assert cli.main([str(tmp_path), "--no-cache"]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert err.startswith("storylens corpus: ")
    assert cli.main([str(tmp_path), "--no-cache", "--debug"]) == code
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_corpus_command_names_a_full_disk(tmp_path, capsys, monkeypatch):
    write(tmp_path, "a.txt", ARTICLE)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "outputs/cache/corpus/x.parquet")

    monkeypatch.setattr(cli, "load_corpus", full)
    assert cli.main([str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == ("storylens corpus: no space left on device (ENOSPC) writing "
                   "outputs/cache/corpus/x.parquet; free some space or pass --no-cache")  # fmt: skip


# ----------------------------------------------------------------------------- dates


def test_an_impossible_header_date_warns_naming_the_file(tmp_path):
    write(tmp_path, "a.txt", "date 2025-13-45 Peace plan faces test\n\nRussia refused the plan.")
    corpus, caught = load(tmp_path)
    assert corpus.documents.date_source.iloc[0] != "header"
    assert any(re.search(r"a\.txt header: '2025-13-45' is not a real date", m) for m in caught)


def test_a_metadata_column_close_to_a_known_one_is_an_error(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "metadata.csv", "file,Publshed\na.txt,2025-02-21\n")
    with pytest.raises(CorpusError, match=r"unknown column 'Publshed'; did you mean 'published'"):
        load(tmp_path)


def test_metadata_oddities_warn_naming_row_and_column(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", OTHER)
    write(tmp_path, "metadata.csv", "file,published,reporter\na.txt,2025-02-21 or so,Ann\n"
          "b.txt,2099-01-01,Bob\na.txt,2025-02-22,Ann\n")  # fmt: skip
    corpus, caught = load(tmp_path)
    text = "\n".join(caught)
    assert "metadata.csv: column 'reporter' is not used" in text
    assert "row 2 column 'published': '2025-02-21 or so' read as 2025-02-21" in text
    assert "row 3 column 'published': 2099-01-01 is in the future; check the year" in text
    assert "metadata.csv rows 2, 4 column 'file': all describe 'a.txt'; row 4 is used" in text
    dates = corpus.documents.set_index("doc_id")["published"].dt.strftime("%Y-%m-%d")
    assert dates.to_dict() == {"a": "2025-02-22", "b": "2099-01-01"}


# ------------------------------------------------------------------------ cache states


def test_the_same_corpus_gives_the_same_tables_from_any_cache_state(tmp_path):
    src, cache = tmp_path / "src", tmp_path / "cache"
    write(src, "a.txt", ARTICLE)
    write(src, "b.txt", ARTICLE)  # a duplicate
    write(src, "c.txt.gz", gzip.compress(OTHER.encode("utf-16")))
    write(src, "feed.jsonl", '{"id": "j1", "text": "Kyiv agreed to talks."}\n{bad\n')
    write(src, "feed.csv", 'id,text\nr1,"Russia refused. Kyiv agreed."\nr1,"France sent troops."\n')
    write(src, "metadata.csv", "file,published\na.txt,2025-02-21 or so\n")
    states = {"no cache": load(src)}
    states["cold"] = load(src, cache=cache)
    states["snapshot"] = load(src, cache=cache)
    for snapshot in (cache / "corpus" / "snapshots").iterdir():
        snapshot.rename(snapshot.with_name("old-" + snapshot.name))  # per-file entries only
    states["files only"] = load(src, cache=cache)
    first, first_warnings = states["no cache"]
    assert len(first.documents) == 5 and len(first.skipped) == 2
    for state, (corpus, caught) in states.items():
        for name in ("documents", "sentences", "tokens", "removed", "skipped"):
            pd.testing.assert_frame_equal(getattr(corpus, name), getattr(first, name), obj=state)
        assert corpus.warnings == first.warnings, state
        assert caught == first_warnings, state


def test_keyword_in_context_rows_are_windows_on_a_one_line_article(tmp_path):
    from storylens.terms import SENTENCE_WINDOW, keyword_in_context

    write(tmp_path, "wall.txt", "Troops everywhere\n\n" + "British troops held the line. " * 20
          + "troops " * 3000)  # fmt: skip
    corpus, _ = load(tmp_path)
    kwic = keyword_in_context(corpus, "troops")
    assert len(kwic) == 3020
    assert kwic["sentence"].str.len().max() == SENTENCE_WINDOW
    assert kwic["left"].str.len().max() == kwic["right"].str.len().max() == 60
    text = corpus.text("wall")
    for row in kwic.itertuples():
        assert text[row.start : row.end] == row.match
        assert row.left + row.match + row.right in row.sentence
    assert kwic["sentence"].iloc[0] == "British troops held the line."  # short: whole


# ------------------------------------------------------------------------ empty results


def test_a_timeline_with_nothing_dated_keeps_its_columns_when_filtered(tmp_path):
    from storylens.timeline import TIMELINE_COLUMNS, build_timeline

    for i in range(3):  # tiny undated notes: no temporal expression, no lead
        write(tmp_path, f"note{i}.txt", f"Note {i}\n\nItem {i} is fine.\n")
    corpus, _ = load(tmp_path)
    timeline = build_timeline(corpus)
    assert timeline.empty and timeline["anchored"].dtype == bool
    unplaced = timeline[~timeline["anchored"]]  # what 01-timeline does
    assert list(unplaced.columns) == TIMELINE_COLUMNS


def test_a_folder_link_loop_followed_on_request_is_walked_once(tmp_path):
    write(tmp_path, "sub/a.txt", ARTICLE)
    os.symlink(tmp_path, tmp_path / "sub" / "loop")  # sub/loop -> the corpus itself
    corpus, _ = load(tmp_path, follow_links=True)
    assert corpus.documents.doc_id.tolist() == ["a"]
    listed, _ = load(tmp_path)
    assert skipped(listed)["loop"][0] == "folder link not followed"
