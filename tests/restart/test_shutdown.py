"""SIGTERM and SIGINT stop the HTTP bot cleanly: exit 0 within 10 s, no traceback, nothing
left claimed, and a redraw still owed is made before it goes."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from slack_emulator.client import SlackUserSimulator
from slack_emulator.server import SlackEmulator
from tests.replicas.processes import BotProcess
from tests.restart.support import CHANNEL, SECRET, partners_channel, start_bot, tasks_in, wait_for

CHAIR = "U0CHAIR"
VOTERS = (CHAIR, *(f"U0P{i:02d}" for i in range(12)))
EXIT_WITHIN_SECONDS = 10


@pytest.fixture
def emulator() -> Iterator[SlackEmulator]:
    with partners_channel(VOTERS) as emulator:
        yield emulator


def stop_with(bot: BotProcess, sig: signal.Signals) -> tuple[int, str]:
    bot.process.send_signal(sig)
    code = bot.process.wait(EXIT_WITHIN_SECONDS)
    log = bot.log()
    bot.stop()
    return code, log


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_mid_reminder_wave_exits_0_hands_back_its_claims_and_loses_nothing(
    emulator: SlackEmulator, tmp_path: Path, sig: signal.Signals
) -> None:
    path = tmp_path / "consensus.db"
    bot = start_bot(emulator, path, LOG_LEVEL="INFO")
    sim = SlackUserSimulator(emulator, bot.events_url, SECRET)
    assert sim.slash_command(CHAIR, CHANNEL, text="start Share one intake form").status == 200
    wait_for(lambda: len(emulator.messages(CHANNEL)) == 1)
    ts = emulator.messages(CHANNEL)[0].ts
    # The first reminder DM is held open, so the signal lands while the wave is being sent
    # and the rest of the batch is still claimed.
    held = emulator.faults.add(method="chat.postMessage", kind="slow", count=1, delay=1.0)
    assert sim.click(CHAIR, CHANNEL, ts, "round_remind").status == 200
    wait_for(lambda: held.fired == 1)
    code, log = stop_with(bot, sig)
    assert code == 0, log
    assert "Traceback" not in log, log
    assert tasks_in(path, "claimed") == 0, "claimed work was handed back"

    restarted = start_bot(emulator, path)
    try:
        wait_for(lambda: all(emulator.messages(emulator.dm_channel(u)) for u in VOTERS))
        assert all(len(emulator.messages(emulator.dm_channel(u))) == 1 for u in VOTERS)
    finally:
        restarted.stop()


def test_a_vote_just_before_sigterm_is_drawn_on_the_round_message(
    emulator: SlackEmulator, tmp_path: Path
) -> None:
    bot = start_bot(emulator, tmp_path / "consensus.db", LOG_LEVEL="INFO")
    sim = SlackUserSimulator(emulator, bot.events_url, SECRET)
    assert sim.slash_command(CHAIR, CHANNEL, text="start Share one intake form").status == 200
    wait_for(lambda: len(emulator.messages(CHANNEL)) == 1)
    ts = emulator.messages(CHANNEL)[0].ts
    assert sim.click(VOTERS[1], CHANNEL, ts, "vote_2").status == 200
    code, log = stop_with(bot, signal.SIGTERM)
    assert code == 0, log
    message = emulator.message(CHANNEL, ts)
    assert message is not None and "1 of 13 have responded" in message.text
