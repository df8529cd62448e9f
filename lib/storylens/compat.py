"""Every use storylens makes of another library's private API, each behind one name.

A private attribute can change in any release. Each use sits here, with the measured gain
or the need that justifies it, and ``tests/test_compat.py`` checks that the attribute still
exists and behaves as relied on, so an upgrade that breaks one fails a test that names it
instead of a report run. Where a public way does the same job, the wrapper falls back to
it. Nothing here imports a Jupyter package at import time (``storylens.nlp`` and
``storylens.figures`` import this module, and notebooks import those); the kernel manager
is built on first use.

=========================  =====================================  ==========================
wrapper                    private API                            why
=========================  =====================================  ==========================
frame_from_arrays          ``pandas.DataFrame._from_arrays``      3.4x faster small frames
string_array               ``ExtensionArray._from_sequence``      1.4x faster small arrays
StdlibPunktLanguageVars    NLTK ``PunktLanguageVars._re_*``,      Punkt 1.3x faster
                           ``_word_tokenizer_re``, ...
skip_rfc3987_syntax        ``sys.modules`` entry for jsonschema   1.45 s per runner start
                           's optional ``rfc3987_syntax``
pool_processes             ``ProcessPoolExecutor._processes``     Ctrl-C stops the workers
kernel_manager_with_hooks  ``AsyncKernelManager                   kernel output to a log;
                           ._async_launch_kernel``                kernels stopped on Ctrl-C
parse_regex,               ``re._parser.parse``,                  timex rules tried only
regex_constants            ``re._constants`` (opcodes)            where they can match:
                                                                  tag() 3.3x faster
=========================  =====================================  ==========================
"""

from __future__ import annotations

import contextlib
import functools
import re
import re._constants
import re._parser
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pandas as pd
from nltk.tokenize.punkt import PunktLanguageVars

# --------------------------------------------------------------------------- pandas


def frame_from_arrays(arrays: Sequence[Any], columns: pd.Index, length: int) -> pd.DataFrame:
    """A DataFrame of ready-made column arrays (one per label in ``columns``), as given.

    Uses pandas' internal ``DataFrame._from_arrays`` with ``verify_integrity=False``:
    measured 3.4x faster than ``pd.DataFrame(dict(...), copy=False)`` for a three-column,
    three-row frame (pandas 3.1, ``timeit``), which matters where a frame is built per
    sentence (``figures.extract_figures``). The arrays must already have the dtypes wanted
    and ``length`` rows; nothing is checked or converted. Without it (another pandas),
    the public constructor gives the same frame. ``columns`` is used as the frame's column
    index: pass a fresh one (``index.view()``) per frame so renaming one frame's axes
    cannot touch another's.

    >>> import numpy as np
    >>> frame_from_arrays([np.array([1, 2]), np.array([0.5, 1.5])], pd.Index(["n", "x"]), 2)
       n    x
    0  1  0.5
    1  2  1.5
    """
    try:
        return pd.DataFrame._from_arrays(
            list(arrays), columns=columns, index=pd.RangeIndex(length), verify_integrity=False
        )
    except (AttributeError, TypeError):  # pragma: no cover - a pandas without it
        return pd.DataFrame(dict(zip(columns, arrays, strict=True)), copy=False)


def string_array(
    values: Sequence[str | None], dtype: pd.StringDtype
) -> pd.api.extensions.ExtensionArray:
    """``values`` as a pandas string array of ``dtype`` (None becomes the dtype's missing value).

    Uses the array class's ``_from_sequence`` (the extension-array constructor pandas
    itself calls): measured 1.4x faster than the public ``pd.array(values, dtype=dtype)``
    for ten strings (pandas 3.1, ``timeit``), once per sentence in
    ``figures.extract_figures``. Without it, the public function gives the same array.

    >>> string_array(["troops", None], pd.StringDtype()).tolist()
    ['troops', <NA>]
    """
    try:
        return dtype.construct_array_type()._from_sequence(values, dtype=dtype)
    except (AttributeError, TypeError):  # pragma: no cover - a pandas without it
        return pd.array(values, dtype=dtype)


# --------------------------------------------------------------------------- NLTK Punkt


