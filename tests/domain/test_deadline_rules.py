"""Deadlines as typed: durations from now, or a date and time in the person's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.deadline import DEFAULT_ZONE, Deadline, DeadlineProblem, read_deadline, resolve_deadline
from bot.domain.errors import InvalidInput
from bot.domain.round import RoundProblem, validate_window
from tests.domain.support import NOW
from tests.problems import raises_problem, shown

TORONTO = "America/Toronto"


@pytest.mark.parametrize(
    ("typed", "duration"),
    [
        ("3d", timedelta(days=3)),
        ("36h", timedelta(hours=36)),
        ("90m", timedelta(minutes=90)),
        ("40s", timedelta(seconds=40)),
        ("1d12h", timedelta(days=1, hours=12)),
        (" 1D 12H ", timedelta(days=1, hours=12)),
        ("1h1h", timedelta(hours=2)),
        ("0d", timedelta(0)),
    ],
)
def test_a_duration_is_the_sum_of_its_parts(typed: str, duration: timedelta) -> None:
    assert read_deadline(typed) == Deadline(duration=duration)


def test_each_part_of_a_duration_is_capped_at_a_million_units() -> None:
    assert read_deadline("1000000s").duration == timedelta(seconds=10**6)
    assert read_deadline("1000001s").duration == timedelta(seconds=10**6)


@pytest.mark.parametrize(
    ("typed", "at"),
    [
        ("2026-12-01T17:30", datetime(2026, 12, 1, 17, 30)),
        ("2026-12-01 17:30", datetime(2026, 12, 1, 17, 30)),
        ("2026-12-01T17:30:15", datetime(2026, 12, 1, 17, 30, 15)),
        ("2026-12-01", datetime(2026, 12, 1, 17, 0)),  # the end of that working day
        (" 2026-12-01 ", datetime(2026, 12, 1, 17, 0)),
    ],
)
def test_a_date_and_time_is_read_without_a_zone(typed: str, at: datetime) -> None:
    assert read_deadline(typed) == Deadline(at=at)


@pytest.mark.parametrize("typed", ["", "   ", "3x", "tomorrow", "d", "2026-13-01", "3d!"])
def test_anything_else_is_not_a_deadline(typed: str) -> None:
    assert read_deadline(typed) is None


def test_a_duration_counts_from_now() -> None:
    assert resolve_deadline(Deadline(duration=timedelta(hours=5)), NOW, TORONTO) == NOW + (
        timedelta(hours=5)
    )


def test_a_date_without_a_zone_is_in_the_persons_zone() -> None:
    at = datetime(2026, 12, 1, 17, 0)
    resolved = resolve_deadline(Deadline(at=at), NOW, TORONTO)
    assert resolved == datetime(2026, 12, 1, 22, 0, tzinfo=UTC)  # 17 h in Toronto, winter
    assert resolved.tzinfo is UTC


def test_a_date_with_a_zone_keeps_it() -> None:
    at = datetime(2026, 12, 1, 17, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert resolve_deadline(Deadline(at=at), NOW, TORONTO) == datetime(
        2026, 12, 1, 16, 0, tzinfo=UTC
    )


@pytest.mark.parametrize("zone", ["Not/AZone", "", "../etc"])
def test_an_unknown_zone_is_read_as_utc(zone: str) -> None:
    at = datetime(2026, 12, 1, 17, 0)
    assert resolve_deadline(Deadline(at=at), NOW, zone) == datetime(2026, 12, 1, 17, 0, tzinfo=UTC)


def test_an_empty_deadline_is_refused() -> None:
    with raises_problem(DeadlineProblem.MISSING, InvalidInput):
        resolve_deadline(Deadline(), NOW, TORONTO)


def resolved_window(typed: str) -> datetime:
    """What every caller does: resolve the typed deadline, then check the window."""
    closes_at = resolve_deadline(read_deadline(typed), NOW, "UTC")
    validate_window(NOW, closes_at)
    return closes_at


def test_a_deadline_of_exactly_a_year_is_accepted_and_a_second_more_is_not() -> None:
    assert resolved_window("365d") == NOW + timedelta(days=365)
    assert resolved_window("364d24h") == NOW + timedelta(days=365)
    for too_long in ("365d1s", "366d", "730d", "731d", "1000000d"):
        with pytest.raises(InvalidInput) as refused:
            resolved_window(too_long)
        assert "at most a year" in shown(refused.value)


def test_a_deadline_of_30_seconds_is_accepted_and_29_is_not() -> None:
    assert resolved_window("30s") == NOW + timedelta(seconds=30)
    with raises_problem(RoundProblem.TOO_SHORT, InvalidInput, seconds=30):
        resolved_window("29s")
    with raises_problem(RoundProblem.DEADLINE_PAST, InvalidInput):
        resolved_window("0s")


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(
        st.tuples(st.integers(0, 10**6), st.sampled_from("dhms")), min_size=1, max_size=4
    )
)
def test_any_duration_typed_in_parts_is_their_sum(parts: list[tuple[int, str]]) -> None:
    typed = "".join(f"{amount}{unit}" for amount, unit in parts)
    seconds = {"d": 86400, "h": 3600, "m": 60, "s": 1}
    expected = timedelta(seconds=sum(amount * seconds[unit] for amount, unit in parts))
    assert read_deadline(typed).duration == expected


@settings(max_examples=150, deadline=None)
@given(seconds=st.integers(-10, 400 * 86400))
def test_a_window_is_accepted_exactly_when_it_is_30_seconds_to_a_year(seconds: int) -> None:
    closes_at = NOW + timedelta(seconds=seconds)
    accepted = 30 <= seconds <= 365 * 86400
    if accepted:
        validate_window(NOW, closes_at)
    else:
        with pytest.raises(InvalidInput):
            validate_window(NOW, closes_at)


def test_a_local_time_skipped_by_daylight_saving_is_refused_with_the_nearest_valid_time() -> None:
    with raises_problem(DeadlineProblem.SKIPPED_TIME, InvalidInput, nearest="03:00") as refused:
        resolve_deadline(Deadline(at=datetime(2027, 3, 14, 2, 30)), NOW, TORONTO)
    assert "does not exist in America/Toronto" in shown(refused.value)
    assert "nearest valid time is 03:00" in shown(refused.value)
    assert "2027-03-14T03:00" in shown(refused.value)


def test_a_local_time_repeated_when_clocks_go_back_is_refused_with_both_offsets() -> None:
    with raises_problem(DeadlineProblem.REPEATED_TIME, InvalidInput) as refused:
        resolve_deadline(Deadline(at=datetime(2026, 11, 1, 1, 30)), NOW, TORONTO)
    assert "happens twice" in shown(refused.value)
    assert "2026-11-01T01:30-04:00" in shown(refused.value)
    assert "2026-11-01T01:30-05:00" in shown(refused.value)


def test_a_deadline_with_an_offset_is_taken_as_given_whatever_the_zone() -> None:
    parsed = read_deadline("2026-11-01T01:30-05:00")
    assert resolve_deadline(parsed, NOW, TORONTO) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert resolve_deadline(parsed, NOW, None) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)


def test_without_a_zone_a_local_time_is_read_in_the_default_zone() -> None:
    at = datetime(2026, 12, 1, 17, 0)
    assert DEFAULT_ZONE == "UTC"
    assert resolve_deadline(Deadline(at=at), NOW, None) == datetime(2026, 12, 1, 17, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "typed", "nearest"),
    [
        (TORONTO, datetime(2027, 3, 14, 2, 0), "03:00"),
        (TORONTO, datetime(2027, 3, 14, 2, 59, 30), "03:00"),
        ("Australia/Lord_Howe", datetime(2026, 10, 4, 2, 10), "02:30"),  # a 30-minute gap
    ],
)
def test_the_nearest_valid_time_is_where_the_clocks_jump_to(
    zone: str, typed: datetime, nearest: str
) -> None:
    with raises_problem(DeadlineProblem.SKIPPED_TIME, InvalidInput, nearest=nearest):
        resolve_deadline(Deadline(at=typed), NOW, zone)


@pytest.mark.parametrize(
    "typed", ["2026-12-01T17:00-05:00", "2026-12-01 17:00-05:00", "2026-12-01T17:00:00-05:00"]
)
def test_a_date_and_time_may_carry_an_offset(typed: str) -> None:
    assert resolve_deadline(read_deadline(typed), NOW, None) == datetime(
        2026, 12, 1, 22, 0, tzinfo=UTC
    )
