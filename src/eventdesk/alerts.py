"""Alerts: a query over events, or a Goldstein shift rule on a dyad, delivered once per event version.

An alert is stored as JSON in the `alerts` table. After each ingest or watch cycle, `run_alerts`
finds the events that match and have not been delivered in their current version, and delivers
them: printed, appended to a JSON Lines file, or POSTed as JSON to a webhook (retried on the next
run when it fails; `alert_deliveries` makes sure nothing goes out twice for one event version).
Events that already matched when the alert was added are its baseline, not news.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import EventdeskError
from .records import PLOVER_TYPES, STATUSES

DELIVERIES = ("print", "jsonl", "webhook")
HIDDEN_STATUSES = ("hypothetical", "negated")  # left out unless the query names a status


class AlertError(EventdeskError):
    """An alert definition is invalid, or names no alert that exists."""


@dataclass(frozen=True)
class AlertQuery:
    """Which events an alert watches. Field names follow the event query of the CLI (actor, dyad,
    type, status, since, until), so one query class can later serve both."""

    actor: str | None = None  # country code or actor name on either side
    dyad: tuple[str, str] | None = None  # two country codes, either direction
    type: tuple[str, ...] = ()  # PLOVER types; empty: any
    status: tuple[str, ...] = ()  # empty: all but hypothetical and negated
    since: str | None = None  # events on or after this date
    until: str | None = None
    min_reports: int = 1  # documents that report the event
    target: str | None = None  # country the act is aimed at ("a THREATEN against a watched country")

    def matches(self, event: dict) -> bool:
        src, tgt = event.get("source") or {}, event.get("target") or {}
        countries = (src.get("country"), tgt.get("country"))
        date = event.get("date")  # YYYY, YYYY-MM or YYYY-MM-DD: compared at its own precision
        checks = (
            not self.type or event.get("type") in self.type,
            event.get("status") in self.status if self.status else event.get("status") not in HIDDEN_STATUSES,
            not self.actor or self._actor_in(src, tgt),
            not self.dyad or set(self.dyad) == set(countries) or self.dyad == countries,
            not self.target or tgt.get("country") == self.target,
            (event.get("n_documents") or 0) >= self.min_reports,
            not self.since or bool(date) and _cut(date, self.since) >= _cut(self.since, date),
            not self.until or bool(date) and _cut(date, self.until) <= _cut(self.until, date),
        )
        return all(checks)

    def _actor_in(self, src: dict, tgt: dict) -> bool:
        wanted = self.actor.upper()
        return any(a.get("country") == wanted or self.actor.lower() in (a.get("name") or "").lower()
                   for a in (src, tgt))


def _cut(value: str, other: str) -> str:
    """`value` at the precision of the less precise of two dates ("2022-10-18" vs "2022-10")."""
    return value[:min(len(value), len(other))]


@dataclass(frozen=True)
class ShiftRule:
    """Fires when a dyad's mean Goldstein score over the last `recent_days` is below that of the
    `before_days` before them by at least `threshold`."""

    dyad: tuple[str, str]
    threshold: float = 2.0
    recent_days: int = 30
    before_days: int = 90


@dataclass(frozen=True)
class Alert:
    name: str
    query: AlertQuery | None = None
    shift: ShiftRule | None = None
    deliver: str = "print"  # print, jsonl, webhook
    target: str | None = None  # the JSON Lines file, or the webhook URL

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Alert:
        d = json.loads(text)
        query = d.get("query")
        shift = d.get("shift")
        return cls(name=d["name"], deliver=d.get("deliver", "print"), target=d.get("target"),
                   query=_query_from(query) if query else None,
                   shift=ShiftRule(**{**shift, "dyad": tuple(shift["dyad"])}) if shift else None)


def _query_from(d: dict) -> AlertQuery:
    return AlertQuery(**{**d, "dyad": tuple(d["dyad"]) if d.get("dyad") else None,
                         "type": tuple(d.get("type") or ()), "status": tuple(d.get("status") or ())})


def make_alert(name: str, *, actor=None, dyad=None, types=(), statuses=(), since=None, until=None,
               min_reports=1, against=None, shift_threshold=None, deliver="print", to=None) -> Alert:
    """A validated Alert from command-line values; AlertError names the bad field."""
    if not name.strip():
        raise AlertError("an alert needs a name")
    types = tuple(t.upper() for t in types)
    bad = [t for t in types if t not in PLOVER_TYPES]
    if bad:
        raise AlertError(f"--type {bad[0]!r} is not a PLOVER type; choose from {', '.join(PLOVER_TYPES)}")
    statuses = tuple(s.lower() for s in statuses)
    bad = [s for s in statuses if s not in STATUSES]
    if bad:
        raise AlertError(f"--status {bad[0]!r} is not a status; choose from {', '.join(STATUSES)}")
    pair = _dyad(dyad) if dyad else None
    if deliver not in DELIVERIES:
        raise AlertError(f"--deliver {deliver!r}: choose from {', '.join(DELIVERIES)}")
    if deliver in ("jsonl", "webhook") and not to:
        raise AlertError(f"--deliver {deliver} needs --to (a file for jsonl, a URL for webhook)")
    if deliver == "webhook" and not str(to).startswith(("http://", "https://")):
        raise AlertError(f"--to {to!r}: a webhook is an http:// or https:// URL")
    for option, value in (("--since", since), ("--until", until)):
        if value is not None and not re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
            raise AlertError(f"{option} expects a date such as 2022-10-18, 2022-10 or 2022, got {value!r}")
    if min_reports < 1:
        raise AlertError("--min-reports must be 1 or more")
    shift = None
    if shift_threshold is not None:
        if pair is None:
            raise AlertError("a Goldstein shift rule (--shift) needs --dyad")
        shift = ShiftRule(dyad=pair, threshold=float(shift_threshold))
        query = None
    else:
        query = AlertQuery(actor=actor, dyad=pair, type=types, status=statuses, since=since, until=until,
                           min_reports=min_reports, target=against.upper() if against else None)
    return Alert(name=name.strip(), query=query, shift=shift, deliver=deliver, target=str(to) if to else None)


def _dyad(value: str) -> tuple[str, str]:
    parts = value.replace("-", " ").replace(",", " ").upper().split()
    if len(parts) != 2:
        raise AlertError(f"--dyad expects two country codes such as 'ISR UKR', got {value!r}")
    return parts[0], parts[1]


# -- storing alerts ----------------------------------------------------------------------------

def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def add_alert(store, alert: Alert, today: dt.date | None = None) -> int:
    """Store the alert; what it already matches becomes its baseline. Returns the baseline size."""
    if store.db.execute("SELECT 1 FROM alerts WHERE name = ?", (alert.name,)).fetchone():
        raise AlertError(f"an alert named {alert.name!r} exists; remove it first")
    matches = list(matching(store, alert, today))
    with store.db:
        store.db.execute("INSERT INTO alerts VALUES (?,?,?)", (alert.name, alert.to_json(), _now()))
        store.db.executemany(
            "INSERT OR IGNORE INTO alert_deliveries (alert, event, version, state, at) VALUES (?,?,?,?,?)",
            [(alert.name, key, version, "baseline", _now()) for key, version, _ in matches])
    return len(matches)


def list_alerts(store) -> list[Alert]:
    return [Alert.from_json(r[0]) for r in store.db.execute("SELECT spec FROM alerts ORDER BY name")]


def get_alert(store, name: str) -> Alert:
    row = store.db.execute("SELECT spec FROM alerts WHERE name = ?", (name,)).fetchone()
    if row is None:
        known = ", ".join(a.name for a in list_alerts(store)) or "none"
        raise AlertError(f"no alert named {name!r} (alerts: {known})")
    return Alert.from_json(row[0])


def remove_alert(store, name: str) -> None:
    get_alert(store, name)
    with store.db:
        store.db.execute("DELETE FROM alert_deliveries WHERE alert = ?", (name,))
        store.db.execute("DELETE FROM alerts WHERE name = ?", (name,))


# -- matching ----------------------------------------------------------------------------------

def event_version(event: dict) -> str:
    """What makes an update of an event news again: its coding, date, status and reports."""
    src, tgt = event.get("source") or {}, event.get("target") or {}
    key = [event.get(k) for k in ("type", "cameo", "status", "date", "n_mentions", "n_documents")]
    key += [src.get("name"), tgt.get("name")]
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()[:16]


def matching(store, alert: Alert, today: dt.date | None = None) -> Iterator[tuple[str, str, dict]]:
    """(event key, version, payload) of everything the alert matches in the store now."""
    if alert.query is not None:
        sql, args = "SELECT id, record FROM events", []
        if alert.query.type:
            sql += f" WHERE type IN ({','.join('?' * len(alert.query.type))})"
            args = list(alert.query.type)
        for event_id, record in store.db.execute(sql + " ORDER BY date_start IS NULL, date_start, id", args).fetchall():
            event = store.full_record(event_id, record)
            if alert.query.matches(event):
                yield event["id"], event_version(event), event
    if alert.shift is not None:
        shift = goldstein_shift(store, alert.shift, today or dt.date.today())
        if shift is not None:
            yield f"shift:{'-'.join(alert.shift.dyad)}", shift["as_of"], shift


def goldstein_shift(store, rule: ShiftRule, today: dt.date) -> dict | None:
    """The shift payload when the dyad's recent mean Goldstein fell by the threshold, else None."""
    recent_start = today - dt.timedelta(days=rule.recent_days)
    before_start = recent_start - dt.timedelta(days=rule.before_days)
    a, b = rule.dyad
    rows = store.db.execute(
        "SELECT date_start, record FROM events WHERE date_precision = 'day' AND date_start > ? AND date_start <= ? "
        "AND ((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))",
        (before_start.isoformat(), today.isoformat(), a, b, b, a)).fetchall()
    recent, before = [], []
    for day, record in rows:
        score = json.loads(record).get("goldstein")
        if score is not None:
            (recent if day > recent_start.isoformat() else before).append(float(score))
    if not recent or not before:
        return None
    mean_recent, mean_before = sum(recent) / len(recent), sum(before) / len(before)
    if mean_before - mean_recent < rule.threshold:
        return None
    return {"kind": "goldstein_shift", "dyad": list(rule.dyad), "as_of": today.isoformat(),
            "mean_recent": round(mean_recent, 2), "events_recent": len(recent),
            "mean_before": round(mean_before, 2), "events_before": len(before),
            "threshold": rule.threshold}


