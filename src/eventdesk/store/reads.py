"""Named read queries of the desk: a dyad's trend, the actor network, actor search, one document.

Each takes a Store (read-only is enough) and an EventQuery where filters apply; values travel
as SQL parameters.
"""

from __future__ import annotations

import json

from ..query import EventQuery
from .db import Store, dyad_key, event_filter

PERIODS = {  # interval -> (SQL period label, precisions fine enough to place an event in it)
    "month": ("substr(date_start, 1, 7)", ("day", "month")),
    "week": ("strftime('%Y-W%W', date_start)", ("day",)),
}


def trend(store: Store, a: str, b: str, query: EventQuery, interval: str = "month") -> dict:
    """Per period and direction (a->b, b->a, and a<->b for symmetric events): event counts by PLOVER
    type and by quad class, sum and mean of Goldstein scores. Events dated only to a coarser
    precision than the interval (a year, for months) cannot be placed and are counted apart."""
    label, precisions = PERIODS[interval]
    where, args = event_filter(EventQuery(dyad=(a, b), type=query.type, status=query.status,
                                          all_statuses=query.all_statuses, since=query.since, until=query.until),
                               store.db)
    direction = "CASE WHEN symmetric THEN 'mutual' WHEN source_country = ? THEN 'ab' ELSE 'ba' END"
    sql = (f"SELECT {label} AS period, {direction} AS direction, type, quad_class, COUNT(*) AS n, "
           f"SUM(goldstein) AS g FROM events WHERE {' AND '.join(where)} AND date_start IS NOT NULL "
           f"AND date_precision IN ({', '.join('?' * len(precisions))}) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2")
    names = {"ab": f"{a}->{b}", "ba": f"{b}->{a}", "mutual": f"{a}<->{b}"}
    series: dict[tuple[str, str], dict] = {}
    for row in store.db.execute(sql, [a, *args, *precisions]):
        entry = series.setdefault((row["period"], row["direction"]), {
            "period": row["period"], "direction": names[row["direction"]], "count": 0,
            "goldstein_sum": 0.0, "types": {}, "quad_classes": {}})
        entry["count"] += row["n"]
        entry["goldstein_sum"] += row["g"] or 0.0
        entry["types"][row["type"]] = entry["types"].get(row["type"], 0) + row["n"]
        quad = str(row["quad_class"]) if row["quad_class"] is not None else "unknown"
        entry["quad_classes"][quad] = entry["quad_classes"].get(quad, 0) + row["n"]
    for entry in series.values():
        entry["goldstein_sum"] = round(entry["goldstein_sum"], 3)
        entry["goldstein_mean"] = round(entry["goldstein_sum"] / entry["count"], 3)
    unplaced = store.db.execute(
        f"SELECT COUNT(*) FROM events WHERE {' AND '.join(where)} AND (date_start IS NULL OR date_precision "
        f"NOT IN ({', '.join('?' * len(precisions))}))", [*args, *precisions]).fetchone()[0]
    return {"a": a, "b": b, "interval": interval, "directions": list(names.values()),
            "series": list(series.values()), "not_placed": unplaced}


def network(store: Store, query: EventQuery, max_edges: int = 300) -> dict:
    """Actors as nodes, directed edges (source -> target) weighted by event count and Goldstein score,
    the `max_edges` heaviest first."""
    where, args = event_filter(query, store.db)
    sql = (f"SELECT source_key, target_key, COUNT(*) AS n, SUM(goldstein) AS g, SUM(symmetric) AS mutual, "
           f"MIN(rowid) AS example FROM events WHERE {' AND '.join(where)} AND target_key IS NOT NULL "
           f"GROUP BY source_key, target_key ORDER BY n DESC, source_key, target_key LIMIT ?")
    edges = [dict(row) for row in store.db.execute(sql, [*args, max_edges + 1])]
    truncated = len(edges) > max_edges
    edges = edges[:max_edges]
    nodes: dict[str, dict] = {}
    for edge in edges:  # names from one event of each edge: the grouping itself reads only the index
        names = store.db.execute("SELECT source_name, source_country, target_name, target_country FROM events "
                                 "WHERE rowid = ?", (edge["example"],)).fetchone()
        for key, name, country in ((edge["source_key"], names[0], names[1]), (edge["target_key"], names[2], names[3])):
            node = nodes.setdefault(key, {"id": key, "name": name, "country": country, "events": 0})
            node["events"] += edge["n"]
    return {
        "nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])),
        "edges": [{"source": e["source_key"], "target": e["target_key"], "events": e["n"],
                   "symmetric_events": e["mutual"], "goldstein_sum": round(e["g"] or 0.0, 3),
                   "goldstein_mean": round((e["g"] or 0.0) / e["n"], 3)} for e in edges],
        "truncated": truncated,
    }


def actors(store: Store, text: str, limit: int = 20) -> list[dict]:
    """Actors and countries whose name (or country code) contains `text`, most active first."""
    like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    code = text.strip().upper()
    sql = ("SELECT name, country, SUM(n) AS events FROM ("
           " SELECT source_name AS name, source_country AS country, COUNT(*) AS n FROM events"
           "  WHERE source_name LIKE ? ESCAPE '\\' OR source_country = ? GROUP BY 1, 2"
           " UNION ALL"
           " SELECT target_name, target_country, COUNT(*) FROM events"
           "  WHERE target_name LIKE ? ESCAPE '\\' OR target_country = ? GROUP BY 1, 2)"
           " WHERE name IS NOT NULL GROUP BY name, country ORDER BY events DESC, name LIMIT ?")
    return [dict(row) for row in store.db.execute(sql, (like, code, like, code, limit))]


def document(store: Store, doc_id: str) -> dict | None:
    """A document's cleaned text, metadata, the offsets of its mentions and what cleaning dropped."""
    row = store.db.execute("SELECT id, title, publisher, url, published, language, text, dropped "
                           "FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    mentions = [dict(m) for m in store.db.execute(
        'SELECT start, "end", event_id, type, cameo, status, json_extract(record, \'$.attributed_to\') '
        'AS attributed_to FROM mentions WHERE document = ? ORDER BY start, "end"', (doc_id,))]
    return {**{k: row[k] for k in ("id", "title", "publisher", "url", "published", "language", "text")},
            "mentions": mentions, "dropped": json.loads(row["dropped"] or "[]")}


__all__ = ["actors", "document", "dyad_key", "network", "trend"]
