"""The few errors eventdesk raises, in one shape.

Each carries what an interface needs to answer it: the CLI prints the message on one line and
exits with `exit_code`; an HTTP API answers `http_status` with `as_dict()`.
"""

from __future__ import annotations


class EventdeskError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 1
    http_status = 400

    def as_dict(self) -> dict:
        """The one shape every error takes outside Python (JSON)."""
        return {"error": type(self).__name__, "message": str(self), "status": self.http_status}


class UsageError(EventdeskError):
    """An option or argument with a value eventdesk does not accept (a typo in --type, a bad date)."""

    exit_code = 2


class NotFoundError(EventdeskError):
    """What was asked for does not exist: no such event, no database at that path."""

    http_status = 404


class DataFileError(EventdeskError):
    """A shipped or user-supplied data file (codebook, actor table, gold file) is invalid."""

    http_status = 422


class StoreError(EventdeskError):
    """The database cannot be opened or is from an unknown version."""

    http_status = 503
