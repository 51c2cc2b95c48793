"""Event records -> the formats the field reads: JSON Lines (CONTRACT §2) and ICEWS/GDELT-style CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

# ICEWS column names first, then the GDELT-style fields ICEWS lacks.
CSV_COLUMNS = [
    "Event ID", "Event Date", "Date Precision", "Source Name", "Source Sectors", "Source Country",
    "Event Text", "CAMEO Code", "PLOVER Type", "PLOVER Mode", "Intensity", "Target Name", "Target Sectors",
    "Target Country", "Story ID", "Sentence", "Start", "End", "Publisher", "Status", "Confidence",
    "QuadClass", "NumMentions", "NumArticles", "NumSources", "Attributed To", "Object",
]


def write_jsonl(events: Iterable[dict], out: TextIO) -> int:
    n = 0
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[dict], out: TextIO, cameo_names: dict[str, str] | None = None) -> int:
    """One row per event; the evidence columns come from its first mention."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for e in events:
        first = (e.get("mentions") or [{}])[0]
        src, tgt = e.get("source") or {}, e.get("target") or {}
        writer.writerow([
            e["id"], e.get("date") or "", e.get("date_precision") or "", src.get("name", ""), src.get("sector") or "",
            src.get("country") or "", (cameo_names or {}).get(e["cameo"], ""), e["cameo"], e["type"],
            e.get("mode") or "", e.get("goldstein") if e.get("goldstein") is not None else "",
            tgt.get("name", ""), tgt.get("sector") or "", tgt.get("country") or "", first.get("document", ""),
            first.get("sentence", ""), first.get("start", ""), first.get("end", ""), first.get("publisher") or "",
            e.get("status", ""), e.get("confidence", ""), e.get("quad_class", ""), e.get("n_mentions", ""),
            e.get("n_documents", ""), e.get("n_publishers", ""), first.get("attributed_to") or "",
            e.get("object") or "",
        ])
        n += 1
    return n
