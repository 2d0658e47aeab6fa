"""Governance tables: the roster, its copy on each round, recorded votes and their ballots.

Also the guard that keeps the decision record append-only: database triggers that refuse
UPDATE and DELETE on ``history`` (created with the table by ``create_all``; a migration
installs the same statements with :func:`history_guard_statements`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import UniqueConstraint, event
from sqlmodel import Field, SQLModel

from storage.tables import HistoryChainRow, HistoryRow


class RosterRow(SQLModel, table=True):
    """A person's current place in the partnership (editable; changes go to the history)."""

    __tablename__ = "roster_entry"
    __table_args__ = (UniqueConstraint("workspace", "user", name="uq_roster_workspace_user"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(index=True, max_length=32)
    user: str = Field(max_length=32)
    organisation: str = Field(max_length=80)
    sector: str = Field(max_length=40)
    tier: str = Field(max_length=16)
    role: str = Field(max_length=16)
    position: int = 0
    updated_at: datetime
    updated_by: str = Field(max_length=32)


class RoundMemberRow(SQLModel, table=True):
    """The roster as it stood when a round opened: later edits never rewrite a decision."""

    __tablename__ = "round_member"
    __table_args__ = (UniqueConstraint("round_id", "user", name="uq_round_member_round_user"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    user: str = Field(max_length=32)
    organisation: str = Field(max_length=80)
    sector: str = Field(max_length=40)
    tier: str = Field(max_length=16)
    role: str = Field(max_length=16)
    position: int = 0
    seat: str = Field(max_length=128)


class RecordedVoteRow(SQLModel, table=True):
    __tablename__ = "recorded_vote"

    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(index=True, max_length=32)
    channel: str = Field(max_length=32)
    round_id: int = Field(foreign_key="round.id", index=True)
    chair: str = Field(max_length=32)
    title: str
    quorum: str = Field(max_length=32)
    threshold: str = Field(max_length=32)
    weights: str = "[]"  # JSON list of [sector, weight]
    protect_sector: bool = False
    affected_sector: str = Field(default="", max_length=40)
    opened_at: datetime
    closes_at: datetime
    status: str = Field(max_length=16)
    closed_at: datetime | None = None
    result: str | None = None
    message_ref: str | None = Field(default=None, max_length=64)


class BallotRow(SQLModel, table=True):
    """A person's current choice in a recorded vote; every change is also in the history."""

    __tablename__ = "ballot"
    __table_args__ = (UniqueConstraint("vote_id", "voter", name="uq_ballot_vote_voter"),)

    id: int | None = Field(default=None, primary_key=True)
    vote_id: int = Field(foreign_key="recorded_vote.id", index=True)
    voter: str = Field(max_length=32)
    choice: str = Field(max_length=16)
    cast_at: datetime


def history_guard_statements(dialect: str) -> list[str]:
    """SQL that makes the ``history`` table refuse UPDATE and DELETE on ``dialect``."""
    message = "the decision record is append-only"
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS history_no_{verb.lower()} BEFORE {verb} ON history "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            for verb in ("UPDATE", "DELETE")
        ]
    if dialect == "postgresql":
        return [
            "CREATE OR REPLACE FUNCTION history_append_only() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END; $$ LANGUAGE plpgsql",
            "DROP TRIGGER IF EXISTS history_append_only ON history",
            "CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history "
            "FOR EACH ROW EXECUTE FUNCTION history_append_only()",
        ]
    return []


@event.listens_for(HistoryRow.__table__, "after_create")  # type: ignore[attr-defined]
def _guard_history(target: Any, connection: Any, **_kw: Any) -> None:
    for statement in history_guard_statements(connection.dialect.name):
        connection.exec_driver_sql(statement)


@event.listens_for(HistoryChainRow.__table__, "after_create")  # type: ignore[attr-defined]
def _start_chain(target: Any, connection: Any, **_kw: Any) -> None:
    from bot.record import GENESIS

    connection.execute(target.insert().values(id=1, seq=0, hash=GENESIS))
