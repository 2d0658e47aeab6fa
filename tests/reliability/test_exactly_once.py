"""Every post is exactly-once in effect, even when Slack applies it and the answer is lost.

The emulator's ``lost_answer`` fault makes the ambiguous failure happen on purpose: Slack
stores the message, then the connection closes without a reply. The bot cannot tell whether
its post arrived, so the next attempt looks for it (by the delivery key in the message's
metadata) before posting again. No timing is involved: the bot's and the emulator's clocks
are one ManualClock, and due work runs only when a test drains it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.usecases.coordinators import STEERING_CHANNEL
from handlers.posting import DELIVERY_EVENT
from harness.local import LocalWorkspace
from storage.store import SqlStore
from tests.reliability.conftest import (
    CHAIR,
    CHANNEL,
    PARTNERS,
    PEOPLE,
    STEERING,
    drain,
    start_round,
)


@pytest.fixture
def ws(clock: ManualClock) -> Iterator[LocalWorkspace]:
    """Slack's clock is the bot's clock, so message timestamps follow the test's time."""
    channels = {
        CHANNEL: ("oht-partners", [p.id for p in PEOPLE]),
        STEERING: ("oht-steering", [CHAIR.id]),
    }
    with LocalWorkspace(
        list(PEOPLE),
        channels,
        clock=clock,
        emulator_clock=lambda: clock.now().timestamp(),
        background=False,
    ) as workspace:
        yield workspace


def every_post_loses_its_answer(ws: LocalWorkspace) -> None:
    ws.emulator.faults.add(method="chat.postMessage", kind="lost_answer")


def deliveries(ws: LocalWorkspace, *channels: str) -> Counter[str]:
    """How many stored messages carry each delivery key, over these channels and threads."""
    found: Counter[str] = Counter()
    for channel in channels:
        for message in ws.emulator.messages(channel):
            metadata = message.metadata or {}
            if metadata.get("event_type") == DELIVERY_EVENT:
                found[metadata["event_payload"]["delivery"]] += 1
    return found


def top_level(ws: LocalWorkspace, channel: str) -> list[str]:
    return [m.text for m in ws.emulator.messages(channel) if not m.thread_ts]


def test_a_round_message_whose_answer_is_lost_is_posted_once_and_stays_live(
    ws: LocalWorkspace, clock: ManualClock
) -> None:
    every_post_loses_its_answer(ws)
    ts = start_round(ws)
    drain(ws, clock)
    assert len(top_level(ws, CHANNEL)) == 1
    assert ws.emulator.calls_to("conversations.history"), "the retry looked before posting"
    # The bot found the message it could not hear about: votes redraw that very message.
    assert ws.sim.click(PARTNERS[0].id, CHANNEL, ts, "vote_1").status == 200
    drain(ws, clock)
    message = ws.emulator.message(CHANNEL, ts)
    assert message is not None and "1 of 9 have responded" in message.text
    assert set(deliveries(ws, CHANNEL).values()) == {1}


def test_no_post_of_a_whole_decision_is_doubled_when_every_answer_is_lost(
    ws: LocalWorkspace, clock: ManualClock
) -> None:
    """Round, thread explanation, reminders, outcome, escalation and its reminder, recorded
    vote and its result: each applied by Slack, each answer lost, each in Slack once."""
    assert ws.bot is not None
    with SqlStore(ws.bot.engine) as store:
        store.set_setting(ws.emulator.team_id, STEERING_CHANNEL, STEERING)
    ts = start_round(ws)
    drain(ws, clock)
    every_post_loses_its_answer(ws)
    service = ws.bot.service
    service.cast_stance(1, PARTNERS[0].id, 6, "Pilot it in one clinic first")
    for partner in PARTNERS[1:6]:  # six of nine respond: the 2/3 quorum is met
        service.cast_stance(1, partner.id, 2)
    assert ws.sim.click(CHAIR.id, CHANNEL, ts, "round_remind").status == 200
    drain(ws, clock)
    assert ws.sim.slash_command(CHAIR.id, CHANNEL, text="close").status == 200
    drain(ws, clock)
    assert ws.sim.slash_command(CHAIR.id, CHANNEL, text="escalate").status == 200
    drain(ws, clock)
    clock.advance(timedelta(days=7))  # the steering channel's first weekly reminder
    drain(ws, clock)
    assert ws.sim.slash_command(CHAIR.id, CHANNEL, text="vote #1").status == 200
    drain(ws, clock)
    votes = [m.ts for m in ws.emulator.messages(CHANNEL) if "Recorded vote" in m.text]
    assert len(votes) == 1, "the recorded vote is posted once"
    assert ws.sim.click(PARTNERS[1].id, CHANNEL, votes[0], "ballot_for").status == 200
    assert ws.sim.click(CHAIR.id, CHANNEL, votes[0], "recorded_vote_close").status == 200
    drain(ws, clock)
    results = [m for m in ws.emulator.messages(CHANNEL) if ": recorded vote 1 on" in m.text]
    assert len(results) == 1, "the result is posted once"

    posted = deliveries(ws, CHANNEL, STEERING, *(ws.emulator.dm_channel(p.id) for p in PEOPLE))
    assert posted and set(posted.values()) == {1}, posted
    thread = [m.text for m in ws.emulator.messages(CHANNEL) if m.thread_ts]
    assert len(thread) == 1, thread  # the level-6 alternative, once
    assert len(top_level(ws, STEERING)) == 1  # the escalation
    assert len([m for m in ws.emulator.messages(STEERING) if m.thread_ts]) == 1  # its reminder
    reminded = [p for p in PEOPLE if ws.emulator.messages(ws.emulator.dm_channel(p.id))]
    assert len(reminded) == 3  # 9 voters, 6 had answered; the outsider is not a voter
    assert all(len(ws.emulator.messages(ws.emulator.dm_channel(p.id))) == 1 for p in reminded)
    lost = [c for c in ws.emulator.calls if c.fault == "lost_answer"]
    assert len(lost) == sum(posted.values()) - 1  # every post but the round message