# -- delivering --------------------------------------------------------------------------------

@dataclass
class Delivered:
    alert: str
    event: str
    payload: dict
    ok: bool = True
    error: str | None = None


@dataclass
class AlertRun:
    delivered: list[Delivered] = field(default_factory=list)
    failed: list[Delivered] = field(default_factory=list)


def run_alerts(store, printer: Callable[[str], None] = print, today: dt.date | None = None,
               post: Callable[[str, dict], None] | None = None) -> AlertRun:
    """Deliver every alert's new matches (and retry the webhooks that failed before)."""
    run = AlertRun()
    for alert in list_alerts(store):
        sent = {(r[0], r[1]) for r in store.db.execute(
            "SELECT event, version FROM alert_deliveries WHERE alert = ? AND state != 'pending'", (alert.name,))}
        for key, version, payload in matching(store, alert, today):
            if (key, version) in sent:
                continue
            outcome = _deliver(alert, key, payload, printer, post or post_json)
            _record(store, alert.name, key, version, outcome)
            (run.delivered if outcome.ok else run.failed).append(outcome)
    return run


def _deliver(alert: Alert, key: str, payload: dict, printer, post) -> Delivered:
    message = {"alert": alert.name, "event": key, "at": _now(), "record": payload}
    try:
        if alert.deliver == "jsonl":
            path = Path(alert.target)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as out:
                out.write(json.dumps(message, ensure_ascii=False) + "\n")
        elif alert.deliver == "webhook":
            post(alert.target, message)
        else:
            printer(describe(alert.name, payload))
    except (OSError, EventdeskError) as exc:
        return Delivered(alert.name, key, message, ok=False, error=str(exc))
    return Delivered(alert.name, key, message)


