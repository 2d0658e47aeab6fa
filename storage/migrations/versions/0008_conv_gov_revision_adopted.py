"""A revision's details keep data, not Slack markup, where the bot headed a paragraph.

Until now a revision round's details held the bot's own mrkdwn before the alternative it
adopts ("*Adopts the alternative offered by <@U…>:* ") and before the chair's answers
("*Answers to the information requests:* "). They now hold marks that the core writes and
each front end renders as its heading: ``[[adopted:U…]] `` (the alternative's author, by id)
and ``[[answers]] ``. This rewrites the revisions already stored, so they read exactly as
before. Only revisions are touched (the bot never wrote a heading into a first round), and
only headings at the start of a line (the only place the front end ever read them).

The formats are written out here, not imported: a migration is fixed once released.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD_ADOPTED = re.compile(r"^\*Adopts the alternative offered by <@([UW][A-Z0-9]+)>:\* ", re.M)
_OLD_ANSWERS = re.compile(r"^\*Answers to the information requests:\* ", re.M)
_NEW_ADOPTED = re.compile(r"^\[\[adopted:([UW][A-Z0-9]+)\]\] ", re.M)
_NEW_ANSWERS = re.compile(r"^\[\[answers\]\] ", re.M)


def to_marks(details: str) -> str:
    details = _OLD_ADOPTED.sub(lambda m: f"[[adopted:{m.group(1)}]] ", details)
    return _OLD_ANSWERS.sub(lambda _: "[[answers]] ", details)


def to_headings(details: str) -> str:
    details = _NEW_ADOPTED.sub(
        lambda m: f"*Adopts the alternative offered by <@{m.group(1)}>:* ", details
    )
    return _NEW_ANSWERS.sub(lambda _: "*Answers to the information requests:* ", details)


def _rewrite(change: Callable[[str], str]) -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, details FROM round WHERE parent_id IS NOT NULL")
    ).fetchall()
    for round_id, details in rows:
        changed = change(details or "")
        if changed != (details or ""):
            connection.execute(
                sa.text("UPDATE round SET details = :details WHERE id = :id"),
                {"details": changed, "id": round_id},
            )


def upgrade() -> None:
    _rewrite(to_marks)


def downgrade() -> None:
    _rewrite(to_headings)
