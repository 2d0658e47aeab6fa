"""Turning a typed deadline into an instant, in the person's time zone.

A local date-time is read in the person's zone (from their chat profile); without one it
is read in DEFAULT_ZONE, and the chair is told so. A local time that does not exist in that
zone (the hour skipped when clocks go forward) is refused with the nearest valid time. A
local time that happens twice (the hour repeated when clocks go back) is refused too, with
both readings as explicit offsets: a binding deadline should not depend on a guess.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.commands import Deadline
from bot.domain.errors import InvalidInput, Problem
from bot.domain.round import MAX_DURATION

DEFAULT_ZONE = "UTC"
MINUTE = timedelta(minutes=1)


class DeadlineProblem(Problem):
    TOO_LONG = "deadline.too_long"
    MISSING = "deadline.missing"
    # A wall-clock time the person's zone skips (DST gap) or has twice (clocks go back).
    SKIPPED_TIME = "deadline.skipped_time"
    REPEATED_TIME = "deadline.repeated_time"


def zone_of(name: str | None) -> ZoneInfo:
    """The zone named, or DEFAULT_ZONE when there is none (or it is not a zone)."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return ZoneInfo(DEFAULT_ZONE)


def _exists(local: datetime, zone: ZoneInfo) -> bool:
    aware = local.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == local


def _first_valid_after(local: datetime, zone: ZoneInfo) -> datetime:
    """The first time, minute by minute, after a skipped ``local`` time that exists: where
    the clocks jump to. It lies within the gap (a skipped time plus the gap exists)."""
    step = local
    while not _exists(step, zone):
        step += MINUTE
    return step


def _with_offset(local: datetime, zone: ZoneInfo, fold: int) -> str:
    offset = local.replace(tzinfo=zone, fold=fold).strftime("%z")
    return f"{local:%Y-%m-%dT%H:%M}{offset[:3]}:{offset[3:]}"


def local_instant(local: datetime, zone: ZoneInfo) -> datetime:
    """A wall-clock time in ``zone`` as a UTC instant, refusing one that is skipped or
    repeated there (see the module's docstring)."""
    if not _exists(local, zone):
        nearest = _first_valid_after(local, zone)
        raise InvalidInput(
            DeadlineProblem.SKIPPED_TIME,
            local=f"{local:%Y-%m-%d %H:%M}",
            zone=zone.key,
            nearest=f"{nearest:%H:%M}",
            suggestion=f"{nearest:%Y-%m-%dT%H:%M}",
        )
    first, second = local.replace(tzinfo=zone, fold=0), local.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        raise InvalidInput(
            DeadlineProblem.REPEATED_TIME,
            local=f"{local:%Y-%m-%d %H:%M}",
            zone=zone.key,
            first=_with_offset(local, zone, 0),
            second=_with_offset(local, zone, 1),
        )
    return first.astimezone(UTC)


def resolve_deadline(deadline: Deadline, now: datetime, timezone: str | None) -> datetime:
    """A duration counts from ``now``; a date-time with an offset is taken as given; one
    without is in the person's zone (``timezone``; None: DEFAULT_ZONE)."""
    if deadline.duration is not None:
        if deadline.duration > MAX_DURATION * 2:
            raise InvalidInput(DeadlineProblem.TOO_LONG)
        return now + deadline.duration
    if deadline.at is None:
        raise InvalidInput(DeadlineProblem.MISSING)
    if deadline.at.tzinfo is not None:
        return deadline.at.astimezone(UTC)
    return local_instant(deadline.at, zone_of(timezone))
