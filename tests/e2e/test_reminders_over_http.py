"""Reminders as people get them: a DM with the six buttons, and a batch that survives 429s."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.clock import ManualClock
from bot.usecases.consensus_service import ConsensusService
from handlers.notifier import SlackDirectory, SlackNotifier, make_web_client
from handlers.rate_tiers import TierBudget
from harness.local import LocalWorkspace
from slack_emulator.server import SlackEmulator
from storage.engine import create_schema, make_engine
from storage.rate_budget import SqlRateBudget
from storage.store import SqlStore
from tests.conftest import draft
from tests.e2e.conftest import ANA, BEN, CHAIR, CHANNEL, CY, DEE, last_ephemeral_text, start_round

CHANNEL_300 = "C0EVERYONE"


def test_remind_now_dms_each_non_responder_who_can_vote_from_the_dm(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace)
    workspace.sim.click(ANA.id, CHANNEL, ts, "vote_1")
    workspace.sim.click(CHAIR.id, CHANNEL, ts, "round_remind")
    workspace.settle()
    assert "Reminding 4 people" in last_ephemeral_text(workspace, CHAIR.id)
    for person in (CHAIR, BEN, CY, DEE):
        dms = workspace.emulator.messages(workspace.emulator.dm_channel(person.id))
        assert len(dms) == 1 and "waiting for your level" in dms[0].text
    assert workspace.emulator.messages(workspace.emulator.dm_channel(ANA.id)) == []
    dm_channel = workspace.emulator.dm_channel(BEN.id)
    reminder = workspace.emulator.messages(dm_channel)[0]
    assert workspace.sim.click(BEN.id, dm_channel, reminder.ts, "vote_2").status == 200
    workspace.settle()
    assert "2 Acceptable" in last_ephemeral_text(workspace, BEN.id)
    assert "2 of 5 have responded" in json.dumps(workspace.round_message(CHANNEL).blocks)


def test_300_reminder_dms_under_injected_429s_all_arrive_exactly_once(tmp_path: object) -> None:
    voters = [f"U{i:05d}" for i in range(300)]
    with SlackEmulator(seed=7) as emulator:
        for user in voters:
            emulator.add_user(user, user.lower())
        emulator.add_channel(CHANNEL_300, "everyone", voters)
        emulator.faults.add(method="chat.postMessage", kind="ratelimit", rate=0.3, retry_after=2)
        waits: list[float] = []
        client = make_web_client("xoxb-test", emulator.api_url, sleep=waits.append)
        engine = make_engine(f"sqlite:///{tmp_path}/dms.db")
        create_schema(engine)
        paced: list[float] = []
        notifier = SlackNotifier(client, TierBudget(SqlRateBudget(engine), sleep=paced.append))
        clock = ManualClock()
        service = ConsensusService(
            lambda: SqlStore(engine), clock, notifier, SlackDirectory(client)
        )
        service.start_round(
            draft(channel=CHANNEL_300, voters=tuple(voters), duration=timedelta(hours=10))
        )
        service.run_due_work()
        clock.advance(timedelta(hours=5))
        failed = 0
        for _ in range(45):  # each pass waits out Retry-After and the backoff, on the clock
            failed += service.run_due_work().failed
            clock.advance(timedelta(minutes=1))
        per_user = {user: len(emulator.messages(emulator.dm_channel(user))) for user in voters}
        assert set(per_user.values()) == {1}, "every voter reminded exactly once"
        assert failed > 0  # some were refused with a 429 ...
        assert not waits  # ... and waited out by the due work, not inside the HTTP call
        assert not emulator.calls_to("conversations.history")  # a 429 needs no look
        assert len(paced) > 0  # the batch was paced
        engine.dispose()
