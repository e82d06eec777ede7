"""Golden snapshots of ``parse_document`` output, one JSON file per input document.

Usage: python -m tools.snapshots [--check]

Writes the parse of every annotated set: the project's own sets under
``tests/ingest/<set>/snapshots/``, the shared samples and real pages (``../shared``) under
``tests/ingest/snapshots/<set>/``. A snapshot holds offsets, kinds, speaker names, rules,
confidences and event keys and dates, never the statement text, so no third-party text is
copied into the project. ``tests/ingest/test_snapshots.py`` compares the current output to
them; regenerating and reviewing ``git diff`` is how a parser change is reviewed.
``--check`` only reports which snapshots differ.
"""

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from ingest.parse import parse_document  # noqa: E402

OWN_SETS = ("fixtures", "holdout", "holdout2", "holdout3", "holdout4")


def snapshot_sets() -> dict[str, tuple[Path, Path]]:
    """Set name -> (folder of input documents, folder of its snapshots)."""
    sets = {
        name: (REPO / "tests/ingest" / name / "docs", REPO / "tests/ingest" / name / "snapshots")
        for name in OWN_SETS
    }
    sets["seeds"] = (SHARED / "seeds", REPO / "tests/ingest/snapshots/seeds")
    sets["realdev"] = (SHARED / "realdev" / "docs", REPO / "tests/ingest/snapshots/realdev")
    return sets


def _date(value) -> str | None:
    return value.isoformat() if value else None


def snapshot(text: str) -> dict:
    """What the parser found in ``text``, as JSON-ready data without any of the text."""
    doc = parse_document(text)
    names = {s.key: s.name for s in doc.speakers}
    dates = {e.key: _date(e.start_date) for e in doc.events}
    return {
        "articles": [
            {
                "start": a.start,
                "end": a.end,
                "published": _date(a.published),
                "event": a.event_key,
            }
            for a in doc.articles
        ],
        "events": [
            {
                "key": e.key,
                "kind": e.kind,
                "start_date": _date(e.start_date),
                "end_date": _date(e.end_date),
            }
            for e in doc.events
        ],
        "speakers": [
            {"key": s.key, "name": s.name, "kind": s.kind, "aliases": list(s.aliases)}
            for s in doc.speakers
        ],
        "statements": [
            {
                "kind": s.kind,
                "start": s.start,
                "end": s.end,
                "speaker": names.get(s.speaker_key),
                "rule": s.rule,
                "confidence": s.confidence,
                "event": s.event_key,
                "event_date": dates.get(s.event_key),
            }
            for s in doc.statements
        ],
    }


def render(text: str) -> str:
    """The snapshot of ``text`` as the exact JSON stored on disk (one statement a line)."""
    data = snapshot(text)
    lines = ["{"]
    for i, (key, rows) in enumerate(data.items()):
        lines.append(f'  "{key}": [')
        body = [f"    {json.dumps(row, ensure_ascii=False)}" for row in rows]
        if body:
            lines.append(",\n".join(body))
        lines.append("  ]" + ("," if i < len(data) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def snapshot_pairs(name: str) -> list[tuple[Path, Path]]:
    """(document, snapshot file) of every document of one set."""
    docs, out = snapshot_sets()[name]
    return [(p, out / f"{p.stem}.json") for p in sorted(docs.glob("*.txt"))]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = 0
    for name, (docs, _out) in snapshot_sets().items():
        if not docs.is_dir():
            print(f"{name}: {docs} not found, skipped")
            continue
        for doc, target in snapshot_pairs(name):
            fresh = render(doc.read_text(encoding="utf-8"))
            old = target.read_text(encoding="utf-8") if target.exists() else None
            if fresh == old:
                continue
            changed += 1
            print(f"{'differs' if check else 'wrote'}: {target.relative_to(REPO)}")
            if not check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(fresh, encoding="utf-8")
    print(f"{changed} snapshot(s) {'differ' if check else 'written'}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
