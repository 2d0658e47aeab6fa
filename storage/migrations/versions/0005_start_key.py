"""The keys under which rounds were started, so a repeated start opens no second round.

One row per key (the request's own id, and the chair/channel/proposal repeat windows; see
bot.starts). The primary key is what keeps two replicas from both opening the round.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "start_key",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("round_id", sa.Integer(), sa.ForeignKey("round.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_start_key_round_id", "start_key", ["round_id"])


def downgrade() -> None:
    op.drop_index("ix_start_key_round_id", table_name="start_key")
    op.drop_table("start_key")
