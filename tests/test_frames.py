"""Tables built column by column (storylens/frames.py) equal pd.DataFrame(rows, columns)
exactly: values, dtypes, column order and index."""

import math

import numpy as np
import pandas as pd
import pytest

from storylens.frames import column_array, columns_frame, records_frame

COLUMNS = ["doc_id", "start", "text", "value"]


@pytest.mark.parametrize(
    "rows",
    [
        # a mention row and a figure row of the seeds, as the pass makes them
        [("001_2d7fd49af220f35f", 112, "Kremlin", 0.25),
         ("001_2d7fd49af220f35f", 340, "Britain’s allies", -0.5)],
        [("d", 0, "£2.5bn", 2.5e9)],
        # missing values, mixed types, big and numpy numbers: pandas decides
        [("d", 1, None, 1.0), ("d", 2, "x", 2.0)],
        [("d", 1, "x", math.nan), ("d", 2, "y", None)],
        [("d", 1, "x", 1), ("d", 2, "y", 2.5)],
        [("d", 2**70, "x", 1.0)],
        [("d", np.int64(3), "x", np.float64(1.0))],
        [("d", True, "x", False), ("d", False, "y", True)],
        [("d", 1, ("a", "b"), 1.0)],
        [],
    ],
)  # fmt: skip
def test_records_frame_equals_the_dataframe_constructor(rows):
    expected = pd.DataFrame(rows, columns=COLUMNS)
    pd.testing.assert_frame_equal(records_frame(rows, COLUMNS), expected, check_exact=True)


def test_the_fast_path_keeps_pandas_types():
    found = records_frame([("a", 1, "x", 0.5)], COLUMNS)
    assert found.dtypes.tolist() == pd.DataFrame([("a", 1, "x", 0.5)]).dtypes.tolist()
    assert isinstance(found.index, pd.RangeIndex)


@pytest.mark.parametrize(
    ("values", "kind"),
    [(["a", "b"], "string"), ([1, 2], "int64"), ([0.5], "float64"), ([True], "bool"),
     (np.array([1.5, 2.0]), "float64"), (["a", None], None), ([1, "a"], None),
     ([2**64], None), (np.array(["a"], dtype=object), None)],
)  # fmt: skip
def test_column_array(values, kind):
    array = column_array(values)
    assert (str(array.dtype) if array is not None else None) in (
        {kind, "str"} if kind == "string" else {kind}
    )


def test_columns_frame_declines_what_it_cannot_build():
    assert columns_frame({"a": [], "b": []}) is None
    assert columns_frame({"a": [1], "b": [1, 2]}) is None
    assert columns_frame({"a": [1], "b": [None]}) is None
    found = columns_frame({"a": ["x"], "b": np.array([1.0])})
    pd.testing.assert_frame_equal(found, pd.DataFrame({"a": ["x"], "b": [1.0]}))


def test_a_numpy_column_is_copied():
    values = np.array([1.0, 2.0])
    found = columns_frame({"a": values})
    values[0] = 9.0
    assert found["a"].tolist() == [1.0, 2.0]


@pytest.mark.parametrize("table", ["mentions", "stances"])
def test_equal_on_the_seed_tables(table, seeds):
    """Every document's rows of the seeds' mentions and stance evidence, rebuilt both ways."""
    from storylens.analysis import analyse_corpus

    frame = getattr(analyse_corpus(seeds, tables=[table], cache=False), table)
    assert len(frame) > 10
    for _, part in frame.groupby("doc_id", sort=False):
        rows = list(part.itertuples(index=False, name=None))
        expected = pd.DataFrame(rows, columns=list(part.columns))
        pd.testing.assert_frame_equal(records_frame(rows, list(part.columns)), expected)


@pytest.mark.parametrize(
    "columns", [["doc_id", "start", "text"], ["a", "a"], [], ["doc_id", "sent_id", "cue"]]
)
def test_an_empty_frame_equals_the_constructors_and_is_its_own(columns):
    from storylens.frames import empty_frame

    expected = pd.DataFrame([], columns=columns)
    first = empty_frame(columns)
    pd.testing.assert_frame_equal(first, expected)
    assert list(first.dtypes) == list(expected.dtypes) and first.index.equals(expected.index)
    pd.testing.assert_frame_equal(records_frame([], columns), expected)
    first["extra"] = []  # changing one copy leaves the next as it was
    first.columns.name = "changed"
    second = empty_frame(columns)
    assert "extra" not in second.columns and second.columns.name is None
    pd.testing.assert_frame_equal(second, expected)


@pytest.mark.parametrize(
    "values", [["km", None, "troops"], [None, "£"], ["a"], ["Ukraine’s", None, None, "b"]]
)
def test_string_array_equals_pandas_array(values):
    from storylens.frames import STRING_DTYPE, string_array

    found, expected = (
        pd.Series(string_array(values)),
        pd.Series(pd.array(values, dtype=STRING_DTYPE)),
    )
    pd.testing.assert_series_equal(found, expected, check_exact=True)
    assert found.isna().tolist() == [v is None for v in values]
