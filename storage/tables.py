"""Database tables. Timestamps are timezone-aware UTC; uniqueness lives in keys, not Python."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class RoundRow(SQLModel, table=True):
    __tablename__ = "round"
    __table_args__ = (Index("ix_round_status_closes", "status", "closes_at"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(index=True, max_length=32)
    channel: str = Field(index=True, max_length=32)
    chair: str = Field(max_length=32)
    title: str
    details: str = ""
    voters: str = "[]"  # JSON list of user ids, in the order given
    profile_key: str = Field(max_length=8)
    quorum: str = Field(max_length=32)  # a fraction such as "2/3"
    reminders: str = "[]"  # JSON list of fractions of the window, e.g. ["1/2", "9/10"]
    opened_at: datetime
    closes_at: datetime
    status: str = Field(max_length=16)
    closed_at: datetime | None = None
    outcome: str | None = None
    message_ref: str | None = Field(default=None, max_length=64)
    # Claimed by whichever process redraws the message, so all share one rate limit.
    redrawn_at: datetime | None = None
    parent_id: int | None = Field(default=None, foreign_key="round.id")
    revision: int = 1


class StanceRow(SQLModel, table=True):
    """A person's current level: one row per person per round, by a unique key."""

    __tablename__ = "stance"
    __table_args__ = (UniqueConstraint("round_id", "voter", name="uq_stance_round_voter"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    voter: str = Field(max_length=32)
    level: int
    reason: str = ""
    cast_at: datetime


class HistoryRow(SQLModel, table=True):
    """The append-only decision record: rows are inserted, never updated or deleted."""

    __tablename__ = "history"

    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(index=True, max_length=32)
    round_id: int | None = Field(default=None, index=True)
    kind: str = Field(max_length=32)
    actor: str = Field(max_length=32)
    level: int | None = None
    text: str = ""
    at: datetime
    # The hash chain (bot.record): the entry's place, its predecessor's hash and its own.
    seq: int = Field(index=True, unique=True)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class HistoryChainRow(SQLModel, table=True):
    """The head of the record's hash chain: one row, locked by every append (bot.record)."""

    __tablename__ = "history_chain"

    id: int = Field(default=1, primary_key=True)
    seq: int
    hash: str = Field(max_length=64)


class TaskRow(SQLModel, table=True):
    """Due work owed to the outside world, claimed atomically by one worker at a time."""

    __tablename__ = "task"
    __table_args__ = (
        UniqueConstraint("kind", "round_id", "key", name="uq_task_kind_round_key"),
        Index("ix_task_status_due", "status", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    round_id: int = Field(index=True)
    escalation_id: int | None = None
    key: str = Field(max_length=200)
    target: str = Field(default="", max_length=32)
    payload: str = "{}"
    due_at: datetime
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = None
    last_error: str | None = None
    done_at: datetime | None = None
    # Set when a delivery starts; cleared when the platform says it did not apply it. A task
    # claimed with this set may already have reached the platform (see bot.delivery).
    attempted_at: datetime | None = None
    # Parked (status "blocked") until the bot can post here again, e.g. after /invite.
    blocked_on: str | None = Field(default=None, max_length=32)
    # The post this task made (Slack: its ts), kept where a later task redraws it.
    posted_ref: str | None = Field(default=None, max_length=64)


class SettingRow(SQLModel, table=True):
    __tablename__ = "setting"

    workspace: str = Field(primary_key=True, max_length=32)
    key: str = Field(primary_key=True, max_length=64)
    value: str


class EscalationRow(SQLModel, table=True):
    __tablename__ = "escalation"

    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(index=True, max_length=32)
    round_id: int = Field(foreign_key="round.id", unique=True)
    channel: str = Field(max_length=32)
    opened_by: str = Field(max_length=32)
    opened_at: datetime
    due_at: datetime
    resolved_at: datetime | None = None
    resolved_by: str | None = Field(default=None, max_length=32)
    resolution: str = ""
    message_ref: str | None = Field(default=None, max_length=64)


class StartKeyRow(SQLModel, table=True):
    """A key under which a round was started (bot.starts): unique, so a repeated start, on
    any replica, finds the round instead of opening another."""

    __tablename__ = "start_key"

    key: str = Field(primary_key=True, max_length=200)
    round_id: int = Field(foreign_key="round.id", index=True)
    created_at: datetime


class RateSlotRow(SQLModel, table=True):
    """The next free slot (Unix time, seconds) of a rate limit shared by every replica."""

    __tablename__ = "rate_slot"

    key: str = Field(primary_key=True, max_length=200)
    next_at: float
