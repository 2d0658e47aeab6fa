"""Reminders reach people in their daytime: the night rule and its deadline exception."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.quiet_hours import DAY_STARTS, NIGHT_STARTS, daytime_moment, is_night

TORONTO = ZoneInfo("America/Toronto")  # UTC-5 in winter


def test_night_is_from_21_to_8_local_time() -> None:
    assert (time(21, 0), time(8, 0)) == (NIGHT_STARTS, DAY_STARTS)
    assert is_night(time(21, 0)) and is_night(time(7, 59)) and is_night(time(0, 0))
    assert not is_night(time(20, 59)) and not is_night(time(8, 0))


def test_a_reminder_due_at_exactly_21_moves_to_8_the_next_day() -> None:
    due = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)  # 21:00 in Toronto, 1 December
    moved = daytime_moment(due, TORONTO, None)
    assert moved == datetime(2026, 12, 2, 13, 0, tzinfo=UTC)  # 08:00 on 2 December


def test_a_night_reminder_goes_at_once_when_the_deadline_is_at_8() -> None:
    due = datetime(2026, 12, 2, 4, 0, tzinfo=UTC)  # 23:00 in Toronto
    deadline = datetime(2026, 12, 2, 13, 0, tzinfo=UTC)  # 08:00: the round closes then
    assert daytime_moment(due, TORONTO, deadline) == due


def test_a_daytime_reminder_goes_when_due() -> None:
    due = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # 10:00 in Toronto
    assert daytime_moment(due, TORONTO, due + timedelta(days=1)) == due


@pytest.mark.parametrize("hour_utc", [3, 7, 12])  # 22:00, 02:00, 07:00 in Toronto
def test_a_night_reminder_moves_to_8_the_next_morning_in_the_readers_zone(hour_utc: int) -> None:
    due = datetime(2026, 12, 2, hour_utc, 0, tzinfo=UTC) - timedelta(hours=0)
    moved = daytime_moment(due, TORONTO, due + timedelta(days=2))
    assert moved.astimezone(TORONTO).hour == 8 and moved > due
    assert moved - due < timedelta(hours=11)


def test_a_night_reminder_goes_at_once_when_the_morning_is_after_the_deadline() -> None:
    due = datetime(2026, 12, 2, 4, 0, tzinfo=UTC)  # 23:00 in Toronto
    deadline = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # 07:00 in Toronto
    assert daytime_moment(due, TORONTO, deadline) == due


def test_the_morning_is_8_local_time_across_a_daylight_saving_change() -> None:
    due = datetime(2027, 3, 14, 6, 0, tzinfo=UTC)  # 01:00 EST, the night clocks go forward
    moved = daytime_moment(due, TORONTO, None)
    assert moved == datetime(2027, 3, 14, 12, 0, tzinfo=UTC)  # 08:00 EDT
