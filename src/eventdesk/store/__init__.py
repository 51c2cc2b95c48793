"""The SQLite store: schema by named migrations, writes, and named read queries."""

from .db import Store, default_db_path

__all__ = ["Store", "default_db_path"]
