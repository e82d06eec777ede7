"""python manage.py explain FILE shows how each statement was attributed."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ingest.confidence import RULE_CONFIDENCE
from ingest.parse import parse_document
from tools.snapshots import snapshot_pairs, snapshot_sets

PAGE = """Harbour Council Meets on Ferry Fares

The council met on Tuesday in Portwick.

“Fares must come down before winter,” said Mayor Ilse Varnholt.

Councillor Tobias Grell warned that the ferry company would cut the night service.
"""


def test_explain_prints_speaker_rule_and_confidence_per_statement(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    out = StringIO()
    call_command("explain", str(page), stdout=out)
    lines = out.getvalue().splitlines()
    direct = next(line for line in lines if line.startswith("direct"))
    assert "Ilse Varnholt" in direct and "said-after" in direct and "0.85" in direct
    assert "'Fares must come down before winter,'" in direct
    indirect = next(line for line in lines if line.startswith("indirect"))
    assert "Tobias Grell" in indirect and "reported-verb" in indirect
    assert lines[-1] == "2 statements, 2 speakers"


def test_explain_refuses_a_missing_file_with_a_reason(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("explain", str(tmp_path / "missing.txt"))


def test_every_attributed_statement_names_a_measured_rule():
    unknown = set()
    for name, (docs, _) in snapshot_sets().items():
        if not docs.is_dir():
            continue
        for doc, _target in snapshot_pairs(name):
            for s in parse_document(doc.read_text(encoding="utf-8")).statements:
                if s.speaker_key is not None and s.rule not in RULE_CONFIDENCE:
                    unknown.add((doc.name, s.rule))
                assert 0.0 <= s.confidence <= 1.0
    assert unknown == set()
