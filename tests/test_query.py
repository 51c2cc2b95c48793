"""EventQuery: one validated query for the CLI, the exports and the API."""

from __future__ import annotations

import pytest

from eventdesk.query import MAX_LIMIT, Cursor, EventQuery, QueryError
from eventdesk.records import STATUSES


@pytest.mark.parametrize("fields, normalised", [
    ({"dyad": "isr-ukr"}, {"dyad": ("ISR", "UKR")}),
    ({"dyad": "ISR,UKR"}, {"dyad": ("ISR", "UKR")}),
    ({"type": " consult "}, {"type": "CONSULT"}),
    ({"status": "ALL"}, {"status": None, "all_statuses": True}),
    ({"status": "Denied"}, {"status": "denied"}),
    ({"since": "2022"}, {"since": "2022-01-01"}),
    ({"until": "2022-02"}, {"until": "2022-02-28"}),
    ({"until": "2024-02"}, {"until": "2024-02-29"}),
    ({"actor": "  Gantz "}, {"actor": "Gantz"}),
    ({"actor": "  "}, {"actor": None}),
])
def test_values_are_normalised(fields, normalised):
    query = EventQuery(**fields)
    assert {k: getattr(query, k) for k in normalised} == normalised


@pytest.mark.parametrize("fields, named", [
    ({"type": "CONSULTS"}, ["type", "CONSULT, SUPPORT"]),
    ({"status": "maybe"}, ["status", "occurred", "negated", "all"]),
    ({"dyad": "ISR"}, ["dyad", "ISR"]),
    ({"dyad": "ISR UKR RUS"}, ["dyad"]),
    ({"dyad": "I' OR 1 UKR"}, ["dyad"]),
    ({"since": "yesterday"}, ["since", "2022-10-18"]),
    ({"until": "2022-13"}, ["until"]),
    ({"since": "2023", "until": "2022"}, ["since", "after"]),
    ({"limit": 0}, ["limit"]),
    ({"limit": 10**20}, ["limit"]),
    ({"limit": MAX_LIMIT + 1, "max_limit": MAX_LIMIT}, ["limit", str(MAX_LIMIT)]),
    ({"actor": "x" * 201}, ["actor", "200"]),
    ({"actor": "Is\x00rael"}, ["actor", "control"]),
    ({"cursor": "!!!"}, ["cursor"]),
    ({"cursor": "WzEsMiwzXQ"}, ["cursor"]),  # well-formed base64 of [1,2,3], not a cursor
])
def test_bad_values_are_refused_by_name(fields, named):
    with pytest.raises(QueryError) as error:
        EventQuery(**fields)
    assert all(part in str(error.value) for part in named), str(error.value)


def test_statuses_default_leaves_out_what_did_not_happen():
    assert "hypothetical" not in EventQuery().statuses and "negated" not in EventQuery().statuses
    assert EventQuery(status="all").statuses == EventQuery(all_statuses=True).statuses
    assert EventQuery(status="all").statuses == STATUSES
    assert EventQuery(status="negated").statuses == ("negated",)


@pytest.mark.parametrize("cursor", [Cursor("2022-10-17", "REJECT", "ev_1"), Cursor(None, "AGREE", "ev_2")])
def test_cursors_round_trip(cursor):
    assert Cursor.decode(cursor.encode()) == cursor
    assert EventQuery(cursor=cursor.encode()).cursor == cursor
