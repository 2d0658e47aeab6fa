"""Stances in SQL: one current level per person and round; the later choice wins."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import col

from bot.domain.round import Stance
from storage.round_rows import utc as _utc
from storage.sql_part import SqlPart
from storage.tables import StanceRow


class StanceSql(SqlPart):
    """People's current levels."""

    def stances(self, round_id: int) -> list[Stance]:
        query = select(StanceRow).where(col(StanceRow.round_id) == round_id)
        return [
            Stance(voter=r.voter, level=r.level, reason=r.reason, cast_at=_utc(r.cast_at))
            for r in self.session.execute(query).scalars()
        ]

    def stance(self, round_id: int, voter: str) -> Stance | None:
        """One person's current level, by the unique key (the vote path reads only this)."""
        query = select(StanceRow).where(
            col(StanceRow.round_id) == round_id, col(StanceRow.voter) == voter
        )
        r = self.session.execute(query).scalars().first()
        return (
            Stance(voter=r.voter, level=r.level, reason=r.reason, cast_at=_utc(r.cast_at))
            if r
            else None
        )

    def put_stance(self, round_id: int, stance: Stance) -> None:
        table = StanceRow.__table__  # type: ignore[attr-defined]
        values = {
            "round_id": round_id,
            "voter": stance.voter,
            "level": stance.level,
            "reason": stance.reason,
            "cast_at": stance.cast_at,
        }
        insert = self._insert(table).values(**values)
        # The unique key makes one current level per person; the later choice wins.
        insert = insert.on_conflict_do_update(
            index_elements=["round_id", "voter"],
            set_={"level": stance.level, "reason": stance.reason, "cast_at": stance.cast_at},
            where=table.c.cast_at <= insert.excluded.cast_at,
        )
        self.session.execute(insert)

    def stances_version(self, round_id: int) -> tuple[int, datetime | None]:
        table = StanceRow.__table__  # type: ignore[attr-defined]
        query = select(func.count(), func.max(table.c.cast_at)).where(table.c.round_id == round_id)
        count, latest = self.session.execute(query).one()
        return int(count), _utc(latest) if latest is not None else None

    def stances_of(self, round_id: int, voters: Sequence[str]) -> dict[str, Stance]:
        table = StanceRow.__table__  # type: ignore[attr-defined]
        query = select(table.c.voter, table.c.level, table.c.reason, table.c.cast_at).where(
            table.c.round_id == round_id, table.c.voter.in_(list(set(voters)))
        )
        return {
            r.voter: Stance(r.voter, r.level, r.reason, _utc(r.cast_at))
            for r in self.session.execute(query)
        }

    def put_stances(self, round_id: int, stances: Sequence[Stance]) -> None:
        if not stances:
            return
        latest = {s.voter: s for s in stances}  # one row per person: the last one given
        table = StanceRow.__table__  # type: ignore[attr-defined]
        insert = self._insert(table)
        insert = insert.on_conflict_do_update(
            index_elements=["round_id", "voter"],
            set_={
                "level": insert.excluded.level,
                "reason": insert.excluded.reason,
                "cast_at": insert.excluded.cast_at,
            },
            where=table.c.cast_at <= insert.excluded.cast_at,
        )
        rows = [
            {
                "round_id": round_id,
                "voter": s.voter,
                "level": s.level,
                "reason": s.reason,
                "cast_at": s.cast_at,
            }
            for s in latest.values()
        ]
        self.session.execute(insert, rows)

    def stances_of_rounds(self, round_ids: Sequence[int]) -> dict[int, list[Stance]]:
        query = select(StanceRow).where(col(StanceRow.round_id).in_(list(round_ids)))
        found: dict[int, list[Stance]] = {}
        for r in self.session.execute(query.order_by(col(StanceRow.id))).scalars():
            found.setdefault(r.round_id, []).append(
                Stance(voter=r.voter, level=r.level, reason=r.reason, cast_at=_utc(r.cast_at))
            )
        return found