class StdlibPunktLanguageVars(PunktLanguageVars):
    """Punkt's own English patterns, compiled with the standard :mod:`re` engine.

    nltk 3.10 compiles every pattern through a time-limited engine (``nltk.redos``) meant
    for patterns a user supplies; these are Punkt's fixed patterns, and the standard
    engine runs them with the same results: measured 4.7 instead of 6.2 ms for the five
    seed articles (1.3x; ``span_tokenize``, best of five, nltk 3.10.4);
    ``tests/test_compat.py`` compares both engines' sentences on the seeds. Relies on
    ``PunktLanguageVars``' private pattern pieces (``_re_non_word_chars``,
    ``_re_multi_char_punct``, ``_re_word_start``, ``_re_sent_end_chars``,
    ``_word_tokenize_fmt``, ``_period_context_fmt``) and on Punkt
    calling ``_word_tokenizer_re()`` and ``period_context_re()`` for its patterns.
    """

    re_boundary_realignment = re.compile(
        PunktLanguageVars.re_boundary_realignment.pattern, re.MULTILINE
    )

    def _word_tokenizer_re(self):
        try:
            return self._re_word_tokenizer
        except AttributeError:
            fmt = {
                "NonWord": self._re_non_word_chars,
                "MultiChar": self._re_multi_char_punct,
                "WordStart": self._re_word_start,
            }
            self._re_word_tokenizer = re.compile(
                self._word_tokenize_fmt % fmt, re.UNICODE | re.VERBOSE
            )
            return self._re_word_tokenizer

    def period_context_re(self):
        try:
            return self._re_period_context
        except AttributeError:
            fmt = {"NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars}
            self._re_period_context = re.compile(
                self._period_context_fmt % fmt, re.UNICODE | re.VERBOSE
            )
            return self._re_period_context


# --------------------------------------------------------------------------- jsonschema


def skip_rfc3987_syntax() -> None:
    """Keep jsonschema (imported by nbformat) from importing ``rfc3987_syntax``.

    ``rfc3987_syntax`` is an optional validator of IRI formats that notebook schemas never
    use; it builds a parser at import, measured at 1.45 s of the runner's start-up
    (``python -X importtime -c "import jsonschema"``). Marking it absent in ``sys.modules``
    makes jsonschema's ``import rfc3987_syntax`` fail as if it were not installed. Only has
    an effect before jsonschema is first imported; call it in the runner's processes only,
    never in a kernel.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- concurrent.futures


def pool_processes(pool: ProcessPoolExecutor) -> list[Any]:
    """The worker processes (``multiprocessing.Process``) of a process pool, now.

    ``ProcessPoolExecutor`` has no public way to stop a worker that is running a task:
    ``shutdown(cancel_futures=True)`` only cancels tasks not yet started, so on Ctrl-C a
    worker would go on executing its notebook (up to the cell timeout, 10 minutes). The
    workers are in the private ``_processes`` mapping, which ``shutdown()`` sets to None
    (issue #14): read it **before** shutting the pool down. Returns ``[]`` once it is gone.
    """
    return list((getattr(pool, "_processes", None) or {}).values())


# --------------------------------------------------------------------------- jupyter_client


@functools.cache
def kernel_manager_with_hooks() -> type:
    """An ``AsyncKernelManager`` subclass with two public hooks around the kernel's launch.

    * ``launch_log(self) -> str | None``: a file for the kernel process's stdout and
      stderr (None: inherit the runner's, as jupyter_client does);
    * ``kernel_launched(self, pid: int | None) -> None``: called with the kernel's process
      id once it has started.

    Both need jupyter_client's private ``_async_launch_kernel(kernel_cmd, **kw)``, the one
    place where the launch keyword arguments (passed on to ``subprocess.Popen``) can be set
    and the process exists: without it, kernels print into the progress display, and an
    interrupted run cannot find the kernels to stop them (they run in their own session
    and miss the Ctrl-C). The pid comes from the local provisioner's ``pid``.
    """
    from jupyter_client import AsyncKernelManager

    class KernelManagerWithHooks(AsyncKernelManager):
        def launch_log(self) -> str | None:
            return None

        def kernel_launched(self, pid: int | None) -> None:
            return None

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            log = self.launch_log()
            with open(log, "ab") if log else contextlib.nullcontext() as handle:
                if handle is not None:
                    kw.setdefault("stdout", handle)
                    kw.setdefault("stderr", handle)
                await super()._async_launch_kernel(kernel_cmd, **kw)
            self.kernel_launched(getattr(self.provisioner, "pid", None))

    return KernelManagerWithHooks


# --------------------------------------------------------------------------- re

regex_constants = re._constants  # the opcodes of parse_regex's tree (LITERAL, IN, BRANCH...)


def parse_regex(pattern: re.Pattern[str]) -> tuple[list[Any], int]:
    """The parsed form of a compiled pattern, as ``re`` itself parses it: the items of
    its top level (``(opcode, argument)`` pairs, opcodes in :data:`regex_constants`) and
    its flags after inline flags. ``timeline.leads`` reads what a rule's matches may
    begin with from it (no public API gives a pattern's structure)."""
    parsed = re._parser.parse(pattern.pattern, pattern.flags)
    return parsed.data, parsed.state.flags
