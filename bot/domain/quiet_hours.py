"""When a reminder may reach a person: not at night in their own time zone.

Night is NIGHT_STARTS to DAY_STARTS local time, defined here once. A reminder due at night
goes out at DAY_STARTS the next morning in the reader's zone; if that would be at or after
the deadline it reminds about, there is no daytime moment left before the deadline (it is
night from now until then), so it goes out at once: a reminder too early beats none.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

NIGHT_STARTS = time(21, 0)
DAY_STARTS = time(8, 0)


def is_night(moment: time) -> bool:
    return moment >= NIGHT_STARTS or moment < DAY_STARTS


def daytime_moment(due: datetime, zone: ZoneInfo, deadline: datetime | None) -> datetime:
    """When a reminder due at ``due`` should go out for a reader in ``zone`` (UTC-aware)."""
    local = due.astimezone(zone)
    if not is_night(local.time()):
        return due
    # Before NIGHT_STARTS at night is the small hours: the morning is the same day's.
    morning_day = local.date() if local.time() < NIGHT_STARTS else local.date() + timedelta(days=1)
    # DAY_STARTS is never inside a daylight-saving gap (those are at night), so it exists.
    morning = datetime.combine(morning_day, DAY_STARTS, tzinfo=zone).astimezone(UTC)
    if deadline is not None and morning >= deadline:
        return due
    return morning
