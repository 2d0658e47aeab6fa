"""A round's row as the core's Round: the one mapping, shared by the store and its mixins
(storage.rounds, storage.recorded_votes), which import it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from fractions import Fraction

from bot.domain.round import Round, RoundStatus
from bot.record_legacy import LEGACY_OUTCOMES, LEGACY_RESULTS
from storage.tables import RoundRow


def utc(value: datetime) -> datetime:
    # SQLite hands back what it stored; make sure comparisons are between aware values.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def opt_utc(value: datetime | None) -> datetime | None:
    return None if value is None else utc(value)


# Migration 0010 rewrote the English keys stored before issue 12 as codes; a replica still
# running the code before it may write one more while others have upgraded (a rolling
# deploy), so reading maps any it finds.
def outcome_code(value: str | None) -> str | None:
    return LEGACY_OUTCOMES.get(value, value) if value else value


def result_code(value: str | None) -> str | None:
    return LEGACY_RESULTS.get(value, value) if value else value


def round_from_row(row: RoundRow) -> Round:
    assert row.id is not None
    return Round(
        id=row.id,
        workspace=row.workspace,
        channel=row.channel,
        chair=row.chair,
        title=row.title,
        details=row.details,
        voters=tuple(json.loads(row.voters)),
        profile_key=row.profile_key,
        quorum=Fraction(row.quorum),
        opened_at=utc(row.opened_at),
        closes_at=utc(row.closes_at),
        reminders=tuple(Fraction(f) for f in json.loads(row.reminders)),
        status=RoundStatus(row.status),
        closed_at=opt_utc(row.closed_at),
        outcome=outcome_code(row.outcome),
        message_ref=row.message_ref,
        parent_id=row.parent_id,
        revision=row.revision,
    )