def _record(store, alert: str, key: str, version: str, outcome: Delivered) -> None:
    with store.db:
        store.db.execute(
            "INSERT INTO alert_deliveries (alert, event, version, state, attempts, payload, last_error, at) "
            "VALUES (?,?,?,?,1,?,?,?) ON CONFLICT(alert, event, version) DO UPDATE SET state = excluded.state, "
            "attempts = attempts + 1, last_error = excluded.last_error, at = excluded.at",
            (alert, key, version, "sent" if outcome.ok else "pending", json.dumps(outcome.payload),
             outcome.error, _now()))


def describe(alert: str, payload: dict) -> str:
    """One line for the terminal."""
    if payload.get("kind") == "goldstein_shift":
        return (f"[{alert}] Goldstein shift {'-'.join(payload['dyad'])}: {payload['mean_recent']} over the "
                f"last 30 days vs {payload['mean_before']} before (as of {payload['as_of']})")
    src, tgt = payload.get("source") or {}, payload.get("target") or {}
    return (f"[{alert}] {payload.get('date') or 'undated'} {payload.get('type')} {src.get('name')} -> "
            f"{tgt.get('name') or '-'} ({payload.get('status')}, {payload.get('n_documents')} document(s)) "
            f"{payload.get('id')}")


def post_json(url: str, message: dict, attempts: int = 3, backoff: float = 0.5, timeout: float = 10.0) -> None:
    """POST the message as JSON; retried with backoff; EventdeskError when every attempt failed."""
    import time

    import urllib3

    pool = urllib3.PoolManager(retries=False)
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    problem = ""
    for attempt in range(attempts):
        try:
            response = pool.request("POST", url, body=body, timeout=timeout, redirect=False,
                                    headers={"Content-Type": "application/json", "User-Agent": "eventdesk alerts"})
            if 200 <= response.status < 300:
                return
            problem = f"HTTP {response.status}"
        except urllib3.exceptions.HTTPError as exc:
            problem = str(getattr(exc, "reason", None) or exc)[:200]
        if attempt + 1 < attempts:
            time.sleep(backoff * 2 ** attempt)
    raise EventdeskError(f"webhook {url} failed after {attempts} attempts: {problem}")
