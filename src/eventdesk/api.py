"""`eventdesk serve`: the HTTP API and the web page over one database, read-only.

Every connection opens the file read-only and no route writes. Every error, whatever raised it,
answers with one JSON shape: {"status", "title", "detail"}; no stack trace reaches a client.
"""

from __future__ import annotations

import logging
import threading
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .errors import EventdeskError, NotFoundError
from .query import MAX_LIMIT, EventQuery, parse_dyad, search_text
from .store import Store, reads

log = logging.getLogger("eventdesk.api")
WEB = Path(str(resources.files("eventdesk") / "web"))
DEFAULT_PAGE = 50
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_POLICY = PAGE_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'")


class NotFound(NotFoundError):
    """No such event, document or page (HTTP 404)."""


def problem(status: int, detail: str) -> JSONResponse:
    """The one error shape."""
    return JSONResponse({"status": status, "title": HTTPStatus(status).phrase, "detail": detail},
                        status_code=status, media_type="application/problem+json")


class Stores:
    """One read-only connection per worker thread (SQLite connections are not shared across threads)."""

    def __init__(self, path: Path):
        self.path = path
        self.local = threading.local()
        Store(path, readonly=True).close()  # fail now, with the store's message, not at the first request

    def get(self) -> Store:
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = Store(self.path, readonly=True)
        return store


Actor = Annotated[str | None, Query(max_length=200, description="Country code or actor name on either side.")]
Dyad = Annotated[str | None, Query(max_length=40, description="Two country codes, either direction: 'ISR UKR'.")]
Type = Annotated[str | None, Query(max_length=40, description="PLOVER type, e.g. CONSULT.")]
Status = Annotated[str | None, Query(max_length=40, description="A status, or 'all' (default: all but "
                                                                "hypothetical and negated).")]
Since = Annotated[str | None, Query(max_length=40, description="Events on or after: 2022, 2022-10 or 2022-10-18.")]
Until = Annotated[str | None, Query(max_length=40, description="Events on or before: 2022, 2022-10 or 2022-10-18.")]
Country = Annotated[str, PathParam(max_length=12, description="Country code, e.g. ISR.")]


def create_app(db_path: str | Path) -> FastAPI:
    stores = Stores(Path(db_path))
    app = FastAPI(title="eventdesk", version=_version(), docs_url=None, redoc_url=None,
                  description="Dated, deduplicated, source-attributed events from your own news articles. "
                              "Read-only.")
    _errors(app)
    _pages(app)

    @app.get("/api/events", summary="Events matching the filters, by date (undated last), one page at a time")
    def events(actor: Actor = None, dyad: Dyad = None, type: Type = None, status: Status = None,
               since: Since = None, until: Until = None,
               limit: Annotated[int, Query(ge=1, description=f"Events per page, at most {MAX_LIMIT}.")] = DEFAULT_PAGE,
               cursor: Annotated[str | None, Query(max_length=400, description="'next' of the previous page.")] = None,
               ) -> dict:
        query = EventQuery(actor=actor, dyad=dyad, type=type, status=status, since=since, until=until,
                           limit=limit, cursor=cursor, max_limit=MAX_LIMIT)
        rows, after = stores.get().events_page(query)
        return {"events": rows, "next": after.encode() if after else None, "limit": query.limit}

    @app.get("/api/events/{event_id}", summary="One event with every mention of it")
    def event(event_id: Annotated[str, PathParam(max_length=100)]) -> dict:
        found = stores.get().event(event_id)
        if found is None:
            raise NotFound(f"no event with id {event_id!r}")
        return found

    @app.get("/api/documents/{document_id:path}", summary="A document's cleaned text, its mentions' offsets, "
                                                          "and what cleaning dropped")
    def document(document_id: Annotated[str, PathParam(max_length=1000)]) -> dict:
        found = reads.document(stores.get(), document_id)
        if found is None:
            raise NotFound(f"no document with id {document_id!r}")
        return found

    @app.get("/api/dyads/{a}/{b}/trend", summary="Per month (or week): counts by type and quad class, "
                                                 "Goldstein sum and mean, in both directions")
    def trend(a: Country, b: Country, type: Type = None, status: Status = None, since: Since = None,
              until: Until = None,
              interval: Annotated[str, Query(pattern="^(month|week)$", description="month or week")] = "month",
              ) -> dict:
        first, second = parse_dyad((a, b), "dyad")
        query = EventQuery(type=type, status=status, since=since, until=until)
        return reads.trend(stores.get(), first, second, query, interval)

    @app.get("/api/network", summary="Actors as nodes, directed edges weighted by events and Goldstein")
    def network(actor: Actor = None, dyad: Dyad = None, type: Type = None, status: Status = None,
                since: Since = None, until: Until = None,
                edges: Annotated[int, Query(ge=1, le=2000, description="At most this many edges, heaviest first.")]
                = 300) -> dict:
        query = EventQuery(actor=actor, dyad=dyad, type=type, status=status, since=since, until=until)
        return reads.network(stores.get(), query, edges)

    @app.get("/api/actors", summary="Actors and countries by name or code, most active first")
    def actors(q: Annotated[str, Query(min_length=1, max_length=100, description="Part of a name, or a code.")],
               limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict:
        return {"actors": reads.actors(stores.get(), search_text(q, "q"), limit)}

    return app


def _errors(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).description
        return problem(exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for error in exc.errors():
            where = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
            parts.append(f"{'.'.join(where) or 'request'}: {error.get('msg', 'invalid value')}")
        return problem(400, "; ".join(parts))

    @app.exception_handler(EventdeskError)
    async def refused(request: Request, exc: EventdeskError) -> JSONResponse:
        return problem(getattr(exc, "http_status", 400), str(exc))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("error answering %s", request.url.path)
        return problem(500, "the server could not answer this request; its log has the details")

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        docs = request.url.path == "/docs"
        response.headers["Content-Security-Policy"] = DOCS_POLICY if docs else PAGE_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response


def _pages(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    app.mount("/vendor", StaticFiles(directory=WEB / "vendor"), name="vendor")

    @app.get("/", include_in_schema=False)
    def home() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse((WEB / "docs.html").read_text(encoding="utf-8"))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventdesk")
    except PackageNotFoundError:
        return "0"
