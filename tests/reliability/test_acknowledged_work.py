"""A request is answered before its work is done; tests wait for the work, not the clock.

Listeners acknowledge first and close the round, open the vote or answer privately after
the 200. On a busy machine that work can start after the test has moved on, so a test
that ran due work right after the 200 found nothing queued yet, and nothing ran it later
(`background=False`): the recorded vote of test_exactly_once was never posted, once. Here
the work is held on purpose, so the order that was rare becomes the only one.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from bot.clock import ManualClock
from harness.local import LocalWorkspace
from tests.reliability.conftest import CHAIR, CHANNEL, drain, pending_due, start_round

OUTCOMES = ("Consensus reached", "No consensus", "No quorum")


@pytest.mark.parametrize("how", ["/consensus close", "the Close button"])
def test_a_close_whose_work_runs_after_the_answer_is_still_drained_and_posted(
    ws: LocalWorkspace, clock: ManualClock, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    ts = start_round(ws)
    drain(ws, clock)
    assert ws.bot is not None
    service = ws.bot.service
    close_round = service.close_round
    go_on = threading.Event()

    def held(*args: Any, **kwargs: Any) -> Any:
        assert go_on.wait(60), "the test never let the close go on"
        return close_round(*args, **kwargs)

    monkeypatch.setattr(service, "close_round", held)
    if how == "/consensus close":
        answer = ws.sim.slash_command(CHAIR.id, CHANNEL, text="close")
    else:
        answer = ws.sim.click(CHAIR.id, CHANNEL, ts, "round_close")
    assert answer.status == 200
    # Answered, yet the close has not happened: its work is counted as still running.
    assert ws.bot.requests.running >= 1 and not ws.bot.requests.wait_until_idle(0)
    assert pending_due(ws, clock) == 0, "no outcome can be queued while the close is held"

    go_on.set()
    drain(ws, clock)  # waits for the close, then posts the outcome it queued

    outcomes = [m for m in ws.emulator.messages(CHANNEL) if m.text.startswith(OUTCOMES)]
    assert len(outcomes) == 1
    replies = [e.text for e in ws.emulator.ephemerals(user=CHAIR.id)]
    assert any("Closed proposal #1" in text for text in replies), replies
