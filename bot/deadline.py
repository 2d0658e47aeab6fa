"""Turning a typed deadline into an instant."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.commands import Deadline
from bot.domain.errors import InvalidInput, Problem
from bot.domain.round import MAX_DURATION


class DeadlineProblem(Problem):
    TOO_LONG = "deadline.too_long"
    MISSING = "deadline.missing"


def resolve_deadline(deadline: Deadline, now: datetime, timezone: str) -> datetime:
    """A duration counts from ``now``; a date-time without a zone is in the person's zone."""
    if deadline.duration is not None:
        if deadline.duration > MAX_DURATION * 2:
            raise InvalidInput(DeadlineProblem.TOO_LONG)
        return now + deadline.duration
    if deadline.at is None:
        raise InvalidInput(DeadlineProblem.MISSING)
    at = deadline.at
    if at.tzinfo is None:
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        at = at.replace(tzinfo=zone)
    return at.astimezone(UTC)
