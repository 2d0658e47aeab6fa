"""The partnership's roster in SQL: who sits for which organisation and sector."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import col

from bot.domain.roster import Role, RosterEntry, Tier
from storage.governance_tables import RosterRow
from storage.sql_part import SqlPart


class RosterSql(SqlPart):
    """The roster of a workspace."""

    def roster(self, workspace: str) -> list[RosterEntry]:
        query = (
            select(RosterRow)
            .where(col(RosterRow.workspace) == workspace)
            .order_by(col(RosterRow.sector), col(RosterRow.position), col(RosterRow.id))
        )
        return [_entry(r) for r in self.session.execute(query).scalars()]

    def put_roster_entry(
        self, workspace: str, entry: RosterEntry, now: datetime, actor: str
    ) -> None:
        table = RosterRow.__table__  # type: ignore[attr-defined]
        values = _roster_values(workspace, entry, now, actor)
        insert = self._insert(table).values(**values)
        insert = insert.on_conflict_do_update(
            index_elements=["workspace", "user"],
            set_={k: v for k, v in values.items() if k not in ("workspace", "user")},
        )
        self.session.execute(insert)

    def remove_roster_entry(self, workspace: str, user: str) -> bool:
        table = RosterRow.__table__  # type: ignore[attr-defined]
        result = self.session.execute(
            delete(table).where(table.c.workspace == workspace, table.c.user == user)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def replace_roster(
        self, workspace: str, entries: Sequence[RosterEntry], now: datetime, actor: str
    ) -> None:
        table = RosterRow.__table__  # type: ignore[attr-defined]
        self.session.execute(delete(table).where(table.c.workspace == workspace))
        for entry in entries:
            self.session.add(RosterRow(**_roster_values(workspace, entry, now, actor)))
        self.session.flush()


def _roster_values(workspace: str, entry: RosterEntry, now: datetime, actor: str) -> dict[str, Any]:
    return {
        "workspace": workspace,
        "user": entry.user,
        "organisation": entry.organisation,
        "sector": entry.sector,
        "tier": entry.tier.value,
        "role": entry.role.value,
        "position": entry.position,
        "updated_at": now,
        "updated_by": actor,
    }


def _entry(row: RosterRow) -> RosterEntry:
    return RosterEntry(
        user=row.user,
        organisation=row.organisation,
        sector=row.sector,
        tier=Tier(row.tier),
        role=Role(row.role),
        position=row.position,
    )
