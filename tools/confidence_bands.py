"""Precision of the parser per confidence band and per attribution rule, without a database.

Usage: python -m tools.confidence_bands [SET ...] [--rules] [--score]

SET is seeds, realdev or a project set name (default: realdev). Each document is parsed with
``parse_document``; every statement is checked against the gold spans with the scorer's own
gold loading and speaker resolution (``../shared/tools/score_ingest.py``): its precision is
the share of its counted characters that lie in a gold span of the same kind and speaker.
``--rules`` adds one line per rule (how the confidences are calibrated); ``--score`` prints
the scorer's figures for the same rows (doc-local speakers, so fragmentation is not shown).
"""

import importlib.util
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from ingest.parse import parse_document  # noqa: E402

SETS = {
    "seeds": (SHARED / "seeds", SHARED / "gold"),
    "realdev": (SHARED / "realdev" / "docs", SHARED / "realdev" / "gold"),
    **{
        name: (REPO / "tests/ingest" / name / "docs", REPO / "tests/ingest" / name / "gold")
        for name in ("fixtures", "holdout", "holdout2", "holdout3", "holdout4")
    },
}
BANDS = ((0.0, 0.5, "< 0.5"), (0.5, 0.8, "0.5-0.8"), (0.8, 1.01, "> 0.8"))


def scorer():
    """The team's scorer module."""
    spec = importlib.util.spec_from_file_location(
        "score_ingest", SHARED / "tools" / "score_ingest.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def export_rows(docs: Path) -> list[dict]:
    """Scorer rows for every document of a folder, speakers as the document names them."""
    rows = []
    for path in sorted(docs.glob("*.txt")):
        doc = parse_document(path.read_text(encoding="utf-8"))
        speakers = {s.key: s for s in doc.speakers}
        dates = {e.key: e.start_date for e in doc.events}
        for s in doc.statements:
            sp = speakers.get(s.speaker_key)
            if sp is None:
                continue  # the archive stores only attributed statements (ingest.services)
            date = dates.get(s.event_key)
            rows.append(
                {
                    "kind": s.kind,
                    "text": s.text,
                    "source_file": path.name,
                    "start": s.start,
                    "end": s.end,
                    "speaker": {
                        "id": f"{path.name}:{sp.key}",
                        "name": sp.name,
                        "aliases": list(sp.aliases),
                    },
                    "event": {"id": s.event_key, "date": date.isoformat() if date else None}
                    if s.event_key
                    else None,
                    "rule": s.rule,
                    "confidence": s.confidence,
                }
            )
    return rows


def judged(rows: list[dict], gold_dir: Path, docs: Path) -> list[tuple[dict, int, int]]:
    """(row, counted characters, correct characters) per exported row."""
    sc = scorer()
    gold = sc.load_gold(str(gold_dir), str(docs))
    out = []
    for row in rows:
        g = gold.get(row["source_file"])
        if g is None:
            continue
        spans = [x for x in g["spans"] if x[0] == row["kind"]]
        ignore = set().union(*[pos for _, spk, _, _, pos in spans if spk is None] or [set()])
        owners = defaultdict(set)
        for _, spk, _, _, pos in spans:
            if spk is not None:
                for p in pos:
                    owners[p].add(spk)
        ids = sc.resolve(row["speaker"], g["names"])
        pos = sc.counted(g["doc"], row["start"], row["end"]) - ignore
        out.append((row, len(pos), sum(1 for p in pos if owners.get(p, set()) & ids)))
    return out


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("--")] or ["realdev"]
    for name in names:
        docs, gold = SETS[name]
        rows = export_rows(docs)
        results = judged(rows, gold, docs)
        print(f"{name}: precision by confidence band (characters; statements)")
        for lo, hi, label in BANDS:
            band = [r for r in results if lo <= r[0]["confidence"] < hi]
            total = sum(r[1] for r in band)
            good = sum(r[2] for r in band)
            share = good / total if total else 0.0
            print(f"  {label:8} precision {share:.3f}  ({len(band)} statements, {total} chars)")
        if "--rules" in argv:
            by_rule = defaultdict(list)
            for r in results:
                by_rule[(r[0]["kind"], r[0]["rule"])].append(r)
            for (kind, rule), band in sorted(by_rule.items()):
                total = sum(r[1] for r in band)
                good = sum(r[2] for r in band)
                share = good / total if total else 0.0
                conf = sum(r[0]["confidence"] for r in band) / len(band)
                print(
                    f"  {kind:8} {rule or '-':22} precision {share:.3f}  confidence {conf:.2f}"
                    f"  ({len(band)} statements, {total} chars)"
                )
        if "--score" in argv:
            with tempfile.TemporaryDirectory() as tmp:
                export = Path(tmp) / "export.jsonl"
                export.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
                r = scorer().score(str(export), str(gold), str(docs), verbose="--verbose" in argv)
            d, i = r["direct"], r["indirect"]
            print(
                f"  direct P {d['precision']:.3f} R {d['recall']:.3f} F1 {d['f1']:.3f}"
                f" | indirect P {i['precision']:.3f} R {i['recall']:.3f} F1 {i['f1']:.3f}"
                f" | dates {r['event_date_accuracy']:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
