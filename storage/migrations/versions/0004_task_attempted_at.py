"""Delivery state on tasks: when a delivery was first attempted, and where it is blocked.

A post whose answer was lost (or whose process died) may have reached the chat platform;
the next attempt reconciles against the channel's history before sending again
(``attempted_at``). Work the platform refuses for good until a person acts — the bot was
removed from the channel — is parked with the channel it needs (``blocked_on``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("task") as batch:
        batch.add_column(sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("blocked_on", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("task") as batch:
        batch.drop_column("blocked_on")
        batch.drop_column("attempted_at")
