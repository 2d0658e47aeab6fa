"""What every concept's SQL part shares: the unit of work's session and an upsert builder.

`storage.store.SqlStore` is one unit of work made of one part per concept (rounds, stances,
due work, roster, recorded votes, escalations, settings, start keys, the record), so a use-case
writes a round and everything that hangs on it in one transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session


class SqlPart:
    """The session of the unit of work in progress, and the engine's dialect."""

    _engine: Engine
    _session: Session | None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use SqlStore as a context manager")
        return self._session

    def _insert(self, table: Any) -> Any:
        """An INSERT that knows ON CONFLICT in this engine's dialect."""
        if self._engine.dialect.name == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)
