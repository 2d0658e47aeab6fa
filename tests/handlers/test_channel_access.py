"""The membership check before a start: fast, bounded, and never remembering a "no"."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_sdk.errors import SlackApiError

from handlers.channel_access import Access, ChannelAccess


class FakeSlack:
    """conversations.info answering from a script; counts the calls."""

    def __init__(self, *answers: dict[str, Any] | str | None) -> None:
        self.answers = list(answers)
        self.calls = 0

    async def conversations_info(self, channel: str) -> dict[str, Any]:
        self.calls += 1
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if answer is None:  # Slack never answers
            await asyncio.Event().wait()
        if isinstance(answer, str):
            raise SlackApiError(answer, {"ok": False, "error": answer})
        assert isinstance(answer, dict)
        return {"ok": True, "channel": answer}


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def check(access: ChannelAccess, slack: FakeSlack, *, fresh: bool = False) -> Access:
    return asyncio.run(access.check(slack, "C1", fresh=fresh))  # type: ignore[arg-type]


def test_a_member_is_remembered_for_a_while_then_asked_again() -> None:
    clock, slack = Clock(), FakeSlack({"is_member": True})
    access = ChannelAccess(ttl=60, clock=clock)
    assert check(access, slack) is Access.MEMBER
    clock.now = 59
    assert check(access, slack) is Access.MEMBER
    assert slack.calls == 1
    clock.now = 61
    assert check(access, slack) is Access.MEMBER
    assert slack.calls == 2


def test_a_fresh_check_asks_slack_even_for_a_remembered_member() -> None:
    slack = FakeSlack({"is_member": True}, {"is_member": False})
    access = ChannelAccess(clock=Clock())
    assert check(access, slack) is Access.MEMBER
    assert check(access, slack, fresh=True) is Access.NOT_MEMBER


def test_not_a_member_is_never_remembered_so_an_invite_helps_at_once() -> None:
    slack = FakeSlack({"is_member": False}, {"is_member": True})
    access = ChannelAccess(clock=Clock())
    assert check(access, slack) is Access.NOT_MEMBER
    assert check(access, slack) is Access.MEMBER


def test_a_private_channel_the_bot_cannot_see_is_not_a_member() -> None:
    assert check(ChannelAccess(), FakeSlack("channel_not_found")) is Access.NOT_MEMBER


def test_a_slack_error_or_no_answer_leaves_the_start_to_go_ahead() -> None:
    assert check(ChannelAccess(), FakeSlack("ratelimited")) is Access.UNKNOWN
    # Bounded: a Slack that never answers costs the timeout, not the 3-second ack.
    assert check(ChannelAccess(timeout=0.01), FakeSlack(None)) is Access.UNKNOWN
