"""Turning a typed deadline into an instant, in the person's time zone.

A local date-time is read in the person's zone (from their chat profile); without one it
is read in DEFAULT_ZONE, and the chair is told so. A local time that does not exist in that
zone (the hour skipped when clocks go forward) is refused with the nearest valid time. A
local time that happens twice (the hour repeated when clocks go back) is refused too, with
both readings as explicit offsets: a binding deadline should not depend on a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.errors import InvalidInput, Problem
from bot.domain.round import MAX_DURATION

DEFAULT_ZONE = "UTC"
MINUTE = timedelta(minutes=1)
# A bare date means the end of that working day.
END_OF_WORKING_DAY = 17
# The largest amount of one unit read from a duration: more is far past MAX_DURATION anyway,
# and keeps timedelta from overflowing.
MAX_UNIT_AMOUNT = 10**6
_DURATION_PART = re.compile(r"(\d+)([dhms])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
# With an offset (`2026-12-01T17:00-05:00`) the time is taken as given, in any zone.
_DATE_FORMATS = (
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M%z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%d",
)


@dataclass(frozen=True)
class Deadline:
    """A deadline as typed: a duration from now, or a date-time (naive = the typist's zone)."""

    duration: timedelta | None = None
    at: datetime | None = None


def read_deadline(text: str) -> Deadline | None:
    """`3d`, `36h`, `90m`, `40s`, `1d12h`, or `2026-12-01T17:00` (also with a space, and
    with an offset such as `-05:00`); None when the text is none of these.

    The one reading of a typed deadline, so every front end accepts the same ones; each front
    end words its own refusal of None.
    """
    text = text.strip()
    compact = text.lower().replace(" ", "")
    if compact and _DURATION_PART.sub("", compact) == "":
        amounts: dict[str, int] = {}
        for amount, unit in _DURATION_PART.findall(compact):
            key = _UNITS[unit]
            amounts[key] = amounts.get(key, 0) + min(int(amount), MAX_UNIT_AMOUNT)
        return Deadline(duration=timedelta(**amounts))
    for fmt in _DATE_FORMATS:
        try:
            at = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt == "%Y-%m-%d":
            at = at.replace(hour=END_OF_WORKING_DAY)
        return Deadline(at=at)
    return None


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
