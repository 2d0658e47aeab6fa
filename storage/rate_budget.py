"""Rate budgets shared by replicas: the next free slot of a limit, taken atomically.

A chat platform's rate tiers are per workspace, not per process: two replicas each pacing
reminder DMs at the allowed rate would together exceed it. So the pacing lives in the
database they share. Taking a slot is one upsert: the row's ``next_at`` moves to
``max(next_at, now) + interval`` and the caller gets the slot it moved past. Times are Unix
seconds in a float column, so the arithmetic is the same SQL on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func
from sqlalchemy.dialects import postgresql, sqlite

from storage.tables import RateSlotRow


class SqlRateBudget:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._postgres = engine.dialect.name == "postgresql"

    def reserve(self, key: str, interval: float, now: float) -> float:
        table = RateSlotRow.__table__  # type: ignore[attr-defined]
        insert: Any = postgresql.insert(table) if self._postgres else sqlite.insert(table)
        later = func.greatest if self._postgres else func.max
        statement = (
            insert.values(key=key, next_at=now + interval)
            .on_conflict_do_update(
                index_elements=[table.c.key],
                set_={"next_at": later(table.c.next_at, now) + interval},
            )
            .returning(table.c.next_at)
        )
        with self._engine.begin() as connection:
            next_at = float(connection.execute(statement).scalar_one())
        return next_at - interval
