"""The decision record as a hash chain: ``history.seq``, ``prev_hash``, ``hash``; the head.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

Existing entries are chained in the order they were written (by id), with the hash of
`bot.record` (the same function that checks the chain: the chain has one format). The
append-only triggers are lifted for the length of this transaction only, to fill the new
columns, and put back as they were.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.record import GENESIS, EntryFields, entry_hash

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REFUSAL = "the decision record is append-only"
_SQLITE_GUARD = [
    f"CREATE TRIGGER IF NOT EXISTS history_no_{verb.lower()} BEFORE {verb} ON history "
    f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
    for verb in ("UPDATE", "DELETE")
]
_POSTGRES_GUARD = [
    "CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history "
    "FOR EACH ROW EXECUTE FUNCTION history_append_only()",
]


def _lift_guard(dialect: str) -> None:
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS history_no_update")
        op.execute("DROP TRIGGER IF EXISTS history_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS history_append_only ON history")


def _restore_guard(dialect: str) -> None:
    for statement in _SQLITE_GUARD if dialect == "sqlite" else _POSTGRES_GUARD:
        op.execute(statement)


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    op.add_column("history", sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column("history", sa.Column("prev_hash", sa.String(64), nullable=True))
    op.add_column("history", sa.Column("hash", sa.String(64), nullable=True))
    op.create_table(
        "history_chain",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    _lift_guard(dialect)
    history = sa.table(
        "history",
        sa.column("id", sa.Integer()),
        sa.column("workspace", sa.String()),
        sa.column("round_id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("actor", sa.String()),
        sa.column("level", sa.Integer()),
        sa.column("text", sa.String()),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("seq", sa.Integer()),
        sa.column("prev_hash", sa.String()),
        sa.column("hash", sa.String()),
    )
    seq, prev = 0, GENESIS
    rows = bind.execute(sa.select(history).order_by(history.c.id)).all()
    for row in rows:
        seq += 1
        fields = EntryFields(
            row.workspace, row.round_id, row.kind, row.actor, row.level, row.text, row.at
        )
        digest = entry_hash(seq, fields, prev)
        bind.execute(
            history.update()
            .where(history.c.id == row.id)
            .values(seq=seq, prev_hash=prev, hash=digest)
        )
        prev = digest
    bind.execute(
        sa.table(
            "history_chain",
            sa.column("id", sa.Integer()),
            sa.column("seq", sa.Integer()),
            sa.column("hash", sa.String()),
        )
        .insert()
        .values(id=1, seq=seq, hash=prev)
    )
    with op.batch_alter_table("history") as batch:
        for name, type_ in (("seq", sa.Integer()), ("prev_hash", sa.String(64))):
            batch.alter_column(name, existing_type=type_, nullable=False)
        batch.alter_column("hash", existing_type=sa.String(64), nullable=False)
    op.create_index("ix_history_seq", "history", ["seq"], unique=True)
    _restore_guard(dialect)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _lift_guard(dialect)
    op.drop_index("ix_history_seq", table_name="history")
    with op.batch_alter_table("history") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
    op.drop_table("history_chain")
    _restore_guard(dialect)
