"""`kill -9` in the middle of a round, then a restart: nothing lost, nothing sent twice.

The kill lands at the worst moment on purpose, not by timing luck: Slack has applied a
reminder DM and the bot is still waiting for the answer (the emulator's ``lost_answer``
fault holds the connection). The restarted bot must find that DM instead of sending it again,
and deliver the reminders the dead process had claimed but not started.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from slack_emulator.client import SlackUserSimulator
from slack_emulator.server import SlackEmulator
from tests.restart.support import (
    CHANNEL,
    SECRET,
    partners_channel,
    start_bot,
    tasks_in,
    wait_for,
)

CHAIR, VOTERS = "U0CHAIR", ("U0CHAIR", "U0ANA", "U0BEN", "U0CY", "U0DEE", "U0EVE")


@pytest.fixture
def emulator() -> Iterator[SlackEmulator]:
    with partners_channel(VOTERS) as emulator:
        yield emulator


def test_kill_9_mid_round_then_restart_loses_nothing_and_duplicates_nothing(
    emulator: SlackEmulator, tmp_path: Path
) -> None:
    path = tmp_path / "consensus.db"
    bot = start_bot(emulator, path, TASK_LEASE_SECONDS="2")
    sim = SlackUserSimulator(emulator, bot.events_url, SECRET)
    assert sim.slash_command(CHAIR, CHANNEL, text="start Share one intake form").status == 200
    wait_for(lambda: len(emulator.messages(CHANNEL)) == 1)
    ts = emulator.messages(CHANNEL)[0].ts
    acknowledged = {"U0ANA": "vote_1", "U0BEN": "vote_2"}
    for user, action in acknowledged.items():
        assert sim.click(user, CHANNEL, ts, action).status == 200
    # The next post is applied by Slack, and its answer held until the bot is dead.
    lost = emulator.faults.add(method="chat.postMessage", kind="lost_answer", count=1, delay=60)
    assert sim.click(CHAIR, CHANNEL, ts, "round_remind").status == 200
    assert lost.applied.wait(20), "a reminder DM reached Slack"
    bot.process.kill()  # SIGKILL mid-delivery: one DM applied unanswered, others claimed
    bot.process.wait(5)
    bot.stop()
    lost.release.set()

    restarted = start_bot(emulator, path, TASK_LEASE_SECONDS="2")
    try:
        waiting = ("U0CHAIR", "U0CY", "U0DEE", "U0EVE")
        wait_for(
            lambda: all(emulator.messages(emulator.dm_channel(u)) for u in waiting), timeout=30
        )
        sim = SlackUserSimulator(emulator, restarted.events_url, SECRET)
        assert sim.slash_command(CHAIR, CHANNEL, text="close").status == 200
        wait_for(lambda: any("No quorum" in m.text for m in emulator.messages(CHANNEL)))
        # Every delivery finished: a duplicate would be in by now.
        wait_for(lambda: tasks_in(path, "pending", "claimed") == 0)
        for user in waiting:
            assert len(emulator.messages(emulator.dm_channel(user))) == 1, user
        for user in acknowledged:
            assert emulator.messages(emulator.dm_channel(user)) == [], user
        assert emulator.calls_to("conversations.history"), "the unanswered DM was looked for"
        outcomes = [m for m in emulator.messages(CHANNEL) if m.ts != ts and not m.thread_ts]
        assert len(outcomes) == 1
        assert "2 of 6 responded" in json.dumps(outcomes[0].blocks)
    finally:
        restarted.stop()
