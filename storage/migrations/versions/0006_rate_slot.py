"""Rate budgets shared by every replica: the next free slot of each limited call.

One row per limit (a workspace and a Web API method, or a lane such as reminder DMs). A
process takes the next slot with one atomic upsert, so replicas together stay within the
chat platform's rate tier instead of each spending it on its own.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rate_slot",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("next_at", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("rate_slot")
