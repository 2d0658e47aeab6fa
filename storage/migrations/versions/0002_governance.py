"""Governance: the roster, its copy on each round, recorded votes, ballots; history guard.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Also makes ``history`` append-only with triggers that refuse UPDATE and DELETE. The SQL is
written out here (not imported) so this revision keeps doing what it did when it shipped.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REFUSAL = "the decision record is append-only"
_SQLITE_GUARD = [
    f"CREATE TRIGGER IF NOT EXISTS history_no_{verb.lower()} BEFORE {verb} ON history "
    f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
    for verb in ("UPDATE", "DELETE")
]
_POSTGRES_GUARD = [
    "CREATE OR REPLACE FUNCTION history_append_only() RETURNS trigger AS $$ "
    f"BEGIN RAISE EXCEPTION '{_REFUSAL}'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS history_append_only ON history",
    "CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history "
    "FOR EACH ROW EXECUTE FUNCTION history_append_only()",
]


def _member_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("user", sa.String(32), nullable=False),
        sa.Column("organisation", sa.String(80), nullable=False),
        sa.Column("sector", sa.String(40), nullable=False),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "roster_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("workspace", sa.String(32), nullable=False),
        *_member_columns(),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(32), nullable=False),
        sa.UniqueConstraint("workspace", "user", name="uq_roster_workspace_user"),
    )
    op.create_index("ix_roster_entry_workspace", "roster_entry", ["workspace"])

    op.create_table(
        "round_member",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("round_id", sa.Integer(), sa.ForeignKey("round.id"), nullable=False),
        *_member_columns(),
        sa.Column("seat", sa.String(128), nullable=False),
        sa.UniqueConstraint("round_id", "user", name="uq_round_member_round_user"),
    )
    op.create_index("ix_round_member_round_id", "round_member", ["round_id"])

    op.create_table(
        "recorded_vote",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("workspace", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("round_id", sa.Integer(), sa.ForeignKey("round.id"), nullable=False),
        sa.Column("chair", sa.String(32), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("quorum", sa.String(32), nullable=False),
        sa.Column("threshold", sa.String(32), nullable=False),
        sa.Column("weights", sa.String(), nullable=False),
        sa.Column("protect_sector", sa.Boolean(), nullable=False),
        sa.Column("affected_sector", sa.String(40), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("result", sa.String(), nullable=True),
        sa.Column("message_ref", sa.String(64), nullable=True),
    )
    op.create_index("ix_recorded_vote_workspace", "recorded_vote", ["workspace"])
    op.create_index("ix_recorded_vote_round_id", "recorded_vote", ["round_id"])

    op.create_table(
        "ballot",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vote_id", sa.Integer(), sa.ForeignKey("recorded_vote.id"), nullable=False),
        sa.Column("voter", sa.String(32), nullable=False),
        sa.Column("choice", sa.String(16), nullable=False),
        sa.Column("cast_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("vote_id", "voter", name="uq_ballot_vote_voter"),
    )
    op.create_index("ix_ballot_vote_id", "ballot", ["vote_id"])

    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": _SQLITE_GUARD, "postgresql": _POSTGRES_GUARD}.get(dialect, []):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS history_no_update")
        op.execute("DROP TRIGGER IF EXISTS history_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS history_append_only ON history")
        op.execute("DROP FUNCTION IF EXISTS history_append_only()")
    for table in ("ballot", "recorded_vote", "round_member", "roster_entry"):
        op.drop_table(table)
