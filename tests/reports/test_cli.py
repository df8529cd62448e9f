"""Tests for storylens.reports.cli: options are checked before anything runs."""

from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path

import pytest

from storylens.reports import cli


@pytest.mark.parametrize(("kind", "text", "expected"), [(int, "2", 2), (float, "0.5", 0.5)])
def test_positive_numbers_are_read(kind, text, expected):
    assert cli.positive(kind)(text) == expected


@pytest.mark.parametrize(("kind", "text"), [(int, "0"), (int, "-1"), (float, "inf"), (float, "-2")])
def test_other_numbers_are_refused(kind, text):
    with pytest.raises(argparse.ArgumentTypeError, match=f"not {text}"):
        cli.positive(kind)(text)


def test_a_bad_option_exits_2_naming_it(tmp_path):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as stop:
        cli.main(["--jobs", "0", "--out", str(tmp_path / "out")])
    assert stop.value.code == 2
    assert "argument --jobs: must be a positive number, not 0" in err.getvalue()
    assert not (tmp_path / "out").exists()


def test_a_missing_corpus_is_a_bad_request(tmp_path):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main(["--corpus", str(tmp_path / "none"), "--out", str(tmp_path / "out")])
    assert code == 2
    assert f"corpus {tmp_path / 'none'} does not exist" in err.getvalue()
    assert not (tmp_path / "out").exists()


def test_defaults():
    args = cli.build_parser().parse_args([])
    assert (args.corpus, args.out, args.only, args.jobs, args.timeout) == (
        None,
        None,
        None,
        None,
        600,
    )


@pytest.mark.parametrize("files", [{}, {"empty.txt": b"", "blank.md": b"\n\n"}])
def test_a_corpus_of_no_articles_is_refused_before_any_notebook_starts(tmp_path, files):
    from .notebook_factory import make_good_notebooks

    corpus = tmp_path / "articles"
    corpus.mkdir()
    for name, data in files.items():
        (corpus / name).write_bytes(data)
    out = tmp_path / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main(["--corpus", str(corpus), "--out", str(out),
                         "--notebooks", str(make_good_notebooks(tmp_path / "nb"))])  # fmt: skip
    assert code == 2
    said = err.getvalue()
    # the loader's words (or, for a loader that returns no documents, the runner's)
    assert "storylens reports: error: " in said and str(corpus) in said
    assert "[1/2] started" not in said and not out.exists()


def test_the_empty_corpus_message_names_the_skipped_files_and_why():
    import pandas as pd

    from storylens.reports.manifest import empty_corpus_message

    skipped = pd.DataFrame(
        [(f"a{i}.txt", "empty", "") for i in range(6)] + [("b.pdf", "binary", "NUL bytes")],
        columns=["path", "reason", "detail"],
    )
    message = empty_corpus_message(Path("/news"), skipped)
    assert message.startswith(
        "the corpus /news has no articles: 7 file(s) skipped: a0.txt: empty; "
    )
    assert "a4.txt: empty; ... and 2 more;" in message and "b.pdf" not in message
    assert message.endswith("(see `python -m storylens corpus /news`)")


@pytest.mark.parametrize("option", ["corpus", "story", "config", "out"])
def test_paths_come_from_the_option_else_the_variable_make_exports(monkeypatch, option):
    monkeypatch.setenv(cli.ENVIRONMENT[option], "from make.yaml")
    assert getattr(cli.build_parser().parse_args([]), option) == "from make.yaml"
    given = cli.build_parser().parse_args([f"--{option}", "given.yaml"])
    assert getattr(given, option) == "given.yaml"
    monkeypatch.setenv(cli.ENVIRONMENT[option], "")  # what make exports for an empty STORY=
    assert getattr(cli.build_parser().parse_args([]), option) is None


FAKE_PYTHON = """#!/bin/sh
# stands in for .venv/bin/python: records what `make reports` hands the runner
{ for v in STORYLENS_CORPUS STORYLENS_STORY STORYLENS_CONFIG STORYLENS_OUT \\
    STORYLENS_JOBS STORYLENS_ONLY; do
    printenv "$v" || echo "<unset>"; done; printf '%s\\n' "$@"; } > "$(dirname "$0")/called"
"""


def test_make_reports_passes_paths_as_environment_not_shell_words(tmp_path):
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("no make")
    root = Path(__file__).resolve().parents[2]
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "python").write_text(FAKE_PYTHON, encoding="utf-8")
    (fake / "python").chmod(0o755)
    stamp = tmp_path / "stamp"
    stamp.touch()  # newer than requirements.lock: no .venv set-up is run
    story = "my story; touch $(HOME)/pwned `id` $$x.yaml"
    done = subprocess.run(
        ["make", "-s", "-C", str(root), "reports", f"BIN={fake}", f"STAMP={stamp}",
         f"STORY={story}", "CORPUS=two words/it's", "JOBS=2", "ONLY=01; echo `id`"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = (fake / "called").read_text(encoding="utf-8").splitlines()
    assert lines == ["two words/it's", story, "", "outputs", "2", "01; echo `id`",
                     "-m", "storylens", "reports"]  # fmt: skip
