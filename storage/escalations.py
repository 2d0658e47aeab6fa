"""Escalations in SQL: opened with a due date, resolved once (the row is locked)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlmodel import col

from bot.domain.round import Round
from bot.ports import Escalation
from storage.round_rows import opt_utc as _opt_utc
from storage.round_rows import utc as _utc
from storage.sql_part import SqlPart
from storage.tables import EscalationRow


class EscalationSql(SqlPart):
    """Escalations to the steering committee."""

    def add_escalation(
        self, round_: Round, channel: str, by: str, opened_at: datetime, due_at: datetime
    ) -> Escalation:
        row = EscalationRow(
            workspace=round_.workspace,
            round_id=round_.id,
            channel=channel,
            opened_by=by,
            opened_at=opened_at,
            due_at=due_at,
        )
        self.session.add(row)
        self.session.flush()
        return _escalation(row)

    def get_escalation(self, escalation_id: int, lock: bool = False) -> Escalation | None:
        query = select(EscalationRow).where(col(EscalationRow.id) == escalation_id)
        if lock:
            query = query.with_for_update()
        row = self.session.execute(query).scalars().first()
        return _escalation(row) if row else None

    def escalation_for_round(self, round_id: int) -> Escalation | None:
        query = select(EscalationRow).where(col(EscalationRow.round_id) == round_id)
        row = self.session.execute(query).scalars().first()
        return _escalation(row) if row else None

    def save_escalation(self, escalation: Escalation) -> None:
        row = self.session.get(EscalationRow, escalation.id)
        if row is None:
            raise KeyError(escalation.id)
        row.resolved_at = escalation.resolved_at
        row.resolved_by = escalation.resolved_by
        row.resolution = escalation.resolution
        row.message_ref = escalation.message_ref
        self.session.add(row)
        self.session.flush()


def _escalation(row: EscalationRow) -> Escalation:
    assert row.id is not None
    return Escalation(
        id=row.id,
        workspace=row.workspace,
        round_id=row.round_id,
        channel=row.channel,
        opened_by=row.opened_by,
        opened_at=_utc(row.opened_at),
        due_at=_utc(row.due_at),
        resolved_at=_opt_utc(row.resolved_at),
        resolved_by=row.resolved_by,
        resolution=row.resolution,
        message_ref=row.message_ref,
    )
