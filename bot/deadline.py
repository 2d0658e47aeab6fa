"""Turning a typed deadline into an instant."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.commands import Deadline
from bot.domain.errors import InvalidInput
from bot.domain.round import MAX_DURATION


def resolve_deadline(deadline: Deadline, now: datetime, timezone: str) -> datetime:
    """A duration counts from ``now``; a date-time without a zone is in the person's zone."""
    if deadline.duration is not None:
        if deadline.duration > MAX_DURATION * 2:
            raise InvalidInput("A round can run for at most a year. Try `--deadline 30d`.")
        return now + deadline.duration
    if deadline.at is None:
        raise InvalidInput("Give a deadline such as `3d` or `2026-12-01T17:00`.")
    at = deadline.at
    if at.tzinfo is None:
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        at = at.replace(tzinfo=zone)
    return at.astimezone(UTC)
