"""Outcomes and recorded-vote results are stored as codes, not as English keys.

Until now ``round.outcome`` held "Consensus reached", "No consensus" or "No quorum", and
``recorded_vote.result`` "Carried", "Not carried", "No quorum" or "Not carried: sector
protection": the core's enum values from before the front ends had words of their own. The
values are now the codes the export already used (``consensus``, ``not_carried``, …). This
rewrites the stored ones both ways. The decision record's entries are not touched: they are
hashed, and the core reads their older forms (bot/record_legacy.py).

The values are written out here, not imported: a migration is fixed once released.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OUTCOMES = {
    "Consensus reached": "consensus",
    "No consensus": "no_consensus",
    "No quorum": "no_quorum",
}
RESULTS = {
    "Carried": "carried",
    "Not carried": "not_carried",
    "No quorum": "no_quorum",
    "Not carried: sector protection": "not_carried_sector_protection",
}


def _rewrite(table: str, column: str, values: Mapping[str, str]) -> None:
    connection = op.get_bind()
    for old, new in values.items():
        connection.execute(
            sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old"),
            {"old": old, "new": new},
        )


def _flip(values: Mapping[str, str]) -> dict[str, str]:
    return {new: old for old, new in values.items()}


def upgrade() -> None:
    _rewrite("round", "outcome", OUTCOMES)
    _rewrite("recorded_vote", "result", RESULTS)


# The kinds of record entry whose text has been their parameters' JSON since this revision.
DATA_KINDS = (
    "round_closed",
    "escalated",
    "vote_called",
    "ballot",
    "vote_closed",
    "vote_cancelled",
    "roster_imported",
)


class EntriesAsData(RuntimeError):
    """The record holds entries the code before this revision cannot read."""


def downgrade() -> None:
    # Hashed entries are never rewritten, and the code before this revision reads a ballot or
    # a cancellation only in its old English form: going back would misread every entry
    # recorded since (a vote without ballots, a cancellation without its reason).
    connection = op.get_bind()
    kinds = ", ".join(f"'{kind}'" for kind in DATA_KINDS)
    recorded = connection.execute(
        sa.text(f"SELECT count(*) FROM history WHERE kind IN ({kinds}) AND text LIKE '{{%'")
    ).scalar()
    if recorded:
        raise EntriesAsData(
            f"{recorded} record entries were written as data since revision 0010; the code "
            "before it cannot read them. Restore the backup taken before the upgrade instead."
        )
    _rewrite("round", "outcome", _flip(OUTCOMES))
    _rewrite("recorded_vote", "result", _flip(RESULTS))
