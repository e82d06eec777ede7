"""Compare the parser's event dates with the gold ones, independent of speaker attribution.

Usage: python tools/event_dates.py [SET] [-v]
SET is a name known to tools/score_sets.py (realdev, seeds, fixtures, holdout...) or a folder
holding docs/ and gold/. For every gold direct statement with a speaker and a dated event,
the event the parser gives that passage (the overlapping statement's, else the post's) is
compared with the gold date; the share of characters that agree is printed per document
and for the set. -v also lists the gold and parsed events of each document.
"""

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from score_sets import SETS  # noqa: E402

from ingest.parse import parse_document  # noqa: E402


def _event_key(document, start: int, end: int) -> str | None:
    """The event the parser gives the passage ``start:end``."""
    for statement in document.statements:
        if statement.start < end and start < statement.end:
            return statement.event_key
    for article in document.articles:
        if article.start <= start < article.end:
            return article.event_key
    return None


def compare(docs: Path, gold: Path, verbose: bool = False) -> float:
    """Print per-document agreement and return the set's share of agreeing characters."""
    hits = total = 0
    for path in sorted(gold.glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        text = (docs / annotation["file"]).read_text(encoding="utf-8")
        document = parse_document(text)
        parsed = {e.key: e for e in document.events}
        dated = {e["id"]: e["date"] for e in annotation.get("events", []) if e.get("date")}
        doc_hits = doc_total = cursor = 0
        misses = set()
        for statement in annotation["statements"]:
            start = text.find(statement["text"], cursor)
            start = text.find(statement["text"]) if start < 0 else start
            cursor = start
            want = dated.get(statement.get("event"))
            if statement["kind"] != "direct" or not statement.get("speaker") or not want:
                continue
            end = start + len(statement["text"])
            event = parsed.get(_event_key(document, start, end))
            got = event.start_date.isoformat() if event and event.start_date else None
            doc_total += end - start
            doc_hits += (end - start) * (got == want)
            if got != want:
                misses.add((want, got))
        hits, total = hits + doc_hits, total + doc_total
        share = f"{doc_hits / doc_total:.2f}" if doc_total else "   -"
        print(f"{annotation['file']:40} {share}  {' '.join(f'{w}->{g}' for w, g in misses)}")
        if verbose:
            for e in annotation.get("events", []):
                print(f"    gold   {e.get('date')} {e['kind']:20} {e['name'][:70]}")
            for e in document.events:
                print(f"    parsed {e.start_date} {e.kind:20} {e.name[:70]}")
    share = hits / total if total else 0.0
    print(f"event dates {share:.3f} over {total} characters")
    return share


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    name = args[0] if args else "realdev"
    docs, gold = SETS.get(name) or (Path(name) / "docs", Path(name) / "gold")
    compare(docs, gold, verbose="-v" in sys.argv)
