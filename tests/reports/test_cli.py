"""Tests for storylens.reports.cli: options are checked before anything runs."""

from __future__ import annotations

import argparse
import contextlib
import io

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
