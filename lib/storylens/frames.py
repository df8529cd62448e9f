"""Tables from lists of row tuples, built column by column: what
``pd.DataFrame(rows, columns=columns)`` gives, faster.

The per-document pass makes a few small tables per document, and with pandas' string
columns (Arrow-backed) most of the time of ``pd.DataFrame(rows, columns=...)`` goes to
inferring each column's type value by value. :func:`records_frame` looks at the types of
each column's values once: a column of only ``str`` becomes the string array pandas
would infer, built straight from Arrow; only ``int`` (within int64), only ``float`` or
only ``bool`` a NumPy array of that type. Any other column (missing values, mixed
types, other objects, a string Arrow refuses), duplicate column names or no rows, and
the table is made by ``pd.DataFrame(rows, columns=columns)`` itself, so the result is
always the same: same values, dtypes, column order and index (a test compares both on
real tables).

>>> records_frame([("a", 1, 0.5), ("b", 2, 1.5)], ["doc_id", "start", "score"]).dtypes.tolist()
[<StringDtype(na_value=nan)>, dtype('int64'), dtype('float64')]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = ["column_array", "columns_frame", "empty_frame", "records_frame", "string_array"]

# The type pandas infers for a column of strings, and the Arrow type it keeps them in.
STRING_DTYPE = pd.DataFrame([("a",)]).dtypes.iloc[0]
_ARROW_STRINGS = isinstance(STRING_DTYPE, pd.StringDtype) and STRING_DTYPE.storage == "pyarrow"
ARROW_STRING_TYPE = pa.array(pd.array(["a"], dtype=STRING_DTYPE)).type if _ARROW_STRINGS else None
# NumPy types for columns whose values are all of one Python type (int: when in range).
NUMPY_TYPES = {int: np.int64, float: np.float64, bool: np.bool_}


def _strings(values: Sequence[str]):
    if not _ARROW_STRINGS:
        return pd.array(values, dtype=STRING_DTYPE)
    chunked = pa.chunked_array([pa.array(values, type=ARROW_STRING_TYPE)])
    return pd.arrays.ArrowStringArray(chunked, dtype=STRING_DTYPE)


def string_array(values: Sequence[str | None]):
    """``pd.array(values, dtype=STRING_DTYPE)`` for values that are ``str`` or None
    (missing), built straight from Arrow when pandas keeps strings there."""
    try:
        return _strings(values)
    except (UnicodeEncodeError, pa.ArrowException):  # pandas raises its own error
        return pd.array(values, dtype=STRING_DTYPE)


def column_array(values: Sequence):
    """The array pandas would infer for a column of ``values`` when they are all ``str``,
    all ``int`` (within int64), all ``float`` or all ``bool`` (a copy of a NumPy array of
    those types); None otherwise."""
    if isinstance(values, np.ndarray):
        return values.copy() if values.dtype in NUMPY_TYPES.values() else None
    kinds = set(map(type, values))
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    if kind is str:
        try:
            return _strings(values)
        except (UnicodeEncodeError, pa.ArrowException):  # pandas raises its own error
            return None
    if kind not in NUMPY_TYPES:
        return None
    try:
        return np.array(values, dtype=NUMPY_TYPES[kind])
    except OverflowError:  # an int beyond int64: pandas decides
        return None


def columns_frame(data: Mapping[str, Sequence]) -> pd.DataFrame | None:
    """``pd.DataFrame(data)`` for columns of equal, non-zero length that all have a
    :func:`column_array`; None when one has not (the caller builds the table its own way)."""
    lengths = {len(values) for values in data.values()}
    if len(lengths) != 1 or 0 in lengths:
        return None
    arrays = {}
    for name, values in data.items():
        arrays[name] = column_array(values)
        if arrays[name] is None:
            return None
    return pd.DataFrame(arrays, copy=False)


def records_frame(rows: Sequence[tuple], columns: Sequence[str]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns)`` (see the module docstring): one row per
    tuple of ``rows``, with ``columns`` in order and a default index."""
    if not rows:
        return empty_frame(columns)
    if len(set(columns)) == len(columns) and all(len(r) == len(columns) for r in rows):
        found = columns_frame(dict(zip(columns, zip(*rows, strict=True), strict=True)))
        if found is not None:
            return found
    return pd.DataFrame(rows, columns=columns)


# columns -> pd.DataFrame([], columns=columns), made once (:func:`empty_frame` copies it)
_EMPTY: dict[tuple, pd.DataFrame] = {}


def empty_frame(columns: Sequence[str]) -> pd.DataFrame:
    """``pd.DataFrame([], columns=columns)``: a copy of one made once per list of
    columns (building an empty table costs about 20 times a copy; the per-document pass
    makes one for every document without figures or stance cues)."""
    key = tuple(columns)
    template = _EMPTY.get(key)
    if template is None:
        template = _EMPTY[key] = pd.DataFrame([], columns=list(columns))
    return template.copy()