def test_a_post_refused_by_slack_is_sent_again_without_looking(
    ws: LocalWorkspace, clock: ManualClock
) -> None:
    """A 429 means nothing was applied: no history read is needed to retry. The client does
    not sleep on it inside the claim; the due work waits Retry-After on its own clock."""
    ws.emulator.faults.add(method="chat.postMessage", kind="ratelimit", count=1, retry_after=7)
    assert ws.sim.slash_command(CHAIR.id, CHANNEL, text="start Share one intake form").status == 200
    ws.finish_requests()  # the round opens after the ack
    assert ws.bot is not None
    bot = ws.bot
    bot.service.run_due_work()
    clock.advance(timedelta(seconds=6))
    bot.service.run_due_work()
    assert top_level(ws, CHANNEL) == [], "Retry-After (7 s) is respected"
    clock.advance(timedelta(seconds=1))
    bot.service.run_due_work()
    assert len(top_level(ws, CHANNEL)) == 1
    assert not ws.emulator.calls_to("conversations.history")


def test_an_error_slack_says_may_have_applied_the_post_is_looked_for_first(
    ws: LocalWorkspace, clock: ManualClock
) -> None:
    """Slack documents that after internal_error or fatal_error part of the call may have
    taken effect: that is treated as a lost answer."""
    ws.emulator.faults.add(method="chat.postMessage", kind="error", count=1, error="fatal_error")
    assert ws.sim.slash_command(CHAIR.id, CHANNEL, text="start Share one intake form").status == 200
    drain(ws, clock)
    assert len(top_level(ws, CHANNEL)) == 1
    assert ws.emulator.calls_to("conversations.history")


def _answered(ws: LocalWorkspace, user: str, channel: str, text: str) -> None:
    """Type the command and wait for its private answer: the work runs after the
    acknowledgement, so the due work it records exists only once it has answered."""
    before = len(ws.emulator.ephemerals(user=user))
    assert ws.sim.slash_command(user, channel, text=text).status == 200
    ws.finish_requests()
    assert len(ws.emulator.ephemerals(user=user)) > before, f"{text!r} was answered"


def test_a_resolution_whose_answers_are_lost_is_told_once_in_each_channel(
    ws: LocalWorkspace, clock: ManualClock
) -> None:
    assert ws.bot is not None
    with SqlStore(ws.bot.engine) as store:
        store.set_setting(ws.emulator.team_id, STEERING_CHANNEL, STEERING)
    start_round(ws)
    drain(ws, clock)
    service = ws.bot.service
    service.cast_stance(1, PARTNERS[0].id, 6, "Pilot it in one clinic first")
    for partner in PARTNERS[1:6]:
        service.cast_stance(1, partner.id, 2)
    _answered(ws, CHAIR.id, CHANNEL, "close")
    drain(ws, clock)
    _answered(ws, CHAIR.id, CHANNEL, "escalate")
    drain(ws, clock)
    every_post_loses_its_answer(ws)
    _answered(ws, CHAIR.id, STEERING, "resolve 1 Pilot at two sites")
    drain(ws, clock)
    for channel in (CHANNEL, STEERING):
        told = [m for m in ws.emulator.messages(channel) if "Pilot at two sites" in m.text]
        assert len(told) == 1 and told[0].thread_ts, channel  # a reply in the thread, once
    assert set(deliveries(ws, CHANNEL, STEERING).values()) == {1}
    assert len([c for c in ws.emulator.calls if c.fault == "lost_answer"]) == 2  # both posts
