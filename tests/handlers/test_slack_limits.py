"""The front end's Slack limits never exceed what Slack (the emulator's copy) enforces."""

from __future__ import annotations

import pytest

from handlers import slack_limits
from slack_emulator import limits as slack

FRONT_END = sorted(
    (name, value)
    for name, value in vars(slack_limits).items()
    if name.isupper() and isinstance(value, int)
)


def test_the_front_end_defines_limits() -> None:
    assert FRONT_END


@pytest.mark.parametrize(("name", "value"), FRONT_END, ids=[name for name, _ in FRONT_END])
def test_front_end_limit_is_within_slacks(name: str, value: int) -> None:
    assert hasattr(slack, name), f"the emulator does not know Slack's {name}"
    assert value <= getattr(slack, name)
