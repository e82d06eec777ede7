"""The parser's output matches its reviewed golden snapshots (``python -m tools.snapshots``)."""

import difflib

import pytest

from tools.snapshots import render, snapshot_pairs, snapshot_sets

CASES = [
    pytest.param(doc, target, id=f"{name}/{doc.stem}")
    for name, (docs, _) in snapshot_sets().items()
    if docs.is_dir()
    for doc, target in snapshot_pairs(name)
]


@pytest.mark.parametrize(("doc", "target"), CASES)
def test_parse_matches_golden_snapshot(doc, target):
    assert target.exists(), f"no snapshot for {doc}: run python -m tools.snapshots"
    expected = target.read_text(encoding="utf-8")
    actual = render(doc.read_text(encoding="utf-8"))
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"{target.name} (snapshot)",
                tofile=f"{target.name} (parser now)",
            )
        )
        pytest.fail(
            f"parse of {doc.name} changed; review and regenerate with python -m tools.snapshots\n"
            + diff,
            pytrace=False,
        )
