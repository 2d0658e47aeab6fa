"""Start keys in SQL: a `/consensus start` retried by Slack opens one round (bot.starts)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from storage.sql_part import SqlPart
from storage.tables import StartKeyRow


class StartSql(SqlPart):
    """Which start request opened which round."""

    def started_under(self, keys: Sequence[str]) -> dict[str, int]:
        table = StartKeyRow.__table__  # type: ignore[attr-defined]
        rows = self.session.execute(
            select(table.c.key, table.c.round_id).where(table.c.key.in_(list(keys)))
        )
        return {str(key): int(round_id) for key, round_id in rows}

    def claim_start(self, key: str, round_id: int, now: datetime) -> bool:
        table = StartKeyRow.__table__  # type: ignore[attr-defined]
        insert = (
            self._insert(table)
            .values(key=key, round_id=round_id, created_at=now)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(table.c.key)
        )
        # RETURNING, not rowcount: psycopg reports -1 for this statement.
        return self.session.execute(insert).first() is not None

    def release_start(self, key: str, round_id: int) -> None:
        table = StartKeyRow.__table__  # type: ignore[attr-defined]
        self.session.execute(table.delete().where(table.c.key == key, table.c.round_id == round_id))
