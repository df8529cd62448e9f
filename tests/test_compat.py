"""Tests for storylens.compat: each private API it relies on still exists and behaves so.

When a library upgrade changes one of these, the test that fails names the wrapper; fix
the wrapper (or drop it where the library now offers a public way), not its callers.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from storylens import compat

# ----------------------------------------------------------------------------- pandas


def _arrays():
    text = pd.array(["up to 30,000", "200,000"], dtype=pd.StringDtype(na_value=np.nan))
    flags = pd.array([True, None], dtype="boolean")
    return [np.array([10, 55]), np.array([30000.0, 200000.0]), flags, text]


COLUMNS = ["start", "value", "high_inclusive", "text"]


def test_pandas_still_has_from_arrays_with_the_keywords_used():
    params = inspect.signature(pd.DataFrame._from_arrays).parameters
    assert {"arrays", "columns", "index", "verify_integrity"} <= set(params)


def test_frame_from_arrays_equals_the_public_constructor():
    arrays = _arrays()
    fast = compat.frame_from_arrays(arrays, pd.Index(COLUMNS), 2)
    public = pd.DataFrame(dict(zip(COLUMNS, _arrays(), strict=True)))
    pd.testing.assert_frame_equal(fast, public)
    assert fast.dtypes.tolist() == public.dtypes.tolist()
    assert isinstance(fast.index, pd.RangeIndex) and len(fast) == 2


def test_frames_with_their_own_column_index_do_not_share_renames():
    labels = pd.Index(COLUMNS)
    one = compat.frame_from_arrays(_arrays(), labels.view(), 2)
    two = compat.frame_from_arrays(_arrays(), labels.view(), 2)
    one.columns.name = "renamed"
    assert two.columns.name is None


def test_frame_from_arrays_falls_back_without_the_private_constructor(monkeypatch):
    expected = compat.frame_from_arrays(_arrays(), pd.Index(COLUMNS), 2)
    monkeypatch.delattr(pd.DataFrame, "_from_arrays")
    pd.testing.assert_frame_equal(
        compat.frame_from_arrays(_arrays(), pd.Index(COLUMNS), 2), expected
    )


STR_DTYPE = pd.StringDtype(na_value=np.nan)  # the dtype figures uses
TEXTS = ["up to 30,000", None, "troops", "200,000"]


def test_string_arrays_still_have_from_sequence_taking_a_dtype():
    array_class = STR_DTYPE.construct_array_type()
    assert "dtype" in inspect.signature(array_class._from_sequence).parameters


@pytest.mark.parametrize("dtype", [STR_DTYPE, pd.StringDtype()], ids=["nan", "NA"])
def test_string_array_equals_the_public_constructor(dtype):
    fast = compat.string_array(TEXTS, dtype)
    public = pd.array(TEXTS, dtype=dtype)
    assert type(fast) is type(public) and fast.dtype == public.dtype
    assert fast.equals(public)
    pd.testing.assert_extension_array_equal(fast[1:3], public[1:3])  # sliced per column


# ----------------------------------------------------------------------------- NLTK Punkt

PUNKT_PIECES = (
    "_re_non_word_chars",
    "_re_multi_char_punct",
    "_re_word_start",
    "_re_sent_end_chars",
    "_word_tokenize_fmt",
    "_period_context_fmt",
)
# Seed-like text with abbreviations, a quote and an ellipsis.
PUNKT_TEXT = (
    "Starmer met the U.S. envoy on Feb. 17, 2025. He said: “We are ready.” "
    "Gen. Smith disagreed... Others did not. Mr. Macron (France) left at 5 p.m. on Monday."
)


def test_punkt_still_has_the_private_pattern_pieces():
    lang_vars = PunktLanguageVars()
    for name in PUNKT_PIECES:
        assert isinstance(getattr(lang_vars, name), str), name
    for name in ("_word_tokenizer_re", "period_context_re"):
        assert callable(getattr(PunktLanguageVars, name)), name


def test_the_stdlib_patterns_are_nltks_patterns():
    stock, ours = PunktLanguageVars(), compat.StdlibPunktLanguageVars()
    assert isinstance(ours._word_tokenizer_re(), re.Pattern)
    assert isinstance(ours.period_context_re(), re.Pattern)
    assert ours._word_tokenizer_re().pattern == stock._word_tokenizer_re().pattern
    assert ours.period_context_re().pattern == stock.period_context_re().pattern
    assert ours._word_tokenizer_re() is ours._word_tokenizer_re()  # compiled once


def test_punkt_calls_the_overridden_pattern_methods():
    calls = []

    class Spy(compat.StdlibPunktLanguageVars):
        def _word_tokenizer_re(self):
            calls.append("word")
            return super()._word_tokenizer_re()

        def period_context_re(self):
            calls.append("period")
            return super().period_context_re()

    list(PunktSentenceTokenizer(PunktParameters(), lang_vars=Spy()).span_tokenize(PUNKT_TEXT))
    assert {"word", "period"} <= set(calls)


def _spans(lang_vars, text: str) -> list[tuple[int, int]]:
    params = PunktParameters()
    params.abbrev_types = {"u.s", "feb", "gen", "mr", "p.m"}
    return list(PunktSentenceTokenizer(params, lang_vars=lang_vars).span_tokenize(text))


def test_punkt_splits_alike_with_either_engine(seeds):
    texts = [PUNKT_TEXT, *seeds.documents["text"]]
    for text in texts:
        assert _spans(compat.StdlibPunktLanguageVars(), text) == _spans(PunktLanguageVars(), text)
    # "disagreed..." does not end a sentence before a capital: four, not five
    assert len(_spans(compat.StdlibPunktLanguageVars(), PUNKT_TEXT)) == 4


# ----------------------------------------------------------------------------- jsonschema


def test_jsonschema_still_tries_the_optional_rfc3987_syntax():
    import importlib.util

    # read, not imported: importing it would import rfc3987_syntax (1.5 s)
    package = importlib.util.find_spec("jsonschema").submodule_search_locations[0]
    source = (Path(package) / "_format.py").read_text(encoding="utf-8")
    assert re.search(r"^\s*(?:from|import) rfc3987_syntax\b", source, re.M)
    assert importlib.util.find_spec("rfc3987_syntax") is not None  # installed: worth skipping


def test_notebooks_validate_with_rfc3987_syntax_skipped(modules_after):
    loaded = modules_after["validate, rfc3987 skipped"]
    assert {"nbformat", "jsonschema"} <= loaded  # validated with jsonschema
    assert "rfc3987_syntax" not in loaded  # without importing it


# ----------------------------------------------------------------------------- process pool


def test_pool_processes_lists_live_workers_until_shutdown():
    pool = ProcessPoolExecutor(1)
    try:
        assert pool.submit(pow, 2, 5).result(timeout=30) == 32
        workers = compat.pool_processes(pool)
        assert len(workers) == 1 and workers[0].is_alive()
        assert isinstance(workers[0].pid, int)
    finally:
        pool.shutdown()
    # shutdown() forgets the workers (issue #14): they must be listed before it
    assert compat.pool_processes(pool) == []
    assert not workers[0].is_alive()


# ----------------------------------------------------------------------------- jupyter_client


def test_jupyter_client_still_launches_through_the_private_coroutine():
    from jupyter_client import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner

    launch = AsyncKernelManager._async_launch_kernel
    assert inspect.iscoroutinefunction(launch)
    params = inspect.signature(launch).parameters
    assert list(params)[:2] == ["self", "kernel_cmd"]
    assert params["kw"].kind is inspect.Parameter.VAR_KEYWORD
    assert "pid" in inspect.getsource(LocalProvisioner)


FAKE_KERNEL = "import sys, time; print('fake kernel', sys.argv[-1], flush=True); time.sleep(30)"


def test_the_hooks_send_kernel_output_to_the_log_and_report_its_pid(tmp_path, monkeypatch):
    spec = tmp_path / "jupyter" / "kernels" / "fake"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-c", FAKE_KERNEL, "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "language": "python",
                                                  "display_name": "fake"}))  # fmt: skip
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    log, launched = tmp_path / "kernel.log", []

    class Recording(compat.kernel_manager_with_hooks()):
        def launch_log(self):
            return str(log)

        def kernel_launched(self, pid):
            launched.append(pid)

    async def start_and_stop():
        manager = Recording(kernel_name="fake", connection_file=str(tmp_path / "k.json"))
        await manager.start_kernel()
        try:
            pid = manager.provisioner.pid
            deadline = time.monotonic() + 20
            while "fake kernel" not in log.read_text() and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
        finally:
            await manager.shutdown_kernel(now=True)
        return pid

    pid = asyncio.run(start_and_stop())
    assert launched == [pid] and isinstance(pid, int)
    assert log.read_text().startswith("fake kernel ")
    assert str(tmp_path / "k.json") in log.read_text()


def test_the_kernel_manager_is_built_once_and_only_on_request(modules_after):
    assert compat.kernel_manager_with_hooks() is compat.kernel_manager_with_hooks()
    assert "jupyter_client" not in modules_after["compat"]  # importing compat is not asking


@pytest.mark.parametrize("name", ["frame_from_arrays", "string_array", "StdlibPunktLanguageVars",
                                  "skip_rfc3987_syntax", "pool_processes",
                                  "kernel_manager_with_hooks"])  # fmt: skip
def test_every_wrapper_says_what_justifies_it(name):
    doc = inspect.getdoc(getattr(compat, name))
    assert re.search(r"measured|faster|without it|no public way", doc), name


# ----------------------------------------------------------------------------- re


def test_parse_regex_gives_re_s_own_tree_with_the_opcodes_leads_reads():
    """``timeline.leads`` walks this tree: literals, classes, repeats, groups,
    alternation, lookarounds and categories, with inline flags applied."""
    c = compat.regex_constants
    data, flags = compat.parse_regex(re.compile(r"(?i)a[b-d]\d+(x|yz)(?=z)\b"))
    assert flags & re.IGNORECASE
    ops = [op for op, _ in data]
    assert ops == [c.LITERAL, c.IN, c.MAX_REPEAT, c.SUBPATTERN, c.ASSERT, c.AT]
    assert data[0][1] == ord("a")
    assert (c.RANGE, (ord("b"), ord("d"))) in data[1][1]
    low, high, inner = data[2][1]
    assert (low, high) == (1, c.MAXREPEAT) and list(inner) == [
        (c.IN, [(c.CATEGORY, c.CATEGORY_DIGIT)])
    ]
    group = data[3][1][-1]  # (group number, add flags, del flags, the group's items)
    assert [op for op, _ in group] == [c.BRANCH]
    for name in ("ASSERT_NOT", "ATOMIC_GROUP", "BRANCH", "GROUPREF_EXISTS", "MIN_REPEAT",
                 "POSSESSIVE_REPEAT", "CATEGORY_NOT_DIGIT", "CATEGORY_SPACE",
                 "CATEGORY_NOT_SPACE", "CATEGORY_WORD", "CATEGORY_NOT_WORD"):  # fmt: skip
        assert hasattr(c, name), name
