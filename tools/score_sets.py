"""Score ingest on annotated sets, each imported alone into a scratch database.

Usage: python tools/score_sets.py [SET ...] [--by-doc]
SET is a name (seeds, realdev, fixtures, holdout, holdout2, holdout3, holdout4) or a folder
holding docs/ and gold/. Prints the scorer's figures per set; --by-doc adds one line per
document. The scratch database (score_statement_archive) is dropped at the end.
"""

import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

SETS = {
    "seeds": (SHARED / "seeds", SHARED / "gold"),
    "realdev": (SHARED / "realdev" / "docs", SHARED / "realdev" / "gold"),
    **{
        name: (REPO / "tests/ingest" / name / "docs", REPO / "tests/ingest" / name / "gold")
        for name in ("fixtures", "holdout", "holdout2", "holdout3", "holdout4")
    },
}


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from archive.exports import occurrence_rows
    from ingest.services import import_paths

    by_doc = "--by-doc" in argv
    names = [a for a in argv if not a.startswith("--")] or ["seeds", "realdev"]
    scorer = _load(SHARED / "tools" / "score_ingest.py", "score_ingest")
    connection.settings_dict.setdefault("TEST", {})["NAME"] = "score_statement_archive"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        for name in names:
            docs, gold = SETS.get(name) or (Path(name) / "docs", Path(name) / "gold")
            call_command("flush", interactive=False, verbosity=0)
            import_paths(paths=[docs], max_bytes=10**7)
            with tempfile.TemporaryDirectory() as tmp:
                export = Path(tmp) / "export.jsonl"
                export.write_text(
                    "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in occurrence_rows()),
                    encoding="utf-8",
                )
                r = scorer.score(str(export), str(gold), str(docs))
                d, i = r["direct"], r["indirect"]
                print(
                    f"{name:10} direct P {d['precision']:.3f} R {d['recall']:.3f} F1 {d['f1']:.3f}"
                    f" | indirect P {i['precision']:.3f} R {i['recall']:.3f} F1 {i['f1']:.3f}"
                    f" | frag {r['speakers']['fragmentation']} | dates {r['event_date_accuracy']:.3f}"
                )
                if by_doc:
                    by = _load(SHARED / "tools" / "score_by_doc.py", "score_by_doc")
                    by.main(str(export), str(gold), str(docs))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main(sys.argv[1:])
