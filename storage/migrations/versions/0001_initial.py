"""Initial schema: rounds, stances, history, due work (tasks), settings, escalations.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

Written against plain SQLAlchemy types (not sqlmodel's), so later sqlmodel releases cannot
change what an old revision creates. Timestamps are timezone-aware everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "round",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("workspace", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("chair", sa.String(32), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("details", sa.String(), nullable=False),
        sa.Column("voters", sa.String(), nullable=False),
        sa.Column("profile_key", sa.String(8), nullable=False),
        sa.Column("quorum", sa.String(32), nullable=False),
        sa.Column("reminders", sa.String(), nullable=False),
        _when("opened_at"),
        _when("closes_at"),
        sa.Column("status", sa.String(16), nullable=False),
        _when("closed_at", nullable=True),
        sa.Column("outcome", sa.String(), nullable=True),
        sa.Column("message_ref", sa.String(64), nullable=True),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("round.id"), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
    )
    op.create_index("ix_round_workspace", "round", ["workspace"])
    op.create_index("ix_round_channel", "round", ["channel"])
    op.create_index("ix_round_status_closes", "round", ["status", "closes_at"])

    op.create_table(
        "stance",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("round_id", sa.Integer(), sa.ForeignKey("round.id"), nullable=False),
        sa.Column("voter", sa.String(32), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        _when("cast_at"),
        sa.UniqueConstraint("round_id", "voter", name="uq_stance_round_voter"),
    )
    op.create_index("ix_stance_round_id", "stance", ["round_id"])

    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("workspace", sa.String(32), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(32), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        _when("at"),
    )
    op.create_index("ix_history_workspace", "history", ["workspace"])
    op.create_index("ix_history_round_id", "history", ["round_id"])

    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("escalation_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("target", sa.String(32), nullable=False),
        sa.Column("payload", sa.String(), nullable=False),
        _when("due_at"),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        _when("claimed_until", nullable=True),
        sa.Column("last_error", sa.String(), nullable=True),
        _when("done_at", nullable=True),
        sa.UniqueConstraint("kind", "round_id", "key", name="uq_task_kind_round_key"),
    )
    op.create_index("ix_task_round_id", "task", ["round_id"])
    op.create_index("ix_task_status_due", "task", ["status", "due_at"])

    op.create_table(
        "setting",
        sa.Column("workspace", sa.String(32), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(), nullable=False),
    )

    op.create_table(
        "escalation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("workspace", sa.String(32), nullable=False),
        sa.Column("round_id", sa.Integer(), sa.ForeignKey("round.id"), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("opened_by", sa.String(32), nullable=False),
        _when("opened_at"),
        _when("due_at"),
        _when("resolved_at", nullable=True),
        sa.Column("resolved_by", sa.String(32), nullable=True),
        sa.Column("resolution", sa.String(), nullable=False),
        sa.Column("message_ref", sa.String(64), nullable=True),
        sa.UniqueConstraint("round_id"),
    )
    op.create_index("ix_escalation_workspace", "escalation", ["workspace"])


def downgrade() -> None:
    for table in ("escalation", "setting", "task", "history", "stance", "round"):
        op.drop_table(table)
