"""CSV exports never hand a spreadsheet a cell it would evaluate as a formula."""

import pytest

from archive.exports import csv_safe

FORMULAS = [
    '=HYPERLINK("http://x")',
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    "  =1",
    "\u00a0=1",  # no-break space
    "\u200b=1",  # zero-width space
    "\ufeff=1",  # byte-order mark
    "\u3000+1",  # ideographic space
    "＝1+1",  # full-width forms
    "＋1",
    "－1",
    "＠SUM(A1)",
    " \u200b\u00a0@x",
]


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_a_spreadsheet_would_evaluate_is_quoted(cell):
    assert csv_safe(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell", ["We demand justice.", "a = b", "3+4", "email@example.org", " plain", "’quoted’"]
)
def test_ordinary_text_is_left_alone(cell):
    assert csv_safe(cell) == cell


def test_empty_values_become_empty_cells():
    assert csv_safe(None) == ""
    assert csv_safe("") == ""
    assert csv_safe(42) == "42"
