"""The desk's commands: `eventdesk serve` (HTTP API and web page) and `eventdesk upgrade`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from .errors import EventdeskError, NotFoundError
from .store import Store


def register(app: typer.Typer, db_path: Callable[[], Path]) -> None:
    """Add the desk's commands to the `eventdesk` command; `db_path` gives the chosen database."""

    @app.command()
    def serve(
        host: Annotated[str, typer.Option("--host", help="Address to listen on; another than 127.0.0.1 "
                                          "exposes your database to the network.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8000,
    ) -> None:
        """Serve the read-only HTTP API (/api, documented at /docs) and the web page (/) over the database."""
        import uvicorn

        from .api import create_app

        path = db_path()
        if not path.exists():
            raise NotFoundError(f"no database at {path}: run 'eventdesk ingest' first, or pass --db / EVENTDESK_DB")
        app_ = create_app(path)
        typer.echo(f"eventdesk: serving {path} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
        if host not in ("127.0.0.1", "localhost", "::1"):
            typer.echo(f"eventdesk: warning: --host {host} lets other machines read this database", err=True)
        uvicorn.run(app_, host=host, port=port, log_level="warning")

    @app.command()
    def upgrade() -> None:
        """Bring a database written by an older eventdesk up to date (read commands never change it)."""
        path = db_path()
        if not path.is_file():
            raise EventdeskError(f"no database at {path}")
        with Store(path) as store:
            applied = store.applied_now
        typer.echo(f"{path}: applied {', '.join(applied)}" if applied else f"{path}: already up to date")
